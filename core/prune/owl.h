#pragma once
// OWL (Yin et al. 2024, "Outlier Weighed Layerwise sparsity"): decoder blocks with many outlier
// weights (by the Wanda score |W|·‖X‖) get a lower sparsity, the rest a higher one, with the same
// mean as a uniform allocation.
#include <vector>

#include <torch/types.h>

namespace sparsetune {

struct OwlOptions {
  double outlier_threshold = 5.0;  // M: an outlier scores above M × the mean score
  double lambda = 0.08;            // sparsities span at most [S − λ, S + λ] before clamping
  double max_sparsity = 0.99;      // upper clamp of a layer's sparsity
};

// D: the share of entries above threshold × mean, with the mean and the count taken over all the
// given score tensors pooled (a decoder block's linears together, as OWL does).
double outlier_ratio(const std::vector<torch::Tensor>& scores, double threshold);

// One sparsity per layer from the layers' outlier ratios:
//   D'_ℓ = (D_ℓ − min D) / (max D − min D) · 2λ   (all D' = 0 when every D is equal),
//   s_ℓ = 1 − (D'_ℓ − mean(D') + (1 − S)) = S − (D'_ℓ − mean(D')),
// so mean(s) = S. A value outside [0, max_sparsity] is clamped and the difference is shared equally
// by the layers not at that bound (repeated until none crosses), which keeps mean(s) = S and the
// order of the layers. Requires 0 ≤ S ≤ max_sparsity.
std::vector<double> owl_sparsities(const std::vector<double>& outlier_ratios, double target_sparsity, const OwlOptions& options = {});

}  // namespace sparsetune
