#include "app/studio/runs_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

#include "core/store/run_store.h"
#include "widgets/curve_plot.h"
#include "widgets/recipe_diff_model.h"
#include "widgets/run_table_model.h"

namespace sparsetune::studio {

RunsPage::RunsPage(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(new QLabel(tr("Tick runs to compare them; double-click one to open it."), this), 1);
  open_ = new QPushButton(tr("Open"), this);
  resume_ = new QPushButton(tr("Resume"), this);
  delete_ = new QPushButton(tr("Delete…"), this);
  for (QPushButton* b : {open_, resume_, delete_}) buttons->addWidget(b);
  layout->addLayout(buttons);

  auto* splitter = new QSplitter(Qt::Vertical, this);
  runModel_ = new widgets::RunTableModel(this);
  auto* proxy = new QSortFilterProxyModel(this);
  proxy->setSourceModel(runModel_);
  proxy->setSortRole(Qt::UserRole);
  table_ = new QTableView(splitter);
  table_->setModel(proxy);
  table_->setSortingEnabled(true);
  table_->sortByColumn(widgets::RunTableModel::Id, Qt::DescendingOrder);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->verticalHeader()->setVisible(false);
  table_->horizontalHeader()->setSectionResizeMode(widgets::RunTableModel::Model, QHeaderView::Stretch);

  auto* overlayBox = new QWidget(splitter);
  auto* overlayLayout = new QVBoxLayout(overlayBox);
  overlayLayout->setContentsMargins(0, 0, 0, 0);
  metricChoice_ = new QComboBox(overlayBox);
  metricChoice_->addItems({QStringLiteral("loss/total"), QStringLiteral("loss/ce"), QStringLiteral("loss/squarehead"),
                           QStringLiteral("loss/kd"), QStringLiteral("sparsity/actual"), QStringLiteral("lr"),
                           QStringLiteral("grad_norm"), QStringLiteral("tokens_per_second")});
  overlayLayout->addWidget(metricChoice_);
  overlay_ = new widgets::CurvePlot(overlayBox);
  overlay_->setTitle(tr("Ticked runs"));
  overlay_->setAxisLabels(tr("step"), tr("value"));
  overlayLayout->addWidget(overlay_, 1);
  auto* diffBox = new QWidget(splitter);
  auto* diffLayout = new QVBoxLayout(diffBox);
  diffLayout->setContentsMargins(0, 0, 0, 0);
  differencesOnly_ = new QCheckBox(tr("Differences only"), diffBox);
  differencesOnly_->setChecked(true);
  diffLayout->addWidget(differencesOnly_);
  diffModel_ = new widgets::RecipeDiffModel(this);
  diffModel_->setDifferencesOnly(true);
  diffTable_ = new QTableView(diffBox);
  diffTable_->setModel(diffModel_);
  diffTable_->verticalHeader()->setVisible(false);
  diffTable_->horizontalHeader()->setMinimumSectionSize(80);
  diffTable_->setTextElideMode(Qt::ElideMiddle);
  diffLayout->addWidget(diffTable_, 1);
  splitter->addWidget(table_);
  splitter->addWidget(overlayBox);
  splitter->addWidget(diffBox);
  splitter->setStretchFactor(0, 2);
  splitter->setStretchFactor(1, 4);
  splitter->setStretchFactor(2, 3);
  layout->addWidget(splitter, 1);

  connect(runModel_, &widgets::RunTableModel::checkedRunsChanged, this, &RunsPage::compare);
  connect(metricChoice_, &QComboBox::currentIndexChanged, this, &RunsPage::compare);
  connect(differencesOnly_, &QCheckBox::toggled, diffModel_, &widgets::RecipeDiffModel::setDifferencesOnly);
  connect(table_, &QTableView::doubleClicked, this, [this] {
    if (const qint64 run = selectedRun(); run > 0) Q_EMIT openRequested(run);
  });
  connect(open_, &QPushButton::clicked, this, [this] {
    if (const qint64 run = selectedRun(); run > 0) Q_EMIT openRequested(run);
  });
  connect(resume_, &QPushButton::clicked, this, [this] {
    if (const qint64 run = selectedRun(); run > 0) Q_EMIT resumeRequested(run);
  });
  connect(delete_, &QPushButton::clicked, this, [this] {
    const qint64 run = selectedRun();
    if (run <= 0) return;
    if (QMessageBox::question(this, tr("Delete run"), tr("Delete run %1 and everything logged for it? Its files stay on disk.").arg(run)) ==
        QMessageBox::Yes)
      Q_EMIT deleteRequested(run);
  });
}

qint64 RunsPage::selectedRun() const {
  const auto rows = table_->selectionModel()->selectedRows();
  if (rows.isEmpty()) return 0;
  const auto* proxy = static_cast<const QSortFilterProxyModel*>(table_->model());
  const RunSummary* run = runModel_->runAt(proxy->mapToSource(rows.front()).row());
  return run != nullptr ? run->run.id : 0;
}

std::vector<int64_t> RunsPage::checkedRuns() const { return runModel_->checkedRuns(); }

void RunsPage::refresh(RunStore& store) {
  store_ = &store;
  runModel_->setRuns(store.list_runs({"loss/total", "sparsity/actual"}));
  compare();
}

void RunsPage::compare() {
  if (store_ == nullptr) return;
  const std::vector<int64_t> checked = runModel_->checkedRuns();
  std::vector<RunSummary> runs;
  std::vector<std::map<std::string, MetricSummary>> metrics;
  overlay_->clear();
  const std::string metric = metricChoice_->currentText().toStdString();
  for (int64_t id : checked) {
    const int row = runModel_->rowOf(id);
    if (row < 0) continue;
    runs.push_back(*runModel_->runAt(row));
    metrics.push_back(store_->metric_summaries(id));
    const QString key = QString::number(id);
    overlay_->setSeries(key, tr("run %1 · %2").arg(id).arg(QString::fromStdString(runs.back().run.name)), widgets::RunTableModel::runColor(id));
    overlay_->setPoints(key, store_->metric_series(id, metric));
  }
  diffModel_->setRuns(runs);
  diffModel_->setMetrics(metrics);
  // Field names fit their column; the runs share the rest, long values elided (the tooltip has them).
  QHeaderView* header = diffTable_->horizontalHeader();
  header->setSectionResizeMode(QHeaderView::Stretch);
  if (diffModel_->columnCount() > 0) {
    header->setSectionResizeMode(0, QHeaderView::Interactive);
    diffTable_->resizeColumnToContents(0);
    diffTable_->setColumnWidth(0, std::min(diffTable_->columnWidth(0), 240));
  }
}

}  // namespace sparsetune::studio
