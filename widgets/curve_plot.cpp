#include "widgets/curve_plot.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSignalBlocker>
#include <QSlider>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>

#include "widgets/ema_smoothing.h"

namespace sparsetune::widgets {

struct CurvePlot::Series {
  QString key;
  QString label;
  QColor color;
  std::vector<MetricPoint> points;
  std::vector<double> smoothed;  // one per point
  DebiasedEma ema{0};            // state after the last point, so appends continue the average
  bool visible = true;
  QCPGraph* raw = nullptr;
  QCPGraph* smooth = nullptr;
};

struct CurvePlot::ReferenceLine {
  QString key;
  QString label;
  double y = 0;
  QColor color;
  QCPItemStraightLine* line = nullptr;
  QCPItemText* text = nullptr;
  bool drawn() const { return line->visible(); }
};

namespace {

constexpr int kSliderSteps = 1000;  // slider position / 1000 = weight
constexpr int kRawAlpha = 60;

const std::array<QColor, 8> kPalette = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
                                        QColor(214, 39, 40),  QColor(148, 103, 189), QColor(140, 86, 75),
                                        QColor(227, 119, 194), QColor(127, 127, 127)};

// Shortest text that reads back as the same double, so exported CSV loses nothing.
QString csvNumber(double v) {
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), v);
  return QString::fromLatin1(buffer.data(), static_cast<int>(result.ptr - buffer.data()));
}

QString csvField(const QString& text) {
  if (!text.contains(',') && !text.contains('"') && !text.contains('\n')) return text;
  QString quoted = text;
  quoted.replace('"', QStringLiteral("\"\""));
  return '"' + quoted + '"';
}

QString readoutNumber(double v) { return QString::number(v, 'g', 5); }

QString wallTimeText(double seconds) {
  const auto total = static_cast<long long>(std::llround(seconds));
  return QStringLiteral("%1:%2:%3")
      .arg(total / 3600)
      .arg((total / 60) % 60, 2, 10, QChar('0'))
      .arg(total % 60, 2, 10, QChar('0'));
}

// Widens a fitted range so the data does not touch the frame, and gives a single value some room.
QCPRange padded(QCPRange range, bool log) {
  if (log) {
    if (range.lower == range.upper) return {range.lower / 2, range.upper * 2};
    const double factor = std::pow(range.upper / range.lower, 0.05);
    return {range.lower / factor, range.upper * factor};
  }
  if (range.lower == range.upper) {
    const double half = range.lower == 0 ? 1 : std::abs(range.lower) * 0.1;
    return {range.lower - half, range.upper + half};
  }
  const double margin = range.size() * 0.05;
  return {range.lower - margin, range.upper + margin};
}

void include(QCPRange& range, bool& found, const QCPRange& more) {
  if (found) {
    range.expand(more);
  } else {
    range = more;
    found = true;
  }
}

}  // namespace

CurvePlot::CurvePlot(QWidget* parent)
    : QWidget(parent),
      plot_(new QCustomPlot(this)),
      smoothing_slider_(new QSlider(Qt::Horizontal, this)),
      smoothing_label_(new QLabel(this)),
      log_x_box_(new QCheckBox(tr("log x"), this)),
      log_y_box_(new QCheckBox(tr("log y"), this)),
      x_axis_box_(new QComboBox(this)),
      replot_timer_(new QTimer(this)),
      linear_ticker_x_(new QCPAxisTicker),
      linear_ticker_y_(new QCPAxisTicker),
      log_ticker_x_(new QCPAxisTickerLog),
      log_ticker_y_(new QCPAxisTickerLog),
      time_ticker_(new QCPAxisTickerTime) {
  qSharedPointerCast<QCPAxisTickerTime>(time_ticker_)->setTimeFormat(QStringLiteral("%h:%m:%s"));

  smoothing_slider_->setRange(0, static_cast<int>(std::lround(kMaxSmoothingWeight * kSliderSteps)));
  smoothing_slider_->setToolTip(tr("Exponential moving average weight (debiased, as in TensorBoard)"));
  smoothing_slider_->setMaximumWidth(140);
  smoothing_label_->setMinimumWidth(smoothing_label_->fontMetrics().horizontalAdvance(QStringLiteral("0.000")));
  x_axis_box_->addItem(tr("step"));
  x_axis_box_->addItem(tr("wall time"));
  auto* fit_button = new QToolButton(this);
  fit_button->setText(tr("Fit"));
  fit_button->setToolTip(tr("Fit the axes to the data and follow new data again"));
  auto* export_button = new QToolButton(this);
  export_button->setText(tr("Export"));
  export_button->setPopupMode(QToolButton::InstantPopup);
  auto* export_menu = new QMenu(export_button);
  export_menu->addAction(tr("Copy CSV"), this, &CurvePlot::copyCsv);
  export_menu->addAction(tr("Save CSV…"), this, &CurvePlot::saveCsv);
  export_button->setMenu(export_menu);

  auto* toolbar = new QHBoxLayout;
  toolbar->addWidget(new QLabel(tr("Smoothing"), this));
  toolbar->addWidget(smoothing_slider_);
  toolbar->addWidget(smoothing_label_);
  toolbar->addSpacing(8);
  toolbar->addWidget(log_x_box_);
  toolbar->addWidget(log_y_box_);
  toolbar->addSpacing(8);
  toolbar->addWidget(new QLabel(tr("x:"), this));
  toolbar->addWidget(x_axis_box_);
  toolbar->addStretch(1);
  toolbar->addWidget(fit_button);
  toolbar->addWidget(export_button);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(toolbar);
  layout->addWidget(plot_, 1);

  plot_->setMinimumHeight(180);
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot_->setMouseTracking(true);
  plot_->setContextMenuPolicy(Qt::CustomContextMenu);
  plot_->legend->setFont(QFont(font().family(), 8));
  plot_->legend->setVisible(false);
  plot_->xAxis->setTicker(linear_ticker_x_);
  plot_->yAxis->setTicker(linear_ticker_y_);

  replot_timer_->setSingleShot(true);
  replot_timer_->setInterval(kReplotDelayMs);
  connect(replot_timer_, &QTimer::timeout, this, &CurvePlot::replotNow);

  connect(smoothing_slider_, &QSlider::valueChanged, this,
          [this](int position) { setSmoothing(static_cast<double>(position) / kSliderSteps); });
  connect(log_x_box_, &QCheckBox::toggled, this, &CurvePlot::setLogX);
  connect(log_y_box_, &QCheckBox::toggled, this, &CurvePlot::setLogY);
  connect(x_axis_box_, &QComboBox::currentIndexChanged, this, [this](int index) { setXAxisWallTime(index == 1); });
  connect(fit_button, &QToolButton::clicked, this, &CurvePlot::fit);
  connect(plot_, &QWidget::customContextMenuRequested, this, &CurvePlot::showContextMenu);
  connect(plot_, &QCustomPlot::mouseDoubleClick, this, [this] { fit(); });
  // Once the user zooms or drags, their view wins over following new data (until Fit).
  connect(plot_, &QCustomPlot::mouseWheel, this, [this] { auto_fit_ = false; });
  connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
    if (event->buttons() & Qt::LeftButton) {
      auto_fit_ = false;
      QToolTip::hideText();
    } else {
      showReadout(event);
    }
  });
  connect(plot_, &QCustomPlot::legendClick, this, [this](QCPLegend*, QCPAbstractLegendItem* item, QMouseEvent*) {
    if (auto* plottable_item = qobject_cast<QCPPlottableLegendItem*>(item)) {
      onLegendClick(qobject_cast<QCPGraph*>(plottable_item->plottable()));
    }
  });

  setSmoothing(smoothing_);  // puts the slider and its label on the default
  updateXAxis();
  updateYAxis();
}

CurvePlot::~CurvePlot() = default;

CurvePlot::Series* CurvePlot::find(const QString& key) const {
  for (const auto& s : series_) {
    if (s->key == key) return s.get();
  }
  return nullptr;
}

CurvePlot::Series& CurvePlot::findOrCreate(const QString& key) {
  if (Series* existing = find(key)) return *existing;
  setSeries(key, key, kPalette[static_cast<std::size_t>(next_colour_) % kPalette.size()]);
  return *find(key);
}

void CurvePlot::setSeries(const QString& key, const QString& label, const QColor& color) {
  Series* series = find(key);
  if (series == nullptr) {
    auto created = std::make_unique<Series>();
    created->key = key;
    created->ema = DebiasedEma(smoothing_);
    // The raw graph is added first so the smoothed line is drawn over it.
    created->raw = plot_->addGraph();
    created->raw->removeFromLegend();
    created->smooth = plot_->addGraph();
    series = created.get();
    series_.push_back(std::move(created));
    ++next_colour_;
  }
  series->label = label;
  series->color = color;
  styleSeries(*series);
  updateLegend();
  scheduleReplot();
}

void CurvePlot::styleSeries(Series& series) {
  QColor faint = series.color;
  faint.setAlpha(kRawAlpha);
  series.raw->setPen(QPen(faint, 1));
  series.raw->setName(series.label);
  series.smooth->setPen(QPen(series.color, 1.6));
  series.smooth->setName(series.label);
  series.raw->setVisible(series.visible);
  series.smooth->setVisible(series.visible);
  if (auto* item = plot_->legend->itemWithPlottable(series.smooth)) {
    item->setTextColor(series.visible ? QColor(Qt::black) : QColor(Qt::gray));
  }
}

void CurvePlot::appendPoints(const QString& key, const std::vector<MetricPoint>& points) {
  Series& series = findOrCreate(key);
  const std::size_t first = series.points.size();
  series.points.insert(series.points.end(), points.begin(), points.end());
  for (std::size_t i = first; i < series.points.size(); ++i) series.smoothed.push_back(series.ema.add(series.points[i].value));
  addToGraphs(series, first);
  scheduleReplot();
}

void CurvePlot::setPoints(const QString& key, const std::vector<MetricPoint>& points) {
  Series& series = findOrCreate(key);
  series.points = points;
  resmooth(series);
  rebuildGraphs(series);
  scheduleReplot();
}

void CurvePlot::removeSeries(const QString& key) {
  const auto it = std::find_if(series_.begin(), series_.end(), [&](const auto& s) { return s->key == key; });
  if (it == series_.end()) return;
  plot_->removeGraph((*it)->smooth);
  plot_->removeGraph((*it)->raw);
  series_.erase(it);
  updateLegend();
  scheduleReplot();
}

void CurvePlot::clear() {
  while (!series_.empty()) removeSeries(series_.front()->key);
  clearReferenceLines();
  next_colour_ = 0;
  auto_fit_ = true;
  scheduleReplot();
}

QStringList CurvePlot::seriesKeys() const {
  QStringList keys;
  for (const auto& s : series_) keys << s->key;
  return keys;
}

void CurvePlot::setSeriesVisible(const QString& key, bool visible) {
  Series* series = find(key);
  if (series == nullptr || series->visible == visible) return;
  series->visible = visible;
  styleSeries(*series);
  scheduleReplot();
}

bool CurvePlot::isSeriesVisible(const QString& key) const {
  const Series* series = find(key);
  return series != nullptr && series->visible;
}

void CurvePlot::onLegendClick(QCPGraph* graph) {
  for (const auto& s : series_) {
    if (s->smooth == graph) setSeriesVisible(s->key, !s->visible);
  }
}

void CurvePlot::updateLegend() { plot_->legend->setVisible(series_.size() > 1); }

void CurvePlot::setReferenceLine(const QString& key, const QString& label, double y, const QColor& color) {
  auto it = std::find_if(reference_lines_.begin(), reference_lines_.end(), [&](const auto& r) { return r->key == key; });
  ReferenceLine* reference = nullptr;
  if (it == reference_lines_.end()) {
    auto created = std::make_unique<ReferenceLine>();
    created->key = key;
    created->line = new QCPItemStraightLine(plot_);
    created->text = new QCPItemText(plot_);
    // The label sits at the right edge of the plot at the line's height, whatever the x range.
    created->text->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    created->text->position->setTypeY(QCPItemPosition::ptPlotCoords);
    created->text->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    created->text->setFont(QFont(font().family(), 8));
    reference = created.get();
    reference_lines_.push_back(std::move(created));
  } else {
    reference = it->get();
  }
  reference->label = label;
  reference->y = y;
  reference->color = color;
  updateReferenceLine(*reference);
  scheduleReplot();
}

void CurvePlot::updateReferenceLine(ReferenceLine& reference) {
  // Two points with positive x define the horizontal line on a linear and on a log x-axis alike.
  reference.line->point1->setCoords(1, reference.y);
  reference.line->point2->setCoords(2, reference.y);
  reference.line->setPen(QPen(reference.color, 1.2, Qt::DashLine));
  reference.text->position->setCoords(0.99, reference.y);
  reference.text->setText(reference.label);
  reference.text->setColor(reference.color);
  const bool drawable = !log_y_ || reference.y > 0;
  reference.line->setVisible(drawable);
  reference.text->setVisible(drawable);
}

void CurvePlot::clearReferenceLines() {
  for (const auto& r : reference_lines_) {
    plot_->removeItem(r->line);
    plot_->removeItem(r->text);
  }
  reference_lines_.clear();
  scheduleReplot();
}

QStringList CurvePlot::referenceLineKeys() const {
  QStringList keys;
  for (const auto& r : reference_lines_) keys << r->key;
  return keys;
}

void CurvePlot::setTitle(const QString& title) {
  if (title_ == nullptr) {
    plot_->plotLayout()->insertRow(0);
    title_ = new QCPTextElement(plot_, title, QFont(font().family(), 10, QFont::Bold));
    plot_->plotLayout()->addElement(0, 0, title_);
  }
  title_->setText(title);
  scheduleReplot();
}

void CurvePlot::setAxisLabels(const QString& x, const QString& y) {
  x_label_ = x;
  y_label_ = y;
  updateXAxis();
  updateYAxis();
  scheduleReplot();
}

void CurvePlot::setSmoothing(double weight) {
  weight = std::clamp(weight, 0.0, kMaxSmoothingWeight);
  const bool changed = weight != smoothing_;
  smoothing_ = weight;
  {
    const QSignalBlocker block(smoothing_slider_);
    smoothing_slider_->setValue(static_cast<int>(std::lround(weight * kSliderSteps)));
  }
  smoothing_label_->setText(QString::number(weight, 'f', 3));
  if (!changed) return;
  for (const auto& s : series_) {
    resmooth(*s);
    rebuildGraphs(*s);
  }
  scheduleReplot();
  Q_EMIT smoothingChanged(weight);
}

void CurvePlot::setLogX(bool log) {
  if (log == log_x_) return;
  log_x_ = log;
  updateXAxis();
  for (const auto& s : series_) rebuildGraphs(*s);
  auto_fit_ = true;  // the old range means nothing on the new scale
  scheduleReplot();
}

void CurvePlot::setLogY(bool log) {
  if (log == log_y_) return;
  log_y_ = log;
  updateYAxis();
  for (const auto& s : series_) rebuildGraphs(*s);
  for (const auto& r : reference_lines_) updateReferenceLine(*r);
  auto_fit_ = true;
  scheduleReplot();
}

void CurvePlot::setXAxisWallTime(bool wall_time) {
  if (wall_time == wall_time_x_) return;
  wall_time_x_ = wall_time;
  updateXAxis();
  for (const auto& s : series_) rebuildGraphs(*s);
  auto_fit_ = true;
  scheduleReplot();
}

void CurvePlot::updateXAxis() {
  {
    const QSignalBlocker block_log(log_x_box_);
    log_x_box_->setChecked(log_x_);
    const QSignalBlocker block_axis(x_axis_box_);
    x_axis_box_->setCurrentIndex(wall_time_x_ ? 1 : 0);
  }
  QCPAxis* axis = plot_->xAxis;
  axis->setScaleType(log_x_ ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  if (log_x_) {
    axis->setTicker(log_ticker_x_);
    axis->setNumberFormat(QStringLiteral("gb"));
  } else {
    axis->setTicker(wall_time_x_ ? time_ticker_ : linear_ticker_x_);
    axis->setNumberFormat(QStringLiteral("gbd"));
  }
  if (!wall_time_x_) {
    axis->setLabel(x_label_);
  } else {
    axis->setLabel(log_x_ ? tr("wall time (s)") : tr("wall time (h:mm:ss)"));
  }
}

void CurvePlot::updateYAxis() {
  {
    const QSignalBlocker block(log_y_box_);
    log_y_box_->setChecked(log_y_);
  }
  QCPAxis* axis = plot_->yAxis;
  axis->setScaleType(log_y_ ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  axis->setTicker(log_y_ ? log_ticker_y_ : linear_ticker_y_);
  axis->setNumberFormat(log_y_ ? QStringLiteral("gb") : QStringLiteral("gbd"));
  axis->setLabel(y_label_);
}

double CurvePlot::keyOf(const MetricPoint& point) const {
  return wall_time_x_ ? point.wall_seconds : static_cast<double>(point.step);
}

void CurvePlot::resmooth(Series& series) {
  series.ema = DebiasedEma(smoothing_);
  series.smoothed.clear();
  series.smoothed.reserve(series.points.size());
  for (const auto& p : series.points) series.smoothed.push_back(series.ema.add(p.value));
}

void CurvePlot::rebuildGraphs(Series& series) {
  series.raw->data()->clear();
  series.smooth->data()->clear();
  addToGraphs(series, 0);
}

// Only points a log axis can show are drawn; a non-finite value becomes a gap in the line.
void CurvePlot::addToGraphs(Series& series, std::size_t first) {
  QVector<QCPGraphData> raw, smooth;
  const auto drawable_value = [this](double v) { return log_y_ ? v > 0 && std::isfinite(v) : true; };
  const auto gap_if_not_finite = [](double v) { return std::isfinite(v) ? v : std::numeric_limits<double>::quiet_NaN(); };
  for (std::size_t i = first; i < series.points.size(); ++i) {
    const double key = keyOf(series.points[i]);
    if (!std::isfinite(key) || (log_x_ && key <= 0)) continue;
    if (drawable_value(series.points[i].value)) raw.append(QCPGraphData(key, gap_if_not_finite(series.points[i].value)));
    if (drawable_value(series.smoothed[i])) smooth.append(QCPGraphData(key, gap_if_not_finite(series.smoothed[i])));
  }
  const auto by_key = [](const QCPGraphData& a, const QCPGraphData& b) { return a.key < b.key; };
  series.raw->data()->add(raw, std::is_sorted(raw.begin(), raw.end(), by_key));
  series.smooth->data()->add(smooth, std::is_sorted(smooth.begin(), smooth.end(), by_key));
}

void CurvePlot::scheduleReplot() {
  if (!replot_timer_->isActive()) replot_timer_->start();
}

void CurvePlot::replotNow() {
  if (auto_fit_) fitAxes();
  plot_->replot();
  ++replot_count_;
}

void CurvePlot::fit() {
  auto_fit_ = true;
  scheduleReplot();
}

void CurvePlot::fitAxes() {
  const QCP::SignDomain x_domain = log_x_ ? QCP::sdPositive : QCP::sdBoth;
  const QCP::SignDomain y_domain = log_y_ ? QCP::sdPositive : QCP::sdBoth;
  QCPRange x, y;
  bool found_x = false, found_y = false;
  for (const auto& s : series_) {
    if (!s->visible) continue;
    for (QCPGraph* graph : {s->raw, s->smooth}) {
      bool found = false;
      const QCPRange keys = graph->getKeyRange(found, x_domain);
      if (found) include(x, found_x, keys);
      const QCPRange values = graph->getValueRange(found, y_domain);
      if (found) include(y, found_y, values);
    }
  }
  for (const auto& r : reference_lines_) {
    if (r->drawn()) include(y, found_y, QCPRange(r->y, r->y));
  }
  if (found_x) plot_->xAxis->setRange(padded(x, log_x_));
  if (found_y) plot_->yAxis->setRange(padded(y, log_y_));
}

std::vector<double> CurvePlot::smoothedValues(const QString& key) const {
  const Series* series = find(key);
  return series == nullptr ? std::vector<double>{} : series->smoothed;
}

QString CurvePlot::readoutAt(double x) const {
  // Distance along the axis as the eye sees it: in decades on a log axis.
  const auto distance = [this](double a, double b) {
    return log_x_ ? std::abs(std::log10(a) - std::log10(b)) : std::abs(a - b);
  };
  const auto nearest = [&](const Series& series, double target) {
    std::size_t best = series.points.size();
    double best_distance = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < series.points.size(); ++i) {
      const double key = keyOf(series.points[i]);
      if (log_x_ && key <= 0) continue;
      const double d = distance(key, target);
      if (d < best_distance) {
        best_distance = d;
        best = i;
      }
    }
    return std::pair{best, best_distance};
  };
  if (log_x_ && x <= 0) return {};

  const MetricPoint* anchor = nullptr;
  double anchor_distance = std::numeric_limits<double>::infinity();
  for (const auto& s : series_) {
    if (!s->visible) continue;
    const auto [index, d] = nearest(*s, x);
    if (index < s->points.size() && d < anchor_distance) {
      anchor = &s->points[index];
      anchor_distance = d;
    }
  }
  if (anchor == nullptr) return {};

  QStringList lines;
  lines << tr("step %1 · %2").arg(anchor->step).arg(wallTimeText(anchor->wall_seconds));
  int shown = 0, hidden = 0;
  for (const auto& s : series_) {
    if (!s->visible) continue;
    const auto [index, d] = nearest(*s, keyOf(*anchor));
    if (index >= s->points.size()) continue;
    if (shown == kMaxReadoutSeries) {
      ++hidden;
      continue;
    }
    lines << QStringLiteral("%1: %2 (%3)")
                 .arg(s->label, readoutNumber(s->smoothed[index]), readoutNumber(s->points[index].value));
    ++shown;
  }
  if (hidden > 0) lines << tr("… and %n more", nullptr, hidden);
  return lines.join('\n');
}

void CurvePlot::showReadout(QMouseEvent* event) {
  if (!plot_->axisRect()->rect().contains(event->position().toPoint())) {
    QToolTip::hideText();
    return;
  }
  const QString text = readoutAt(plot_->xAxis->pixelToCoord(event->position().x()));
  if (text.isEmpty()) {
    QToolTip::hideText();
  } else {
    QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
  }
}

QString CurvePlot::toCsv() const {
  QString csv = QStringLiteral("series,step,wall_seconds,value,smoothed\n");
  for (const auto& s : series_) {
    const QString name = csvField(s->label);
    for (std::size_t i = 0; i < s->points.size(); ++i) {
      const MetricPoint& p = s->points[i];
      csv += name + ',' + QString::number(p.step) + ',' + csvNumber(p.wall_seconds) + ',' + csvNumber(p.value) + ',' +
             csvNumber(s->smoothed[i]) + '\n';
    }
  }
  return csv;
}

QCPGraph* CurvePlot::rawGraph(const QString& key) const {
  const Series* series = find(key);
  return series == nullptr ? nullptr : series->raw;
}

void CurvePlot::setSeriesMarkers(const QString& key, bool markers) {
  if (QCPGraph* graph = smoothedGraph(key)) {
    graph->setScatterStyle(markers ? QCPScatterStyle(QCPScatterStyle::ssDisc, 7) : QCPScatterStyle());
    scheduleReplot();
  }
}

QCPGraph* CurvePlot::smoothedGraph(const QString& key) const {
  const Series* series = find(key);
  return series == nullptr ? nullptr : series->smooth;
}

void CurvePlot::showContextMenu(const QPoint& pos) {
  QMenu menu(this);
  menu.addAction(tr("Fit"), this, &CurvePlot::fit);
  menu.addSeparator();
  menu.addAction(tr("Copy CSV"), this, &CurvePlot::copyCsv);
  menu.addAction(tr("Save CSV…"), this, &CurvePlot::saveCsv);
  menu.exec(plot_->mapToGlobal(pos));
}

void CurvePlot::copyCsv() { QApplication::clipboard()->setText(toCsv()); }

void CurvePlot::saveCsv() {
  QString suggested = title_ != nullptr ? title_->text() : QString();
  suggested.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]+")), QStringLiteral("_"));
  if (suggested.isEmpty()) suggested = QStringLiteral("curves");
  const QString path =
      QFileDialog::getSaveFileName(this, tr("Save CSV"), suggested + QStringLiteral(".csv"), tr("CSV files (*.csv)"));
  if (path.isEmpty()) return;
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(toCsv().toUtf8()) < 0 || !file.commit()) {
    QMessageBox::warning(this, tr("Save CSV"), tr("Could not write %1: %2").arg(path, file.errorString()));
  }
}

}  // namespace sparsetune::widgets
