#pragma once
#include <QWidget>

#include <cstdint>
#include <optional>
#include <vector>

#include "core/train/events.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace sparsetune {
class RunStore;
}
namespace sparsetune::widgets {
class ProfileView;
}

namespace sparsetune::studio {

// The records of one profile: the store keeps every measurement of a run in order; each covers every
// sparse layer once, then the whole model, so a layer seen again starts the next one.
std::vector<std::vector<ProfileRecord>> split_profiles(const std::vector<ProfileRecord>& records);

// Speed profiles of the current run (one per mask change and one at the end): the summary card, per
// layer dense vs sparse, speedup vs sparsity with the bandwidth bound, a pinnable baseline, and a
// button that profiles the run's newest model now on this machine.
class ProfilePage : public QWidget {
  Q_OBJECT
 public:
  explicit ProfilePage(QWidget* parent = nullptr);

  void showRun(RunStore& store, int64_t run);
  void refresh(RunStore& store);
  void setProfiling(bool busy, const QString& message);

  widgets::ProfileView* view() const { return view_; }
  QComboBox* profileChoice() const { return profileChoice_; }
  QPushButton* profileButton() const { return profileButton_; }

 Q_SIGNALS:
  // Asks the model worker to profile the model in `modelDir` and store it under `run`.
  void profileRequested(const QString& modelDir, qint64 run, int threads, const QString& values);

 private:
  void showChosen();

  std::optional<int64_t> run_;
  std::vector<std::vector<ProfileRecord>> profiles_;
  QString modelDir_;
  QComboBox* profileChoice_;
  QSpinBox* threads_;
  QComboBox* values_;
  QPushButton* profileButton_;
  QProgressBar* busy_;
  QLabel* status_;
  widgets::ProfileView* view_;
};

}  // namespace sparsetune::studio
