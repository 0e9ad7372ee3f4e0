// The studio end to end, offscreen: every page reflects the opened demo; a short run is started from
// the window, its curves and heatmap fill in live, it is paused, resumed and finishes; a run started
// by the CLI on the same database shows up live; export and report write real files.
#include <QComboBox>
#include <QFileInfo>
#include <QLineEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <gtest/gtest.h>

#include <fstream>

#include "app/studio/export_dialog.h"
#include "app/studio/layers_page.h"
#include "app/studio/main_window.h"
#include "app/studio/model_page.h"
#include "app/studio/profile_page.h"
#include "app/studio/recipe_page.h"
#include "app/studio/report_dialog.h"
#include "app/studio/runs_page.h"
#include "app/studio/store_watcher.h"
#include "app/studio/training_page.h"
#include "core/store/run_store.h"
#include "core/util/resources.h"
#include "tests/studio/studio_test_util.h"
#include "widgets/curve_plot.h"
#include "widgets/recipe_editor.h"
#include "widgets/run_table_model.h"
#include "widgets/sparsity_heatmap.h"

namespace {

using sparsetune::studio::MainWindow;

// The demo recipe in miniature: the same model, data, SparseGPT 75 % and CE + SquareHead, a few
// steps and a small evaluation.
sparsetune::Recipe short_demo(const QTemporaryDir& dir, int64_t steps) {
  sparsetune::Recipe r = sparsetune::Recipe::from_yaml_file(sparsetune::resource_dir() / "demo" / "recipe.yaml");
  r.name = "studio-test";
  r.training.steps = steps;
  r.training.batch_size = 4;
  r.training.checkpoint_every = 0;
  r.training.warmup_steps = steps / 4;
  r.pruning.calibration.samples = 8;
  r.evaluation.every = steps / 2;
  r.evaluation.tasks = {"perplexity"};
  r.evaluation.samples = 8;
  r.evaluation.profile = false;
  r.output.dir = dir.filePath("out").toStdString();
  return r;
}

bool loaded(MainWindow& window) {
  QSignalSpy ready(&window, &MainWindow::modelReady);
  window.openDemo();
  return ready.wait(60000);
}

}  // namespace

TEST_F(StudioTest, EveryPageReflectsTheOpenedDemo) {
  QTemporaryDir dir;
  MainWindow window(dir.filePath("runs.sqlite"));
  window.show();
  ASSERT_TRUE(loaded(window));
  EXPECT_TRUE(window.modelPage()->hasModel());
  EXPECT_EQ(window.modelPage()->summary().architecture, "llama");
  // The recipe page holds the demo recipe, which can run, and previews its schedule.
  EXPECT_TRUE(window.recipePage()->problems().isEmpty()) << window.recipePage()->problems().toStdString();
  EXPECT_EQ(window.recipePage()->recipe().pruning.sparsity, 0.75);
  for (int page = MainWindow::Model; page <= MainWindow::Runs; ++page) {
    window.showPage(static_cast<MainWindow::Page>(page));
    QTest::qWait(50);
    EXPECT_EQ(window.currentPage(), page);
  }
  EXPECT_EQ(window.runsPage()->runModel()->rowCount(), 0);
}

TEST_F(StudioTest, RunsLivePausesCancelsResumesAndFinishes) {
  QTemporaryDir dir;
  MainWindow window(dir.filePath("runs.sqlite"));
  window.show();
  ASSERT_TRUE(loaded(window));
  sparsetune::Recipe recipe = short_demo(dir, 60);
  recipe.evaluation.profile = true;  // a speed profile at the end, for the Profile page
  window.recipePage()->editor()->setRecipe(recipe);
  QSignalSpy started(&window, &MainWindow::runStarted);
  QSignalSpy stopped(&window, &MainWindow::runStopped);
  ASSERT_TRUE(window.startRun());
  ASSERT_TRUE(started.wait(60000)) << "the run did not start";
  const qint64 run = started.front().front().toLongLong();
  EXPECT_EQ(window.currentRun(), run);

  // Curves and the heatmap fill in from the store while the run trains.
  auto* loss = window.trainingPage()->lossPlot();
  ASSERT_TRUE(wait_until([&] { return loss->seriesKeys().contains("loss/total") && loss->smoothedValues("loss/total").size() >= 4; }, 180000))
      << "no live loss curve";
  EXPECT_TRUE(window.layersPage()->heatmap()->sparsityAt(0, 0).has_value()) << "heatmap empty after the one-shot prune";
  if (auto s = window.layersPage()->heatmap()->sparsityAt(0, 0)) {
    EXPECT_NEAR(*s, 0.75, 0.01);
  }

  window.pauseRun();
  ASSERT_TRUE(stopped.wait(60000)) << "pause did not stop the run";
  EXPECT_EQ(stopped.back().at(1).toString(), "paused");
  sparsetune::RunStore store(dir.filePath("runs.sqlite").toStdString());
  EXPECT_EQ(store.get_run(run).status, "paused");
  const int64_t pausedAt = store.latest_step(run).value_or(0);
  EXPECT_LT(pausedAt, 60);

  // Resume and cancel at once (the worker stops at its first step boundary): a cancelled run resumes too.
  ASSERT_TRUE(window.resumeRun());
  ASSERT_TRUE(started.wait(60000)) << "the resumed run did not start";
  window.cancelRun();
  ASSERT_TRUE(wait_until([&] { return stopped.size() >= 2; }, 120000)) << "cancel did not stop the resumed run";
  EXPECT_EQ(stopped.back().at(1).toString(), "cancelled");
  EXPECT_EQ(store.get_run(run).status, "cancelled");
  ASSERT_TRUE(window.resumeRun());
  ASSERT_TRUE(wait_until([&] { return stopped.size() >= 3; }, 240000)) << "the run resumed after the cancel did not end";
  EXPECT_EQ(stopped.back().at(1).toString(), "finished");
  EXPECT_EQ(store.get_run(run).status, "finished");
  EXPECT_EQ(store.latest_step(run).value_or(0), 60);  // metrics are logged at the step count after each update
  // Every step was logged exactly once across the pause and the cancel.
  EXPECT_EQ(store.metric_series(run, "loss/total").size(), 60u);

  QTest::qWait(400);  // one more poll of the store
  auto* accuracy = window.trainingPage()->accuracyPlot();
  EXPECT_FALSE(accuracy->seriesKeys().isEmpty()) << "no evaluation drawn";
  EXPECT_GE(window.trainingPage()->accuracyChoice()->count(), 1);
  EXPECT_EQ(window.runsPage()->runModel()->rowCount(), 1);
  EXPECT_GE(window.profilePage()->profileChoice()->count(), 1) << "the end-of-run profile is not listed";

  // The run's final model exports as an HF folder, and its report saves as HTML and CSV.
  sparsetune::studio::ExportDialog exporter(store, run);
  exporter.destination()->setText(dir.filePath("exported"));
  QSignalSpy exported(&exporter, &sparsetune::studio::ExportDialog::exported);
  QTimer::singleShot(0, [&] { exporter.startExport(); });
  ASSERT_TRUE(exported.wait(60000));
  EXPECT_TRUE(QFileInfo::exists(dir.filePath("exported/model.safetensors")));
  EXPECT_TRUE(QFileInfo::exists(dir.filePath("exported/config.json")));
  sparsetune::studio::ReportDialog report(store, {run});
  for (const QString& kind : {QStringLiteral("html"), QStringLiteral("csv"), QStringLiteral("pdf")}) {
    report.format()->setCurrentIndex(report.format()->findData(kind));
    report.destination()->setText(dir.filePath("report." + kind));
    QString error;
    EXPECT_TRUE(report.save(&error)) << error.toStdString();
    EXPECT_GT(QFileInfo(dir.filePath("report." + kind)).size(), 500) << kind.toStdString();
  }
}

TEST_F(StudioTest, RunStartedByTheCliAppearsLive) {
  QTemporaryDir dir;
  const QString database = dir.filePath("runs.sqlite");
  MainWindow window(database);
  window.show();
  QTest::qWait(300);
  const QString recipe = dir.filePath("cli.yaml");
  sparsetune::Recipe r = short_demo(dir, 80);  // long enough to be watched while it trains
  r.name = "from-the-cli";
  r.model = sparsetune::demo_model_dir();
  r.teacher = r.model;
  r.save(recipe.toStdString());

  QProcess cli;
  cli.setProcessChannelMode(QProcess::ForwardedErrorChannel);
  cli.start(SPARSETUNE_CLI, {"run", recipe, "--db", database, "--quiet"});
  ASSERT_TRUE(cli.waitForStarted());
  // The window follows the new run and draws its loss while the CLI is still training.
  wait_until([&] { return window.currentRun().has_value() || cli.state() == QProcess::NotRunning; }, 120000);
  ASSERT_TRUE(window.currentRun().has_value()) << "the CLI's run never showed up";
  auto* loss = window.trainingPage()->lossPlot();
  const bool live = wait_until([&] {
    return (loss->seriesKeys().contains("loss/total") && !loss->smoothedValues("loss/total").empty()) || cli.state() == QProcess::NotRunning;
  }, 180000) && loss->seriesKeys().contains("loss/total");
  const bool stillRunning = cli.state() == QProcess::Running;
  ASSERT_TRUE(cli.waitForFinished(300000));
  EXPECT_EQ(cli.exitCode(), 0);
  EXPECT_TRUE(live) << "no loss curve drawn for the CLI's run";
  EXPECT_TRUE(stillRunning) << "the curve appeared only after the CLI had finished";
  QTest::qWait(400);
  EXPECT_EQ(window.runsPage()->runModel()->rowCount(), 1);
}
