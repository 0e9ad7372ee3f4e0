#pragma once
// Per-layer sensitivity: each targeted Linear pruned alone to several sparsities and the model's loss
// on calibration text measured each time, so the studio can chart which layers tolerate pruning and
// redistribute a global sparsity (core/prune/sparsity_allocation.h) without running anything again.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/data/dataset.h"
#include "core/model/causal_lm.h"
#include "core/prune/mask.h"
#include "core/prune/sparsity_allocation.h"
#include "core/util/error.h"

namespace sparsetune {

enum class SensitivityMethod { Magnitude, Wanda };
std::string to_string(SensitivityMethod method);  // "magnitude", "wanda"

struct SensitivityOptions {
  std::vector<double> sparsities = {0.3, 0.5, 0.7, 0.9};  // each in [0, 1); measured in ascending order
  SensitivityMethod method = SensitivityMethod::Magnitude;  // Wanda: scores from the dense model's inputs
  int64_t samples = 32;   // at most this many calibration batches are used (the first ones)
  int64_t seq_len = 256;  // each batch is cut to its first seq_len tokens
  TargetSelection targets{};  // default: every Linear in the decoder blocks, as pruning does
};

// One batch of calibration text: token ids [batch, seq] (int64, unpadded: every token is input) and
// which tokens are scored: bool [batch, seq], true where token t is a prediction target (as
// TokenizedExample::target; token 0 is never predicted). Undefined: every token after the first.
// Data of prompts and completions should score only the completions, as training and evaluation do:
// a model trained on completions predicts prompts badly, and pruning can even make that look better.
struct SensitivityBatch {
  torch::Tensor input_ids;
  torch::Tensor targets{};
};

// The first `samples` examples of `data` with at least one target, each a one-row batch cut to its
// first `seq_len` tokens, with its target flags (on the CPU).
std::vector<SensitivityBatch> sensitivity_batches(const Dataset& data, int64_t samples, int64_t seq_len);

// Called after each measurement: (measurements done, measurements in all = layers × sparsities,
// the layer just measured).
using SensitivityProgress = std::function<void(int64_t done, int64_t total, const std::string& path)>;

// Thrown by analyze_sensitivity when `stop` was set; the model is restored before it is thrown.
class SensitivityCancelled : public Error {
 public:
  SensitivityCancelled() : Error("sensitivity analysis cancelled") {}
};

// Prunes each target of `model` alone (Layer-scope magnitude, or Wanda per row) to each sparsity,
// measures the mean next-token cross-entropy over the target tokens of `calibration` (on any device:
// moved to the model's; Wanda's input statistics see every token) and restores the layer's weights
// exactly, so the model is bit-identical afterwards, also when this throws. Runs without autograd on
// the model's device. A layer running through the sparse kernels (use_sparse_kernels) is measured
// through its dense weight while pruned, and gets its compressed copy back afterwards. `stop` is
// polled before every forward: set it from another thread to cancel (SensitivityCancelled).
// Throws Error on no calibration batches or target tokens, a sparsity outside [0, 1), or targets
// matching no Linear.
SensitivityAnalysis analyze_sensitivity(CausalLM& model, const std::vector<SensitivityBatch>& calibration,
                                        const SensitivityOptions& options, const SensitivityProgress& progress,
                                        const std::atomic<bool>& stop);

}  // namespace sparsetune
