#pragma once
// SparseGPT (Frantar & Alistarh 2023) for one layer: chooses the mask column block by column block
// from w² / [H⁻¹]_jj² and updates the weights that stay with the optimal-brain-surgeon correction,
// so the layer's output on the calibration inputs changes as little as possible.
#include <cstdint>
#include <optional>

#include <torch/types.h>

#include "core/prune/mask.h"

namespace sparsetune {

struct SparseGptOptions {
  double sparsity = 0.5;        // unstructured target; unused when nm is set
  std::optional<NMPattern> nm{};  // N:M instead of unstructured
  int64_t block_size = 128;     // columns per block (lazy batch update); a multiple of M for N:M
  double dampening = 0.01;      // λ = dampening × mean(diag H) added to the diagonal
};

struct SparseGptResult {
  torch::Tensor weight;  // pruned and updated, same shape/dtype/device as the input weight
  torch::Tensor mask;    // bool keep-mask
  // The OBS estimate of the added squared error, Σ (w − q)² / [H⁻¹]_jj² / 2 (as the reference
  // prints it), for logging.
  double loss = 0.0;
};

// `weight` [out, in] (any float dtype), `hessian` [in, in] = 2XXᵀ/n from HessianStats (not
// modified). Inputs never seen in calibration (H_jj = 0) get H_jj = 1 and their weight column is
// zeroed, as in the reference. The factorization runs in float64, the column sweep in float32.
//
// Unstructured: within each block the round(out × block_columns × sparsity) lowest-scoring entries
// of the whole block are pruned (the reference takes the same count by a ≤ threshold, which can
// prune more on ties). N:M: the mask of each group of M columns is chosen when the sweep reaches
// it, from the scores of the weights as updated so far.
SparseGptResult sparsegpt_prune(const torch::Tensor& weight, const torch::Tensor& hessian, const SparseGptOptions& options);

}  // namespace sparsetune
