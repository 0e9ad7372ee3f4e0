#pragma once
#include <QColor>
#include <QRect>
#include <QWidget>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/train/events.h"
#include "widgets/module_grid.h"

namespace sparsetune::widgets {

// The colour of a sparsity in [0, 1] on a fixed viridis-like scale: perceptually uniform, dark
// (dense) to bright (sparse), readable in grey and by colour-blind users. Values outside are clamped.
QColor sparsityColour(double sparsity);

// Per-layer sparsity as a blocks × module-kinds grid, live during gradual pruning: each mask update
// recolours the modules it reports. Sparsity counts weights only; the title states the structure.
// Hover a cell for its path, sparsity and step; click it for moduleClicked.
class SparsityHeatmap : public QWidget {
  Q_OBJECT
 public:
  explicit SparsityHeatmap(QWidget* parent = nullptr);

  // Lays out the grid for these modules before any data arrives (cells drawn hatched until then).
  void setModules(const std::vector<std::string>& modulePaths);
  // Adds or updates the given modules; the others keep their last value.
  void setLayers(const std::vector<sparsetune::LayerSparsity>& layers);
  void clear();

  const ModuleGrid& grid() const { return grid_; }
  // The sparsity shown at (row, col), or nothing for a cell without data or outside the grid.
  std::optional<double> sparsityAt(int row, int col) const;
  // The module at (row, col); empty when no module sits there.
  std::string pathAt(int row, int col) const;
  // The title line: structure and step of the latest update.
  QString title() const;
  // Where the cell is drawn at the current size; empty outside the grid.
  QRect cellRect(int row, int col) const;
  // The (row, col) under a point, if any.
  std::optional<std::pair<int, int>> cellAt(const QPoint& point) const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 Q_SIGNALS:
  void moduleClicked(const QString& modulePath);

 protected:
  void paintEvent(QPaintEvent* event) override;
  bool event(QEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;

 private:
  // The areas the widget is split into at its current size.
  struct Geometry {
    QRect title, header, labels, cells, legend;
    int columns = 0;
  };
  Geometry geometry() const;
  bool addModule(const std::string& path);  // true when the path is new
  void relayout();
  void paintLegend(QPainter& painter, const QRect& area) const;

  std::map<std::string, sparsetune::LayerSparsity> latest_;  // module path → its last report
  std::vector<std::string> paths_;                          // every module reported, first-seen order
  ModuleGrid grid_;
  std::map<std::pair<int, int>, std::string> path_at_;      // (row, col) → module path
};

}  // namespace sparsetune::widgets
