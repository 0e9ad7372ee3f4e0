#include "core/prune/magnitude.h"

namespace sparsetune {

torch::Tensor magnitude_mask(const torch::Tensor& weight, double sparsity, MagnitudeScope scope) {
  const auto scores = weight.abs();
  return scope == MagnitudeScope::Layer ? keep_top_per_layer(scores, sparsity) : keep_top_per_row(scores, sparsity);
}

torch::Tensor magnitude_mask_nm(const torch::Tensor& weight, NMPattern nm) { return keep_top_nm(weight.abs(), nm); }

}  // namespace sparsetune
