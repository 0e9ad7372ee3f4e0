#pragma once
#include <QWidget>

#include <vector>

#include "core/model/model_summary.h"

class QCustomPlot;

namespace sparsetune::widgets {

// Parameters of the prunable linears per decoder block, stacked by module kind (q, k, v, o, gate,
// up, down, ... as named by the model's HF paths), so the big matrices that pruning should target
// stand out.
class ParameterChart : public QWidget {
  Q_OBJECT
 public:
  explicit ParameterChart(QWidget* parent = nullptr);
  void setLayers(const std::vector<LinearSummary>& layers);
  QCustomPlot* plot() const { return plot_; }

 private:
  QCustomPlot* plot_;
};

// "model.layers.3.mlp.down_proj" → block 3, kind "down_proj"; -1 when the path has no block index
// (e.g. lm_head).
struct BlockAndKind {
  int block = -1;
  QString kind;
};
BlockAndKind splitModulePath(const QString& path);

}  // namespace sparsetune::widgets
