// A recipe run as a run in the store: the one job both the CLI and the studio start, so a run looks
// the same in the database whichever started it.
#pragma once
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/store/run_store.h"
#include "core/train/trainer.h"

namespace sparsetune {

// The recipe as the store keeps it: YAML with absolute paths, so that a run resumes (from the CLI or
// the studio) and compares with other runs whatever folder its recipe file was in.
std::string stored_recipe_yaml(const Recipe& recipe);

struct StoredJob {
  int64_t run_id = 0;
  std::filesystem::path output_dir;
};

// Creates a new run for `recipe` (with the machine description), or, given `resume_run`, checks that
// run can continue (InputError naming the database and the run when it already finished). The output
// folder is `output` if given, else the recipe's, else <database folder>/runs/<id>.
StoredJob prepare_stored_job(const Recipe& recipe, RunStore& store, std::optional<int64_t> resume_run,
                             const std::filesystem::path& output = {});

// Runs the job: events go to the store and then to `observer`; a checkpoint in the output folder is
// continued. An exception marks the run failed (with its message) and is rethrown.
TrainOutcome run_stored_job(const Recipe& recipe, RunStore& store, const StoredJob& job, EventSink& observer,
                            const std::atomic<bool>& stop);

}  // namespace sparsetune
