#pragma once
#include <QAbstractTableModel>
#include <QColor>

#include <cstdint>
#include <set>
#include <vector>

#include "core/store/run_store.h"

namespace sparsetune::widgets {

// "42 s", "3 min 05 s", "2 h 07 min": how long a run took, coarse enough to read at a glance.
QString formatDuration(double seconds);

// The runs of the store, newest first, as RunStore::list_runs({"loss/total", "sparsity/actual"})
// gives them: one row per run with its status, model, timing, last step, final and best loss, final
// sparsity and latest evaluation results. Runs are checkable (on the name column) to overlay their
// curves, and each has a colour, stable by id, used for it in every chart. Sorting works on the
// underlying values (Qt::UserRole).
class RunTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Id, Name, Status, Model, Created, Duration, Steps, FinalLoss, BestLoss, FinalSparsity, Evals, ColumnCount };
  using QAbstractTableModel::QAbstractTableModel;

  // Replaces the runs. Rows of runs that stay keep their place in views (rows are removed and
  // inserted, not reset), so a live refresh keeps the user's selection and checks; checks of runs that
  // are gone are dropped.
  void setRuns(std::vector<RunSummary> runs);
  const std::vector<RunSummary>& runs() const { return runs_; }
  // nullptr outside the rows.
  const RunSummary* runAt(int row) const;
  int rowOf(int64_t id) const;  // -1 when there is no such run

  // The checked runs' ids in row order.
  std::vector<int64_t> checkedRuns() const;
  void setChecked(int64_t id, bool checked);

  // The run's colour in the qualitative palette (Tableau 10), by id, so it stays the same whatever
  // else is listed; ids ten apart share a colour.
  static QColor runColor(int64_t id);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role) override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 Q_SIGNALS:
  void checkedRunsChanged();

 private:
  std::vector<RunSummary> runs_;
  std::set<int64_t> checked_;
};

}  // namespace sparsetune::widgets
