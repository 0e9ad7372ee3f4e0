#include "widgets/layer_table_model.h"

#include <QLocale>

namespace sparsetune::widgets {

void LayerTableModel::setLayers(std::vector<LinearSummary> layers) {
  beginResetModel();
  layers_ = std::move(layers);
  endResetModel();
}

int LayerTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(layers_.size());
}

int LayerTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant LayerTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= static_cast<int>(layers_.size())) return {};
  const LinearSummary& l = layers_[static_cast<std::size_t>(index.row())];
  if (role == Qt::TextAlignmentRole)
    return index.column() == Path ? QVariant(Qt::AlignLeft | Qt::AlignVCenter) : QVariant(Qt::AlignRight | Qt::AlignVCenter);
  if (role == Qt::UserRole) {
    switch (index.column()) {
      case Path: return QString::fromStdString(l.path);
      case Shape: return static_cast<qlonglong>(l.out_features * l.in_features);
      case Parameters: return static_cast<qlonglong>(l.parameters);
      case Sparsity: return l.sparsity;
    }
  }
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case Path: return QString::fromStdString(l.path);
    case Shape: return QStringLiteral("%1 × %2").arg(l.out_features).arg(l.in_features);
    case Parameters: return QLocale().toString(static_cast<qlonglong>(l.parameters));
    case Sparsity: return QStringLiteral("%1 %").arg(100.0 * l.sparsity, 0, 'f', 1);
  }
  return {};
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Path: return tr("Module path");
    case Shape: return tr("Shape [out × in]");
    case Parameters: return tr("Parameters");
    case Sparsity: return tr("Sparsity");
  }
  return {};
}

}  // namespace sparsetune::widgets
