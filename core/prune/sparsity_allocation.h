#pragma once
// Per-layer sensitivity measurements and what they predict: how to spread a global sparsity over the
// layers so the summed loss increase is smallest, and the size and bandwidth-bound speedup that
// allocation would give. Torch-free plain values, so the studio's widgets and the run store can use
// them; core/eval/sensitivity.h measures them with LibTorch.
#include <cstdint>
#include <string>
#include <vector>

#include "kernels/sparse_matrix.h"

namespace sparsetune {

// One Linear's measured loss-vs-sparsity curve: the model's loss with only this layer pruned.
struct LayerSensitivity {
  std::string module_path;
  int64_t parameters = 0;  // weights (out × in; biases are never pruned)
  int64_t out_features = 0, in_features = 0;
  std::vector<double> sparsities;  // ascending, each in [0, 1)
  std::vector<double> loss;        // mean next-token cross-entropy (nats) at each sparsity
};

struct SensitivityAnalysis {
  std::string method;             // "magnitude" or "wanda": how each layer was pruned
  double dense_loss = 0;          // the same loss with nothing pruned
  int64_t model_parameters = 0;   // every parameter of the model, for whole-model size estimates
  int64_t tokens = 0;             // predicted tokens the losses are means over
  std::vector<LayerSensitivity> layers;  // in model order
};

// The analysis as JSON text (keys as the member names; a NaN loss is written as null) and back.
// sensitivity_from_json throws Error naming what is missing or mistyped.
std::string sensitivity_to_json(const SensitivityAnalysis& analysis);
SensitivityAnalysis sensitivity_from_json(const std::string& json);

// The predicted loss increase of `layer` at `sparsity`: the measured increases over the dense loss,
// made monotone (a running maximum, never below 0, since measurement noise can make a slightly
// pruned layer look better than dense), interpolated linearly between measurements with
// (0, 0) as the first point, and extended beyond the last measurement along the last segment's slope.
double predicted_loss_increase(const LayerSensitivity& layer, double dense_loss, double sparsity);

// Per-layer sparsities (one per analysis.layers entry) whose parameter-weighted mean is `target` and
// whose summed predicted loss increase is smallest, each in [0, max_layer_sparsity]. The layers'
// increases are taken as independent and additive (each was measured with only that layer pruned).
// Exact for the lower convex envelope of each curve (a greedy fill of the envelope's segments by
// loss increase per pruned weight); segments that cost the same per weight are filled together by
// the same fraction, so layers with equal curves and sizes get equal sparsities. Each layer's
// sparsity never falls as `target` rises. O(segments · log segments): fast enough for every
// slider move. Throws Error unless 0 ≤ target ≤ max_layer_sparsity < 1, or when a layer has no
// measurements or unequal sparsities/loss lengths.
std::vector<double> allocate_sparsity(const SensitivityAnalysis& analysis, double target, double max_layer_sparsity = 0.95);

struct AllocationEstimate {
  double predicted_loss = 0;  // dense loss + Σ predicted_loss_increase
  // The whole model: every parameter as float32 (dense, as the CPU runtime computes), and with the
  // analysed layers in the sparse kernels' format where that is smaller (each layer of `sparsities`).
  int64_t dense_bytes = 0;
  int64_t sparse_bytes = 0;
  // Dense float32 bytes / sparse bytes of the analysed Linears: the most a batch-1 decode of those
  // layers can speed up when bound by memory bandwidth (ALGORITHMS.md §4).
  double speedup_bound = 1;
};

// Bytes one product with an out × in weight reads in the kernels' format at `sparsity` with
// `values` (docs/performance.md, "Format"): per tile of n ≤ 256 columns one header byte, then a
// bitmap of ceil(n/8) bytes and k values, or for k ≤ ceil(n/16) k offset bytes and k values, plus
// one float32 scale per row for i8. The non-zeros are taken as evenly spread (k = density · n).
double sparse_weight_bytes(int64_t out_features, int64_t in_features, double sparsity, kernels::ValueType values);

// What `sparsities` (one per analysis.layers entry, e.g. from allocate_sparsity) would give.
// Throws Error when the counts differ.
AllocationEstimate estimate_allocation(const SensitivityAnalysis& analysis, const std::vector<double>& sparsities,
                                       kernels::ValueType values);

}  // namespace sparsetune
