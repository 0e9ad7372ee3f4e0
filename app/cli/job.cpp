#include "app/cli/job.h"

#include <csignal>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "app/cli/console_sink.h"
#include "core/model/device.h"
#include "core/util/machine.h"

namespace sparsetune::cli {

namespace {
std::atomic<bool> g_stop{false};
extern "C" void request_stop(int) { g_stop = true; }
}  // namespace

std::string stored_recipe_yaml(const Recipe& recipe) {
  return recipe.to_yaml(recipe.source.empty() ? std::filesystem::path() : std::filesystem::path(recipe.source).parent_path());
}

JobResult run_job(const Recipe& recipe, RunStore& store, std::optional<int64_t> resume_run,
                  const std::filesystem::path& output, bool quiet) {
  JobResult result;
  result.database = store.path();
  if (resume_run) {
    const RunInfo info = store.get_run(*resume_run);
    if (info.status == "finished") throw UsageError("run " + std::to_string(*resume_run) + " already finished; nothing to resume");
    result.run_id = *resume_run;
  } else {
    nlohmann::json machine = describe_machine();
    machine["device"] = describe_device(parse_device(recipe.training.device));
    result.run_id = store.create_run({recipe.name.empty() ? "run" : recipe.name, stored_recipe_yaml(recipe),
                                      std::filesystem::absolute(recipe.model).string(), model_fingerprint(recipe.model),
                                      machine.dump(), std::nullopt});
  }
  std::filesystem::path out = output;
  if (out.empty()) out = recipe.output.dir;
  if (out.empty()) out = store.path().parent_path() / "runs" / std::to_string(result.run_id);

  RunStoreSink store_sink(store, result.run_id);
  ConsoleSink console(quiet);
  FanOutSink sink({&store_sink, &console});
  if (!quiet)
    std::fprintf(stderr, "run %lld → %s (database %s)\n", static_cast<long long>(result.run_id), out.string().c_str(),
                 store.path().string().c_str());
  g_stop = false;
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  try {
    result.outcome = run_recipe(recipe, sink, g_stop, {out, true});
  } catch (const std::exception& e) {
    sink.on_status("failed", e.what());
    throw;
  }
  store_sink.flush();
  return result;
}

}  // namespace sparsetune::cli
