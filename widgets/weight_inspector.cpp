#include "widgets/weight_inspector.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace sparsetune::widgets {

namespace {

const QRgb kKept = qRgb(30, 30, 30);
const QRgb kPruned = qRgb(255, 255, 255);

// Shows the mask image as large as fits, pixel-exact: whole-number zoom with nearest-neighbour
// sampling, so each weight stays a crisp square and N:M patterns stay readable.
class MaskView : public QWidget {
 public:
  explicit MaskView(const QImage* image, QWidget* parent) : QWidget(parent), image_(image) { setMinimumSize(96, 96); }
  QSize sizeHint() const override { return {256, 256}; }

 protected:
  void paintEvent(QPaintEvent*) override {
    if (image_->isNull()) return;
    QPainter painter(this);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    const double fit = std::min(static_cast<double>(width() - 2) / image_->width(), static_cast<double>(height() - 2) / image_->height());
    const double zoom = fit >= 1 ? std::floor(fit) : fit;
    const QSize size(static_cast<int>(image_->width() * zoom), static_cast<int>(image_->height() * zoom));
    const QRect target(QPoint((width() - size.width()) / 2, (height() - size.height()) / 2), size);
    painter.drawImage(target, *image_);
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(target.adjusted(-1, -1, 0, 0));
  }

 private:
  const QImage* image_;
};

}  // namespace

WeightInspector::WeightInspector(QWidget* parent)
    : QWidget(parent),
      caption_(new QLabel(this)),
      plot_(new QCustomPlot(this)),
      log_y_(new QCheckBox(tr("Logarithmic count axis"), this)),
      mask_view_(new MaskView(&mask_, this)) {
  caption_->setWordWrap(true);
  caption_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  plot_->xAxis->setLabel(tr("weight value (nonzero weights)"));
  plot_->yAxis->setLabel(tr("count"));
  plot_->setMinimumHeight(160);

  auto* histogram_column = new QVBoxLayout;
  histogram_column->addWidget(plot_, 1);
  histogram_column->addWidget(log_y_);
  auto* row = new QHBoxLayout;
  row->addLayout(histogram_column, 3);
  row->addWidget(mask_view_, 2);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(caption_);
  layout->addLayout(row, 1);

  connect(log_y_, &QCheckBox::toggled, this, [this] { applyScale(); });
  clear();
}

void WeightInspector::clear() {
  caption_->setText(tr("No module selected: click a cell of the sparsity heatmap."));
  plot_->clearPlottables();
  max_count_ = 0;
  mask_ = QImage();
  applyScale();
  mask_view_->update();
}

void WeightInspector::setSample(const WeightSample& sample) {
  const QString shape = tr("%1 × %2").arg(sample.rows).arg(sample.cols);
  const QString sparsity = tr("%1 % sparse").arg(sample.sparsity * 100.0, 0, 'f', 1);
  QString text = tr("%1: %2, %3.").arg(QString::fromStdString(sample.module_path), shape, sparsity);
  if (sample.crop_rows > 0 && sample.crop_cols > 0)
    text += QLatin1Char(' ') + tr("Mask of the top-left %1 × %2 weights (dark = kept, white = pruned).")
                                  .arg(sample.crop_rows)
                                  .arg(sample.crop_cols);
  if (sample.counts.empty()) text += QLatin1Char(' ') + tr("Every weight is zero: no histogram.");
  caption_->setText(text);

  plot_->clearPlottables();
  max_count_ = 0;
  if (!sample.counts.empty() && sample.bin_edges.size() == sample.counts.size() + 1) {
    auto* bars = new QCPBars(plot_->xAxis, plot_->yAxis);
    bars->setName(tr("nonzero weights"));
    bars->setPen(QPen(QColor(31, 119, 180).darker(130)));
    bars->setBrush(QColor(31, 119, 180));
    QVector<double> centres, counts;
    for (std::size_t i = 0; i < sample.counts.size(); ++i) {
      centres << (sample.bin_edges[i] + sample.bin_edges[i + 1]) / 2;
      counts << static_cast<double>(sample.counts[i]);
      max_count_ = std::max(max_count_, counts.back());
    }
    bars->setWidth(sample.bin_edges[1] - sample.bin_edges[0]);
    bars->setData(centres, counts, true);
    plot_->xAxis->setRange(sample.bin_edges.front(), sample.bin_edges.back());
  }

  mask_ = QImage(sample.crop_cols, sample.crop_rows, QImage::Format_RGB32);
  if (sample.crop_kept.size() == static_cast<std::size_t>(sample.crop_rows) * static_cast<std::size_t>(sample.crop_cols)) {
    for (int r = 0; r < sample.crop_rows; ++r) {
      auto* line = reinterpret_cast<QRgb*>(mask_.scanLine(r));
      for (int c = 0; c < sample.crop_cols; ++c)
        line[c] = sample.crop_kept[static_cast<std::size_t>(r) * static_cast<std::size_t>(sample.crop_cols) + static_cast<std::size_t>(c)] ? kKept : kPruned;
    }
  } else {
    mask_ = QImage();
  }
  applyScale();
  mask_view_->update();
}

QString WeightInspector::caption() const { return caption_->text(); }

void WeightInspector::applyScale() {
  // Bars start at 0, which a log axis places below its visible range, so they rise from the bottom edge.
  if (log_y_->isChecked()) {
    plot_->yAxis->setScaleType(QCPAxis::stLogarithmic);
    plot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    plot_->yAxis->setRange(0.5, std::max(10.0, max_count_ * 2));
  } else {
    plot_->yAxis->setScaleType(QCPAxis::stLinear);
    plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    plot_->yAxis->setRange(0, std::max(1.0, max_count_ * 1.05));
  }
  plot_->replot();
}

}  // namespace sparsetune::widgets
