#include "widgets/ema_smoothing.h"

#include <algorithm>
#include <cmath>

namespace sparsetune::widgets {

DebiasedEma::DebiasedEma(double weight) : weight_(std::clamp(weight, 0.0, kMaxSmoothingWeight)) {}

double DebiasedEma::add(double value) {
  if (!std::isfinite(value)) return value;
  total_weight_ = weight_ * total_weight_ + 1;
  // A total weight of 1 (the first value, or weight 0) means the value alone: assign it rather than
  // add a difference, which could round.
  smoothed_ = total_weight_ == 1 ? value : smoothed_ + (value - smoothed_) / total_weight_;
  return smoothed_;
}

std::vector<double> debiased_ema(const std::vector<double>& values, double weight) {
  DebiasedEma ema(weight);
  std::vector<double> smoothed;
  smoothed.reserve(values.size());
  for (double v : values) smoothed.push_back(ema.add(v));
  return smoothed;
}

}  // namespace sparsetune::widgets
