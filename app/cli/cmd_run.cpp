#include <csignal>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/console_sink.h"
#include "app/cli/store_options.h"
#include "core/model/device.h"
#include "core/store/run_store.h"
#include "core/train/trainer.h"
#include "core/util/machine.h"

namespace sparsetune::cli {

namespace {
std::atomic<bool> g_stop{false};
extern "C" void request_stop(int) { g_stop = true; }
}  // namespace

// sparsetune run RECIPE.yaml: the whole job, logged to the run store. Ctrl-C stops after the current
// step and writes a checkpoint; `--resume RUN` continues that run exactly where it stopped.
int run_run(const std::vector<std::string>& argv) {
  Args args(argv, {"db", "resume", "output"}, {"json", "quiet"});
  const std::filesystem::path recipe_path = args.positional(0, "RECIPE (a recipe .yaml file)");
  Recipe recipe = Recipe::from_yaml_file(recipe_path);
  recipe.validate();

  RunStore store(database_path(args));
  int64_t run_id;
  if (auto resume = args.value("resume")) {
    run_id = args.integer_or("resume", 0, 1, INT64_MAX);
    const RunInfo info = store.get_run(run_id);
    if (info.status == "finished") throw UsageError("run " + *resume + " already finished; nothing to resume");
  } else {
    nlohmann::json machine = describe_machine();
    machine["device"] = describe_device(parse_device(recipe.training.device));
    run_id = store.create_run({recipe.name.empty() ? recipe_path.stem().string() : recipe.name,
                               recipe.to_yaml(recipe_path.parent_path()), std::filesystem::absolute(recipe.model).string(),
                               model_fingerprint(recipe.model), machine.dump(), std::nullopt});
  }
  std::filesystem::path output = args.value_or("output", "");
  if (output.empty()) output = recipe.output.dir;
  if (output.empty()) output = store.path().parent_path() / "runs" / std::to_string(run_id);

  RunStoreSink store_sink(store, run_id);
  ConsoleSink console(args.flag("quiet") || args.flag("json"));
  FanOutSink sink({&store_sink, &console});
  if (!args.flag("json")) std::fprintf(stderr, "run %lld → %s (database %s)\n", static_cast<long long>(run_id), output.string().c_str(), store.path().string().c_str());

  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  TrainOutcome outcome;
  try {
    outcome = run_recipe(recipe, sink, g_stop, {output, true});
  } catch (const std::exception& e) {
    sink.on_status("failed", e.what());
    throw;
  }
  store_sink.flush();
  if (args.flag("json")) {
    nlohmann::json evals = nlohmann::json::array();
    for (const auto& e : store.evals(run_id)) evals.push_back({{"step", e.step}, {"task", e.task}, {"metric", e.metric}, {"value", e.value}});
    std::cout << nlohmann::json{{"run", run_id}, {"status", outcome.status}, {"steps", outcome.steps_done},
                                {"total_steps", outcome.total_steps}, {"model", outcome.model_dir.string()}, {"evals", evals}}
                     .dump(2)
              << "\n";
  } else if (outcome.status == "cancelled") {
    std::fprintf(stderr, "stopped; continue with: sparsetune run %s --resume %lld\n", recipe_path.string().c_str(), static_cast<long long>(run_id));
  } else {
    std::fprintf(stderr, "model written to %s\n", outcome.model_dir.string().c_str());
  }
  return outcome.status == "cancelled" ? 130 : 0;
}

}  // namespace sparsetune::cli
