#pragma once
// Pruning a whole CausalLM: one-shot (magnitude, Wanda, SparseGPT; unstructured or N:M; uniform or
// OWL per-block sparsity) and the mask updates of gradual schedules.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/model/causal_lm.h"
#include "core/prune/magnitude.h"
#include "core/prune/mask.h"
#include "core/prune/owl.h"

namespace sparsetune {

enum class PruneMethod { Magnitude, Wanda, SparseGPT };
enum class SparsityAllocation { Uniform, OWL };

struct PruneOptions {
  PruneMethod method = PruneMethod::SparseGPT;
  double sparsity = 0.5;        // unstructured: per layer (uniform) or the mean over blocks (OWL)
  std::optional<NMPattern> nm{};  // N:M structure instead; sparsity is then 1 − N/M in every layer
  SparsityAllocation allocation = SparsityAllocation::Uniform;  // OWL needs unstructured sparsity
  OwlOptions owl{};
  TargetSelection targets{};
  MagnitudeScope magnitude_scope = MagnitudeScope::Layer;
  int64_t sparsegpt_block_size = 128;
  double sparsegpt_dampening = 0.01;
  // Wanda/SparseGPT: calibrate decoder block ℓ on the outputs of the already pruned blocks < ℓ, as
  // the reference implementations do (one partial forward per block: about L/2 full forwards over
  // the calibration data in all). false: calibrate every layer on the dense model in one pass,
  // which is faster but keeps every layer's statistics in memory at once (for SparseGPT one
  // [in, in] float32 Hessian per target Linear).
  bool sequential = true;
};

struct PrunedLayer {
  std::string path;
  int64_t block = -1;            // decoder block (-1 outside the blocks)
  double target_sparsity = 0.0;  // what the allocation asked for
  WeightSparsity achieved;        // zeros in the weight afterwards
};

struct PruneReport {
  MaskSet masks;
  std::vector<PrunedLayer> layers;  // in model order
  double overall_sparsity = 0.0;    // zeros over all pruned weights
};

// Called after each layer is pruned: (layers done, layers in all, the layer's path).
using PruneProgress = std::function<void(int64_t done, int64_t total, const std::string& path)>;

// Prunes the targets of `model` in place (SparseGPT also updates the weights it keeps) and returns
// the masks. `calibration`: batches of token ids [batch, seq] (unpadded), needed by Wanda,
// SparseGPT and OWL; magnitude pruning ignores it.
PruneReport prune_one_shot(CausalLM& model, const std::vector<torch::Tensor>& calibration, const PruneOptions& options,
                           const PruneProgress& progress = {});

// One mask update of a gradual schedule: prunes the layers of `masks` (the keys; start from
// dense_masks()) to `target_sparsity` by the magnitude of the current weights. Weights already
// pruned stay pruned: the kept set only shrinks, and a target below the current sparsity changes
// nothing. The new masks are applied to the weights.
void update_masks_gradual(CausalLM& model, MaskSet& masks, double target_sparsity, MagnitudeScope scope = MagnitudeScope::Layer);

}  // namespace sparsetune
