#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>

#include "app/cli/args.h"
#include "core/store/run_store.h"
#include "core/train/stored_job.h"

namespace sparsetune::cli {

struct JobResult {
  int64_t run_id = 0;
  std::filesystem::path database;
  TrainOutcome outcome;
};

// Runs a validated recipe as a run in the store (a new one, or `resume_run` continued from its
// checkpoint), with progress on the console and Ctrl-C / SIGTERM stopping after the current step.
// The output folder is `output` if given, else the recipe's, else <database folder>/runs/<id>.
JobResult run_job(const Recipe& recipe, RunStore& store, std::optional<int64_t> resume_run,
                  const std::filesystem::path& output, bool quiet);

}  // namespace sparsetune::cli
