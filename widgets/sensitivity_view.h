#pragma once
#include <QWidget>

#include <vector>

#include "core/prune/sparsity_allocation.h"

class QComboBox;
class QCustomPlot;
class QLabel;
class QSlider;
class QTableWidget;

namespace sparsetune::widgets {

// A sensitivity analysis read at a glance: each layer's measured loss increase at every analysed
// sparsity beside its parameter count, and one global target-sparsity slider that redistributes
// per-layer sparsity (allocate_sparsity) and updates the predicted loss, model size and bandwidth
// bound at once from the stored measurements — nothing is re-run while dragging.
class SensitivityView : public QWidget {
  Q_OBJECT
 public:
  explicit SensitivityView(QWidget* parent = nullptr);

  void setAnalysis(const SensitivityAnalysis& analysis);
  void clear();
  bool hasAnalysis() const { return !analysis_.layers.empty(); }
  // The global target as a share of the analysed weights, [0, 0.95].
  void setTarget(double target);
  double target() const;
  const std::vector<double>& allocation() const { return allocation_; }
  const AllocationEstimate& estimate() const { return estimate_; }
  QString estimateText() const;

  QSlider* slider() const { return slider_; }
  QCustomPlot* sensitivityPlot() const { return sensitivityPlot_; }
  QCustomPlot* allocationPlot() const { return allocationPlot_; }
  QTableWidget* table() const { return table_; }

 Q_SIGNALS:
  void allocationChanged(double target);

 private:
  void drawMeasurements();
  void reallocate();

  SensitivityAnalysis analysis_;
  std::vector<double> allocation_;
  AllocationEstimate estimate_;
  QSlider* slider_;
  QLabel* targetLabel_;
  QComboBox* values_;
  QLabel* estimateLabel_;
  QCustomPlot* sensitivityPlot_;
  QCustomPlot* allocationPlot_;
  QTableWidget* table_;
};

}  // namespace sparsetune::widgets
