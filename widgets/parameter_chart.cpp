#include "widgets/parameter_chart.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

#include <map>

namespace sparsetune::widgets {

BlockAndKind splitModulePath(const QString& path) {
  const QStringList parts = path.split('.');
  for (int i = 0; i < parts.size(); ++i) {
    bool ok = false;
    const int block = parts[i].toInt(&ok);
    if (ok) return {block, parts.mid(i + 1).join('.')};
  }
  return {-1, path};
}

ParameterChart::ParameterChart(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
  plot_->xAxis->setLabel(tr("decoder block"));
  plot_->yAxis->setLabel(tr("parameters (millions)"));
  plot_->legend->setVisible(true);
  plot_->legend->setFont(QFont(font().family(), 8));
  // The legend gets its own column right of the axes so it never hides a block's bars.
  plot_->plotLayout()->addElement(0, 1, plot_->legend);
  plot_->plotLayout()->setColumnStretchFactor(1, 0.001);
  plot_->legend->setFillOrder(QCPLegend::foRowsFirst);
  plot_->setMinimumHeight(180);
}

void ParameterChart::setLayers(const std::vector<LinearSummary>& layers) {
  plot_->clearPlottables();
  std::map<QString, std::map<int, double>> by_kind;  // kind → block → millions
  int blocks = 0;
  for (const auto& l : layers) {
    const auto [block, kind] = splitModulePath(QString::fromStdString(l.path));
    if (block < 0) continue;
    by_kind[kind][block] += static_cast<double>(l.parameters) / 1e6;
    blocks = std::max(blocks, block + 1);
  }
  static const QColor palette[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44), QColor(214, 39, 40),
                                   QColor(148, 103, 189), QColor(140, 86, 75),  QColor(227, 119, 194), QColor(127, 127, 127)};
  QCPBars* below = nullptr;
  std::size_t colour = 0;
  for (const auto& [kind, values] : by_kind) {
    auto* bars = new QCPBars(plot_->xAxis, plot_->yAxis);
    bars->setName(kind);
    const QColor c = palette[colour++ % std::size(palette)];
    bars->setPen(QPen(c.darker(130)));
    bars->setBrush(c);
    bars->setWidth(0.7);
    QVector<double> x, y;
    for (const auto& [block, millions] : values) {
      x << block;
      y << millions;
    }
    bars->setData(x, y);
    if (below != nullptr) bars->moveAbove(below);
    below = bars;
  }
  plot_->xAxis->setRange(-0.6, std::max(1, blocks) - 0.4);
  plot_->rescaleAxes(true);
  plot_->xAxis->setRange(-0.6, std::max(1, blocks) - 0.4);
  plot_->yAxis->setRangeLower(0);
  plot_->yAxis->setRangeUpper(plot_->yAxis->range().upper * 1.1);
  plot_->replot();
}

}  // namespace sparsetune::widgets
