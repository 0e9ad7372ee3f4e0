#pragma once
// Sparsity over the course of fine-tuning. At the start of step t the trainer recomputes the masks
// to target(t) when is_update_step(t); after every optimizer step it re-applies the current masks.
#include <cstdint>
#include <vector>

namespace sparsetune {

enum class SparsityScheduleKind {
  OneShot,   // initial_sparsity before start_step, final_sparsity from start_step on (one update, at start_step)
  Constant,  // hold the existing masks (e.g. from one-shot SparseGPT); never updates; target = final_sparsity
  Linear,    // s_i + (s_f − s_i)·p
  Cubic,     // s_f − (s_f − s_i)·(1 − p)³  (Zhu & Gupta 2017): fast early, flat near the end
  Points,    // piecewise constant: from each point's step on, that point's sparsity ("at step k set x")
};

struct SchedulePoint {
  int64_t step = 0;
  double sparsity = 0.0;
};

// p = clamp((t − t₀)/(t₁ − t₀), 0, 1). Linear and cubic recompute the masks at t₀, t₀ + Δt,
// t₀ + 2Δt, … up to t₁, and at t₁ itself (so s_f is reached even when Δt does not divide t₁ − t₀);
// after t₁ the masks are frozen. Points update at the points' steps, frozen after the last one.
struct SparsitySchedule {
  SparsityScheduleKind kind = SparsityScheduleKind::Constant;
  double initial_sparsity = 0.0;  // s_i
  double final_sparsity = 0.5;    // s_f
  int64_t start_step = 0;         // t₀
  int64_t end_step = 0;           // t₁ (linear, cubic)
  int64_t update_every = 1;       // Δt (linear, cubic)
  std::vector<SchedulePoint> points;  // Points: ascending steps, non-decreasing sparsities

  // Throws Error for sparsities outside [0, 1), s_i > s_f, t₁ ≤ t₀ (linear, cubic), Δt < 1, or points
  // that are empty, not strictly ascending in step or decreasing in sparsity.
  void validate() const;
  // The sparsity the masks should have at `step` (never above s_f, never decreasing).
  double target(int64_t step) const;
  bool is_update_step(int64_t step) const;
  // True when no mask update happens at `step` or later: from here on the masks stay as they are.
  bool masks_frozen(int64_t step) const;
};

}  // namespace sparsetune
