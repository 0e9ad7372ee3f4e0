#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "app/cli/job.h"
#include "app/cli/store_options.h"
#include "core/model/device.h"
#include "core/train/recovery_study.h"
#include "core/util/atomic_file.h"
#include "core/util/machine.h"
#include "core/util/resources.h"

namespace sparsetune::cli {

namespace {

template <class T>
std::vector<T> parse_list(const Args& args, const std::string& name, std::vector<T> fallback, double min, double max) {
  const auto text = args.value(name);
  if (!text) return fallback;
  std::vector<T> values;
  std::stringstream items(*text);
  std::string item;
  while (std::getline(items, item, ',')) {
    std::size_t used = 0;
    double v = 0;
    try {
      v = std::stod(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != item.size() || v < min || v > max)
      throw UsageError("--" + name + ": '" + item + "' is not a number in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
    values.push_back(static_cast<T>(v));
  }
  if (values.empty()) throw UsageError("--" + name + ": expected a comma-separated list");
  return values;
}

// The latest run of an earlier study with exactly this recipe, if there is one: a study that was
// stopped continues where it was (a cancelled run resumes from its checkpoint), and a repeated study
// only re-renders the table.
std::optional<RunInfo> earlier_run(const std::vector<RunSummary>& runs, const Recipe& recipe, const std::string& yaml) {
  std::optional<RunInfo> found;
  for (const auto& r : runs)
    if (r.run.name == recipe.name && r.run.recipe_yaml == yaml && (r.run.status == "finished" || r.run.status == "cancelled") &&
        (!found || found->status != "finished"))
      found = r.run;
  return found;
}

RecoveryMeasurement measurement_of(RunStore& store, int64_t run) {
  RecoveryMeasurement m;
  m.run = run;
  bool em = false, loss = false, accuracy = false;
  for (const auto& e : store.evals(run)) {
    if (e.task.rfind("final/gsm8k:", 0) == 0 && e.metric == "exact_match") m.exact_match = e.value, em = true;
    if (e.task.rfind("final/perplexity:", 0) == 0 && e.metric == "loss") m.loss = e.value, loss = true;
    if (e.task.rfind("final/perplexity:", 0) == 0 && e.metric == "token_accuracy") m.token_accuracy = e.value, accuracy = true;
  }
  if (!em || !loss || !accuracy)
    throw Error("run " + std::to_string(run) + " finished without its final exact match, loss and token accuracy");
  return m;
}

std::string report(const RecoveryTable& table, const Recipe& base, const RecoveryStudyOptions& options, const std::string& device,
                   double seconds) {
  const nlohmann::json machine = describe_machine();
  char date[32];
  const std::time_t now = std::time(nullptr);
  std::strftime(date, sizeof date, "%Y-%m-%d", std::gmtime(&now));
  std::ostringstream seeds, sparsities;
  for (std::size_t i = 0; i < options.seeds.size(); ++i) seeds << (i ? "," : "") << options.seeds[i];
  for (std::size_t i = 0; i < options.sparsities.size(); ++i) sparsities << (i ? "," : "") << options.sparsities[i];
  std::ostringstream md;
  md << "# Recovery study: " << (base.name.empty() ? std::string("recipe") : base.name) << "\n\n"
     << "Written by `sparsetune study recovery --sparsities " << sparsities.str() << " --seeds " << seeds.str() << " --steps "
     << (options.steps > 0 ? options.steps : base.training.steps) << " --samples " << options.samples << " --report …` on " << date
     << ", " << machine.value("cpu", std::string("unknown CPU")) << ", " << device << "; the whole study took "
     << static_cast<int64_t>(seconds / 60) << " min (runs found finished in the database are not run again).\n\n"
     << "Each row is the mean ± standard error over the seeds; a seed changes the calibration sample of the one-shot prune "
        "and the order of the training data. The student starts from the dense model `" << base.model.filename().string()
     << "` of the recipe, which also teaches it, is pruned one-shot with "
     << to_string(base.pruning.method) << " (" << base.pruning.calibration.samples << " calibration sequences), and is fine-tuned "
     << (options.steps > 0 ? options.steps : base.training.steps) << " steps (batch " << base.training.batch_size << ", lr "
     << base.training.lr << ", " << to_string(base.training.lr_schedule) << " decay) with the mask fixed. Exact match is greedy "
        "generation scored on the number after `####`, on the first " << options.samples
     << " test problems; token accuracy and held-out loss are teacher-forced on the completion tokens of the same problems. "
        "KD and SquareHead have weight 1 beside CE (temperature 1).\n\n"
     << recovery_markdown(table);
  return md.str();
}

}  // namespace

// `sparsetune study recovery`: the paper's recovery table on the demo task (see recovery_study.h).
int run_study(const std::vector<std::string>& argv) {
  Args args(argv, {"db", "sparsities", "seeds", "steps", "samples", "device", "report", "recipe"}, {"json", "quiet", "no-run"});
  if (args.positional_count() != 1 || args.positional(0, "STUDY") != "recovery")
    throw UsageError("expected the study's name: sparsetune study recovery");
  RecoveryStudyOptions options;
  options.sparsities = parse_list<double>(args, "sparsities", options.sparsities, 0.01, 0.99);
  options.seeds = parse_list<int64_t>(args, "seeds", options.seeds, 0, 1e9);
  options.steps = args.integer_or("steps", options.steps, 1, 1000000);
  options.samples = args.integer_or("samples", options.samples, 1, 1000000);
  options.device = args.value_or("device", "");

  // The demo's recipe by default; any recipe with a test (or validation) split and a teacher works.
  const Recipe base = Recipe::from_yaml_file(args.value_or("recipe", (resource_dir() / "demo" / "recipe.yaml").string()));
  const auto configs = recovery_configs(base, options);
  RunStore store(database_path(args));
  const bool quiet = args.flag("quiet") || args.flag("json");
  const auto start = std::chrono::steady_clock::now();
  // --no-run: the table of what earlier studies finished, without running the rest.
  const bool no_run = args.flag("no-run");
  std::vector<RecoveryConfig> done;
  std::vector<RecoveryMeasurement> measured;
  for (std::size_t i = 0; i < configs.size(); ++i) {
    const Recipe& recipe = configs[i].recipe;
    const auto earlier = earlier_run(store.list_runs(), recipe, stored_recipe_yaml(recipe));
    std::optional<int64_t> run;
    if (earlier && earlier->status == "finished") run = earlier->id;
    if (!quiet)
      std::fprintf(stderr, "[%zu/%zu] %s%s\n", i + 1, configs.size(), recipe.name.c_str(),
                   run ? " (done earlier)" : no_run ? " (not finished: left out)" : earlier ? " (resuming)" : "");
    if (!run && no_run) continue;
    if (!run) {
      const auto resume = earlier ? std::optional<int64_t>(earlier->id) : std::nullopt;
      const JobResult job = run_job(recipe, store, resume, "", true);
      if (job.outcome.status != "finished") {
        std::fprintf(stderr, "study stopped; run it again to continue from configuration %zu\n", i + 1);
        return 130;
      }
      run = job.run_id;
    }
    done.push_back(configs[i]);
    measured.push_back(measurement_of(store, *run));
    if (!quiet)
      std::fprintf(stderr, "    run %lld: exact match %.1f %%, loss %.4f\n", static_cast<long long>(*run), 100.0 * measured.back().exact_match,
                   measured.back().loss);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (done.empty()) throw UsageError("no configuration of this study has finished yet in " + store.path().string());
  const RecoveryTable table = summarize_recovery(done, measured);
  const std::string device = describe_device(parse_device(configs.front().recipe.training.device));
  if (const auto path = args.value("report"))
    write_file_atomically(*path, [&](std::ostream& out) { out << report(table, base, options, device, seconds); });
  if (args.flag("json")) {
    std::cout << nlohmann::json{{"database", store.path().string()}, {"seconds", seconds}, {"device", device}, {"rows", recovery_json(table)}}.dump(2)
              << "\n";
  } else {
    std::cout << recovery_markdown(table);
  }
  return 0;
}

}  // namespace sparsetune::cli
