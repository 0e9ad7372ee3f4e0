#include "widgets/run_table_model.h"

#include <gtest/gtest.h>

#include <QDateTime>
#include <QItemSelectionModel>
#include <QSignalSpy>

#include <cmath>
#include <filesystem>
#include <limits>

#include "tests/widgets/qt_app.h"

namespace sparsetune::widgets {
namespace {

class RunTableModelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { test::qt_app(); }

  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const auto dir = std::filesystem::path(SPARSETUNE_TEST_TMP) / (std::string("RunTableModel.") + info->name());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    store_ = std::make_unique<RunStore>(dir / "runs.sqlite");
  }

  // A run that pruned to 50 % and trained for 200 steps, its loss falling to 2.1 and ending at 2.3.
  int64_t finished_run(const std::string& name) {
    const int64_t id = store_->create_run({name, "name: " + name + "\n", "/models/llama-7b/", "fp", "{}", std::nullopt});
    store_->set_status(id, "running");
    std::vector<StepMetrics> steps;
    const double losses[] = {3.0, 2.1, 2.3};
    for (int i = 0; i < 3; ++i)
      steps.push_back({100 * i, 10.0 * i, {{"loss/total", losses[i]}, {"sparsity/actual", 0.25 * i}}});
    store_->add_metrics(id, steps);
    store_->add_eval(id, {200, "gsm8k", "exact_match", 0.94});
    store_->add_eval(id, {200, "perplexity", "perplexity", 12.5});
    store_->set_status(id, "finished");
    return id;
  }

  std::vector<RunSummary> runs() { return store_->list_runs({"loss/total", "sparsity/actual"}); }

  static QString text(const RunTableModel& model, int row, int column, int role = Qt::DisplayRole) {
    return model.data(model.index(row, column), role).toString();
  }

  std::unique_ptr<RunStore> store_;
};

TEST(FormatDuration, ReadsAtAGlance) {
  EXPECT_EQ(formatDuration(42.4), "42 s");
  EXPECT_EQ(formatDuration(185), "3 min 05 s");
  EXPECT_EQ(formatDuration(2 * 3600 + 7 * 60 + 30), "2 h 07 min");
  EXPECT_EQ(formatDuration(-1), "0 s");
}

TEST_F(RunTableModelTest, ShowsWhatTheStoreKnowsOfARun) {
  const int64_t id = finished_run("wanda-50");
  RunTableModel model;
  model.setRuns(runs());
  ASSERT_EQ(model.rowCount(), 1);
  const RunInfo& run = model.runAt(0)->run;
  EXPECT_EQ(text(model, 0, RunTableModel::Id), QString::number(id));
  EXPECT_EQ(text(model, 0, RunTableModel::Name), "wanda-50");
  EXPECT_EQ(text(model, 0, RunTableModel::Status), "finished");
  EXPECT_EQ(model.data(model.index(0, RunTableModel::Status), Qt::ForegroundRole).value<QColor>(), QColor(44, 160, 44));
  EXPECT_EQ(text(model, 0, RunTableModel::Model), "llama-7b");
  EXPECT_EQ(text(model, 0, RunTableModel::Created),
            QDateTime::fromSecsSinceEpoch(static_cast<qint64>(run.created_at)).toString("yyyy-MM-dd HH:mm"));
  ASSERT_TRUE(run.started_at && run.finished_at);
  EXPECT_EQ(text(model, 0, RunTableModel::Duration), formatDuration(*run.finished_at - *run.started_at));
  EXPECT_EQ(text(model, 0, RunTableModel::Steps), "200");
  EXPECT_EQ(text(model, 0, RunTableModel::FinalLoss), "2.3");
  EXPECT_EQ(text(model, 0, RunTableModel::BestLoss), "2.1");
  EXPECT_DOUBLE_EQ(model.data(model.index(0, RunTableModel::BestLoss), Qt::UserRole).toDouble(), 2.1);
  EXPECT_EQ(text(model, 0, RunTableModel::FinalSparsity), "50.0 %");
  EXPECT_EQ(text(model, 0, RunTableModel::Evals), "gsm8k exact_match 0.94, perplexity 12.5");
  EXPECT_EQ(model.data(model.index(0, RunTableModel::Name), Qt::DecorationRole).value<QColor>(), RunTableModel::runColor(id));
}

TEST_F(RunTableModelTest, EvaluationColumnShowsWhereTheRunEndedAndTheTooltipEverything) {
  const int64_t id = store_->create_run({"demo", "", "/models/tiny", "fp", "{}", std::nullopt});
  store_->add_eval(id, {0, "dense/gsm8k:test", "exact_match", 0.985});
  store_->add_eval(id, {0, "oneshot/gsm8k:test", "exact_match", 0.855});
  store_->add_eval(id, {300, "final/gsm8k:test", "exact_match", 0.98});
  RunTableModel model;
  model.setRuns(runs());
  EXPECT_EQ(text(model, 0, RunTableModel::Evals), "final/gsm8k:test exact_match 0.98");
  const QString all = text(model, 0, RunTableModel::Evals, Qt::ToolTipRole);
  EXPECT_TRUE(all.contains("dense/gsm8k:test exact_match 0.985")) << all.toStdString();
  EXPECT_TRUE(all.contains("oneshot/gsm8k:test exact_match 0.855")) << all.toStdString();
}

TEST_F(RunTableModelTest, StatusColoursAndTheReasonOfAFailure) {
  const int64_t failed = store_->create_run({"diverged", "", "/models/tiny", "fp", "{}", std::nullopt});
  store_->set_status(failed, "running");
  store_->set_status(failed, "failed", "loss is NaN at step 12");
  const int64_t running = store_->create_run({"live", "", "/models/tiny", "fp", "{}", std::nullopt});
  store_->set_status(running, "running");
  const int64_t paused = store_->create_run({"later", "", "/models/tiny", "fp", "{}", std::nullopt});
  store_->set_status(paused, "paused");
  RunTableModel model;
  model.setRuns(runs());
  const auto colour = [&](int64_t id) {
    return model.data(model.index(model.rowOf(id), RunTableModel::Status), Qt::ForegroundRole).value<QColor>();
  };
  EXPECT_EQ(colour(failed), QColor(214, 39, 40));
  EXPECT_EQ(colour(running), QColor(31, 119, 180));
  EXPECT_EQ(colour(paused), QColor(127, 127, 127));
  EXPECT_EQ(text(model, model.rowOf(failed), RunTableModel::Status, Qt::ToolTipRole), "loss is NaN at step 12");
  EXPECT_EQ(text(model, model.rowOf(running), RunTableModel::Steps), "");  // no step yet
  EXPECT_EQ(text(model, model.rowOf(running), RunTableModel::FinalLoss), "");
  EXPECT_FALSE(text(model, model.rowOf(running), RunTableModel::Duration).isEmpty());  // counts while it runs
  EXPECT_EQ(text(model, model.rowOf(paused), RunTableModel::Duration), "");
}

TEST_F(RunTableModelTest, ChecksSelectRunsToOverlay) {
  const int64_t first = finished_run("first");
  const int64_t second = finished_run("second");
  RunTableModel model;
  model.setRuns(runs());
  QSignalSpy changed(&model, &RunTableModel::checkedRunsChanged);
  const QModelIndex name = model.index(model.rowOf(first), RunTableModel::Name);
  EXPECT_TRUE(model.flags(name) & Qt::ItemIsUserCheckable);
  EXPECT_FALSE(model.flags(model.index(0, RunTableModel::Status)) & Qt::ItemIsUserCheckable);
  EXPECT_TRUE(model.setData(name, Qt::Checked, Qt::CheckStateRole));
  EXPECT_EQ(model.data(name, Qt::CheckStateRole).toInt(), Qt::Checked);
  model.setChecked(second, true);
  EXPECT_EQ(changed.count(), 2);
  EXPECT_EQ(model.checkedRuns(), (std::vector<int64_t>{second, first}));  // row order: newest first
  model.setChecked(second, true);  // no change, no signal
  EXPECT_EQ(changed.count(), 2);
  model.setChecked(second, false);
  EXPECT_EQ(model.checkedRuns(), std::vector<int64_t>{first});
}

TEST_F(RunTableModelTest, RefreshKeepsChecksAndSelectionOfRunsThatStay) {
  const int64_t old_run = finished_run("old");
  const int64_t kept = finished_run("kept");
  const int64_t deleted = finished_run("deleted");
  RunTableModel model;
  QItemSelectionModel selection(&model);
  model.setRuns(runs());
  model.setChecked(kept, true);
  model.setChecked(deleted, true);
  selection.select(model.index(model.rowOf(kept), 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);

  store_->delete_run(deleted);
  const int64_t added = finished_run("added");
  store_->add_metrics(kept, {{300, 40.0, {{"loss/total", 1.9}}}});
  QSignalSpy changed(&model, &RunTableModel::checkedRunsChanged);
  model.setRuns(runs());

  ASSERT_EQ(model.rowCount(), 3);
  EXPECT_EQ(model.runAt(0)->run.id, added);
  EXPECT_EQ(model.rowOf(kept), 1);
  EXPECT_EQ(model.rowOf(old_run), 2);
  EXPECT_EQ(model.rowOf(deleted), -1);
  EXPECT_EQ(model.checkedRuns(), std::vector<int64_t>{kept});
  EXPECT_EQ(changed.count(), 1);  // the deleted run's check went away
  const QModelIndexList rows = selection.selectedRows();
  ASSERT_EQ(rows.size(), 1);
  EXPECT_EQ(rows.front().row(), model.rowOf(kept));
  EXPECT_EQ(text(model, model.rowOf(kept), RunTableModel::FinalLoss), "1.9");  // the refresh brought new values
  EXPECT_EQ(text(model, model.rowOf(kept), RunTableModel::Steps), "300");
  EXPECT_EQ(model.runAt(3), nullptr);
}

TEST(RunColor, StableByIdAndDistinctForNeighbours) {
  EXPECT_EQ(RunTableModel::runColor(7), RunTableModel::runColor(7));
  for (int64_t id = 1; id < 10; ++id) {
    EXPECT_NE(RunTableModel::runColor(id), RunTableModel::runColor(id + 1));
  }
  EXPECT_EQ(RunTableModel::runColor(3), RunTableModel::runColor(13));
}

}  // namespace
}  // namespace sparsetune::widgets
