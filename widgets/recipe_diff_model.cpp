#include "widgets/recipe_diff_model.h"

#include <QColor>
#include <QFont>
#include <QPixmap>

#include <algorithm>
#include <set>

#include "widgets/recipe_diff.h"
#include "widgets/run_table_model.h"

namespace sparsetune::widgets {

namespace {

QString number(double value) { return QString::number(value, 'g', 5); }

bool any_differs(const QStringList& values) {
  for (const auto& v : values)
    if (v != values.front()) return true;
  return false;
}

}  // namespace

void RecipeDiffModel::setRuns(const std::vector<RunSummary>& runs) {
  beginResetModel();
  runs_ = runs;
  metrics_.clear();
  for (const auto& r : runs_) metrics_.push_back(r.metrics);
  rebuild();
  endResetModel();
}

void RecipeDiffModel::setMetrics(const std::vector<std::map<std::string, MetricSummary>>& metrics) {
  beginResetModel();
  metrics_ = metrics;
  rebuild();
  endResetModel();
}

void RecipeDiffModel::setDifferencesOnly(bool only) {
  if (only == differences_only_) return;
  beginResetModel();
  differences_only_ = only;
  rebuild();
  endResetModel();
}

void RecipeDiffModel::rebuild() {
  std::vector<Row> all;
  std::vector<std::string> yamls;
  for (const auto& r : runs_) yamls.push_back(r.run.recipe_yaml);
  for (const auto& d : recipe_differences(yamls)) {
    Row row{QString::fromStdString(d.field), {}, d.differs, false};
    for (const auto& v : d.values) row.values << QString::fromStdString(v);
    all.push_back(std::move(row));
  }

  const QString missing = QString::fromUtf8(kMissingValue);
  auto add_result = [&](const QString& field, const QStringList& values) {
    all.push_back({field, values, any_differs(values), true});
  };
  std::set<std::string> metric_names;
  for (const auto& m : metrics_)
    for (const auto& [name, summary] : m)
      if (summary.count > 0) metric_names.insert(name);
  for (const auto& name : metric_names) {
    QStringList final_values, min_values, max_values;
    for (std::size_t run = 0; run < runs_.size(); ++run) {
      const MetricSummary* s = nullptr;
      if (run < metrics_.size())
        if (const auto it = metrics_[run].find(name); it != metrics_[run].end() && it->second.count > 0) s = &it->second;
      final_values << (s ? number(s->last) : missing);
      min_values << (s ? number(s->min) : missing);
      max_values << (s ? number(s->max) : missing);
    }
    const QString metric = QString::fromStdString(name);
    add_result(tr("%1 final").arg(metric), final_values);
    add_result(tr("%1 min").arg(metric), min_values);
    add_result(tr("%1 max").arg(metric), max_values);
  }

  // Latest evaluations, by task and metric, in the order they first appear.
  std::vector<std::pair<std::string, std::string>> evals;
  for (const auto& r : runs_)
    for (const auto& e : r.latest_evals)
      if (std::find(evals.begin(), evals.end(), std::pair(e.task, e.metric)) == evals.end()) evals.emplace_back(e.task, e.metric);
  for (const auto& [task, metric] : evals) {
    QStringList values;
    for (const auto& r : runs_) {
      QString value = missing;
      for (const auto& e : r.latest_evals)
        if (e.task == task && e.metric == metric) value = number(e.value);
      values << value;
    }
    const QString name = task == metric ? QString::fromStdString(metric)
                                        : QStringLiteral("%1 %2").arg(QString::fromStdString(task), QString::fromStdString(metric));
    add_result(tr("%1 latest evaluation").arg(name), values);
  }

  rows_.clear();
  for (auto& row : all)
    if (!differences_only_ || row.differs) rows_.push_back(std::move(row));
}

int RecipeDiffModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(rows_.size()); }

int RecipeDiffModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : 1 + static_cast<int>(runs_.size());
}

QVariant RecipeDiffModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
  const Row& row = rows_[static_cast<std::size_t>(index.row())];
  if (role == kIsResultRole) return row.result;
  if (role == Qt::BackgroundRole && row.differs) return QColor(255, 243, 205);  // a pale amber
  if (role == Qt::FontRole && index.column() == 0 && row.result) {
    QFont bold;
    bold.setBold(true);
    return bold;
  }
  if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
  return index.column() == 0 ? row.field : row.values.value(index.column() - 1);
}

QVariant RecipeDiffModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  if (section == 0) return role == Qt::DisplayRole ? QVariant(tr("Field")) : QVariant();
  if (section > static_cast<int>(runs_.size())) return {};
  const RunInfo& run = runs_[static_cast<std::size_t>(section - 1)].run;
  if (role == Qt::DisplayRole) return QString::fromStdString(run.name);
  if (role == Qt::ToolTipRole) return tr("run %1").arg(run.id);
  if (role == Qt::DecorationRole) {
    // A header paints an icon or pixmap, not a plain colour.
    QPixmap swatch(12, 12);
    swatch.fill(RunTableModel::runColor(run.id));
    return swatch;
  }
  return {};
}

}  // namespace sparsetune::widgets
