#include "core/prune/owl.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "core/util/error.h"

namespace sparsetune {

double outlier_ratio(const std::vector<torch::Tensor>& scores, double threshold) {
  double sum = 0.0;
  int64_t numel = 0;
  for (const auto& s : scores) {
    sum += s.sum(torch::kFloat64).item<double>();
    numel += s.numel();
  }
  if (numel == 0) throw Error("OWL: no scores to measure outliers on");
  const double limit = threshold * sum / static_cast<double>(numel);
  int64_t outliers = 0;
  for (const auto& s : scores) outliers += (s > limit).sum().item<int64_t>();
  return static_cast<double>(outliers) / static_cast<double>(numel);
}

std::vector<double> owl_sparsities(const std::vector<double>& outlier_ratios, double target_sparsity, const OwlOptions& options) {
  if (!(options.max_sparsity > 0.0 && options.max_sparsity < 1.0)) throw Error("OWL: max sparsity must lie in (0, 1)");
  if (!(target_sparsity >= 0.0 && target_sparsity <= options.max_sparsity))
    throw Error("OWL: target sparsity " + std::to_string(target_sparsity) + " is outside [0, " + std::to_string(options.max_sparsity) + "]");
  if (!(options.lambda >= 0.0)) throw Error("OWL: lambda must be non-negative");
  const auto n = static_cast<double>(outlier_ratios.size());
  if (outlier_ratios.empty()) return {};

  const auto [lo, hi] = std::minmax_element(outlier_ratios.begin(), outlier_ratios.end());
  const double range = *hi - *lo;
  std::vector<double> rescaled;
  for (const double d : outlier_ratios) rescaled.push_back(range > 0.0 ? (d - *lo) / range * 2.0 * options.lambda : 0.0);
  const double mean = std::accumulate(rescaled.begin(), rescaled.end(), 0.0) / n;
  std::vector<double> s;
  for (const double d : rescaled) s.push_back(target_sparsity - (d - mean));

  // Clamp and share the clamped-off amount among the layers still free to move that way. Every
  // round either balances or pins at least one more layer to a bound, so size() + 1 rounds suffice.
  for (std::size_t round = 0; round <= s.size(); ++round) {
    for (double& v : s) v = std::clamp(v, 0.0, options.max_sparsity);
    const double missing = n * target_sparsity - std::accumulate(s.begin(), s.end(), 0.0);
    if (std::abs(missing) <= 1e-12 * n) break;
    std::vector<double*> free;
    for (double& v : s) {
      if (missing > 0 ? v < options.max_sparsity : v > 0.0) free.push_back(&v);
    }
    for (double* v : free) *v += missing / static_cast<double>(free.size());
  }
  return s;
}

}  // namespace sparsetune
