#include "core/prune/schedule.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/util/error.h"

namespace sparsetune {

namespace {

void check_range(double sparsity, const std::string& what) {
  if (!(sparsity >= 0.0 && sparsity < 1.0)) throw Error("sparsity schedule: " + what + " " + std::to_string(sparsity) + " is outside [0, 1)");
}

}  // namespace

void SparsitySchedule::validate() const {
  if (kind == SparsityScheduleKind::Points) {
    if (points.empty()) throw Error("sparsity schedule: an explicit schedule needs at least one (step, sparsity) point");
    for (std::size_t i = 0; i < points.size(); ++i) {
      check_range(points[i].sparsity, "point sparsity");
      if (i > 0 && points[i].step <= points[i - 1].step) throw Error("sparsity schedule: point steps must be strictly ascending");
      if (i > 0 && points[i].sparsity < points[i - 1].sparsity)
        throw Error("sparsity schedule: point sparsities must not decrease (pruned weights are never restored)");
    }
    check_range(initial_sparsity, "initial sparsity");
    if (initial_sparsity > points.front().sparsity) throw Error("sparsity schedule: the initial sparsity exceeds the first point's");
    return;
  }
  check_range(initial_sparsity, "initial sparsity");
  check_range(final_sparsity, "final sparsity");
  if (initial_sparsity > final_sparsity) throw Error("sparsity schedule: the initial sparsity exceeds the final one");
  if ((kind == SparsityScheduleKind::Linear || kind == SparsityScheduleKind::Cubic) && end_step <= start_step)
    throw Error("sparsity schedule: the end step must come after the start step");
  if (update_every < 1) throw Error("sparsity schedule: the mask update interval must be at least 1 step");
}

double SparsitySchedule::target(int64_t step) const {
  switch (kind) {
    case SparsityScheduleKind::Constant: return final_sparsity;
    case SparsityScheduleKind::OneShot: return step < start_step ? initial_sparsity : final_sparsity;
    case SparsityScheduleKind::Points: {
      double s = initial_sparsity;
      for (const auto& point : points) {
        if (point.step <= step) s = point.sparsity;
      }
      return s;
    }
    case SparsityScheduleKind::Linear:
    case SparsityScheduleKind::Cubic: break;
  }
  if (step <= start_step) return initial_sparsity;
  if (step >= end_step) return final_sparsity;
  const double p = static_cast<double>(step - start_step) / static_cast<double>(end_step - start_step);
  // Written as s_f minus a non-negative remainder, so rounding can never push it past s_f.
  const double remaining = kind == SparsityScheduleKind::Linear ? 1.0 - p : std::pow(1.0 - p, 3);
  return final_sparsity - (final_sparsity - initial_sparsity) * remaining;
}

bool SparsitySchedule::is_update_step(int64_t step) const {
  switch (kind) {
    case SparsityScheduleKind::Constant: return false;
    case SparsityScheduleKind::OneShot: return step == start_step;
    case SparsityScheduleKind::Points:
      return std::any_of(points.begin(), points.end(), [&](const SchedulePoint& p) { return p.step == step; });
    case SparsityScheduleKind::Linear:
    case SparsityScheduleKind::Cubic: break;
  }
  if (step < start_step || step > end_step) return false;
  return step == end_step || (step - start_step) % update_every == 0;
}

bool SparsitySchedule::masks_frozen(int64_t step) const {
  switch (kind) {
    case SparsityScheduleKind::Constant: return true;
    case SparsityScheduleKind::OneShot: return step > start_step;
    case SparsityScheduleKind::Points: return points.empty() || step > points.back().step;
    case SparsityScheduleKind::Linear:
    case SparsityScheduleKind::Cubic: break;
  }
  return step > end_step;
}

}  // namespace sparsetune
