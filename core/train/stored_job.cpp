#include "core/train/stored_job.h"

#include <nlohmann/json.hpp>

#include "core/model/device.h"
#include "core/util/error.h"
#include "core/util/machine.h"

namespace sparsetune {

std::string stored_recipe_yaml(const Recipe& recipe) { return recipe.to_yaml(); }

StoredJob prepare_stored_job(const Recipe& recipe, RunStore& store, std::optional<int64_t> resume_run,
                             const std::filesystem::path& output) {
  StoredJob job;
  if (resume_run) {
    const RunInfo info = store.get_run(*resume_run);
    if (info.status == "finished")
      throw InputError(store.path().string(), "run " + std::to_string(*resume_run), "already finished; nothing to resume");
    job.run_id = *resume_run;
  } else {
    nlohmann::json machine = describe_machine();
    machine["device"] = describe_device(parse_device(recipe.training.device));
    job.run_id = store.create_run({recipe.name.empty() ? "run" : recipe.name, stored_recipe_yaml(recipe),
                                   std::filesystem::absolute(recipe.model).string(), model_fingerprint(recipe.model),
                                   machine.dump(), std::nullopt});
  }
  job.output_dir = output;
  if (job.output_dir.empty()) job.output_dir = recipe.output.dir;
  if (job.output_dir.empty()) job.output_dir = store.path().parent_path() / "runs" / std::to_string(job.run_id);
  return job;
}

TrainOutcome run_stored_job(const Recipe& recipe, RunStore& store, const StoredJob& job, EventSink& observer,
                            const std::atomic<bool>& stop) {
  RunStoreSink store_sink(store, job.run_id);
  FanOutSink sink({&store_sink, &observer});
  TrainOutcome outcome;
  try {
    outcome = run_recipe(recipe, sink, stop, {job.output_dir, true});
  } catch (const std::exception& e) {
    sink.on_status("failed", e.what());
    throw;
  }
  store_sink.flush();
  return outcome;
}

}  // namespace sparsetune
