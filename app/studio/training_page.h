#pragma once
#include <QString>
#include <QWidget>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace sparsetune {
class RunStore;
}
namespace sparsetune::widgets {
class CurvePlot;
}

namespace sparsetune::studio {

// One run live: loss components, sparsity target and actual, accuracy recovery against the dense
// teacher and the one-shot start, learning rate; progress with ETA and the run controls. Reads only
// what is new in the store on each refresh.
class TrainingPage : public QWidget {
  Q_OBJECT
 public:
  explicit TrainingPage(QWidget* parent = nullptr);

  void showRun(RunStore& store, int64_t run);
  void refresh(RunStore& store);
  void setProgress(const QString& phase, qint64 done, qint64 total, double etaSeconds);
  void setControls(bool canPause, bool canResume);
  std::optional<int64_t> run() const { return run_; }

  widgets::CurvePlot* lossPlot() const { return lossPlot_; }
  widgets::CurvePlot* sparsityPlot() const { return sparsityPlot_; }
  widgets::CurvePlot* accuracyPlot() const { return accuracyPlot_; }
  widgets::CurvePlot* lrPlot() const { return lrPlot_; }
  QComboBox* accuracyChoice() const { return accuracyChoice_; }
  QLabel* header() const { return header_; }

 Q_SIGNALS:
  void pauseRequested();
  void cancelRequested();
  void resumeRequested();

 private:
  void refreshEvaluations(RunStore& store);
  void drawAccuracy();

  std::optional<int64_t> run_;
  std::map<std::string, int64_t> lastStep_;  // per metric, the last step already drawn
  // Evaluations by "task kind · metric" (e.g. "gsm8k · exact_match") and then by phase.
  struct EvalCurve {
    std::map<int64_t, double> during;  // step → value on the validation split
    std::optional<std::pair<int64_t, double>> final_value;
    std::optional<double> dense, oneshot;
    QString split;
  };
  std::map<QString, EvalCurve> evalCurves_;
  QLabel* header_;
  QProgressBar* progress_;
  QLabel* eta_;
  QPushButton* pause_;
  QPushButton* cancel_;
  QPushButton* resume_;
  QComboBox* accuracyChoice_;
  widgets::CurvePlot* lossPlot_;
  widgets::CurvePlot* sparsityPlot_;
  widgets::CurvePlot* accuracyPlot_;
  widgets::CurvePlot* lrPlot_;
};

}  // namespace sparsetune::studio
