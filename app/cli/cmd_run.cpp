#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/job.h"
#include "app/cli/store_options.h"

namespace sparsetune::cli {

// sparsetune run RECIPE.yaml: the whole job, logged to the run store. Ctrl-C stops after the current
// step and writes a checkpoint; `--resume RUN` continues that run exactly where it stopped.
int run_run(const std::vector<std::string>& argv) {
  Args args(argv, {"db", "resume", "output"}, {"json", "quiet"});
  const std::filesystem::path recipe_path = args.positional(0, "RECIPE (a recipe .yaml file)");
  Recipe recipe = Recipe::from_yaml_file(recipe_path);
  if (recipe.name.empty()) recipe.name = recipe_path.stem().string();
  recipe.validate();
  RunStore store(database_path(args));
  std::optional<int64_t> resume;
  if (args.value("resume")) resume = args.integer_or("resume", 0, 1, INT64_MAX);
  const JobResult job = run_job(recipe, store, resume, args.value_or("output", ""), args.flag("quiet") || args.flag("json"));

  if (args.flag("json")) {
    nlohmann::json evals = nlohmann::json::array();
    for (const auto& e : store.evals(job.run_id)) evals.push_back({{"step", e.step}, {"task", e.task}, {"metric", e.metric}, {"value", e.value}});
    std::cout << nlohmann::json{{"run", job.run_id},         {"status", job.outcome.status},
                                {"steps", job.outcome.steps_done}, {"total_steps", job.outcome.total_steps},
                                {"model", job.outcome.model_dir.string()}, {"evals", evals}}
                     .dump(2)
              << "\n";
  } else if (job.outcome.status == "cancelled") {
    std::fprintf(stderr, "stopped; continue with: sparsetune run %s --resume %lld\n", recipe_path.string().c_str(),
                 static_cast<long long>(job.run_id));
  } else {
    std::fprintf(stderr, "model written to %s\n", job.outcome.model_dir.string().c_str());
  }
  return job.outcome.status == "cancelled" ? 130 : 0;
}

}  // namespace sparsetune::cli
