#include "widgets/sparsity_heatmap.h"

#include <QHelpEvent>
#include <QLinearGradient>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

namespace sparsetune::widgets {

namespace {

// Viridis sampled at 0, 0.1, …, 1 (matplotlib's perceptually uniform sequential map).
constexpr std::array<std::array<int, 3>, 11> kViridis = {{
    {68, 1, 84},
    {72, 36, 117},
    {65, 68, 135},
    {53, 95, 141},
    {42, 120, 142},
    {33, 145, 140},
    {34, 168, 132},
    {68, 191, 112},
    {122, 209, 81},
    {189, 223, 38},
    {253, 231, 37},
}};

constexpr int kPad = 4;
constexpr int kLegendBar = 14;

QColor textColourOn(const QColor& background) {
  // Relative luminance decides: dark text on the bright (sparse) end, light text on the dark end.
  const double luminance = 0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
  return luminance > 0.45 ? Qt::black : Qt::white;
}

QString percent(double sparsity, int decimals) {
  return SparsityHeatmap::tr("%1 %").arg(sparsity * 100.0, 0, 'f', decimals);
}

void fillNoData(QPainter& painter, const QRect& rect) {
  painter.fillRect(rect, QColor(225, 225, 225));
  painter.fillRect(rect, QBrush(QColor(160, 160, 160), Qt::BDiagPattern));
}

}  // namespace

QColor sparsityColour(double sparsity) {
  const double t = std::clamp(std::isfinite(sparsity) ? sparsity : 0.0, 0.0, 1.0) * 10.0;
  const auto i = std::min(static_cast<std::size_t>(t), kViridis.size() - 2);
  const double f = t - static_cast<double>(i);
  const auto mix = [&](int channel) {
    return static_cast<int>(std::lround(kViridis[i][channel] + (kViridis[i + 1][channel] - kViridis[i][channel]) * f));
  };
  return QColor(mix(0), mix(1), mix(2));
}

SparsityHeatmap::SparsityHeatmap(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void SparsityHeatmap::setModules(const std::vector<std::string>& modulePaths) {
  bool new_module = false;
  for (const auto& path : modulePaths) new_module = addModule(path) || new_module;
  if (new_module) relayout();
  update();
}

void SparsityHeatmap::setLayers(const std::vector<sparsetune::LayerSparsity>& layers) {
  bool new_module = false;
  for (const auto& layer : layers) {
    new_module = addModule(layer.module_path) || new_module;
    latest_[layer.module_path] = layer;
  }
  if (new_module) relayout();
  update();
}

bool SparsityHeatmap::addModule(const std::string& path) {
  if (std::find(paths_.begin(), paths_.end(), path) != paths_.end()) return false;
  paths_.push_back(path);
  return true;
}

void SparsityHeatmap::relayout() {
  grid_ = layout_modules(paths_);
  path_at_.clear();
  for (const auto& [path, cell] : grid_.cell_of) path_at_[cell] = path;
  updateGeometry();
}

void SparsityHeatmap::clear() {
  latest_.clear();
  paths_.clear();
  grid_ = ModuleGrid{};
  path_at_.clear();
  updateGeometry();
  update();
}

std::string SparsityHeatmap::pathAt(int row, int col) const {
  const auto it = path_at_.find({row, col});
  return it == path_at_.end() ? std::string() : it->second;
}

std::optional<double> SparsityHeatmap::sparsityAt(int row, int col) const {
  const auto it = latest_.find(pathAt(row, col));
  if (it == latest_.end()) return std::nullopt;
  return it->second.sparsity;
}

QString SparsityHeatmap::title() const {
  if (latest_.empty()) return tr("Sparsity per module");
  std::set<std::string> structures;
  int64_t step = 0;
  for (const auto& [path, layer] : latest_) {
    if (!layer.structure.empty()) structures.insert(layer.structure);
    step = std::max(step, layer.step);
  }
  QStringList names;
  for (const auto& s : structures) names << QString::fromStdString(s);
  if (names.isEmpty()) return tr("Sparsity per module (weights only), step %1").arg(step);
  return tr("Sparsity per module (weights only): %1, step %2").arg(names.join(QStringLiteral(", "))).arg(step);
}

SparsityHeatmap::Geometry SparsityHeatmap::geometry() const {
  const QFontMetrics fm = fontMetrics();
  const int line = fm.height();
  const QRect all = rect().adjusted(kPad, kPad, -kPad, -kPad);
  Geometry g;
  g.columns = std::max<int>(1, static_cast<int>(grid_.kinds.size()));
  g.title = QRect(all.left(), all.top(), all.width(), line + kPad);

  const int legend_text = std::max({fm.horizontalAdvance(percent(1.0, 0)), fm.horizontalAdvance(tr("no data"))});
  const int legend_width = kLegendBar + kPad + legend_text;
  int label_width = fm.horizontalAdvance(tr("block"));
  for (const auto& label : grid_.row_labels) label_width = std::max(label_width, fm.horizontalAdvance(QString::fromStdString(label)));
  label_width = std::min(label_width + kPad, all.width() / 4);

  const int top = g.title.bottom() + 1;
  g.header = QRect(all.left() + label_width + kPad, top, all.width() - label_width - legend_width - 3 * kPad, line + kPad);
  const int rows = static_cast<int>(grid_.blocks.size());
  // Cells fill the width; their height follows the widget but stays within a few text lines, so a
  // small model's grid does not turn into a few giant bars.
  const int available = all.bottom() + 1 - (g.header.bottom() + 1);
  const int row_height = rows > 0 ? std::min(available / rows, 3 * line) : 0;
  g.cells = QRect(g.header.left(), g.header.bottom() + 1, g.header.width(), row_height * rows);
  g.labels = QRect(all.left(), g.cells.top(), label_width, g.cells.height());
  g.legend = QRect(g.header.right() + 1 + 2 * kPad, g.cells.top(), legend_width, std::max(g.cells.height(), 4 * line));
  return g;
}

QRect SparsityHeatmap::cellRect(int row, int col) const {
  const int rows = static_cast<int>(grid_.blocks.size());
  const Geometry g = geometry();
  if (row < 0 || row >= rows || col < 0 || col >= g.columns) return {};
  const auto edge = [](int start, int length, int index, int count) { return start + length * index / count; };
  const int left = edge(g.cells.left(), g.cells.width(), col, g.columns);
  const int right = edge(g.cells.left(), g.cells.width(), col + 1, g.columns);
  const int top = edge(g.cells.top(), g.cells.height(), row, rows);
  const int bottom = edge(g.cells.top(), g.cells.height(), row + 1, rows);
  return QRect(left, top, right - left, bottom - top);
}

std::optional<std::pair<int, int>> SparsityHeatmap::cellAt(const QPoint& point) const {
  const int rows = static_cast<int>(grid_.blocks.size());
  const Geometry g = geometry();
  if (rows == 0 || !g.cells.contains(point)) return std::nullopt;
  for (int row = 0; row < rows; ++row)
    for (int col = 0; col < g.columns; ++col)
      if (cellRect(row, col).contains(point)) return std::make_pair(row, col);
  return std::nullopt;
}

QSize SparsityHeatmap::sizeHint() const {
  const int line = fontMetrics().height();
  const int columns = std::max<int>(1, static_cast<int>(grid_.kinds.size()));
  const int rows = std::min<int>(std::max<int>(4, static_cast<int>(grid_.blocks.size())), 40);
  return {160 + columns * 8 * line / 2, 3 * line + rows * (line + kPad)};
}

QSize SparsityHeatmap::minimumSizeHint() const {
  const int line = fontMetrics().height();
  return {240, 8 * line};
}

void SparsityHeatmap::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  const QFontMetrics fm = fontMetrics();
  const Geometry g = geometry();

  QFont bold = font();
  bold.setBold(true);
  painter.setFont(bold);
  painter.setPen(palette().color(QPalette::WindowText));
  painter.drawText(g.title, Qt::AlignLeft | Qt::AlignVCenter, QFontMetrics(bold).elidedText(title(), Qt::ElideRight, g.title.width()));
  painter.setFont(font());

  const int rows = static_cast<int>(grid_.blocks.size());
  if (rows == 0) {
    painter.drawText(rect(), Qt::AlignCenter, tr("No pruned modules yet"));
    return;
  }

  for (int col = 0; col < static_cast<int>(grid_.kinds.size()); ++col) {
    const QRect column = cellRect(0, col);
    const QRect header(column.left(), g.header.top(), column.width(), g.header.height());
    const QString kind = QString::fromStdString(grid_.kinds[static_cast<std::size_t>(col)]);
    painter.drawText(header, Qt::AlignCenter, fm.elidedText(kind, Qt::ElideMiddle, header.width() - 2));
  }
  // Rows thinner than a text line get a label every few rows, so the labels never overlap.
  const int row_height = std::max(1, cellRect(0, 0).height());
  const int label_every = (fm.height() + row_height - 1) / row_height;
  for (int row = 0; row < rows; row += label_every) {
    const QRect cell = cellRect(row, 0);
    const QRect label(g.labels.left(), cell.center().y() - fm.height() / 2, g.labels.width() - kPad, fm.height());
    const QString text = QString::fromStdString(grid_.row_labels[static_cast<std::size_t>(row)]);
    painter.drawText(label, Qt::AlignRight | Qt::AlignVCenter, fm.elidedText(text, Qt::ElideLeft, label.width()));
  }

  for (const auto& [cell, path] : path_at_) {
    const QRect r = cellRect(cell.first, cell.second);
    const QRect inner = r.width() > 3 && r.height() > 3 ? r.adjusted(1, 1, -1, -1) : r;
    const auto value = sparsityAt(cell.first, cell.second);
    if (!value) {
      fillNoData(painter, inner);
      continue;
    }
    const QColor colour = sparsityColour(*value);
    painter.fillRect(inner, colour);
    const QString text = percent(*value, 0);
    if (inner.width() >= fm.horizontalAdvance(text) + 4 && inner.height() >= fm.height()) {
      painter.setPen(textColourOn(colour));
      painter.drawText(inner, Qt::AlignCenter, text);
    }
  }
  paintLegend(painter, g.legend);
}

void SparsityHeatmap::paintLegend(QPainter& painter, const QRect& area) const {
  const QFontMetrics fm = fontMetrics();
  const int swatch = fm.height();
  // The bar leaves room for the "no data" swatch below it and half a text line above and below for
  // the 100 % and 0 % labels centred on its ends.
  const QRect bar(area.left(), area.top() + swatch / 2, kLegendBar, std::max(swatch, area.height() - 2 * swatch - kPad));
  QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
  for (int i = 0; i <= 10; ++i) gradient.setColorAt(i / 10.0, sparsityColour(i / 10.0));
  painter.fillRect(bar, gradient);
  painter.setPen(palette().color(QPalette::WindowText));
  painter.drawRect(bar.adjusted(0, 0, -1, -1));
  const int text_left = bar.right() + kPad;
  for (double s : {0.0, 0.5, 1.0}) {
    const int y = bar.bottom() - static_cast<int>(std::lround(s * bar.height()));
    painter.drawLine(bar.right() - 2, y, bar.right() + 2, y);
    painter.drawText(QRect(text_left, y - swatch / 2, area.right() - text_left + 1, swatch), Qt::AlignLeft | Qt::AlignVCenter, percent(s, 0));
  }
  const QRect no_data(area.left(), bar.bottom() + swatch / 2 + kPad, kLegendBar, swatch);
  fillNoData(painter, no_data);
  painter.drawText(QRect(text_left, no_data.top(), area.right() - text_left + 1, swatch), Qt::AlignLeft | Qt::AlignVCenter, tr("no data"));
}

bool SparsityHeatmap::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const auto cell = cellAt(help->pos());
    const std::string path = cell ? pathAt(cell->first, cell->second) : std::string();
    if (path.empty()) {
      QToolTip::hideText();
      event->ignore();
      return true;
    }
    const auto it = latest_.find(path);
    QString text = QString::fromStdString(path);
    if (it == latest_.end()) {
      text += QLatin1Char('\n') + tr("no data yet");
    } else {
      text += QLatin1Char('\n') + tr("sparsity %1 (%2)").arg(percent(it->second.sparsity, 1), QString::fromStdString(it->second.structure));
      text += QLatin1Char('\n') + tr("step %1").arg(it->second.step);
    }
    QToolTip::showText(help->globalPos(), text, this, cellRect(cell->first, cell->second));
    return true;
  }
  return QWidget::event(event);
}

void SparsityHeatmap::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) {
    const auto cell = cellAt(event->position().toPoint());
    if (cell) {
      const std::string path = pathAt(cell->first, cell->second);
      if (!path.empty()) Q_EMIT moduleClicked(QString::fromStdString(path));
    }
  }
  QWidget::mousePressEvent(event);
}

}  // namespace sparsetune::widgets
