#pragma once
// Wanda (Sun et al. 2023): weights scored by |W_ij| · ‖X_j‖₂, where X_j is input feature j over the
// calibration tokens; the lowest-scoring weights of each output row are pruned. No weight update.
#include <torch/types.h>

#include "core/prune/mask.h"

namespace sparsetune {

// |W| · norms[None, :] in float32. `column_norms` [in] = ‖X_j‖₂ (WandaStats::column_norms()).
torch::Tensor wanda_scores(const torch::Tensor& weight, const torch::Tensor& column_norms);
// Keep-mask pruning round(in × sparsity) lowest scores in every output row.
torch::Tensor wanda_mask(const torch::Tensor& weight, const torch::Tensor& column_norms, double sparsity);
// Keep-mask with the n highest scores of every m consecutive weights of a row.
torch::Tensor wanda_mask_nm(const torch::Tensor& weight, const torch::Tensor& column_norms, NMPattern nm);

}  // namespace sparsetune
