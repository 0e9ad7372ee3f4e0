#pragma once
#include <QAbstractTableModel>
#include <QStringList>

#include <map>
#include <string>
#include <vector>

#include "core/store/run_store.h"

namespace sparsetune::widgets {

// Runs side by side (UX.md item 7): one column per run, headed by its name, and one row per recipe
// field (recipe_differences), then rows for results: each metric's final, min and max value (the
// best of a loss is its min, of an accuracy its max) and the latest evaluation results. With
// "differences only" the rows where every run agrees are hidden. Rows that differ are tinted.
class RecipeDiffModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  // Whether a row is a recipe field (false) or a result (true).
  static constexpr int kIsResultRole = Qt::UserRole + 1;

  using QAbstractTableModel::QAbstractTableModel;

  // The runs to compare, in column order: their recipes, latest evaluations and the metric
  // summaries they carry (list_runs' key metrics; call setMetrics after it for more).
  void setRuns(const std::vector<RunSummary>& runs);
  // Replaces the metric rows with these summaries, one map per run in setRuns' order (e.g.
  // RunStore::metric_summaries of each, for every metric rather than the key ones). A run beyond the
  // end of `metrics` has none.
  void setMetrics(const std::vector<std::map<std::string, MetricSummary>>& metrics);
  void setDifferencesOnly(bool only);
  bool differencesOnly() const { return differences_only_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  struct Row {
    QString field;
    QStringList values;  // one per run
    bool differs = false;
    bool result = false;
  };
  void rebuild();

  std::vector<RunSummary> runs_;
  std::vector<std::map<std::string, MetricSummary>> metrics_;
  bool differences_only_ = false;
  std::vector<Row> rows_;  // the rows shown
};

}  // namespace sparsetune::widgets
