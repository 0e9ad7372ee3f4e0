#include "core/store/run_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <thread>

#include "core/store/sqlite_db.h"
#include "tests/store/store_test_util.h"

namespace sparsetune {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const double kNaN = std::numeric_limits<double>::quiet_NaN();

NewRun new_run(const std::string& name) {
  NewRun r;
  r.name = name;
  r.recipe_yaml = "name: " + name + "\n";
  r.model_path = "/models/" + name;
  r.model_fingerprint = "fp-" + name;
  r.machine_json = R"({"cpu": "test"})";
  return r;
}

std::vector<std::string> table_names(SqliteDb& db) {
  auto q = db.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  std::vector<std::string> names;
  while (q.step()) names.push_back(q.text(0));
  return names;
}


// --- opening, schema, migrations, bad files ---------------------------------------------------------

TEST(RunStore, CreatesTheSchemaInWalMode) {
  const auto path = test::fresh_dir() / "runs.sqlite";
  {
    RunStore store(path);
    EXPECT_EQ(store.schema_version(), RunStore::kSchemaVersion);
    EXPECT_EQ(store.path(), path);
  }
  SqliteDb db(path);
  EXPECT_THAT(table_names(db), ElementsAre("artifacts", "evals", "layer_sparsity", "metric_summary", "metrics", "profiles",
                                           "runs", "schema_version", "sensitivity"));
  auto mode = db.query("PRAGMA journal_mode");
  ASSERT_TRUE(mode.step());
  EXPECT_EQ(mode.text(0), "wal");  // WAL is a property of the file: it stays after closing
  RunStore again(path);  // opening an up-to-date store changes nothing
  EXPECT_EQ(again.schema_version(), RunStore::kSchemaVersion);
}

// A database as version 1 of sparsetune wrote it: no resume links, summaries, profiles or artifacts.
void write_version_1(const std::filesystem::path& path) {
  SqliteDb db(path);
  db.exec(R"sql(
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version VALUES (1);
CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, recipe_yaml TEXT NOT NULL,
  model_path TEXT NOT NULL, model_fingerprint TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('created',
  'running', 'paused', 'cancelled', 'failed', 'finished')), message TEXT NOT NULL, machine_json TEXT NOT NULL,
  created_at REAL NOT NULL, started_at REAL, finished_at REAL);
CREATE TABLE metrics (run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE, step INTEGER NOT NULL,
  wall_seconds REAL NOT NULL, name TEXT NOT NULL, value REAL);
CREATE INDEX metrics_by_name ON metrics (run_id, name, step);
CREATE TABLE layer_sparsity (run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE, step INTEGER NOT NULL,
  module_path TEXT NOT NULL, sparsity REAL NOT NULL, structure TEXT NOT NULL);
CREATE INDEX layer_sparsity_by_step ON layer_sparsity (run_id, step);
CREATE TABLE evals (run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE, step INTEGER NOT NULL,
  task TEXT NOT NULL, metric TEXT NOT NULL, value REAL);
CREATE INDEX evals_by_run ON evals (run_id, task, metric, step);
INSERT INTO runs VALUES (1, 'old', 'name: old', '/m', 'fp', 'finished', 'done', '{}', 1000.5, 1001, 1100);
INSERT INTO metrics VALUES (1, 1, 0.5, 'loss/total', 3.0), (1, 2, 1.0, 'loss/total', 2.0),
  (1, 3, 1.5, 'loss/total', NULL), (1, 2, 1.0, 'lr', 0.001), (1, 3, 1.5, 'lr', NULL);
INSERT INTO layer_sparsity VALUES (1, 0, 'model.layers.0.mlp.up_proj', 0.5, 'unstructured');
INSERT INTO evals VALUES (1, 3, 'gsm8k', 'exact_match', 0.25);
)sql");
}

TEST(RunStore, MigratesAVersion1Database) {
  const auto path = test::fresh_dir() / "runs.sqlite";
  write_version_1(path);
  RunStore store(path);
  EXPECT_EQ(store.schema_version(), RunStore::kSchemaVersion);

  auto run = store.get_run(1);  // the old rows are all there
  EXPECT_EQ(run.name, "old");
  EXPECT_EQ(run.status, "finished");
  EXPECT_EQ(run.created_at, 1000.5);
  EXPECT_EQ(run.started_at, 1001);
  EXPECT_EQ(run.resumed_from, std::nullopt);  // the column added by version 2
  EXPECT_EQ(store.metric_series(1, "loss/total").size(), 3u);
  EXPECT_EQ(store.layer_sparsity_at(1, 10).size(), 1u);
  EXPECT_EQ(store.evals(1).size(), 1u);

  // The summaries were computed from the rows already there.
  auto sums = store.metric_summaries(1);
  ASSERT_EQ(sums.size(), 2u);
  const auto& loss = sums.at("loss/total");
  EXPECT_EQ(loss.count, 3);
  EXPECT_EQ(loss.last_step, 3);
  EXPECT_TRUE(std::isnan(loss.last));
  EXPECT_EQ(loss.min, 2.0);
  EXPECT_EQ(loss.max, 3.0);
  EXPECT_EQ(sums.at("lr").count, 2);
  EXPECT_EQ(sums.at("lr").max, 0.001);
  EXPECT_EQ(store.latest_step(1), 3);

  // The new tables work, and the summaries go on from where the migration left them.
  store.add_artifact(1, {"export", "/out/old", "abc", 3});
  store.add_profiles(1, "fp", {{"cpu", "model", "1x1", 1, 2.0, 1.0, "onednn", 3.0, 0.5, 0, 0, 1, "f32"}});
  store.add_metrics(1, {{4, 2.0, {{"loss/total", 1.0}}}});
  EXPECT_EQ(store.metric_summaries(1).at("loss/total").min, 1.0);
  EXPECT_EQ(store.metric_summaries(1).at("loss/total").count, 4);
  EXPECT_EQ(store.artifacts(1).size(), 1u);
  EXPECT_EQ(store.create_run(new_run("new")), 2);

  // A profile row written before version 3 has no byte counts, threads or value type: they read as empty.
  {
    SqliteDb db(path);
    db.exec("INSERT INTO profiles (run_id, model_fingerprint, device, layer, shape, batch, dense_ms, sparse_ms, baseline, "
            "bound, sparsity, created_at) VALUES (1, 'old', 'cpu', 'model', '-', 1, 2.0, 1.0, 'onednn', 3.0, 0.5, 0)");
  }
  const auto old_rows = store.model_profiles("old");
  ASSERT_EQ(old_rows.size(), 1u);
  EXPECT_EQ(old_rows[0].dense_ms, 2.0);
  EXPECT_EQ(old_rows[0].dense_bytes, 0.0);
  EXPECT_EQ(old_rows[0].threads, 0);
  EXPECT_EQ(old_rows[0].value_type, "");
}

TEST(RunStore, RefusesADatabaseFromANewerVersion) {
  const auto path = test::fresh_dir() / "runs.sqlite";
  { RunStore store(path); }
  {
    SqliteDb db(path);
    db.exec("UPDATE schema_version SET version = 9");
  }
  auto e = test::input_error([&] { RunStore store(path); });
  EXPECT_EQ(e.file(), path.string());
  EXPECT_EQ(e.field(), "schema_version");
  EXPECT_THAT(e.problem(), AllOf(HasSubstr("schema version 9"), HasSubstr("version " + std::to_string(RunStore::kSchemaVersion)), HasSubstr("newer")));
  SqliteDb db(path);  // and left it alone
  auto q = db.query("SELECT version FROM schema_version");
  q.step();
  EXPECT_EQ(q.int64(0), 9);
}

TEST(RunStore, RefusesAFileThatIsNotADatabase) {
  const auto path = test::fresh_dir() / "runs.sqlite";
  std::ofstream(path) << "name: this is a recipe, not a database\n" << std::string(4096, '#');
  auto e = test::input_error([&] { RunStore store(path); });
  EXPECT_EQ(e.file(), path.string());
  EXPECT_EQ(e.field(), "database");
  EXPECT_THAT(e.what(), AllOf(HasSubstr(path.string()), HasSubstr("not a database")));
}

TEST(RunStore, RefusesADamagedDatabase) {
  const auto path = test::fresh_dir() / "runs.sqlite";
  {
    RunStore store(path);
    store.create_run(new_run("a"));
  }
  {
    // Keep the 100-byte file header, overwrite the rest of page 1: the table of tables.
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    const std::string garbage(3996, '\x5a');
    f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  auto e = test::input_error([&] { RunStore store(path); });
  EXPECT_EQ(e.file(), path.string());
  EXPECT_EQ(e.field(), "database");
  EXPECT_THAT(e.problem(), HasSubstr("malformed"));
}

TEST(RunStore, RefusesAnotherProgramsDatabase) {
  const auto path = test::fresh_dir() / "other.sqlite";
  {
    SqliteDb db(path);
    db.exec("CREATE TABLE contacts (name TEXT)");
  }
  auto e = test::input_error([&] { RunStore store(path); });
  EXPECT_EQ(e.field(), "database");
  EXPECT_THAT(e.problem(), HasSubstr("not a sparsetune run database"));
}

TEST(RunStore, RefusesASchemaVersionTableWithoutExactlyOneRow) {
  const auto path = test::fresh_dir() / "runs.sqlite";
  { RunStore store(path); }
  {
    SqliteDb db(path);
    db.exec("INSERT INTO schema_version VALUES (2)");
  }
  auto e = test::input_error([&] { RunStore store(path); });
  EXPECT_EQ(e.field(), "schema_version");
  EXPECT_EQ(e.problem(), "expected one row, found 2");
}

TEST(RunStore, DefaultPathFollowsTheEnvironment) {
  // Restores the variables this test changes, whatever happens.
  struct SavedEnv {
    std::vector<std::pair<std::string, std::optional<std::string>>> saved;
    SavedEnv() {
      for (const char* name : {"SPARSETUNE_DB", "XDG_DATA_HOME", "HOME"}) {
        const char* v = std::getenv(name);
        saved.emplace_back(name, v ? std::optional<std::string>(v) : std::nullopt);
      }
    }
    ~SavedEnv() {
      for (const auto& [name, value] : saved) value ? ::setenv(name.c_str(), value->c_str(), 1) : ::unsetenv(name.c_str());
    }
  } restore;
  const auto dir = test::fresh_dir();

  ::setenv("SPARSETUNE_DB", (dir / "explicit" / "my.sqlite").c_str(), 1);
  EXPECT_EQ(RunStore::default_path(), dir / "explicit" / "my.sqlite");
  EXPECT_TRUE(std::filesystem::is_directory(dir / "explicit"));

  ::unsetenv("SPARSETUNE_DB");
  ::setenv("XDG_DATA_HOME", (dir / "xdg").c_str(), 1);
  EXPECT_EQ(RunStore::default_path(), dir / "xdg" / "sparsetune" / "runs.sqlite");
  EXPECT_TRUE(std::filesystem::is_directory(dir / "xdg" / "sparsetune"));

  ::setenv("XDG_DATA_HOME", "relative/ignored", 1);  // the XDG spec says to ignore relative paths
  ::setenv("HOME", (dir / "home").c_str(), 1);
  EXPECT_EQ(RunStore::default_path(), dir / "home" / ".local" / "share" / "sparsetune" / "runs.sqlite");
  EXPECT_TRUE(std::filesystem::is_directory(dir / "home" / ".local" / "share" / "sparsetune"));

  ::unsetenv("XDG_DATA_HOME");
  ::unsetenv("HOME");
  EXPECT_THAT(test::plain_error([] { RunStore::default_path(); }), HasSubstr("SPARSETUNE_DB"));

  std::ofstream(dir / "file") << "x";  // a file where the folder should go
  ::setenv("SPARSETUNE_DB", (dir / "file" / "runs.sqlite").c_str(), 1);
  EXPECT_THAT(test::plain_error([] { RunStore::default_path(); }),
              AllOf(HasSubstr((dir / "file").string()), HasSubstr("cannot create the folder")));
}

// --- runs ------------------------------------------------------------------------------------------

TEST(RunStore, RunLifecycle) {
  RunStore store(test::fresh_dir() / "runs.sqlite");
  const double before = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  const int64_t id = store.create_run(new_run("a"));
  auto run = store.get_run(id);
  EXPECT_EQ(run.id, id);
  EXPECT_EQ(run.name, "a");
  EXPECT_EQ(run.recipe_yaml, "name: a\n");
  EXPECT_EQ(run.model_path, "/models/a");
  EXPECT_EQ(run.model_fingerprint, "fp-a");
  EXPECT_EQ(run.machine_json, R"({"cpu": "test"})");
  EXPECT_EQ(run.status, "created");
  EXPECT_EQ(run.message, "");
  EXPECT_GE(run.created_at, before - 1);
  EXPECT_LE(run.created_at, before + 60);
  EXPECT_EQ(run.started_at, std::nullopt);
  EXPECT_EQ(run.finished_at, std::nullopt);

  store.set_status(id, "running");
  run = store.get_run(id);
  ASSERT_TRUE(run.started_at.has_value());
  const double started = *run.started_at;
  store.set_status(id, "cancelled", "stopped by the user");
  run = store.get_run(id);
  EXPECT_EQ(run.status, "cancelled");
  EXPECT_EQ(run.message, "stopped by the user");
  EXPECT_TRUE(run.finished_at.has_value());
  store.set_status(id, "running");  // resumed: started_at stays, finished_at is cleared
  run = store.get_run(id);
  EXPECT_EQ(run.started_at, started);
  EXPECT_EQ(run.finished_at, std::nullopt);
  store.set_status(id, "paused");
  EXPECT_EQ(store.get_run(id).finished_at, std::nullopt);
  store.set_status(id, "failed", "out of memory");
  run = store.get_run(id);
  EXPECT_EQ(run.status, "failed");
  EXPECT_EQ(run.message, "out of memory");
  EXPECT_TRUE(run.finished_at.has_value());

  store.update_recipe(id, "name: a\nmodel: /m\n");
  EXPECT_EQ(store.get_run(id).recipe_yaml, "name: a\nmodel: /m\n");
}

TEST(RunStore, RefusesAnUnknownStatus) {
  RunStore store(test::fresh_dir() / "runs.sqlite");
  const int64_t id = store.create_run(new_run("a"));
  EXPECT_THAT(test::plain_error([&] { store.set_status(id, "done"); }),
              AllOf(HasSubstr("CHECK constraint failed"), HasSubstr("UPDATE runs")));
  EXPECT_EQ(store.get_run(id).status, "created");
}

TEST(RunStore, MissingRunIsInputError) {
  const auto path = test::fresh_dir() / "runs.sqlite";
  RunStore store(path);
  for (const auto& f : std::vector<std::function<void()>>{
           [&] { store.get_run(42); }, [&] { store.set_status(42, "running"); },
           [&] { store.update_recipe(42, "x"); }, [&] { store.delete_run(42); }}) {
    auto e = test::input_error(f);
    EXPECT_EQ(e.file(), path.string());
    EXPECT_EQ(e.field(), "run 42");
    EXPECT_EQ(e.problem(), "no such run");
  }
  // Events for a run that does not exist violate the foreign keys.
  EXPECT_THAT(test::plain_error([&] { store.add_eval(42, {1, "gsm8k", "exact_match", 0.5}); }),
              HasSubstr("FOREIGN KEY constraint failed"));
}

TEST(RunStore, DeletingARunRemovesItsRowsAndUnlinksResumes) {
  RunStore store(test::fresh_dir() / "runs.sqlite");
  const int64_t a = store.create_run(new_run("a"));
  auto resumed = new_run("a, resumed");
  resumed.resumed_from = a;
  const int64_t b = store.create_run(resumed);
  EXPECT_EQ(store.get_run(b).resumed_from, a);
  store.add_metrics(a, {{1, 0.1, {{"loss/total", 1.0}}}});
  store.add_layer_sparsity(a, {{0, "m", 0.5, "unstructured"}});
  store.add_eval(a, {1, "perplexity", "perplexity", 9.0});
  store.add_profiles(a, "fp-a", {{"cpu", "m", "2x2", 1, 1, 1, "onednn", 1, 0.5, 0, 0, 1, "f32"}});
  store.add_artifact(a, {"checkpoint", "/c", "00", 1});
  store.add_metrics(b, {{2, 0.1, {{"loss/total", 0.5}}}});

  store.delete_run(a);
  EXPECT_EQ(store.list_runs().size(), 1u);
  EXPECT_EQ(store.get_run(b).resumed_from, std::nullopt);
  EXPECT_TRUE(store.metric_series(a, "loss/total").empty());
  EXPECT_TRUE(store.metric_names(a).empty());
  EXPECT_TRUE(store.layer_sparsity_steps(a).empty());
  EXPECT_TRUE(store.evals(a).empty());
  EXPECT_TRUE(store.profiles(a).empty());
  EXPECT_TRUE(store.artifacts(a).empty());
  EXPECT_EQ(store.metric_series(b, "loss/total").size(), 1u);
  EXPECT_GT(store.create_run(new_run("c")), b);  // ids are never reused
}

// --- events and queries ------------------------------------------------------------------------------

TEST(RunStore, MetricSeriesNamesAndSummaries) {
  RunStore store(test::fresh_dir() / "runs.sqlite");
  const int64_t id = store.create_run(new_run("a"));
  EXPECT_EQ(store.latest_step(id), std::nullopt);
  store.add_metrics(id, {{1, 0.5, {{"loss/total", 4.0}, {"lr", 1e-4}}},
                         {2, 1.0, {{"loss/total", 3.0}, {"lr", 2e-4}}},
                         {3, 1.5, {{"loss/total", kNaN}}}});
  store.add_metrics(id, {{4, 2.0, {{"loss/total", 5.0}}}, {0, 0.0, {{"loss/total", 1.0}}}});  // step 0 late

  auto series = store.metric_series(id, "loss/total");
  ASSERT_EQ(series.size(), 5u);
  EXPECT_EQ(series[0].step, 0);
  EXPECT_EQ(series[1].step, 1);
  EXPECT_EQ(series[1].wall_seconds, 0.5);
  EXPECT_EQ(series[1].value, 4.0);
  EXPECT_TRUE(std::isnan(series[3].value));  // a diverged loss survives as NaN
  EXPECT_EQ(series[4].value, 5.0);
  auto newer = store.metric_series(id, "loss/total", 2);  // only what a poller has not seen yet
  ASSERT_EQ(newer.size(), 2u);
  EXPECT_EQ(newer[0].step, 3);
  EXPECT_TRUE(store.metric_series(id, "no such metric").empty());

  EXPECT_THAT(store.metric_names(id), ElementsAre("loss/total", "lr"));
  EXPECT_EQ(store.latest_step(id), 4);
  auto loss = store.metric_summaries(id).at("loss/total");
  EXPECT_EQ(loss.count, 5);
  EXPECT_EQ(loss.last_step, 4);  // the late step 0 did not become the last value
  EXPECT_EQ(loss.last, 5.0);
  EXPECT_EQ(loss.min, 1.0);  // across both calls, NaN left out
  EXPECT_EQ(loss.max, 5.0);
  auto lr = store.metric_summaries(id).at("lr");
  EXPECT_EQ(lr.count, 2);
  EXPECT_EQ(lr.last, 2e-4);

  store.add_metrics(id, {{5, 2.5, {{"all_nan", kNaN}}}});
  auto all_nan = store.metric_summaries(id).at("all_nan");
  EXPECT_TRUE(std::isnan(all_nan.min));
  EXPECT_TRUE(std::isnan(all_nan.max));
  store.add_metrics(id, {{6, 3.0, {{"all_nan", 2.0}}}});
  EXPECT_EQ(store.metric_summaries(id).at("all_nan").min, 2.0);
  store.add_metrics(id, {});  // nothing to do
}

TEST(RunStore, FailedMetricsBatchLeavesNothingBehind) {
  RunStore store(test::fresh_dir() / "runs.sqlite");
  // Run 7 does not exist: the first row fails its foreign key and the transaction is rolled back.
  EXPECT_THAT(test::plain_error([&] { store.add_metrics(7, {{1, 0.1, {{"loss/total", 1.0}}}}); }),
              HasSubstr("FOREIGN KEY"));
  const int64_t id = store.create_run(new_run("a"));
  store.add_metrics(id, {{1, 0.1, {{"loss/total", 1.0}}}});  // the store is usable afterwards
  EXPECT_EQ(store.metric_summaries(id).at("loss/total").count, 1);
}

TEST(RunStore, LayerSparsityAtAStep) {
  RunStore store(test::fresh_dir() / "runs.sqlite");
  const int64_t id = store.create_run(new_run("a"));
  store.add_layer_sparsity(id, {{0, "model.layers.0.q", 0.1, "unstructured"}, {0, "model.layers.0.k", 0.2, "unstructured"}});
  store.add_layer_sparsity(id, {{100, "model.layers.0.q", 0.5, "unstructured"}, {100, "model.layers.0.k", 0.6, "unstructured"}});
  store.add_layer_sparsity(id, {{200, "model.layers.0.q", 0.7, "unstructured"}});  // only one module changed

  EXPECT_THAT(store.layer_sparsity_steps(id), ElementsAre(0, 100, 200));
  EXPECT_TRUE(store.layer_sparsity_at(id, -1).empty());
  EXPECT_THAT(store.layer_sparsity_at(id, 50), ElementsAre(LayerSparsity{0, "model.layers.0.q", 0.1, "unstructured"},
                                                           LayerSparsity{0, "model.layers.0.k", 0.2, "unstructured"}));
  // Model order (the order written), each module at its latest record up to the step.
  EXPECT_THAT(store.layer_sparsity_at(id, 250), ElementsAre(LayerSparsity{100, "model.layers.0.k", 0.6, "unstructured"},
                                                            LayerSparsity{200, "model.layers.0.q", 0.7, "unstructured"}));
}

TEST(RunStore, EvalsProfilesAndArtifacts) {
  RunStore store(test::fresh_dir() / "runs.sqlite");
  const int64_t id = store.create_run(new_run("a"));
  store.add_eval(id, {100, "perplexity", "perplexity", 7.5});
  store.add_eval(id, {0, "gsm8k", "exact_match", 0.2});
  store.add_eval(id, {100, "gsm8k", "exact_match", 0.3});
  EXPECT_THAT(store.evals(id), ElementsAre(EvalResult{0, "gsm8k", "exact_match", 0.2},
                                           EvalResult{100, "gsm8k", "exact_match", 0.3},
                                           EvalResult{100, "perplexity", "perplexity", 7.5}));

  const ProfileRecord in_run{"cpu: test", "model.layers.0.mlp.up_proj", "512x192", 1, 0.8, 0.3, "onednn", 3.56, 0.75, 0, 0, 1, "f32"};
  const ProfileRecord alone{"cuda: test", "model", "-", 8, 10, 6, "cublas", 1.9, 0.5, 4.0e8, 2.1e8, 2, "bf16"};
  store.add_profiles(id, "fp-a", {in_run});
  store.add_profiles(std::nullopt, "fp-a", {alone});  // profiled outside any run
  store.add_profiles(std::nullopt, "fp-other", {alone});
  EXPECT_THAT(store.profiles(id), ElementsAre(in_run));
  EXPECT_THAT(store.model_profiles("fp-a"), ElementsAre(in_run, alone));

  const Artifact checkpoint{"checkpoint", "/out/a/step-100", "aa", 100};
  const Artifact exported{"export", "/out/a/bitmask", "bb", 300};
  store.add_artifact(id, checkpoint);
  store.add_artifact(id, exported);
  EXPECT_THAT(store.artifacts(id), ElementsAre(checkpoint, exported));
  EXPECT_THAT(test::plain_error([&] { store.add_artifact(id, {"tarball", "/x", "", 0}); }),
              HasSubstr("CHECK constraint failed"));
}

TEST(RunStore, ListRunsWithKeyResults) {
  RunStore store(test::fresh_dir() / "runs.sqlite");
  const int64_t a = store.create_run(new_run("a"));
  const int64_t b = store.create_run(new_run("b"));
  store.add_metrics(a, {{1, 1, {{"loss/total", 2.0}, {"lr", 1.0}}}, {2, 2, {{"loss/total", 1.5}}}});
  store.add_eval(a, {10, "gsm8k", "exact_match", 0.2});
  store.add_eval(a, {20, "gsm8k", "exact_match", 0.3});
  store.add_eval(a, {20, "perplexity", "perplexity", 8.0});

  auto runs = store.list_runs({"loss/total", "sparsity/actual"});
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].run.id, b);  // newest first
  EXPECT_TRUE(runs[0].metrics.empty());
  EXPECT_TRUE(runs[0].latest_evals.empty());
  EXPECT_EQ(runs[1].run, store.get_run(a));
  ASSERT_EQ(runs[1].metrics.size(), 1u);  // only the asked-for metrics it has
  EXPECT_EQ(runs[1].metrics.at("loss/total").last, 1.5);
  EXPECT_EQ(runs[1].metrics.at("loss/total").max, 2.0);
  EXPECT_THAT(runs[1].latest_evals, ElementsAre(EvalResult{20, "gsm8k", "exact_match", 0.3},
                                                EvalResult{20, "perplexity", "perplexity", 8.0}));
  EXPECT_TRUE(store.list_runs()[1].metrics.empty());
}

// --- two connections -------------------------------------------------------------------------------

TEST(RunStore, ReaderSeesWriterCommitsWhileItWrites) {
  const auto path = test::fresh_dir() / "runs.sqlite";
  RunStore writer(path);  // the CLI's training run
  RunStore reader(path);  // the studio
  const int64_t v0 = reader.data_version();
  EXPECT_EQ(reader.data_version(), v0);  // nothing changed: polling is a no-op

  const int64_t id = writer.create_run(new_run("from the CLI"));
  const int64_t v1 = reader.data_version();
  EXPECT_NE(v1, v0);
  ASSERT_EQ(reader.list_runs().size(), 1u);
  EXPECT_EQ(reader.list_runs()[0].run.name, "from the CLI");

  // While a write transaction is open, the reader is not blocked and sees the last commit only.
  SqliteDb raw(path);
  {
    Transaction tx(raw);
    raw.query("INSERT INTO metrics (run_id, step, wall_seconds, name, value) VALUES (?1, 1, 0, 'x', 1)")
        .bind_all(id)
        .run();
    EXPECT_TRUE(reader.metric_series(id, "x").empty());
    EXPECT_EQ(reader.data_version(), v1);
    tx.commit();
  }
  EXPECT_EQ(reader.metric_series(id, "x").size(), 1u);
  EXPECT_NE(reader.data_version(), v1);
}

TEST(RunStore, ProgramsCreatingTheSameDatabaseAtOnce) {
  // The CLI and the studio started together on a fresh machine: each migrates under the write lock
  // and re-reads the version first, so exactly one of them creates each version.
  for (int round = 0; round < 5; ++round) {
    const auto path = test::fresh_dir() / ("runs" + std::to_string(round) + ".sqlite");
    std::vector<std::thread> programs;
    std::atomic<int> opened = 0;
    for (int i = 0; i < 4; ++i)
      programs.emplace_back([&] {
        RunStore store(path);
        if (store.schema_version() == RunStore::kSchemaVersion) ++opened;
      });
    for (auto& p : programs) p.join();
    EXPECT_EQ(opened, 4);
    RunStore store(path);
    EXPECT_EQ(store.schema_version(), RunStore::kSchemaVersion);
  }
}

TEST(RunStore, SecondWriterWaitsForTheLock) {
  const auto path = test::fresh_dir() / "runs.sqlite";
  RunStore store(path);
  SqliteDb other(path);
  std::optional<Transaction> tx;
  tx.emplace(other);  // holds the write lock ...
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    tx->commit();  // ... for a while
  });
  const auto start = std::chrono::steady_clock::now();
  const int64_t id = store.create_run(new_run("waited"));  // busy_timeout: waits instead of failing
  const auto waited = std::chrono::steady_clock::now() - start;
  release.join();
  EXPECT_EQ(store.get_run(id).name, "waited");
  EXPECT_GE(waited, std::chrono::milliseconds(200));
}

// --- the sink ----------------------------------------------------------------------------------------

TEST(RunStoreSink, BatchesMetricsAndFlushesBeforeOtherEvents) {
  const auto path = test::fresh_dir() / "runs.sqlite";
  RunStore store(path);
  RunStore reader(path);
  const int64_t id = store.create_run(new_run("a"));
  {
    RunStoreSink sink(store, id, {.flush_every_steps = 10, .flush_every_seconds = 3600});
    EXPECT_EQ(sink.run(), id);
    for (int64_t step = 1; step <= 9; ++step) sink.on_step({step, 0.1 * step, {{"loss/total", 1.0 / step}}});
    EXPECT_EQ(reader.latest_step(id), std::nullopt);  // still buffered
    sink.on_step({10, 1.0, {{"loss/total", 0.1}}});
    EXPECT_EQ(reader.latest_step(id), 10);  // one transaction for ten steps

    sink.on_step({11, 1.1, {{"loss/total", 0.09}}});
    sink.on_eval({11, "gsm8k", "exact_match", 0.4});  // written with the metrics before it
    EXPECT_EQ(reader.latest_step(id), 11);
    EXPECT_EQ(reader.evals(id).size(), 1u);

    sink.on_step({12, 1.2, {{"loss/total", 0.08}}});
    sink.on_layer_sparsity({{12, "model.layers.0.q", 0.5, "unstructured"}});
    EXPECT_EQ(reader.latest_step(id), 12);
    EXPECT_EQ(reader.layer_sparsity_at(id, 12).size(), 1u);

    sink.on_step({13, 1.3, {{"loss/total", 0.07}}});
    sink.on_profile({{"cpu", "model", "-", 1, 2, 1, "onednn", 3, 0.5, 0, 0, 1, "f32"}});
    EXPECT_EQ(reader.latest_step(id), 13);
    EXPECT_EQ(reader.model_profiles("fp-a").size(), 1u);  // filed under the run's model

    sink.on_step({14, 1.4, {{"loss/total", 0.06}}});
    sink.on_artifact({"checkpoint", "/c/14", "ff", 14});
    EXPECT_EQ(reader.latest_step(id), 14);
    EXPECT_EQ(reader.artifacts(id).size(), 1u);

    sink.on_progress({"training", 14, 100, 60, ""});  // shown, not stored
    sink.on_step({15, 1.5, {{"loss/total", 0.05}}});
    sink.on_status("paused", "user");
    EXPECT_EQ(reader.latest_step(id), 15);
    EXPECT_EQ(reader.get_run(id).status, "paused");

    sink.on_step({16, 1.6, {{"loss/total", 0.04}}});
    sink.flush();
    EXPECT_EQ(reader.latest_step(id), 16);
    sink.on_step({17, 1.7, {{"loss/total", 0.03}}});
  }
  EXPECT_EQ(reader.latest_step(id), 17);  // the destructor flushed the rest
  EXPECT_EQ(reader.metric_series(id, "loss/total").size(), 17u);
}

TEST(RunStoreSink, FlushesAfterTheTimeLimit) {
  RunStore store(test::fresh_dir() / "runs.sqlite");
  const int64_t id = store.create_run(new_run("a"));
  RunStoreSink sink(store, id, {.flush_every_steps = 1000, .flush_every_seconds = 0.3});
  sink.on_step({1, 0, {{"loss/total", 1.0}}});
  EXPECT_EQ(store.latest_step(id), std::nullopt);
  std::this_thread::sleep_for(std::chrono::milliseconds(350));
  sink.on_step({2, 0, {{"loss/total", 1.0}}});
  EXPECT_EQ(store.latest_step(id), 2);
}

TEST(RunStoreSink, RefusesAnUnknownRun) {
  const auto path = test::fresh_dir() / "runs.sqlite";
  RunStore store(path);
  auto e = test::input_error([&] { RunStoreSink sink(store, 5); });
  EXPECT_EQ(e.field(), "run 5");
}

TEST(RunStoreSink, KeepsRowsWhenAFlushFailsAndReportsTheLastFailure) {
  const auto path = test::fresh_dir() / "runs.sqlite";
  RunStore store(path);
  const int64_t id = store.create_run(new_run("a"));
  testing::internal::CaptureStderr();
  {
    RunStoreSink sink(store, id, {.flush_every_steps = 100, .flush_every_seconds = 3600});
    sink.on_step({1, 0, {{"loss/total", 1.0}}});
    RunStore(path).delete_run(id);  // another connection removes the run under the sink
    EXPECT_THAT(test::plain_error([&] { sink.flush(); }), HasSubstr("FOREIGN KEY"));
  }  // the destructor cannot throw: it says what was lost
  EXPECT_THAT(testing::internal::GetCapturedStderr(),
              AllOf(HasSubstr("the last 1 steps of run 1 could not be saved"), HasSubstr("FOREIGN KEY")));
}

TEST(RunStoreSink, LogsTenThousandRowsCheaply) {
  RunStore store(test::fresh_dir() / "runs.sqlite");
  const int64_t id = store.create_run(new_run("a"));
  const char* names[] = {"loss/total", "loss/ce",         "loss/kd",   "loss/squarehead", "lr",
                         "sparsity/target", "sparsity/actual", "grad_norm", "tokens_per_second", "wall"};
  constexpr int64_t kSteps = 1000;
  std::vector<StepMetrics> steps;
  for (int64_t s = 0; s < kSteps; ++s) {
    StepMetrics m{s, 0.01 * s, {}};
    for (int k = 0; k < 10; ++k) m.values[names[k]] = s + 0.001 * k;
    steps.push_back(std::move(m));
  }
  const auto start = std::chrono::steady_clock::now();
  {
    RunStoreSink sink(store, id);  // default batching
    for (const auto& m : steps) sink.on_step(m);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("[ timing ] %lld metric rows in %.1f ms: %.2f us per row, %.1f us per step of 10 values\n",
              static_cast<long long>(kSteps * 10), seconds * 1e3, seconds / (kSteps * 10) * 1e6, seconds / kSteps * 1e6);

  for (const char* name : names) {
    auto series = store.metric_series(id, name);
    ASSERT_EQ(series.size(), static_cast<std::size_t>(kSteps)) << name;
    EXPECT_EQ(series.back().step, kSteps - 1);
  }
  auto loss = store.metric_summaries(id).at("loss/total");
  EXPECT_EQ(loss.count, kSteps);
  EXPECT_EQ(loss.min, 0.0);
  EXPECT_EQ(loss.last, kSteps - 1.0);
}

// --- events --------------------------------------------------------------------------------------

// Records what it receives, to check the fan-out.
struct RecordingSink : EventSink {
  std::vector<std::string> seen;
  void on_step(const StepMetrics& e) override { seen.push_back("step " + std::to_string(e.step)); }
  void on_layer_sparsity(const std::vector<LayerSparsity>& e) override { seen.push_back("layers " + std::to_string(e.size())); }
  void on_eval(const EvalResult& e) override { seen.push_back("eval " + e.task); }
  void on_profile(const std::vector<ProfileRecord>& e) override { seen.push_back("profile " + std::to_string(e.size())); }
  void on_progress(const Progress& e) override { seen.push_back("progress " + e.phase); }
  void on_artifact(const Artifact& e) override { seen.push_back("artifact " + e.kind); }
  void on_status(const std::string& status, const std::string& message) override {
    seen.push_back("status " + status + " " + message);
  }
};

TEST(FanOutSink, ForwardsEveryEventToEverySinkInOrder) {
  RecordingSink first, second;
  EventSink silent;  // the defaults do nothing
  FanOutSink fan({&first, &silent});
  fan.add(second);
  fan.on_step({3, 0, {}});
  fan.on_layer_sparsity(std::vector<LayerSparsity>(2));
  fan.on_eval({0, "gsm8k", "exact_match", 0});
  fan.on_profile(std::vector<ProfileRecord>(1));
  fan.on_progress({"pruning", 1, 2, 0, ""});
  fan.on_artifact({"report", "", "", 0});
  fan.on_status("failed", "boom");
  const std::vector<std::string> expected = {"step 3",      "layers 2",          "eval gsm8k",        "profile 1",
                                             "progress pruning", "artifact report", "status failed boom"};
  EXPECT_EQ(first.seen, expected);
  EXPECT_EQ(second.seen, expected);
}

TEST(RunStore, KeepsTheLatestSensitivityAnalysisPerModel) {
  const auto path = test::fresh_dir() / "runs.sqlite";
  write_version_1(path);  // the table comes with the migration to version 4
  RunStore store(path);
  EXPECT_FALSE(store.latest_sensitivity("fp-a").has_value());

  SensitivityAnalysis first;
  first.method = "magnitude";
  first.dense_loss = 1.25;
  first.model_parameters = 5000;
  first.tokens = 640;
  first.layers.push_back({"model.layers.0.mlp.up_proj", 48 * 32, 48, 32, {0.3, 0.9}, {1.3, 2.5}});
  store.add_sensitivity("fp-a", first);
  SensitivityAnalysis second = first;
  second.method = "wanda";
  second.layers[0].loss = {1.28, 2.0};
  store.add_sensitivity("fp-a", second);
  store.add_sensitivity("fp-b", first);

  const auto latest = store.latest_sensitivity("fp-a");
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->method, "wanda");
  EXPECT_EQ(latest->dense_loss, 1.25);
  EXPECT_EQ(latest->model_parameters, 5000);
  EXPECT_EQ(latest->tokens, 640);
  ASSERT_EQ(latest->layers.size(), 1u);
  EXPECT_EQ(latest->layers[0].module_path, "model.layers.0.mlp.up_proj");
  EXPECT_EQ(latest->layers[0].parameters, 48 * 32);
  EXPECT_EQ(latest->layers[0].sparsities, (std::vector<double>{0.3, 0.9}));
  EXPECT_EQ(latest->layers[0].loss, (std::vector<double>{1.28, 2.0}));
  EXPECT_EQ(store.latest_sensitivity("fp-b")->method, "magnitude");
  EXPECT_FALSE(store.latest_sensitivity("fp-c").has_value());

  {
    SqliteDb db(path);
    db.exec("UPDATE sensitivity SET analysis_json = '{\"method\": 1}' WHERE model_fingerprint = 'fp-b'");
  }
  auto e = test::input_error([&] { store.latest_sensitivity("fp-b"); });
  EXPECT_EQ(e.file(), path.string());
  EXPECT_THAT(e.field(), HasSubstr("sensitivity "));
}

}  // namespace
}  // namespace sparsetune
