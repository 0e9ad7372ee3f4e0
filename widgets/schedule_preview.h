#pragma once
#include <QString>
#include <QWidget>

#include <cstdint>
#include <vector>

#include "core/train/recipe.h"

class QCPAxisRect;
class QCPGraph;
class QCustomPlot;

namespace sparsetune::widgets {

// The timeline's lanes, top to bottom.
enum class ScheduleLane { pruning, distillation, lr_warmup, lr_decay };

// When one part of the job is active, in optimizer steps [start, end]; start == end for a one-time
// event (one-shot pruning).
struct SchedulePhase {
  QString name;    // "Pruning", "Distillation", "LR warm-up", "LR decay"
  int64_t start = 0, end = 0;
  QString detail;  // "wanda, linear 10 % → 50 %", "CE × 1, SquareHead × 1", "cosine", ...
  ScheduleLane lane = ScheduleLane::pruning;
};

// The active phases of `recipe` over `totalSteps` optimizer steps, in lane order: pruning (absent when
// the recipe prunes nothing), distillation (absent without KD or SquareHead), LR warm-up (absent without
// warm-up steps), LR decay (or the constant rate after warm-up). Never throws.
std::vector<SchedulePhase> schedule_phases(const sparsetune::Recipe& recipe, int64_t totalSteps);

// A live preview of a recipe's schedules while it is edited: target sparsity per step (the very curve
// the trainer follows) with the mask update steps marked, the learning rate on the right axis, and a
// timeline of when pruning, distillation and LR warm-up/decay are active.
class SchedulePreview : public QWidget {
  Q_OBJECT
 public:
  explicit SchedulePreview(QWidget* parent = nullptr);

  void setRecipe(const sparsetune::Recipe& recipe, int64_t totalSteps);

  QCustomPlot* plot() const { return plot_; }
  QCPGraph* sparsityGraph() const { return sparsity_; }
  QCPGraph* updateStepsGraph() const { return updates_; }
  QCPGraph* learningRateGraph() const { return lr_; }
  // Why no curve is shown (an invalid schedule, no steps); empty while the curves are shown.
  QString problem() const { return problem_; }
  // The phases drawn in the timeline.
  const std::vector<SchedulePhase>& phases() const { return phases_; }

 private:
  void showProblem(const QString& problem);
  void drawTimeline(int64_t totalSteps);

  QCustomPlot* plot_;
  QCPAxisRect* timeline_;
  QCPGraph* sparsity_;
  QCPGraph* updates_;
  QCPGraph* lr_;
  QString problem_;
  std::vector<SchedulePhase> phases_;
};

}  // namespace sparsetune::widgets
