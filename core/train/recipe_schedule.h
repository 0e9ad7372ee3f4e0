// What a recipe's schedules mean step by step: the sparsity target and the learning rate. Torch-free,
// so the trainer and the studio's schedule preview compute the very same curves.
#pragma once
#include <cstdint>

#include "core/prune/schedule.h"
#include "core/train/recipe.h"

namespace sparsetune {

// The sparsity schedule the trainer follows for `recipe` (its final sparsity is final_sparsity()).
SparsitySchedule sparsity_schedule_of(const Recipe& recipe);

// The learning rate at `step` (0-based) of `total`: linear warm-up from 0, then linear or cosine decay
// to 0, or constant.
double learning_rate_at(int64_t step, int64_t total, int64_t warmup, double base, LrSchedule schedule);

}  // namespace sparsetune
