#include "app/studio/training_page.h"

#include <QComboBox>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/store/run_store.h"
#include "core/train/recipe.h"
#include "widgets/curve_plot.h"
#include "widgets/run_table_model.h"

namespace sparsetune::studio {

namespace {

struct CurveStyle {
  const char* metric;
  const char* label;
  QColor color;
};

// The loss terms of ALGORITHMS.md §1 in the colours the Runs page and the reports use too.
const CurveStyle kLossCurves[] = {{"loss/total", QT_TRANSLATE_NOOP("sparsetune::studio::TrainingPage", "total"), QColor(0x1f, 0x77, 0xb4)},
                                  {"loss/ce", QT_TRANSLATE_NOOP("sparsetune::studio::TrainingPage", "cross-entropy"), QColor(0xff, 0x7f, 0x0e)},
                                  {"loss/kd", QT_TRANSLATE_NOOP("sparsetune::studio::TrainingPage", "KD"), QColor(0x2c, 0xa0, 0x2c)},
                                  {"loss/squarehead", QT_TRANSLATE_NOOP("sparsetune::studio::TrainingPage", "SquareHead"), QColor(0xd6, 0x27, 0x28)}};
const CurveStyle kSparsityCurves[] = {{"sparsity/target", QT_TRANSLATE_NOOP("sparsetune::studio::TrainingPage", "target"), QColor(0x7f, 0x7f, 0x7f)},
                                      {"sparsity/actual", QT_TRANSLATE_NOOP("sparsetune::studio::TrainingPage", "actual"), QColor(0x94, 0x67, 0xbd)}};
const CurveStyle kLrCurves[] = {{"lr", QT_TRANSLATE_NOOP("sparsetune::studio::TrainingPage", "learning rate"), QColor(0x17, 0xbe, 0xcf)}};

}  // namespace

TrainingPage::TrainingPage(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* top = new QHBoxLayout;
  header_ = new QLabel(tr("No run yet. Start one from the Recipe page (Ctrl+R), or pick one on the Runs page; a run "
                          "started with `sparsetune run` appears here live."),
                       this);
  header_->setWordWrap(true);
  header_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  top->addWidget(header_, 1);
  pause_ = new QPushButton(tr("Pause"), this);
  cancel_ = new QPushButton(tr("Cancel"), this);
  resume_ = new QPushButton(tr("Resume"), this);
  for (QPushButton* b : {pause_, cancel_, resume_}) {
    b->setEnabled(false);
    top->addWidget(b);
  }
  connect(pause_, &QPushButton::clicked, this, &TrainingPage::pauseRequested);
  connect(cancel_, &QPushButton::clicked, this, &TrainingPage::cancelRequested);
  connect(resume_, &QPushButton::clicked, this, &TrainingPage::resumeRequested);
  layout->addLayout(top);
  auto* progressRow = new QHBoxLayout;
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1);
  progress_->setValue(0);
  progressRow->addWidget(progress_, 1);
  eta_ = new QLabel(this);
  progressRow->addWidget(eta_);
  layout->addLayout(progressRow);

  auto* grid = new QGridLayout;
  lossPlot_ = new widgets::CurvePlot(this);
  lossPlot_->setTitle(tr("Loss components"));
  lossPlot_->setAxisLabels(tr("step"), tr("loss"));
  lossPlot_->setLogY(true);
  lossPlot_->setSmoothing(0.6);
  sparsityPlot_ = new widgets::CurvePlot(this);
  sparsityPlot_->setTitle(tr("Sparsity of the pruned weights"));
  sparsityPlot_->setAxisLabels(tr("step"), tr("sparsity"));
  sparsityPlot_->setSmoothing(0);
  auto* accuracyBox = new QWidget(this);
  auto* accuracyLayout = new QVBoxLayout(accuracyBox);
  accuracyLayout->setContentsMargins(0, 0, 0, 0);
  accuracyChoice_ = new QComboBox(accuracyBox);
  accuracyChoice_->setToolTip(tr("The evaluation to draw: during training on the validation split, at the end on the test split"));
  accuracyLayout->addWidget(accuracyChoice_);
  accuracyPlot_ = new widgets::CurvePlot(accuracyBox);
  accuracyPlot_->setTitle(tr("Accuracy recovery"));
  accuracyPlot_->setAxisLabels(tr("step"), tr("value"));
  accuracyPlot_->setSmoothing(0);
  accuracyLayout->addWidget(accuracyPlot_, 1);
  connect(accuracyChoice_, &QComboBox::currentIndexChanged, this, [this] { drawAccuracy(); });
  lrPlot_ = new widgets::CurvePlot(this);
  lrPlot_->setTitle(tr("Learning rate"));
  lrPlot_->setAxisLabels(tr("step"), tr("learning rate"));
  lrPlot_->setSmoothing(0);
  grid->addWidget(lossPlot_, 0, 0);
  grid->addWidget(accuracyBox, 0, 1);
  grid->addWidget(sparsityPlot_, 1, 0);
  grid->addWidget(lrPlot_, 1, 1);
  layout->addLayout(grid, 1);
}

void TrainingPage::showRun(RunStore& store, int64_t run) {
  run_ = run;
  lastStep_.clear();
  evalCurves_.clear();
  for (widgets::CurvePlot* plot : {lossPlot_, sparsityPlot_, lrPlot_, accuracyPlot_}) {
    plot->clear();
    plot->clearReferenceLines();
  }
  accuracyChoice_->clear();
  progress_->setRange(0, 1);
  progress_->setValue(0);
  eta_->clear();
  refresh(store);
}

void TrainingPage::refresh(RunStore& store) {
  if (!run_) return;
  RunInfo info;
  try {
    info = store.get_run(*run_);
  } catch (const std::exception& e) {
    header_->setText(QString::fromStdString(e.what()));
    return;
  }
  QString when = QDateTime::fromSecsSinceEpoch(static_cast<qint64>(info.created_at)).toString(QStringLiteral("yyyy-MM-dd hh:mm"));
  header_->setText(tr("<b>Run %1 · %2</b> — %3%4 · started %5 · model %6")
                       .arg(*run_)
                       .arg(QString::fromStdString(info.name).toHtmlEscaped(), QString::fromStdString(info.status),
                            info.message.empty() ? QString() : QStringLiteral(" (%1)").arg(QString::fromStdString(info.message).toHtmlEscaped()),
                            when, QString::fromStdString(info.model_path).toHtmlEscaped()));

  if (info.status != "running") {
    // Not trained by this window (or over): progress is where the log stands against the recipe.
    int64_t total = 0;
    try {
      total = Recipe::from_yaml_string(info.recipe_yaml, "run " + std::to_string(*run_)).training.steps;
    } catch (const std::exception&) {
      total = 0;  // an unreadable stored recipe only costs the progress bar
    }
    if (total > 0) setProgress(QString::fromStdString(info.status), store.latest_step(*run_).value_or(0), total, -1);
  }
  const auto draw = [&](widgets::CurvePlot* plot, const auto& styles) {
    for (const CurveStyle& style : styles) {
      const auto last = lastStep_.find(style.metric);
      const auto points = store.metric_series(*run_, style.metric, last == lastStep_.end() ? -1 : last->second);
      if (points.empty()) continue;
      if (last == lastStep_.end()) plot->setSeries(QString::fromLatin1(style.metric), tr(style.label), style.color);
      plot->appendPoints(QString::fromLatin1(style.metric), points);
      lastStep_[style.metric] = points.back().step;
    }
  };
  draw(lossPlot_, kLossCurves);
  draw(sparsityPlot_, kSparsityCurves);
  draw(lrPlot_, kLrCurves);
  refreshEvaluations(store);
}

void TrainingPage::refreshEvaluations(RunStore& store) {
  evalCurves_.clear();
  for (const EvalResult& e : store.evals(*run_)) {
    // Tasks are "<phase>/<task>:<split>" for the whole held-out split, "<task>:<split>" during training.
    QString task = QString::fromStdString(e.task);
    QString phase;
    if (const int slash = task.indexOf('/'); slash >= 0) {
      phase = task.left(slash);
      task = task.mid(slash + 1);
    }
    const int colon = task.indexOf(':');
    const QString kind = colon >= 0 ? task.left(colon) : task;
    const QString split = colon >= 0 ? task.mid(colon + 1) : QString();
    EvalCurve& curve = evalCurves_[QStringLiteral("%1 · %2").arg(kind, QString::fromStdString(e.metric))];
    if (phase.isEmpty())
      curve.during[e.step] = e.value;
    else if (phase == "dense")
      curve.dense = e.value;
    else if (phase == "oneshot")
      curve.oneshot = e.value;
    else if (phase == "final") {
      curve.final_value = std::make_pair(e.step, e.value);
      curve.split = split;
    }
  }
  const QString chosen = accuracyChoice_->currentText();
  QStringList keys;
  for (const auto& [key, curve] : evalCurves_) keys << key;
  QStringList shown;
  for (int i = 0; i < accuracyChoice_->count(); ++i) shown << accuracyChoice_->itemText(i);
  if (keys != shown) {
    const QSignalBlocker block(accuracyChoice_);
    accuracyChoice_->clear();
    accuracyChoice_->addItems(keys);
    // Exact match is what the demo task is judged by; otherwise token accuracy, else the first.
    int index = keys.indexOf(chosen);
    for (const QString& preferred : {QStringLiteral("gsm8k · exact_match"), QStringLiteral("perplexity · token_accuracy")})
      if (index < 0) index = keys.indexOf(preferred);
    accuracyChoice_->setCurrentIndex(std::max(0, index));
  }
  drawAccuracy();
}

void TrainingPage::drawAccuracy() {
  accuracyPlot_->clear();
  accuracyPlot_->clearReferenceLines();
  const auto it = evalCurves_.find(accuracyChoice_->currentText());
  if (it == evalCurves_.end()) return;
  const EvalCurve& curve = it->second;
  std::vector<MetricPoint> during;
  for (const auto& [step, value] : curve.during) during.push_back({step, 0, value});
  if (!during.empty()) {
    accuracyPlot_->setSeries("during", tr("validation during training"), QColor(0x1f, 0x77, 0xb4));
    accuracyPlot_->setPoints("during", during);
  }
  if (curve.final_value) {
    accuracyPlot_->setSeries("final", tr("final (%1)").arg(curve.split), QColor(0x2c, 0xa0, 0x2c));
    accuracyPlot_->setPoints("final", {{curve.final_value->first, 0, curve.final_value->second}});
  }
  // Evaluations are few: mark each one, or a lone final value would not show at all.
  for (const QString& key : {QStringLiteral("during"), QStringLiteral("final")}) accuracyPlot_->setSeriesMarkers(key, true);
  if (curve.dense) accuracyPlot_->setReferenceLine("dense", tr("dense teacher"), *curve.dense, QColor(0x33, 0x33, 0x33));
  if (curve.oneshot) accuracyPlot_->setReferenceLine("oneshot", tr("one-shot pruned start"), *curve.oneshot, QColor(0xd6, 0x27, 0x28));
}

void TrainingPage::setProgress(const QString& phase, qint64 done, qint64 total, double etaSeconds) {
  progress_->setRange(0, static_cast<int>(std::max<qint64>(total, 1)));
  progress_->setValue(static_cast<int>(std::min(done, std::max<qint64>(total, 1))));
  progress_->setFormat(QStringLiteral("%1 %p% (%v / %m)").arg(phase));
  eta_->setText(etaSeconds >= 0 ? tr("ETA %1").arg(widgets::formatDuration(etaSeconds)) : QString());
}

void TrainingPage::setControls(bool canPause, bool canResume) {
  pause_->setEnabled(canPause);
  cancel_->setEnabled(canPause);
  resume_->setEnabled(canResume);
}

}  // namespace sparsetune::studio
