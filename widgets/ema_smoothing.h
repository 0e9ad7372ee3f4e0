// TensorBoard's debiased exponential moving average, the smoothing users of training curves expect.
#pragma once
#include <vector>

namespace sparsetune::widgets {

// The largest smoothing weight; 1 would freeze the average at its first value.
inline constexpr double kMaxSmoothingWeight = 0.999;

// Debiased EMA fed one value at a time, so live curves extend without recomputing the past.
// A plain EMA started at 0 is pulled towards 0 for its first ~1/(1-weight) points; dividing by the
// total weight seen so far (1 - weight^n) removes that bias, so the first smoothed point is the first
// value. It is computed as s += (v - s) / d with d = weight·d + 1, which is the same average but keeps a
// constant series exactly constant (no rounding drift) and weight 0 exactly raw.
class DebiasedEma {
 public:
  // weight is clamped to [0, kMaxSmoothingWeight].
  explicit DebiasedEma(double weight);
  // The smoothed value after `value`. A non-finite value (a diverged loss) is returned as it is and
  // leaves the average untouched, so one NaN does not turn the rest of the curve into NaN.
  double add(double value);

 private:
  double weight_;
  double smoothed_ = 0;
  double total_weight_ = 0;  // Σ weight^i over the finite values seen, i.e. (1 - weight^n) / (1 - weight)
};

// The debiased EMA of a whole series; weight 0 gives the values back unchanged.
std::vector<double> debiased_ema(const std::vector<double>& values, double weight);

}  // namespace sparsetune::widgets
