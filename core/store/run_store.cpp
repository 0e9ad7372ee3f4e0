#include "core/store/run_store.h"

#include <cmath>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <thread>

#include "core/util/error.h"

namespace sparsetune {
namespace {

// ---------------------------------------------------------------------------------------------------
// Schema history. kMigrations[v] takes a database from version v to v + 1; each runs in its own
// transaction together with the version bump. Never edit a released step: add a new one.
// ---------------------------------------------------------------------------------------------------
const char* const kMigrations[] = {
    // 0 → 1: runs and what training logs.
    R"sql(
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version (version) VALUES (0);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: a deleted run's id is never given to another
  name TEXT NOT NULL,
  recipe_yaml TEXT NOT NULL,
  model_path TEXT NOT NULL,
  model_fingerprint TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('created', 'running', 'paused', 'cancelled', 'failed', 'finished')),
  message TEXT NOT NULL,
  machine_json TEXT NOT NULL,
  created_at REAL NOT NULL,  -- seconds since the Unix epoch
  started_at REAL,
  finished_at REAL
);
CREATE TABLE metrics (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  wall_seconds REAL NOT NULL,
  name TEXT NOT NULL,
  value REAL  -- NULL stands for NaN, which SQLite cannot store
);
CREATE INDEX metrics_by_name ON metrics (run_id, name, step);
CREATE TABLE layer_sparsity (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  module_path TEXT NOT NULL,
  sparsity REAL NOT NULL,
  structure TEXT NOT NULL
);
CREATE INDEX layer_sparsity_by_step ON layer_sparsity (run_id, step);
CREATE TABLE evals (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  task TEXT NOT NULL,
  metric TEXT NOT NULL,
  value REAL
);
CREATE INDEX evals_by_run ON evals (run_id, task, metric, step);
)sql",
    // 1 → 2: resume links, per-run metric summaries (so listing runs does not scan every metric row;
    // filled from the rows already there), per-module lookups of layer sparsity, profiles, artifacts.
    R"sql(
ALTER TABLE runs ADD COLUMN resumed_from INTEGER REFERENCES runs (id) ON DELETE SET NULL;
CREATE TABLE metric_summary (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value_count INTEGER NOT NULL,
  last_step INTEGER NOT NULL,
  last_value REAL,
  min_value REAL,  -- over the values that are not NaN; NULL when there are none
  max_value REAL,
  PRIMARY KEY (run_id, name)
) WITHOUT ROWID;
INSERT INTO metric_summary (run_id, name, value_count, last_step, last_value, min_value, max_value)
  SELECT run_id, name, COUNT(*), MAX(step),
         (SELECT value FROM metrics AS latest WHERE latest.run_id = m.run_id AND latest.name = m.name
          ORDER BY step DESC, rowid DESC LIMIT 1),
         MIN(value), MAX(value)
  FROM metrics AS m GROUP BY run_id, name;
CREATE INDEX layer_sparsity_by_module ON layer_sparsity (run_id, module_path, step);
CREATE TABLE profiles (
  id INTEGER PRIMARY KEY,
  run_id INTEGER REFERENCES runs (id) ON DELETE CASCADE,  -- NULL: profiled outside a run
  model_fingerprint TEXT NOT NULL,
  device TEXT NOT NULL,
  layer TEXT NOT NULL,
  shape TEXT NOT NULL,
  batch INTEGER NOT NULL,
  dense_ms REAL,
  sparse_ms REAL,
  baseline TEXT NOT NULL,
  bound REAL,
  sparsity REAL,
  created_at REAL NOT NULL
);
CREATE INDEX profiles_by_run ON profiles (run_id);
CREATE INDEX profiles_by_model ON profiles (model_fingerprint);
CREATE TABLE artifacts (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('checkpoint', 'export', 'report', 'model')),
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  step INTEGER NOT NULL,
  created_at REAL NOT NULL
);
CREATE INDEX artifacts_by_run ON artifacts (run_id);
)sql",
    // 2 → 3: what a profile moved and how: weight bytes read, threads, sparse value type.
    R"sql(
ALTER TABLE profiles ADD COLUMN dense_bytes REAL;
ALTER TABLE profiles ADD COLUMN sparse_bytes REAL;
ALTER TABLE profiles ADD COLUMN threads INTEGER;
ALTER TABLE profiles ADD COLUMN value_type TEXT;
)sql",
    // 3 → 4: per-layer sensitivity analyses of a model (each layer pruned alone), one JSON document each.
    R"sql(
CREATE TABLE sensitivity (
  id INTEGER PRIMARY KEY,
  model_fingerprint TEXT NOT NULL,
  method TEXT NOT NULL,
  created_at REAL NOT NULL,
  analysis_json TEXT NOT NULL
);
CREATE INDEX sensitivity_by_model ON sensitivity (model_fingerprint, id);
)sql",
};
static_assert(std::size(kMigrations) == RunStore::kSchemaVersion);

// Transactions here last milliseconds, so a longer wait for a lock means something is stuck.
constexpr std::chrono::milliseconds kBusyTimeout(5000);

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string run_field(int64_t run) { return "run " + std::to_string(run); }

const char* const kRunColumns =
    "id, name, recipe_yaml, model_path, model_fingerprint, status, message, machine_json, created_at, started_at, "
    "finished_at, resumed_from";

RunInfo read_run(const Statement& q) {
  RunInfo r;
  r.id = q.int64(0);
  r.name = q.text(1);
  r.recipe_yaml = q.text(2);
  r.model_path = q.text(3);
  r.model_fingerprint = q.text(4);
  r.status = q.text(5);
  r.message = q.text(6);
  r.machine_json = q.text(7);
  r.created_at = q.real(8);
  r.started_at = q.optional_real(9);
  r.finished_at = q.optional_real(10);
  r.resumed_from = q.optional_int64(11);
  return r;
}

// Columns value_count, last_step, last_value, min_value, max_value starting at `first`.
MetricSummary read_summary(const Statement& q, int first) {
  return {q.int64(first), q.int64(first + 1), q.real(first + 2), q.real(first + 3), q.real(first + 4)};
}

ProfileRecord read_profile(const Statement& q) {
  // Rows profiled before version 3 have no byte counts, threads or value type.
  return {q.text(0),  q.text(1),  q.text(2),
          q.int64(3), q.real(4),  q.real(5),
          q.text(6),  q.real(7),  q.real(8),
          q.optional_real(9).value_or(0), q.optional_real(10).value_or(0), q.optional_int64(11).value_or(0), q.text(12)};
}

const char* const kProfileColumns =
    "device, layer, shape, batch, dense_ms, sparse_ms, baseline, bound, sparsity, dense_bytes, sparse_bytes, threads, value_type";

}  // namespace

std::filesystem::path RunStore::default_path() {
  std::filesystem::path path;
  const char* db = std::getenv("SPARSETUNE_DB");
  const char* xdg = std::getenv("XDG_DATA_HOME");
  const char* home = std::getenv("HOME");
  if (db && *db) {
    path = db;
  } else if (xdg && *xdg && std::filesystem::path(xdg).is_absolute()) {  // the XDG spec ignores relative ones
    path = std::filesystem::path(xdg) / "sparsetune" / "runs.sqlite";
  } else if (home && *home) {
    path = std::filesystem::path(home) / ".local" / "share" / "sparsetune" / "runs.sqlite";
  } else {
    throw Error("cannot choose a place for the run database: neither SPARSETUNE_DB nor XDG_DATA_HOME nor HOME is set");
  }
  if (path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) throw Error(path.parent_path().string() + ": cannot create the folder for the run database: " + ec.message());
  }
  return path;
}

RunStore::RunStore(const std::filesystem::path& path) : db_(path) {
  // Wait for another connection's write lock (the CLI and the studio share the file).
  db_.exec("PRAGMA busy_timeout = " + std::to_string(kBusyTimeout.count()));
  // WAL: readers never block the writer and see each commit at once. The first statement that reads
  // the file, so a file that is not a database fails here. Switching a new file to WAL needs it alone
  // for a moment, and SQLite reports a clash with another connection at once instead of waiting out
  // the busy timeout, so retry for as long; after that, exec reports the lock.
  const auto deadline = std::chrono::steady_clock::now() + kBusyTimeout;
  while (!db_.try_exec("PRAGMA journal_mode = WAL") && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  db_.exec("PRAGMA journal_mode = WAL");  // a no-op once the file is in WAL mode
  // In WAL mode NORMAL syncs at checkpoints, not at every commit: a power cut may lose the last
  // second of metrics, never the database.
  db_.exec("PRAGMA synchronous = NORMAL");
  db_.exec("PRAGMA foreign_keys = ON");
  migrate();
}

int64_t RunStore::schema_version() {
  {
    auto q = db_.query("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'");
    q.step();
    if (q.int64(0) == 0) {
      auto tables = db_.query("SELECT COUNT(*) FROM sqlite_schema");
      tables.step();
      if (tables.int64(0) != 0)
        throw InputError(path().string(), "database",
                         "a SQLite database, but not a sparsetune run database (it has no schema_version table)");
      return 0;
    }
  }
  auto q = db_.query("SELECT version FROM schema_version");
  std::vector<int64_t> versions;
  while (q.step()) versions.push_back(q.int64(0));
  if (versions.size() != 1)
    throw InputError(path().string(), "schema_version", "expected one row, found " + std::to_string(versions.size()));
  return versions[0];
}

void RunStore::migrate() {
  auto check_not_newer = [&](int64_t version) {
    if (version > kSchemaVersion)
      throw InputError(path().string(), "schema_version",
                       "the database has schema version " + std::to_string(version) +
                           ", newer than version " + std::to_string(kSchemaVersion) +
                           " which this sparsetune understands; use a newer sparsetune or another database file");
  };
  int64_t version = schema_version();
  check_not_newer(version);
  while (version < kSchemaVersion) {
    Transaction tx(db_);
    // Read again under the write lock: another process may have migrated since.
    version = schema_version();
    check_not_newer(version);
    if (version == kSchemaVersion) break;
    db_.exec(kMigrations[version]);
    db_.query("UPDATE schema_version SET version = ?1").bind_all(version + 1).run();
    tx.commit();
    ++version;
  }
}

int64_t RunStore::create_run(const NewRun& run) {
  db_.query(
         "INSERT INTO runs (name, recipe_yaml, model_path, model_fingerprint, status, message, machine_json, "
         "created_at, resumed_from) VALUES (?1, ?2, ?3, ?4, 'created', '', ?5, ?6, ?7)")
      .bind_all(run.name, run.recipe_yaml, run.model_path, run.model_fingerprint, run.machine_json, now_seconds(),
                run.resumed_from)
      .run();
  return db_.last_insert_rowid();
}

void RunStore::set_status(int64_t run, const std::string& status, const std::string& message) {
  db_.query(
         "UPDATE runs SET status = ?2, message = ?3, "
         "started_at = CASE WHEN ?2 = 'running' AND started_at IS NULL THEN ?4 ELSE started_at END, "
         "finished_at = CASE WHEN ?2 IN ('cancelled', 'failed', 'finished') THEN ?4 "
         "                   WHEN ?2 = 'running' THEN NULL ELSE finished_at END "
         "WHERE id = ?1")
      .bind_all(run, status, message, now_seconds())
      .run();
  check_run_exists(run);
}

void RunStore::update_recipe(int64_t run, const std::string& recipe_yaml) {
  db_.query("UPDATE runs SET recipe_yaml = ?2 WHERE id = ?1").bind_all(run, recipe_yaml).run();
  check_run_exists(run);
}

void RunStore::delete_run(int64_t run) {
  db_.query("DELETE FROM runs WHERE id = ?1").bind_all(run).run();
  check_run_exists(run);
}

// After an UPDATE or DELETE by id: no row changed means there is no such run.
void RunStore::check_run_exists(int64_t run) {
  if (db_.changes() == 0) throw InputError(path().string(), run_field(run), "no such run");
}

void RunStore::add_metrics(int64_t run, const std::vector<StepMetrics>& steps) {
  if (steps.empty()) return;
  // The summary rows change once per name per call, not once per value.
  std::map<std::string, MetricSummary> batch;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Transaction tx(db_);
  auto insert = db_.query("INSERT INTO metrics (run_id, step, wall_seconds, name, value) VALUES (?1, ?2, ?3, ?4, ?5)");
  for (const auto& s : steps) {
    for (const auto& [name, value] : s.values) {
      insert.bind_all(run, s.step, s.wall_seconds, name, value).run();
      auto& sum = batch.try_emplace(name, MetricSummary{0, s.step, value, nan, nan}).first->second;
      ++sum.count;
      if (s.step >= sum.last_step) {
        sum.last_step = s.step;
        sum.last = value;
      }
      if (!std::isnan(value)) {
        sum.min = std::isnan(sum.min) ? value : std::min(sum.min, value);
        sum.max = std::isnan(sum.max) ? value : std::max(sum.max, value);
      }
    }
  }
  auto upsert = db_.query(
      "INSERT INTO metric_summary (run_id, name, value_count, last_step, last_value, min_value, max_value) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (run_id, name) DO UPDATE SET "
      "value_count = value_count + excluded.value_count, "
      "last_value = CASE WHEN excluded.last_step >= last_step THEN excluded.last_value ELSE last_value END, "
      "last_step = MAX(last_step, excluded.last_step), "
      // Two-argument MIN and MAX are NULL when either side is; COALESCE keeps the side that is not.
      "min_value = COALESCE(MIN(min_value, excluded.min_value), min_value, excluded.min_value), "
      "max_value = COALESCE(MAX(max_value, excluded.max_value), max_value, excluded.max_value)");
  for (const auto& [name, sum] : batch) {
    upsert.bind_all(run, name, sum.count, sum.last_step, sum.last, sum.min, sum.max).run();
  }
  tx.commit();
}

void RunStore::add_layer_sparsity(int64_t run, const std::vector<LayerSparsity>& layers) {
  Transaction tx(db_);
  auto insert = db_.query(
      "INSERT INTO layer_sparsity (run_id, step, module_path, sparsity, structure) VALUES (?1, ?2, ?3, ?4, ?5)");
  for (const auto& l : layers) insert.bind_all(run, l.step, l.module_path, l.sparsity, l.structure).run();
  tx.commit();
}

void RunStore::add_eval(int64_t run, const EvalResult& eval) {
  db_.query("INSERT INTO evals (run_id, step, task, metric, value) VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind_all(run, eval.step, eval.task, eval.metric, eval.value)
      .run();
}

void RunStore::add_profiles(std::optional<int64_t> run, const std::string& model_fingerprint,
                            const std::vector<ProfileRecord>& records) {
  const double now = now_seconds();
  Transaction tx(db_);
  auto insert = db_.query(
      "INSERT INTO profiles (run_id, model_fingerprint, device, layer, shape, batch, dense_ms, sparse_ms, baseline, "
      "bound, sparsity, created_at, dense_bytes, sparse_bytes, threads, value_type) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
  for (const auto& p : records)
    insert
        .bind_all(run, model_fingerprint, p.device, p.layer, p.shape, p.batch, p.dense_ms, p.sparse_ms, p.baseline,
                  p.bound, p.sparsity, now, p.dense_bytes, p.sparse_bytes, p.threads, p.value_type)
        .run();
  tx.commit();
}

void RunStore::add_artifact(int64_t run, const Artifact& artifact) {
  db_.query("INSERT INTO artifacts (run_id, kind, path, sha256, step, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind_all(run, artifact.kind, artifact.path, artifact.sha256, artifact.step, now_seconds())
      .run();
}

void RunStore::add_sensitivity(const std::string& model_fingerprint, const SensitivityAnalysis& analysis) {
  db_.query("INSERT INTO sensitivity (model_fingerprint, method, created_at, analysis_json) VALUES (?1, ?2, ?3, ?4)")
      .bind_all(model_fingerprint, analysis.method, now_seconds(), sensitivity_to_json(analysis))
      .run();
}

std::vector<RunSummary> RunStore::list_runs(const std::vector<std::string>& key_metrics) {
  std::vector<RunSummary> runs;
  std::map<int64_t, std::size_t> index;  // run id → position in `runs`
  {
    auto q = db_.query(std::string("SELECT ") + kRunColumns + " FROM runs ORDER BY id DESC");
    while (q.step()) {
      index[q.int64(0)] = runs.size();
      runs.push_back({read_run(q), {}, {}});
    }
  }
  // Two more queries in all, not two per run. Rows of runs created after the first query are skipped.
  for (const auto& name : key_metrics) {
    auto q = db_.query(
        "SELECT run_id, value_count, last_step, last_value, min_value, max_value FROM metric_summary WHERE name = ?1");
    q.bind_all(name);
    while (q.step())
      if (auto it = index.find(q.int64(0)); it != index.end()) runs[it->second].metrics[name] = read_summary(q, 1);
  }
  auto q = db_.query(
      "SELECT run_id, step, task, metric, value FROM evals AS e WHERE rowid = "
      "(SELECT rowid FROM evals AS later WHERE later.run_id = e.run_id AND later.task = e.task "
      " AND later.metric = e.metric ORDER BY step DESC, rowid DESC LIMIT 1) "
      "ORDER BY run_id, task, metric");
  while (q.step())
    if (auto it = index.find(q.int64(0)); it != index.end())
      runs[it->second].latest_evals.push_back({q.int64(1), q.text(2), q.text(3), q.real(4)});
  return runs;
}

RunInfo RunStore::get_run(int64_t run) {
  auto q = db_.query(std::string("SELECT ") + kRunColumns + " FROM runs WHERE id = ?1");
  q.bind_all(run);
  if (!q.step()) throw InputError(path().string(), run_field(run), "no such run");
  return read_run(q);
}

std::vector<MetricPoint> RunStore::metric_series(int64_t run, const std::string& name, int64_t after_step) {
  auto q = db_.query(
      "SELECT step, wall_seconds, value FROM metrics WHERE run_id = ?1 AND name = ?2 AND step > ?3 "
      "ORDER BY step, rowid");
  q.bind_all(run, name, after_step);
  std::vector<MetricPoint> points;
  while (q.step()) points.push_back({q.int64(0), q.real(1), q.real(2)});
  return points;
}

std::vector<std::string> RunStore::metric_names(int64_t run) {
  auto q = db_.query("SELECT name FROM metric_summary WHERE run_id = ?1 ORDER BY name");
  q.bind_all(run);
  std::vector<std::string> names;
  while (q.step()) names.push_back(q.text(0));
  return names;
}

std::map<std::string, MetricSummary> RunStore::metric_summaries(int64_t run) {
  auto q = db_.query(
      "SELECT name, value_count, last_step, last_value, min_value, max_value FROM metric_summary WHERE run_id = ?1");
  q.bind_all(run);
  std::map<std::string, MetricSummary> summaries;
  while (q.step()) summaries[q.text(0)] = read_summary(q, 1);
  return summaries;
}

std::optional<int64_t> RunStore::latest_step(int64_t run) {
  auto q = db_.query("SELECT MAX(last_step) FROM metric_summary WHERE run_id = ?1");
  q.bind_all(run);
  q.step();
  return q.optional_int64(0);
}

std::vector<int64_t> RunStore::layer_sparsity_steps(int64_t run) {
  auto q = db_.query("SELECT DISTINCT step FROM layer_sparsity WHERE run_id = ?1 ORDER BY step");
  q.bind_all(run);
  std::vector<int64_t> steps;
  while (q.step()) steps.push_back(q.int64(0));
  return steps;
}

std::vector<LayerSparsity> RunStore::layer_sparsity_at(int64_t run, int64_t step) {
  // In the order the rows were written, which is the order the trainer walks the model's modules.
  auto q = db_.query(
      "SELECT step, module_path, sparsity, structure FROM layer_sparsity AS l WHERE run_id = ?1 AND step = "
      "(SELECT MAX(step) FROM layer_sparsity WHERE run_id = ?1 AND module_path = l.module_path AND step <= ?2) "
      "ORDER BY rowid");
  q.bind_all(run, step);
  std::vector<LayerSparsity> layers;
  while (q.step()) layers.push_back({q.int64(0), q.text(1), q.real(2), q.text(3)});
  return layers;
}

std::vector<EvalResult> RunStore::evals(int64_t run) {
  auto q = db_.query("SELECT step, task, metric, value FROM evals WHERE run_id = ?1 ORDER BY step, task, metric, rowid");
  q.bind_all(run);
  std::vector<EvalResult> results;
  while (q.step()) results.push_back({q.int64(0), q.text(1), q.text(2), q.real(3)});
  return results;
}

std::vector<ProfileRecord> RunStore::profiles(int64_t run) {
  auto q = db_.query(std::string("SELECT ") + kProfileColumns + " FROM profiles WHERE run_id = ?1 ORDER BY id");
  q.bind_all(run);
  std::vector<ProfileRecord> records;
  while (q.step()) records.push_back(read_profile(q));
  return records;
}

std::vector<ProfileRecord> RunStore::model_profiles(const std::string& model_fingerprint) {
  auto q = db_.query(std::string("SELECT ") + kProfileColumns +
                     " FROM profiles WHERE model_fingerprint = ?1 ORDER BY id");
  q.bind_all(model_fingerprint);
  std::vector<ProfileRecord> records;
  while (q.step()) records.push_back(read_profile(q));
  return records;
}

std::vector<Artifact> RunStore::artifacts(int64_t run) {
  auto q = db_.query("SELECT kind, path, sha256, step FROM artifacts WHERE run_id = ?1 ORDER BY id");
  q.bind_all(run);
  std::vector<Artifact> result;
  while (q.step()) result.push_back({q.text(0), q.text(1), q.text(2), q.int64(3)});
  return result;
}

std::optional<SensitivityAnalysis> RunStore::latest_sensitivity(const std::string& model_fingerprint) {
  auto q = db_.query("SELECT id, analysis_json FROM sensitivity WHERE model_fingerprint = ?1 ORDER BY id DESC LIMIT 1");
  q.bind_all(model_fingerprint);
  if (!q.step()) return std::nullopt;
  try {
    return sensitivity_from_json(q.text(1));
  } catch (const Error& e) {
    throw InputError(path().string(), "sensitivity " + std::to_string(q.int64(0)), e.what());
  }
}

int64_t RunStore::data_version() {
  auto q = db_.query("PRAGMA data_version");
  q.step();
  return q.int64(0);
}

// ---------------------------------------------------------------------------------------------------

RunStoreSink::RunStoreSink(RunStore& store, int64_t run, Options options)
    : store_(store),
      run_(run),
      options_(options),
      model_fingerprint_(store.get_run(run).model_fingerprint),
      last_flush_(std::chrono::steady_clock::now()) {}

RunStoreSink::~RunStoreSink() {
  try {
    flush();
  } catch (const std::exception& e) {
    std::cerr << "sparsetune: the last " << pending_.size() << " steps of run " << run_
              << " could not be saved: " << e.what() << "\n";
  }
}

void RunStoreSink::flush() {
  if (!pending_.empty()) {
    // On failure the rows stay pending, so a passing problem (a long lock) loses nothing.
    store_.add_metrics(run_, pending_);
    pending_.clear();
  }
  last_flush_ = std::chrono::steady_clock::now();
}

void RunStoreSink::on_step(const StepMetrics& step) {
  pending_.push_back(step);
  if (static_cast<int64_t>(pending_.size()) >= options_.flush_every_steps ||
      std::chrono::steady_clock::now() - last_flush_ >= std::chrono::duration<double>(options_.flush_every_seconds))
    flush();
}

void RunStoreSink::on_layer_sparsity(const std::vector<LayerSparsity>& layers) {
  flush();
  store_.add_layer_sparsity(run_, layers);
}

void RunStoreSink::on_eval(const EvalResult& eval) {
  flush();
  store_.add_eval(run_, eval);
}

void RunStoreSink::on_profile(const std::vector<ProfileRecord>& records) {
  flush();
  store_.add_profiles(run_, model_fingerprint_, records);
}

void RunStoreSink::on_artifact(const Artifact& artifact) {
  flush();
  store_.add_artifact(run_, artifact);
}

void RunStoreSink::on_status(const std::string& status, const std::string& message) {
  flush();
  store_.set_status(run_, status, message);
}

}  // namespace sparsetune
