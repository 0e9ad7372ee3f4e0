#include "widgets/profile_view.h"

#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <map>

#include "widgets/bandwidth_bound.h"

namespace sparsetune::widgets {

namespace {

constexpr const char* kModelLayer = "model";  // the record of end-to-end decoding

const QColor kDenseColour(127, 127, 127);
const QColor kCurrentColour(31, 119, 180);
const QColor kBaselineColour(255, 127, 14);

bool is_layer(const ProfileRecord& r) { return r.layer != kModelLayer; }

double ratio(double numerator, double denominator) { return denominator > 0 ? numerator / denominator : 0; }

// One row of the summary card: what, the current profile's value, the baseline's, the change.
struct CardRow {
  QString label;
  QString current;
  QString baseline;
  QString change;
};

QString speedup_text(double speedup) { return QStringLiteral("%1×").arg(speedup, 0, 'f', 2); }

QString percent_change(double now, double before) {
  if (!(now > 0) || !(before > 0)) return {};
  const double change = 100.0 * (now / before - 1.0);
  return QStringLiteral("%1%2 %").arg(change >= 0 ? "+" : "").arg(change, 0, 'f', 1);
}

QString device_label(const ProfileSummary& s) {
  if (s.kind == "cpu") return ProfileView::tr("CPU");
  if (s.kind == "cuda") return ProfileView::tr("GPU");
  return ProfileView::tr("Device");
}

std::vector<CardRow> card_rows(const std::vector<ProfileRecord>& records,
                               const std::vector<ProfileRecord>& baseline_records) {
  const ProfileSummary now = summarize_profile(records);
  const bool compare = !baseline_records.empty();
  const ProfileSummary before = compare ? summarize_profile(baseline_records) : ProfileSummary{};
  std::vector<CardRow> rows;
  // A text row shows the baseline's value; a number row also how much it changed.
  auto text_row = [&](const QString& label, const QString& current, const QString& base) {
    rows.push_back({label, current, compare ? base : QString(), {}});
  };
  auto number_row = [&](const QString& label, const QString& current, const QString& base, double now_value,
                        double base_value) {
    rows.push_back({label, current, compare ? base : QString(), compare ? percent_change(now_value, base_value) : QString()});
  };
  const auto str = [](const std::string& s) { return QString::fromStdString(s); };

  text_row(device_label(now), str(now.processor), str(before.processor));
  if (!now.isa.empty() || !before.isa.empty()) text_row(ProfileView::tr("ISA"), str(now.isa), str(before.isa));
  if (now.threads > 0 || before.threads > 0)
    text_row(ProfileView::tr("Threads"), QString::number(now.threads), QString::number(before.threads));
  text_row(ProfileView::tr("Sparse values"), str(now.value_type), str(before.value_type));
  text_row(ProfileView::tr("Batch"), QString::number(now.batch), QString::number(before.batch));
  text_row(ProfileView::tr("Dense baseline"), str(now.baseline), str(before.baseline));

  const QString not_measured = ProfileView::tr("not measured");
  auto tokens = [&](const ProfileSummary& s, double value) {
    return s.has_decode ? QStringLiteral("%1").arg(value, 0, 'f', 1) : not_measured;
  };
  number_row(ProfileView::tr("Dense tokens/s"), tokens(now, now.dense_tokens_per_second),
             tokens(before, before.dense_tokens_per_second), now.dense_tokens_per_second, before.dense_tokens_per_second);
  number_row(ProfileView::tr("Sparse tokens/s"), tokens(now, now.sparse_tokens_per_second),
             tokens(before, before.sparse_tokens_per_second), now.sparse_tokens_per_second, before.sparse_tokens_per_second);
  auto decode = [&](const ProfileSummary& s) {
    return s.has_decode ? ProfileView::tr("%1 (bound %2)").arg(speedup_text(s.decode_speedup), speedup_text(s.decode_bound))
                        : not_measured;
  };
  number_row(ProfileView::tr("End-to-end speedup"), decode(now), decode(before), now.decode_speedup, before.decode_speedup);
  auto layers = [&](const ProfileSummary& s) {
    return s.layers > 0 ? ProfileView::tr("%1 over %n layer(s) (bound %2)", "", static_cast<int>(s.layers))
                              .arg(speedup_text(s.layer_speedup), speedup_text(s.layer_bound))
                        : not_measured;
  };
  number_row(ProfileView::tr("Layer speedup (dense-time weighted)"), layers(now), layers(before), now.layer_speedup,
             before.layer_speedup);
  auto sparsity = [](const ProfileSummary& s) { return QStringLiteral("%1 %").arg(100.0 * s.model_sparsity, 0, 'f', 1); };
  if (now.has_decode || before.has_decode)
    text_row(ProfileView::tr("Sparsity of the profiled weights"), sparsity(now), sparsity(before));
  return rows;
}

// The bound curve of one value type over sparsities 0 … 99 %, x in percent.
void set_bound_curve(QCPGraph* graph, const std::string& value_type) {
  QVector<double> x, y;
  for (int percent = 0; percent <= 99; ++percent) {
    x << percent;
    y << bitmap_speedup_bound(percent / 100.0, value_type);
  }
  graph->setData(x, y, true);
}

// The legend in a row of its own above (row 0) or below (row 1) the axes, so it never hides data.
void put_legend_outside(QCustomPlot* plot, int row, int columns) {
  plot->legend->setVisible(true);
  plot->legend->setFont(QFont(plot->font().family(), 8));
  plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
  plot->legend->setWrap(columns);
  plot->legend->setBorderPen(Qt::NoPen);
  auto* layout = plot->plotLayout();
  layout->insertRow(row);
  layout->addElement(row, 0, plot->legend);
  layout->setRowStretchFactor(row, 0.001);
}

QCPGraph* add_points(QCustomPlot* plot, const QString& name, const QColor& colour, QCPScatterStyle::ScatterShape shape,
                     double size) {
  auto* graph = plot->addGraph();
  graph->setName(name);
  graph->setLineStyle(QCPGraph::lsNone);
  graph->setPen(QPen(colour));
  graph->setScatterStyle(QCPScatterStyle(shape, colour.darker(120), colour, size));
  return graph;
}

}  // namespace

ProfileSummary summarize_profile(const std::vector<ProfileRecord>& records) {
  ProfileSummary s;
  if (records.empty()) return s;
  const ProfileRecord& first = records.front();
  s.device = first.device;
  s.threads = first.threads;
  s.value_type = first.value_type;
  s.batch = first.batch;
  s.baseline = first.baseline;

  std::string rest = s.device;
  if (const auto colon = rest.find(':'); colon != std::string::npos) {
    s.kind = rest.substr(0, colon);
    rest = rest.substr(colon + 1);
  }
  if (const auto open = rest.rfind('('); open != std::string::npos && !rest.empty() && rest.back() == ')') {
    s.isa = rest.substr(open + 1, rest.size() - open - 2);
    rest = rest.substr(0, open);
  }
  const auto begin = rest.find_first_not_of(' ');
  const auto end = rest.find_last_not_of(' ');
  s.processor = begin == std::string::npos ? std::string() : rest.substr(begin, end - begin + 1);

  double dense_ms = 0, sparse_ms = 0, dense_bytes = 0, sparse_bytes = 0;
  for (const auto& r : records) {
    if (is_layer(r)) {
      ++s.layers;
      dense_ms += r.dense_ms;
      sparse_ms += r.sparse_ms;
      dense_bytes += r.dense_bytes;
      sparse_bytes += r.sparse_bytes;
    } else {
      s.has_decode = true;
      s.dense_tokens_per_second = ratio(1000.0, r.dense_ms);
      s.sparse_tokens_per_second = ratio(1000.0, r.sparse_ms);
      s.decode_speedup = ratio(r.dense_ms, r.sparse_ms);
      s.decode_bound = r.bound;
      s.model_sparsity = r.sparsity;
    }
  }
  s.layer_speedup = ratio(dense_ms, sparse_ms);
  s.layer_bound = ratio(dense_bytes, sparse_bytes);
  return s;
}

QString shortLayerName(const QString& path) {
  const QStringList parts = path.split('.');
  for (int i = 0; i < parts.size(); ++i) {
    bool ok = false;
    parts[i].toInt(&ok);
    if (ok) return parts.mid(i).join('.');
  }
  return path;
}

ProfileView::ProfileView(QWidget* parent)
    : QWidget(parent),
      pages_(new QStackedWidget(this)),
      message_(new QLabel(this)),
      title_label_(new QLabel(this)),
      pin_button_(new QPushButton(tr("Pin as baseline"), this)),
      clear_button_(new QPushButton(tr("Clear baseline"), this)),
      card_(new QGridLayout),
      speedup_plot_(new QCustomPlot(this)),
      layer_plot_(new QCustomPlot(this)),
      layer_bars_(new QCPBarsGroup(layer_plot_)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(pages_);

  message_->setText(tr("No profile yet: profile a sparse model (\"sparsetune profile\", or a run whose recipe has "
                       "evaluation.profile) to see dense against sparse speed here."));
  message_->setWordWrap(true);
  message_->setAlignment(Qt::AlignCenter);
  pages_->addWidget(message_);

  auto* content = new QWidget;
  auto* column = new QVBoxLayout(content);
  auto* header = new QHBoxLayout;
  QFont title_font = title_label_->font();
  title_font.setBold(true);
  title_label_->setFont(title_font);
  header->addWidget(title_label_, 1);
  header->addWidget(pin_button_);
  header->addWidget(clear_button_);
  column->addLayout(header);

  // Coarse to fine: the card on top; below it the speedup scatter beside the per-layer bars.
  auto* card_row = new QHBoxLayout;
  auto* card_frame = new QFrame;
  card_frame->setFrameShape(QFrame::StyledPanel);
  card_frame->setLayout(card_);
  card_row->addWidget(card_frame);
  card_row->addStretch(1);
  column->addLayout(card_row);

  speedup_plot_->setMinimumSize(320, 260);
  speedup_plot_->xAxis->setLabel(tr("sparsity (%)"));
  speedup_plot_->yAxis->setLabel(tr("speedup vs dense (log)"));
  speedup_plot_->yAxis->setScaleType(QCPAxis::stLogarithmic);
  auto log_ticker = QSharedPointer<QCPAxisTickerLog>::create();
  log_ticker->setLogBase(2);  // ratios read best in doublings: 0.5, 1, 2, 4, 8 …
  speedup_plot_->yAxis->setTicker(log_ticker);
  speedup_plot_->yAxis->setNumberFormat("g");
  put_legend_outside(speedup_plot_, 1, 2);

  layer_plot_->xAxis->setLabel(tr("time per product (ms)"));
  layer_plot_->yAxis->setRangeReversed(true);  // the first layer on top, as in the model
  layer_plot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerText>::create());
  layer_plot_->yAxis->setTickLabelFont(QFont(font().family(), 8));
  layer_plot_->yAxis->grid()->setVisible(false);
  put_legend_outside(layer_plot_, 0, 3);
  layer_bars_->setSpacingType(QCPBarsGroup::stAbsolute);
  layer_bars_->setSpacing(1);
  auto* layer_scroll = new QScrollArea;
  layer_scroll->setWidgetResizable(true);
  layer_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  layer_scroll->setWidget(layer_plot_);

  auto* plots = new QSplitter(Qt::Horizontal);
  plots->addWidget(speedup_plot_);
  plots->addWidget(layer_scroll);
  plots->setSizes({400, 600});
  column->addWidget(plots, 1);
  pages_->addWidget(content);

  connect(pin_button_, &QPushButton::clicked, this, &ProfileView::pinBaseline);
  connect(clear_button_, &QPushButton::clicked, this, &ProfileView::clearBaseline);
  refresh();
}

void ProfileView::setProfile(const std::vector<ProfileRecord>& records, const QString& title) {
  records_ = records;
  title_ = title;
  refresh();
}

void ProfileView::pinBaseline() {
  if (records_.empty()) return;
  setBaseline(records_, title_);
}

void ProfileView::setBaseline(const std::vector<ProfileRecord>& records, const QString& title) {
  baseline_ = records;
  baseline_title_ = title;
  refresh();
  Q_EMIT baselineChanged();
}

void ProfileView::clearBaseline() {
  if (baseline_.empty()) return;
  baseline_.clear();
  baseline_title_.clear();
  refresh();
  Q_EMIT baselineChanged();
}

bool ProfileView::showsMessage() const { return pages_->currentWidget() == message_; }

QString ProfileView::summaryText() const {
  if (records_.empty()) return message_->text();
  QStringList lines;
  for (const auto& row : card_rows(records_, baseline_)) {
    QString line = row.label + ": " + row.current;
    if (hasBaseline()) line += " | " + row.baseline + " | " + row.change;
    lines << line;
  }
  return lines.join('\n');
}

void ProfileView::refresh() {
  pages_->setCurrentIndex(records_.empty() ? 0 : 1);
  pin_button_->setEnabled(!records_.empty());
  clear_button_->setEnabled(hasBaseline());
  title_label_->setText(hasBaseline() ? tr("%1, against baseline %2").arg(title_, baseline_title_) : title_);
  fillCard();
  fillSpeedupPlot();
  fillLayerPlot();
}

void ProfileView::fillCard() {
  while (QLayoutItem* item = card_->takeAt(0)) {
    delete item->widget();
    delete item;
  }
  if (records_.empty()) return;
  auto add = [this](int row, int column, const QString& text, bool bold) {
    auto* label = new QLabel(text);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (bold) {
      QFont f = label->font();
      f.setBold(true);
      label->setFont(f);
    }
    card_->addWidget(label, row, column);
  };
  int row = 0;
  if (hasBaseline()) {
    add(row, 1, title_, true);
    add(row, 2, baseline_title_, true);
    add(row, 3, tr("change"), true);
    ++row;
  }
  for (const auto& r : card_rows(records_, baseline_)) {
    add(row, 0, r.label, true);
    add(row, 1, r.current, false);
    if (hasBaseline()) {
      add(row, 2, r.baseline, false);
      add(row, 3, r.change, false);
    }
    ++row;
  }
}

void ProfileView::fillSpeedupPlot() {
  QCustomPlot* plot = speedup_plot_;
  plot->clearGraphs();
  if (records_.empty()) {
    plot->replot();
    return;
  }
  double low = 1, high = 1;
  auto extend = [&](double v) {
    if (v <= 0) return;
    low = std::min(low, v);
    high = std::max(high, v);
  };
  // Break-even: below this line the sparse path is slower than dense.
  auto* even = plot->addGraph();
  even->setData(QVector<double>{0, 100}, QVector<double>{1, 1});
  even->setPen(QPen(Qt::gray, 1, Qt::DotLine));
  even->removeFromLegend();

  // The baseline's bound is drawn only when its values are of another type (then its bound differs).
  std::string bound_drawn;
  auto add_profile = [&](const std::vector<ProfileRecord>& records, const QString& title, const QColor& colour) {
    const std::string value_type = records.front().value_type;
    if (value_type != bound_drawn) {
      auto* bound = plot->addGraph();
      bound->setName(tr("bandwidth bound, %1 bitmap").arg(QString::fromStdString(value_type)));
      bound->setPen(QPen(colour, 1.5, Qt::DashLine));
      set_bound_curve(bound, value_type);
      bound_drawn = value_type;
    }
    auto* layers = add_points(plot, tr("%1: layers").arg(title), colour, QCPScatterStyle::ssCircle, 6);
    auto* decode = add_points(plot, tr("%1: end-to-end decode").arg(title), colour, QCPScatterStyle::ssDiamond, 11);
    for (const auto& r : records) {
      const double speedup = ratio(r.dense_ms, r.sparse_ms);
      if (speedup <= 0) continue;  // a log axis has no place for it
      (is_layer(r) ? layers : decode)->addData(100.0 * r.sparsity, speedup);
      extend(speedup);
      extend(bitmap_speedup_bound(r.sparsity, value_type));
    }
    if (decode->dataCount() == 0) plot->removeGraph(decode);
  };
  add_profile(records_, title_, kCurrentColour);
  if (hasBaseline()) add_profile(baseline_, baseline_title_, kBaselineColour);

  plot->xAxis->setRange(0, 100);
  plot->yAxis->setRange(low / 1.5, high * 1.5);
  plot->replot();
}

void ProfileView::fillLayerPlot() {
  QCustomPlot* plot = layer_plot_;
  plot->clearPlottables();
  std::vector<const ProfileRecord*> layers;
  for (const auto& r : records_)
    if (is_layer(r)) layers.push_back(&r);
  std::map<std::string, const ProfileRecord*> baseline_by_layer;
  for (const auto& r : baseline_)
    if (is_layer(r)) baseline_by_layer[r.layer] = &r;

  auto ticker = plot->yAxis->ticker().dynamicCast<QCPAxisTickerText>();
  ticker->clear();
  const bool compare = !baseline_by_layer.empty();
  const double width = compare ? 0.27 : 0.4;
  auto add_bars = [&](const QString& name, const QColor& colour) {
    auto* bars = new QCPBars(plot->yAxis, plot->xAxis);  // horizontal: layers along the y axis
    bars->setName(name);
    bars->setPen(QPen(colour.darker(130)));
    bars->setBrush(colour);
    bars->setWidth(width);
    bars->setBarsGroup(layer_bars_);
    return bars;
  };
  auto* dense = add_bars(tr("dense"), kDenseColour);
  auto* sparse = add_bars(compare ? tr("sparse, %1").arg(title_) : tr("sparse"), kCurrentColour);
  QCPBars* base = compare ? add_bars(tr("sparse, %1").arg(baseline_title_), kBaselineColour) : nullptr;
  double longest = 0;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const ProfileRecord& r = *layers[i];
    const double key = static_cast<double>(i);
    ticker->addTick(key, shortLayerName(QString::fromStdString(r.layer)));
    dense->addData(key, r.dense_ms);
    sparse->addData(key, r.sparse_ms);
    longest = std::max({longest, r.dense_ms, r.sparse_ms});
    if (base == nullptr) continue;
    if (const auto it = baseline_by_layer.find(r.layer); it != baseline_by_layer.end()) {
      base->addData(key, it->second->sparse_ms);
      longest = std::max(longest, it->second->sparse_ms);
    }
  }
  const int rows = static_cast<int>(layers.size());
  plot->setMinimumHeight(80 + rows * (compare ? 24 : 18));
  plot->yAxis->setRange(-0.6, std::max(1, rows) - 0.4);
  plot->xAxis->setRange(0, longest > 0 ? longest * 1.08 : 1);
  plot->replot();
}

}  // namespace sparsetune::widgets
