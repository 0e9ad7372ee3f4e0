#include "app/studio/profile_page.h"

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

#include <set>

#include "core/store/run_store.h"
#include "widgets/profile_view.h"

namespace sparsetune::studio {

std::vector<std::vector<ProfileRecord>> split_profiles(const std::vector<ProfileRecord>& records) {
  std::vector<std::vector<ProfileRecord>> profiles;
  std::set<std::string> seen;
  for (const ProfileRecord& r : records) {
    if (profiles.empty() || seen.count(r.layer) > 0) {
      profiles.emplace_back();
      seen.clear();
    }
    seen.insert(r.layer);
    profiles.back().push_back(r);
  }
  return profiles;
}

ProfilePage::ProfilePage(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* row = new QHBoxLayout;
  row->addWidget(new QLabel(tr("Profile"), this));
  profileChoice_ = new QComboBox(this);
  profileChoice_->setMinimumContentsLength(30);
  row->addWidget(profileChoice_, 1);
  row->addSpacing(16);
  row->addWidget(new QLabel(tr("Threads"), this));
  threads_ = new QSpinBox(this);
  threads_->setRange(1, std::max(1, QThread::idealThreadCount()));
  threads_->setValue(std::max(1, QThread::idealThreadCount()));
  row->addWidget(threads_);
  row->addWidget(new QLabel(tr("Values"), this));
  values_ = new QComboBox(this);
  values_->addItems({QStringLiteral("f32"), QStringLiteral("bf16"), QStringLiteral("i8")});
  values_->setToolTip(tr("How the sparse kernels store the kept weights: float32, bfloat16, or int8 with per-row scales"));
  row->addWidget(values_);
  profileButton_ = new QPushButton(tr("Profile now"), this);
  profileButton_->setToolTip(tr("Time every sparse layer and greedy decoding, dense against sparse, on this machine"));
  profileButton_->setEnabled(false);
  row->addWidget(profileButton_);
  layout->addLayout(row);
  auto* statusRow = new QHBoxLayout;
  status_ = new QLabel(tr("No run chosen."), this);
  status_->setWordWrap(true);
  statusRow->addWidget(status_, 1);
  busy_ = new QProgressBar(this);
  busy_->setRange(0, 0);
  busy_->setMaximumWidth(160);
  busy_->hide();
  statusRow->addWidget(busy_);
  layout->addLayout(statusRow);
  view_ = new widgets::ProfileView(this);
  layout->addWidget(view_, 1);

  connect(profileChoice_, &QComboBox::currentIndexChanged, this, [this] { showChosen(); });
  connect(profileButton_, &QPushButton::clicked, this, [this] {
    if (!run_ || modelDir_.isEmpty()) return;
    Q_EMIT profileRequested(modelDir_, *run_, threads_->value(), values_->currentText());
  });
}

void ProfilePage::showRun(RunStore& store, int64_t run) {
  run_ = run;
  profiles_.clear();
  profileChoice_->clear();
  refresh(store);
}

void ProfilePage::refresh(RunStore& store) {
  if (!run_) return;
  // Profile the newest saved weights: the final model, else the start model (dense until pruned).
  modelDir_.clear();
  for (const Artifact& a : store.artifacts(*run_))
    if (a.kind == "model" && QFileInfo::exists(QString::fromStdString(a.path))) modelDir_ = QString::fromStdString(a.path);
  profileButton_->setEnabled(!modelDir_.isEmpty() && busy_->isHidden());
  if (modelDir_.isEmpty()) status_->setText(tr("The run's model is profiled here once it has finished; profiles taken during the run are listed above."));
  else status_->setText(tr("Model: %1").arg(modelDir_));

  auto profiles = split_profiles(store.profiles(*run_));
  if (profiles.size() == profiles_.size()) return;
  profiles_ = std::move(profiles);
  const bool wasLast = profileChoice_->currentIndex() < 0 || profileChoice_->currentIndex() == profileChoice_->count() - 1;
  const QSignalBlocker block(profileChoice_);
  profileChoice_->clear();
  for (std::size_t i = 0; i < profiles_.size(); ++i) {
    const auto& p = profiles_[i];
    double sparsity = 0, weight = 0;
    for (const ProfileRecord& r : p)
      if (r.layer != "model") {
        sparsity += r.sparsity * r.dense_bytes;
        weight += r.dense_bytes;
      }
    profileChoice_->addItem(tr("#%1 · %2 layers · %3 % sparse · %4 · %5 threads · %6")
                                .arg(i + 1)
                                .arg(p.size() - (p.back().layer == "model" ? 1 : 0))
                                .arg(weight > 0 ? 100.0 * sparsity / weight : 0.0, 0, 'f', 1)
                                .arg(QString::fromStdString(p.front().value_type))
                                .arg(p.front().threads)
                                .arg(QString::fromStdString(p.front().device)));
  }
  if (wasLast) profileChoice_->setCurrentIndex(profileChoice_->count() - 1);
  showChosen();
}

void ProfilePage::showChosen() {
  const int i = profileChoice_->currentIndex();
  if (i < 0 || i >= static_cast<int>(profiles_.size())) {
    view_->setProfile({}, QString());
    return;
  }
  view_->setProfile(profiles_[static_cast<std::size_t>(i)], tr("Run %1, profile #%2").arg(run_.value_or(0)).arg(i + 1));
}

void ProfilePage::setProfiling(bool busy, const QString& message) {
  busy_->setVisible(busy);
  profileButton_->setEnabled(!busy && !modelDir_.isEmpty());
  if (!message.isEmpty()) status_->setText(message);
}

}  // namespace sparsetune::studio
