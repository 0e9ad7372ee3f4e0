#pragma once
#include <QWidget>

#include <cstdint>
#include <optional>
#include <vector>

class QLabel;
class QSlider;

namespace sparsetune {
class RunStore;
}
namespace sparsetune::widgets {
class SparsityHeatmap;
class WeightInspector;
struct WeightSample;
}  // namespace sparsetune::widgets

namespace sparsetune::studio {

// Per-layer sparsity of a run as a blocks × module-kind heatmap, live during gradual pruning, with a
// step slider over the recorded mask updates; clicking a cell asks for that weight's histogram and
// mask pattern (read from the run's latest saved model or checkpoint).
class LayersPage : public QWidget {
  Q_OBJECT
 public:
  explicit LayersPage(QWidget* parent = nullptr);

  void showRun(RunStore& store, int64_t run);
  void refresh(RunStore& store);
  void showWeight(const widgets::WeightSample& sample);
  void showWeightError(const QString& message);

  widgets::SparsityHeatmap* heatmap() const { return heatmap_; }
  widgets::WeightInspector* inspector() const { return inspector_; }
  QSlider* stepSlider() const { return stepSlider_; }

 Q_SIGNALS:
  // `modelDir` holds the weights to read (the run's newest model or checkpoint, else its start model).
  void weightRequested(const QString& modelDir, const QString& modulePath);

 private:
  void showStep(RunStore& store, int index);
  QString weightSource(RunStore& store) const;

  std::optional<int64_t> run_;
  std::vector<int64_t> steps_;
  bool followLatest_ = true;
  bool inspecting_ = false;  // a weight was asked for since this run was shown
  widgets::SparsityHeatmap* heatmap_;
  widgets::WeightInspector* inspector_;
  QSlider* stepSlider_;
  QLabel* stepLabel_;
  QLabel* weightStatus_;
  RunStore* store_ = nullptr;
};

}  // namespace sparsetune::studio
