#pragma once
#include <QAbstractTableModel>

#include <vector>

#include "core/model/model_summary.h"

namespace sparsetune::widgets {

// Every prunable linear of a model: HF module path, [out, in] shape, parameters and sparsity.
// Sorting works on the underlying numbers (Qt::UserRole), not on the display strings.
class LayerTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Path, Shape, Parameters, Sparsity, ColumnCount };
  using QAbstractTableModel::QAbstractTableModel;

  void setLayers(std::vector<LinearSummary> layers);
  const std::vector<LinearSummary>& layers() const { return layers_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  std::vector<LinearSummary> layers_;
};

}  // namespace sparsetune::widgets
