#include "app/studio/layers_page.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QSplitter>
#include <QVBoxLayout>

#include "app/studio/run_weights.h"
#include "core/store/run_store.h"
#include "widgets/sparsity_heatmap.h"
#include "widgets/weight_inspector.h"

namespace sparsetune::studio {

LayersPage::LayersPage(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* stepRow = new QHBoxLayout;
  stepRow->addWidget(new QLabel(tr("Mask update"), this));
  stepSlider_ = new QSlider(Qt::Horizontal, this);
  stepSlider_->setEnabled(false);
  stepRow->addWidget(stepSlider_, 1);
  stepLabel_ = new QLabel(tr("no sparsity recorded yet"), this);
  stepRow->addWidget(stepLabel_);
  layout->addLayout(stepRow);
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  heatmap_ = new widgets::SparsityHeatmap(splitter);
  auto* right = new QWidget(splitter);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  weightStatus_ = new QLabel(tr("Click a cell to see that weight's histogram and mask pattern."), right);
  weightStatus_->setWordWrap(true);
  rightLayout->addWidget(weightStatus_);
  inspector_ = new widgets::WeightInspector(right);
  rightLayout->addWidget(inspector_, 1);
  splitter->addWidget(heatmap_);
  splitter->addWidget(right);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  layout->addWidget(splitter, 1);

  connect(stepSlider_, &QSlider::valueChanged, this, [this](int index) {
    followLatest_ = index == stepSlider_->maximum();
    if (store_ != nullptr) showStep(*store_, index);
  });
  connect(heatmap_, &widgets::SparsityHeatmap::moduleClicked, this, [this](const QString& path) {
    if (store_ == nullptr || !run_) return;
    inspecting_ = true;
    const QString source = weightSource(*store_);
    weightStatus_->setText(tr("Reading %1 from %2…").arg(path, source));
    Q_EMIT weightRequested(source, path);
  });
}

void LayersPage::showRun(RunStore& store, int64_t run) {
  store_ = &store;
  run_ = run;
  steps_.clear();
  followLatest_ = true;
  inspecting_ = false;
  heatmap_->clear();
  refresh(store);
}

void LayersPage::refresh(RunStore& store) {
  store_ = &store;
  if (!run_) return;
  const std::vector<int64_t> steps = store.layer_sparsity_steps(*run_);
  if (steps == steps_) return;
  steps_ = steps;
  const QSignalBlocker block(stepSlider_);
  stepSlider_->setEnabled(steps_.size() > 1);
  stepSlider_->setRange(0, std::max(0, static_cast<int>(steps_.size()) - 1));
  if (followLatest_) stepSlider_->setValue(stepSlider_->maximum());
  showStep(store, stepSlider_->value());
}

void LayersPage::showStep(RunStore& store, int index) {
  if (steps_.empty() || index < 0 || index >= static_cast<int>(steps_.size())) {
    stepLabel_->setText(tr("no sparsity recorded yet"));
    return;
  }
  const auto layers = store.layer_sparsity_at(*run_, steps_[static_cast<std::size_t>(index)]);
  heatmap_->setLayers(layers);
  // Something to look at before the first click: the first module's weights.
  if (!inspecting_ && !layers.empty()) {
    inspecting_ = true;
    const QString source = weightSource(store);
    weightStatus_->setText(tr("Reading %1 from %2…").arg(QString::fromStdString(layers.front().module_path), source));
    Q_EMIT weightRequested(source, QString::fromStdString(layers.front().module_path));
  }
  stepLabel_->setText(tr("step %1 (%2 of %3)").arg(steps_[static_cast<std::size_t>(index)]).arg(index + 1).arg(steps_.size()));
}

QString LayersPage::weightSource(RunStore& store) const {
  // Before any weights are saved, the starting model (dense: the masks exist only inside the run).
  const QString newest = newestRunWeights(store, *run_);
  return newest.isEmpty() ? QString::fromStdString(store.get_run(*run_).model_path) : newest;
}

void LayersPage::showWeight(const widgets::WeightSample& sample) {
  weightStatus_->setText(tr("%1: %2 × %3, %4 % zeros").arg(QString::fromStdString(sample.module_path)).arg(sample.rows).arg(sample.cols).arg(100.0 * sample.sparsity, 0, 'f', 1));
  inspector_->setSample(sample);
}

void LayersPage::showWeightError(const QString& message) { weightStatus_->setText(message); }

}  // namespace sparsetune::studio
