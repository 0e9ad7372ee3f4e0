#pragma once
#include <QImage>
#include <QWidget>

#include "widgets/weight_sample.h"

class QCheckBox;
class QCustomPlot;
class QLabel;

namespace sparsetune::widgets {

// One weight matrix up close: the histogram of its nonzero weights (does pruning leave a gap around
// zero?) and the mask pattern of its top-left corner (unstructured speckle, 2:4 stripes, blocks).
class WeightInspector : public QWidget {
  Q_OBJECT
 public:
  explicit WeightInspector(QWidget* parent = nullptr);

  void setSample(const WeightSample& sample);
  void clear();

  // The mask at one pixel per weight (crop_cols wide, crop_rows high): kept dark, pruned white.
  QImage maskImage() const { return mask_; }
  QCustomPlot* histogram() const { return plot_; }
  QCheckBox* logScaleBox() const { return log_y_; }
  QString caption() const;

 private:
  void applyScale();

  QLabel* caption_;
  QCustomPlot* plot_;
  QCheckBox* log_y_;
  QWidget* mask_view_;
  QImage mask_;
  double max_count_ = 0;
};

}  // namespace sparsetune::widgets
