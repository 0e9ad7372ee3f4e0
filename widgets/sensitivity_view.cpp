#include "widgets/sensitivity_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSlider>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace sparsetune::widgets {

namespace {

constexpr double kMaxTarget = 0.95;
// The value-type choices, in the combo box's order.
constexpr kernels::ValueType kValueTypes[] = {kernels::ValueType::f32, kernels::ValueType::bf16, kernels::ValueType::i8};

// "model.layers.3.mlp.down_proj" → "3.mlp.down_proj": the block and module are what tell layers apart.
QString short_name(const std::string& path) {
  QString name = QString::fromStdString(path);
  for (const QString& prefix : {QStringLiteral("model.layers."), QStringLiteral("transformer.h."), QStringLiteral("transformer.blocks.")})
    if (name.startsWith(prefix)) return name.mid(prefix.size());
  return name;
}

QString megabytes(double bytes) { return QStringLiteral("%1 MB").arg(bytes / 1e6, 0, 'f', bytes < 1e8 ? 2 : 1); }

}  // namespace

SensitivityView::SensitivityView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Global target sparsity"), this));
  slider_ = new QSlider(Qt::Horizontal, this);
  slider_->setRange(0, static_cast<int>(kMaxTarget * 100));
  slider_->setValue(50);
  slider_->setEnabled(false);
  controls->addWidget(slider_, 1);
  targetLabel_ = new QLabel(QStringLiteral("50 %"), this);
  targetLabel_->setMinimumWidth(48);
  controls->addWidget(targetLabel_);
  controls->addWidget(new QLabel(tr("Values"), this));
  values_ = new QComboBox(this);
  values_->addItems({QStringLiteral("f32"), QStringLiteral("bf16"), QStringLiteral("i8")});
  controls->addWidget(values_);
  layout->addLayout(controls);
  estimateLabel_ = new QLabel(tr("Run a sensitivity analysis to see how each layer tolerates pruning."), this);
  estimateLabel_->setWordWrap(true);
  estimateLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(estimateLabel_);

  auto* splitter = new QSplitter(Qt::Horizontal, this);
  auto* plots = new QSplitter(Qt::Vertical, splitter);
  sensitivityPlot_ = new QCustomPlot(plots);
  sensitivityPlot_->plotLayout()->insertRow(0);
  sensitivityPlot_->plotLayout()->addElement(0, 0, new QCPTextElement(sensitivityPlot_, tr("Loss increase with only this layer pruned"), QFont(font().family(), font().pointSize(), QFont::Bold)));
  sensitivityPlot_->yAxis->setScaleType(QCPAxis::stLogarithmic);
  sensitivityPlot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  sensitivityPlot_->yAxis->setLabel(tr("Δ loss (nats)"));
  sensitivityPlot_->legend->setVisible(true);
  sensitivityPlot_->setMinimumHeight(180);
  allocationPlot_ = new QCustomPlot(plots);
  allocationPlot_->plotLayout()->insertRow(0);
  allocationPlot_->plotLayout()->addElement(0, 0, new QCPTextElement(allocationPlot_, tr("Parameters and allocated sparsity"), QFont(font().family(), font().pointSize(), QFont::Bold)));
  allocationPlot_->yAxis->setLabel(tr("parameters (M)"));
  allocationPlot_->yAxis2->setVisible(true);
  allocationPlot_->yAxis2->setLabel(tr("allocated sparsity (%)"));
  allocationPlot_->yAxis2->setRange(0, 100);
  allocationPlot_->setMinimumHeight(180);
  plots->addWidget(sensitivityPlot_);
  plots->addWidget(allocationPlot_);
  table_ = new QTableWidget(0, 4, splitter);
  table_->setHorizontalHeaderLabels({tr("Layer"), tr("Parameters"), tr("Sparsity"), tr("Δ loss")});
  table_->verticalHeader()->setVisible(false);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  splitter->addWidget(plots);
  splitter->addWidget(table_);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  layout->addWidget(splitter, 1);

  connect(slider_, &QSlider::valueChanged, this, [this] { reallocate(); });
  connect(values_, &QComboBox::currentIndexChanged, this, [this] { reallocate(); });
}

void SensitivityView::setAnalysis(const SensitivityAnalysis& analysis) {
  analysis_ = analysis;
  slider_->setEnabled(!analysis_.layers.empty());
  drawMeasurements();
  reallocate();
}

void SensitivityView::clear() { setAnalysis({}); }

void SensitivityView::setTarget(double target) { slider_->setValue(static_cast<int>(std::lround(std::clamp(target, 0.0, kMaxTarget) * 100))); }

double SensitivityView::target() const { return slider_->value() / 100.0; }

void SensitivityView::drawMeasurements() {
  sensitivityPlot_->clearGraphs();
  allocationPlot_->clearPlottables();
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  for (std::size_t i = 0; i < analysis_.layers.size(); ++i)
    ticker->addTick(static_cast<double>(i), short_name(analysis_.layers[i].module_path));
  for (QCustomPlot* plot : {sensitivityPlot_, allocationPlot_}) {
    plot->xAxis->setTicker(ticker);
    plot->xAxis->setTickLabelRotation(60);
    plot->xAxis->setRange(-0.5, std::max<double>(0.5, static_cast<double>(analysis_.layers.size()) - 0.5));
  }
  if (analysis_.layers.empty()) {
    sensitivityPlot_->replot();
    allocationPlot_->replot();
    return;
  }
  // One line per measured sparsity; increases ≤ 0 (noise) cannot sit on the log axis and are left out.
  const auto& sparsities = analysis_.layers.front().sparsities;
  double low = 1e300, high = 0;
  for (std::size_t k = 0; k < sparsities.size(); ++k) {
    QCPGraph* g = sensitivityPlot_->addGraph();
    g->setName(tr("%1 % sparse").arg(100.0 * sparsities[k], 0, 'g', 3));
    g->setPen(QPen(QColor::fromHsvF(0.62 - 0.6 * static_cast<double>(k) / std::max<std::size_t>(1, sparsities.size() - 1), 0.8, 0.85), 1.6));
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
    g->setLineStyle(QCPGraph::lsNone);
    for (std::size_t i = 0; i < analysis_.layers.size(); ++i) {
      const auto& layer = analysis_.layers[i];
      if (k >= layer.loss.size()) continue;
      const double delta = layer.loss[k] - analysis_.dense_loss;
      if (!(delta > 0)) continue;
      g->addData(static_cast<double>(i), delta);
      low = std::min(low, delta);
      high = std::max(high, delta);
    }
  }
  if (high > 0) sensitivityPlot_->yAxis->setRange(low / 2, high * 2);
  auto* params = new QCPBars(allocationPlot_->xAxis, allocationPlot_->yAxis);
  params->setName(tr("parameters"));
  params->setBrush(QColor(180, 190, 205));
  params->setPen(Qt::NoPen);
  double most = 0;
  for (std::size_t i = 0; i < analysis_.layers.size(); ++i) {
    const double m = static_cast<double>(analysis_.layers[i].parameters) / 1e6;
    params->addData(static_cast<double>(i), m);
    most = std::max(most, m);
  }
  allocationPlot_->yAxis->setRange(0, most * 1.1);
  QCPGraph* allocated = allocationPlot_->addGraph(allocationPlot_->xAxis, allocationPlot_->yAxis2);
  allocated->setName(tr("allocated sparsity"));
  allocated->setPen(QPen(QColor(214, 39, 40), 2));
  allocated->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
  sensitivityPlot_->replot();
}

void SensitivityView::reallocate() {
  targetLabel_->setText(QStringLiteral("%1 %").arg(slider_->value()));
  if (analysis_.layers.empty()) {
    allocation_.clear();
    estimate_ = {};
    table_->setRowCount(0);
    allocationPlot_->replot();
    return;
  }
  try {
    allocation_ = allocate_sparsity(analysis_, target(), kMaxTarget);
    estimate_ = estimate_allocation(analysis_, allocation_, kValueTypes[std::max(0, values_->currentIndex())]);
  } catch (const std::exception& e) {
    estimateLabel_->setText(QString::fromStdString(e.what()));
    return;
  }
  estimateLabel_->setText(estimateText());
  if (QCPGraph* g = allocationPlot_->graphCount() > 0 ? allocationPlot_->graph(0) : nullptr) {
    QVector<double> x, y;
    for (std::size_t i = 0; i < allocation_.size(); ++i) {
      x << static_cast<double>(i);
      y << 100.0 * allocation_[i];
    }
    g->setData(x, y, true);
  }
  allocationPlot_->replot(QCustomPlot::rpQueuedReplot);
  table_->setRowCount(static_cast<int>(analysis_.layers.size()));
  for (std::size_t i = 0; i < analysis_.layers.size(); ++i) {
    const auto& layer = analysis_.layers[i];
    const int row = static_cast<int>(i);
    const QString cells[] = {short_name(layer.module_path), QLocale().toString(static_cast<qlonglong>(layer.parameters)),
                             QStringLiteral("%1 %").arg(100.0 * allocation_[i], 0, 'f', 1),
                             QString::number(predicted_loss_increase(layer, analysis_.dense_loss, allocation_[i]), 'g', 3)};
    for (int c = 0; c < 4; ++c) {
      QTableWidgetItem* item = table_->item(row, c);
      if (item == nullptr) table_->setItem(row, c, item = new QTableWidgetItem);
      item->setText(cells[c]);
      if (c == 0) item->setToolTip(QString::fromStdString(layer.module_path));
      if (c > 0) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
  }
  Q_EMIT allocationChanged(target());
}

QString SensitivityView::estimateText() const {
  if (analysis_.layers.empty()) return QString();
  return tr("At %1 % of the analysed weights: predicted loss %2 (dense %3, +%4) · model %5 → %6 · bandwidth bound of the "
            "pruned layers %7× · measured with %8 pruning on %9 tokens")
      .arg(slider_->value())
      .arg(estimate_.predicted_loss, 0, 'f', 4)
      .arg(analysis_.dense_loss, 0, 'f', 4)
      .arg(estimate_.predicted_loss - analysis_.dense_loss, 0, 'f', 4)
      .arg(megabytes(static_cast<double>(estimate_.dense_bytes)), megabytes(static_cast<double>(estimate_.sparse_bytes)))
      .arg(estimate_.speedup_bound, 0, 'f', 2)
      .arg(QString::fromStdString(analysis_.method))
      .arg(analysis_.tokens);
}

}  // namespace sparsetune::widgets
