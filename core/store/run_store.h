// The run store: one SQLite file per user holding every run's recipe, status, metrics, layer
// sparsities, evaluations, profiles, sensitivity analyses and artifacts. The only place in sparsetune that speaks SQL.
//
// Concurrency: open one RunStore per thread (it is one connection). The database is in WAL mode with
// a busy timeout, so a training worker (or the CLI) writes while the studio reads the same file.
#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/prune/sparsity_allocation.h"
#include "core/store/sqlite_db.h"
#include "core/train/events.h"

namespace sparsetune {

// What create_run needs to know about a new run.
struct NewRun {
  std::string name;
  std::string recipe_yaml;
  std::string model_path;
  std::string model_fingerprint;  // identifies the starting weights, so profiles can be matched to models
  std::string machine_json = "{}";  // the machine description, JSON
  std::optional<int64_t> resumed_from;  // the run this one continues from a checkpoint of
};

struct RunInfo {
  int64_t id = 0;
  std::string name;
  std::string recipe_yaml;
  std::string model_path;
  std::string model_fingerprint;
  std::string status;   // created | running | paused | cancelled | failed | finished
  std::string message;  // why it has that status (the error of a failed run, for instance)
  std::string machine_json;
  double created_at = 0;  // seconds since the Unix epoch
  std::optional<double> started_at;   // first time it was running
  std::optional<double> finished_at;  // when it was cancelled, failed or finished; unset while running
  std::optional<int64_t> resumed_from;
  bool operator==(const RunInfo&) const = default;
};

// A training metric over a whole run, kept up to date as rows are logged. NaN values (a diverged
// loss) count and can be `last`, but are left out of min and max, which are NaN when every value was.
struct MetricSummary {
  int64_t count = 0;
  int64_t last_step = 0;
  double last = 0;
  double min = 0;
  double max = 0;
};

struct RunSummary {
  RunInfo run;
  std::map<std::string, MetricSummary> metrics;  // the key metrics asked for that the run has
  std::vector<EvalResult> latest_evals;           // per task and metric, the result at its latest step
};

struct MetricPoint {
  int64_t step = 0;
  double wall_seconds = 0;
  double value = 0;
};

class RunStore {
 public:
  // The schema version this build creates and understands.
  static constexpr int64_t kSchemaVersion = 4;

  // $SPARSETUNE_DB if set, else $XDG_DATA_HOME/sparsetune/runs.sqlite, else
  // ~/.local/share/sparsetune/runs.sqlite; the folder is created.
  static std::filesystem::path default_path();

  // Opens or creates the database and brings its schema up to date, one transaction per version.
  // InputError(path, "database", ...) for a file that is not a SQLite database or is damaged;
  // InputError(path, "schema_version", ...) for a database written by a newer sparsetune.
  explicit RunStore(const std::filesystem::path& path);

  const std::filesystem::path& path() const { return db_.path(); }
  int64_t schema_version();

  // Writing runs.
  int64_t create_run(const NewRun& run);
  // Sets the status (created | running | paused | cancelled | failed | finished; anything else is
  // refused by the schema with an Error) and its message. Stamps started_at the first time the run is
  // running, finished_at when it is cancelled, failed or finished (cleared when it runs again).
  void set_status(int64_t run, const std::string& status, const std::string& message = "");
  void update_recipe(int64_t run, const std::string& recipe_yaml);
  // Removes a run and everything logged for it. Runs resumed from it keep their rows and lose the link.
  void delete_run(int64_t run);

  // Writing events; each call is one transaction.
  void add_metrics(int64_t run, const std::vector<StepMetrics>& steps);
  void add_layer_sparsity(int64_t run, const std::vector<LayerSparsity>& layers);
  void add_eval(int64_t run, const EvalResult& eval);
  // Profiles belong to a model (its fingerprint) and, when measured within a run, to that run.
  void add_profiles(std::optional<int64_t> run, const std::string& model_fingerprint,
                    const std::vector<ProfileRecord>& records);
  void add_artifact(int64_t run, const Artifact& artifact);
  // Sensitivity analyses belong to a model (its fingerprint); a model may have several.
  void add_sensitivity(const std::string& model_fingerprint, const SensitivityAnalysis& analysis);

  // Queries for the CLI and the studio.
  // Every run, newest first, with the summaries of `key_metrics` (e.g. "loss/total") and the latest
  // evaluation results.
  std::vector<RunSummary> list_runs(const std::vector<std::string>& key_metrics = {});
  // InputError(path, "run N", "no such run") when there is none.
  RunInfo get_run(int64_t run);
  // The values of metric `name` at steps after `after_step`, by step; pass the last step already
  // seen to fetch only what is new.
  std::vector<MetricPoint> metric_series(int64_t run, const std::string& name, int64_t after_step = -1);
  std::vector<std::string> metric_names(int64_t run);  // sorted
  std::map<std::string, MetricSummary> metric_summaries(int64_t run);
  std::optional<int64_t> latest_step(int64_t run);  // of any metric; nullopt before the first step
  // The steps at which layer sparsities were recorded (the mask updates), ascending.
  std::vector<int64_t> layer_sparsity_steps(int64_t run);
  // The sparsity of every module as it stood at `step`: the latest record at or before it, by module.
  std::vector<LayerSparsity> layer_sparsity_at(int64_t run, int64_t step);
  std::vector<EvalResult> evals(int64_t run);  // by step, task, metric
  std::vector<ProfileRecord> profiles(int64_t run);
  std::vector<ProfileRecord> model_profiles(const std::string& model_fingerprint);  // from any run or none
  std::vector<Artifact> artifacts(int64_t run);  // in the order they were made
  // The analysis added last for the model, or nullopt when it has none. InputError(path,
  // "sensitivity N", ...) when the stored JSON is damaged.
  std::optional<SensitivityAnalysis> latest_sensitivity(const std::string& model_fingerprint);

  // Cheap polling: changes whenever another connection (another thread, the CLI) has committed a
  // change to the database since the last call on this one. The studio polls it and re-reads only
  // then, which is how a run started from the CLI shows up live.
  int64_t data_version();

 private:
  void migrate();
  void check_run_exists(int64_t run);

  SqliteDb db_;
};

// An EventSink that records a run's events in the store. Metrics are buffered and written in one
// transaction per flush (every `flush_every_steps` steps or `flush_every_seconds`, whichever comes
// first, before any other event is written, on every status change, and on destruction), so logging
// costs microseconds per step. Other events are rare and written at once. Progress is not stored.
class RunStoreSink : public EventSink {
 public:
  struct Options {
    int64_t flush_every_steps = 100;
    double flush_every_seconds = 1.0;
  };
  RunStoreSink(RunStore& store, int64_t run, Options options);
  RunStoreSink(RunStore& store, int64_t run) : RunStoreSink(store, run, Options{}) {}
  // Flushes what is left; an error here cannot be thrown, so it is printed to stderr. Call flush()
  // (or end with on_status) to see it as an exception instead.
  ~RunStoreSink() override;

  int64_t run() const { return run_; }
  void flush();

  void on_step(const StepMetrics& step) override;
  void on_layer_sparsity(const std::vector<LayerSparsity>& layers) override;
  void on_eval(const EvalResult& eval) override;
  void on_profile(const std::vector<ProfileRecord>& records) override;
  void on_artifact(const Artifact& artifact) override;
  void on_status(const std::string& status, const std::string& message) override;

 private:
  RunStore& store_;
  int64_t run_;
  Options options_;
  std::string model_fingerprint_;  // for the profiles measured in this run
  std::vector<StepMetrics> pending_;
  std::chrono::steady_clock::time_point last_flush_;
};

}  // namespace sparsetune
