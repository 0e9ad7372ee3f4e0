#include "core/train/recipe_schedule.h"

#include <algorithm>
#include <cmath>

namespace sparsetune {

double learning_rate_at(int64_t step, int64_t total, int64_t warmup, double base, LrSchedule schedule) {
  if (warmup > 0 && step < warmup) return base * static_cast<double>(step + 1) / static_cast<double>(warmup);
  if (schedule == LrSchedule::constant || total <= warmup) return base;
  const double p = std::clamp(static_cast<double>(step - warmup) / static_cast<double>(total - warmup), 0.0, 1.0);
  if (schedule == LrSchedule::cosine) return base * 0.5 * (1.0 + std::cos(M_PI * p));
  return base * (1.0 - p);
}

SparsitySchedule sparsity_schedule_of(const Recipe& r) {
  const auto& rs = r.pruning.schedule;
  SparsitySchedule s;
  switch (rs.kind) {
    case ScheduleKind::oneshot: s.kind = SparsityScheduleKind::OneShot; break;
    case ScheduleKind::constant: s.kind = SparsityScheduleKind::Constant; break;
    case ScheduleKind::linear: s.kind = SparsityScheduleKind::Linear; break;
    case ScheduleKind::cubic: s.kind = SparsityScheduleKind::Cubic; break;
    case ScheduleKind::points: s.kind = SparsityScheduleKind::Points; break;
  }
  s.initial_sparsity = rs.initial_sparsity;
  s.final_sparsity = r.final_sparsity();
  s.start_step = rs.start_step;
  s.end_step = rs.end_step;
  s.update_every = rs.update_every;
  for (const auto& [step, sparsity] : rs.points) s.points.push_back({step, sparsity});
  return s;
}

}  // namespace sparsetune
