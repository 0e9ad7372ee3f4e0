#pragma once
// Magnitude pruning: the weights with the smallest |W| go.
#include <torch/types.h>

#include "core/prune/mask.h"

namespace sparsetune {

// Where the smallest weights are counted: over the whole layer, or within each output row (every
// row then has the same sparsity).
enum class MagnitudeScope { Layer, Row };

// Keep-mask pruning round(numel × sparsity) weights (per layer) or round(in × sparsity) per row.
torch::Tensor magnitude_mask(const torch::Tensor& weight, double sparsity, MagnitudeScope scope = MagnitudeScope::Layer);
// Keep-mask with the n largest |W| of every m consecutive weights of a row.
torch::Tensor magnitude_mask_nm(const torch::Tensor& weight, NMPattern nm);

}  // namespace sparsetune
