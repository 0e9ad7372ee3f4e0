#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>

#include "app/cli/args.h"
#include "core/store/run_store.h"
#include "core/train/trainer.h"

namespace sparsetune::cli {

struct JobResult {
  int64_t run_id = 0;
  std::filesystem::path database;
  TrainOutcome outcome;
};

// The recipe as the store keeps it: YAML with paths relative to the recipe file's folder.
std::string stored_recipe_yaml(const Recipe& recipe);

// Runs a validated recipe as a run in the store (a new one, or `resume_run` continued from its
// checkpoint), with progress on the console and Ctrl-C / SIGTERM stopping after the current step.
// The output folder is `output` if given, else the recipe's, else <database folder>/runs/<id>.
JobResult run_job(const Recipe& recipe, RunStore& store, std::optional<int64_t> resume_run,
                  const std::filesystem::path& output, bool quiet);

}  // namespace sparsetune::cli
