#include "widgets/run_table_model.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>

namespace sparsetune::widgets {

namespace {

constexpr const char* kLoss = "loss/total";
constexpr const char* kSparsity = "sparsity/actual";

const MetricSummary* metric(const RunSummary& run, const char* name) {
  const auto it = run.metrics.find(name);
  return it == run.metrics.end() || it->second.count == 0 ? nullptr : &it->second;
}

// The last step any key metric reached; -1 before the first.
int64_t last_step(const RunSummary& run) {
  int64_t step = -1;
  for (const auto& [name, m] : run.metrics)
    if (m.count > 0) step = std::max(step, m.last_step);
  return step;
}

// Seconds from the first time it ran to its end, or to now while it runs; nullopt when unknown
// (never started, or paused).
std::optional<double> duration(const RunInfo& run) {
  if (!run.started_at) return std::nullopt;
  if (run.finished_at) return *run.finished_at - *run.started_at;
  if (run.status == "running") return static_cast<double>(QDateTime::currentSecsSinceEpoch()) - *run.started_at;
  return std::nullopt;
}

QString model_folder(const std::string& model_path) {
  std::filesystem::path path(model_path);
  if (path.filename().empty()) path = path.parent_path();  // "…/model/" names the folder too
  return QString::fromStdString(path.filename().string());
}

// Every evaluation, or with `headline` only the final ones (on the whole held-out split), falling back
// to all when the run has none yet: the column shows what the run ended at, the tooltip everything.
QString evals_text(const std::vector<EvalResult>& evals, bool headline) {
  const bool has_final = std::any_of(evals.begin(), evals.end(), [](const EvalResult& e) { return e.task.rfind("final/", 0) == 0; });
  QStringList parts;
  for (const auto& e : evals) {
    if (headline && has_final && e.task.rfind("final/", 0) != 0) continue;
    const QString value = QString::number(e.value, 'g', 4);
    if (e.task == e.metric)
      parts << QStringLiteral("%1 %2").arg(QString::fromStdString(e.metric), value);
    else
      parts << QStringLiteral("%1 %2 %3").arg(QString::fromStdString(e.task), QString::fromStdString(e.metric), value);
  }
  return parts.join(QStringLiteral(", "));
}

QVariant status_colour(const std::string& status) {
  if (status == "running") return QColor(31, 119, 180);
  if (status == "finished") return QColor(44, 160, 44);
  if (status == "failed") return QColor(214, 39, 40);
  if (status == "cancelled" || status == "paused") return QColor(127, 127, 127);
  return {};
}

}  // namespace

QString formatDuration(double seconds) {
  const auto total = static_cast<int64_t>(std::llround(std::max(0.0, seconds)));
  const int64_t hours = total / 3600, minutes = total / 60 % 60, secs = total % 60;
  if (hours > 0) return RunTableModel::tr("%1 h %2 min").arg(hours).arg(minutes, 2, 10, QChar('0'));
  if (minutes > 0) return RunTableModel::tr("%1 min %2 s").arg(minutes).arg(secs, 2, 10, QChar('0'));
  return RunTableModel::tr("%1 s").arg(secs);
}

QColor RunTableModel::runColor(int64_t id) {
  static const QColor palette[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),  QColor(214, 39, 40),
                                   QColor(148, 103, 189), QColor(140, 86, 75),  QColor(227, 119, 194), QColor(127, 127, 127),
                                   QColor(188, 189, 34),  QColor(23, 190, 207)};
  constexpr int64_t size = std::size(palette);
  return palette[static_cast<std::size_t>(((id % size) + size) % size)];
}

void RunTableModel::setRuns(std::vector<RunSummary> runs) {
  std::map<int64_t, std::size_t> new_index;
  for (std::size_t i = 0; i < runs.size(); ++i) new_index[runs[i].run.id] = i;

  // Rows can be removed and inserted in place only if the runs that stay keep their order (the store
  // lists by creation time, so they do); otherwise the views are reset.
  bool same_order = new_index.size() == runs.size();
  std::size_t previous = 0;
  bool first = true;
  for (const auto& r : runs_) {
    const auto it = new_index.find(r.run.id);
    if (it == new_index.end()) continue;
    if (!first && it->second <= previous) same_order = false;
    previous = it->second;
    first = false;
  }

  if (!same_order) {
    beginResetModel();
    runs_ = std::move(runs);
    endResetModel();
  } else {
    for (int row = static_cast<int>(runs_.size()) - 1; row >= 0; --row) {
      if (new_index.count(runs_[static_cast<std::size_t>(row)].run.id) > 0) continue;
      beginRemoveRows({}, row, row);
      runs_.erase(runs_.begin() + row);
      endRemoveRows();
    }
    for (std::size_t i = 0; i < runs.size(); ++i) {
      if (i < runs_.size() && runs_[i].run.id == runs[i].run.id) {
        runs_[i] = std::move(runs[i]);
        continue;
      }
      const int row = static_cast<int>(i);
      beginInsertRows({}, row, row);
      runs_.insert(runs_.begin() + row, std::move(runs[i]));
      endInsertRows();
    }
    if (!runs_.empty()) Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
  }

  const std::size_t checked_before = checked_.size();
  std::erase_if(checked_, [this](int64_t id) { return rowOf(id) < 0; });
  if (checked_.size() != checked_before) Q_EMIT checkedRunsChanged();
}

const RunSummary* RunTableModel::runAt(int row) const {
  if (row < 0 || row >= rowCount()) return nullptr;
  return &runs_[static_cast<std::size_t>(row)];
}

int RunTableModel::rowOf(int64_t id) const {
  for (std::size_t i = 0; i < runs_.size(); ++i)
    if (runs_[i].run.id == id) return static_cast<int>(i);
  return -1;
}

std::vector<int64_t> RunTableModel::checkedRuns() const {
  std::vector<int64_t> ids;
  for (const auto& r : runs_)
    if (checked_.count(r.run.id) > 0) ids.push_back(r.run.id);
  return ids;
}

void RunTableModel::setChecked(int64_t id, bool checked) {
  const int row = rowOf(id);
  if (row < 0 || (checked_.count(id) > 0) == checked) return;
  if (checked)
    checked_.insert(id);
  else
    checked_.erase(id);
  Q_EMIT dataChanged(index(row, Name), index(row, Name), {Qt::CheckStateRole});
  Q_EMIT checkedRunsChanged();
}

int RunTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(runs_.size());
}

int RunTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RunTableModel::data(const QModelIndex& index, int role) const {
  const RunSummary* summary = runAt(index.row());
  if (!index.isValid() || summary == nullptr) return {};
  const RunInfo& run = summary->run;
  const MetricSummary* loss = metric(*summary, kLoss);
  const MetricSummary* sparsity = metric(*summary, kSparsity);
  const int64_t step = last_step(*summary);
  const std::optional<double> seconds = duration(run);
  const int column = index.column();

  if (column == Name && role == Qt::CheckStateRole) return checked_.count(run.id) > 0 ? Qt::Checked : Qt::Unchecked;
  if (column == Name && role == Qt::DecorationRole) return runColor(run.id);
  if (column == Status && role == Qt::ForegroundRole) return status_colour(run.status);
  if (column == Status && role == Qt::ToolTipRole && !run.message.empty()) return QString::fromStdString(run.message);
  if (column == Evals && role == Qt::ToolTipRole) return evals_text(summary->latest_evals, false);
  if (role == Qt::TextAlignmentRole) {
    const bool number = column == Id || column == Duration || column == Steps || column == FinalLoss ||
                        column == BestLoss || column == FinalSparsity;
    return number ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
  }
  if (role == Qt::UserRole) {
    switch (column) {
      case Id: return static_cast<qlonglong>(run.id);
      case Created: return run.created_at;
      case Duration: return seconds ? QVariant(*seconds) : QVariant();
      case Steps: return static_cast<qlonglong>(step);
      case FinalLoss: return loss ? QVariant(loss->last) : QVariant();
      case BestLoss: return loss ? QVariant(loss->min) : QVariant();
      case FinalSparsity: return sparsity ? QVariant(sparsity->last) : QVariant();
      default: return data(index, Qt::DisplayRole);
    }
  }
  if (role != Qt::DisplayRole) return {};
  switch (column) {
    case Id: return static_cast<qlonglong>(run.id);
    case Name: return QString::fromStdString(run.name);
    case Status: return QString::fromStdString(run.status);
    case Model: return model_folder(run.model_path);
    case Created:
      return QDateTime::fromSecsSinceEpoch(static_cast<qint64>(run.created_at)).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case Duration: return seconds ? formatDuration(*seconds) : QString();
    case Steps: return step >= 0 ? QString::number(step) : QString();
    case FinalLoss: return loss ? QString::number(loss->last, 'g', 4) : QString();
    case BestLoss: return loss ? QString::number(loss->min, 'g', 4) : QString();
    case FinalSparsity: return sparsity ? QStringLiteral("%1 %").arg(100.0 * sparsity->last, 0, 'f', 1) : QString();
    case Evals: return evals_text(summary->latest_evals, true);
  }
  return {};
}

bool RunTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  const RunSummary* summary = runAt(index.row());
  if (!index.isValid() || summary == nullptr || index.column() != Name || role != Qt::CheckStateRole) return false;
  setChecked(summary->run.id, value.toInt() == Qt::Checked);
  return true;
}

Qt::ItemFlags RunTableModel::flags(const QModelIndex& index) const {
  Qt::ItemFlags f = QAbstractTableModel::flags(index);
  if (index.isValid() && index.column() == Name) f |= Qt::ItemIsUserCheckable;
  return f;
}

QVariant RunTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Id: return tr("ID");
    case Name: return tr("Name");
    case Status: return tr("Status");
    case Model: return tr("Model");
    case Created: return tr("Created");
    case Duration: return tr("Duration");
    case Steps: return tr("Steps");
    case FinalLoss: return tr("Final loss");
    case BestLoss: return tr("Best loss");
    case FinalSparsity: return tr("Final sparsity");
    case Evals: return tr("Latest evaluation");
  }
  return {};
}

}  // namespace sparsetune::widgets
