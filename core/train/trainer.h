#pragma once
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/train/events.h"
#include "core/train/recipe.h"
#include "core/train/recipe_schedule.h"

namespace sparsetune {

struct RunOptions {
  std::filesystem::path output_dir;  // checkpoint/ and model/ go here
  bool resume = true;                // continue from output_dir/checkpoint when it exists
};

struct TrainOutcome {
  std::string status;  // "finished" or "cancelled"
  int64_t steps_done = 0;
  int64_t total_steps = 0;
  std::filesystem::path model_dir;  // the final student (finished) or the last checkpoint (cancelled)
};

// The one entry point the CLI and the studio share. Loads the student (and the frozen dense teacher
// when a distillation term needs it), prunes as the recipe's schedule says (one-shot with the chosen
// method, then magnitude updates for gradual schedules), fine-tunes with w_CE·CE + w_KD·KD + w_SH·SH
// re-applying the masks after every optimizer step, evaluates (dense, after pruning, during
// training, final), checkpoints, and saves the student. `stop` is checked between optimizer steps;
// a stopped run writes a checkpoint that run_recipe(…, resume) continues exactly.
TrainOutcome run_recipe(const Recipe& recipe, EventSink& sink, const std::atomic<bool>& stop, const RunOptions& options);

}  // namespace sparsetune
