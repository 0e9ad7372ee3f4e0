#pragma once
// Calibration: what each pruned Linear sees as input while the model runs on calibration text.
// CausalLM has no module hooks, so Linear::forward reports its input to the observer installed on
// the current thread (LinearInputObserver::current()); the accumulators below turn those inputs
// into the statistics Wanda, OWL and SparseGPT need.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/model/causal_lm.h"

namespace sparsetune {

struct LinearInputObserver {
  virtual ~LinearInputObserver() = default;
  // `input` [..., in] is the tensor `layer` is about to multiply, in the model's dtype.
  virtual void observe(const Linear& layer, const torch::Tensor& input) = 0;
  // The observer installed on this thread by an ObserverScope, or nullptr (the normal case, one
  // thread-local load per Linear call).
  static LinearInputObserver* current();
};

// Installs an observer on the current thread for the scope's lifetime (nesting restores the outer one).
class ObserverScope {
 public:
  explicit ObserverScope(LinearInputObserver& observer);
  ~ObserverScope();
  ObserverScope(const ObserverScope&) = delete;
  ObserverScope& operator=(const ObserverScope&) = delete;

 private:
  LinearInputObserver* previous_;
};

// Σ_t x_tj² per input column j over every token seen (float64 on the input's device).
class WandaStats {
 public:
  void add(const torch::Tensor& input);
  torch::Tensor column_norms() const;  // ‖X_j‖₂ [in], float32
  int64_t tokens() const { return tokens_; }

 private:
  torch::Tensor sum_squares_;
  int64_t tokens_ = 0;
};

// H = 2/n · Σ_t x_t x_tᵀ over the n tokens seen, kept as a running average (H ← H·n/(n+k), then
// + 2/(n+k)·XᵀX for a batch of k tokens) so it stays O(1) in size whatever the amount of data. The
// reference normalizes by the number of sequences instead of tokens; SparseGPT is invariant to that
// constant factor (its dampening is relative to mean(diag H)).
class HessianStats {
 public:
  explicit HessianStats(torch::ScalarType dtype = torch::kFloat32) : dtype_(dtype) {}
  void add(const torch::Tensor& input);
  const torch::Tensor& hessian() const { return hessian_; }  // [in, in]; undefined before add()
  int64_t tokens() const { return tokens_; }

 private:
  torch::ScalarType dtype_;
  torch::Tensor hessian_;
  int64_t tokens_ = 0;
};

struct StatsRequest {
  bool column_norms = false;  // WandaStats (Wanda, OWL)
  bool hessian = false;       // HessianStats (SparseGPT)
  torch::ScalarType hessian_dtype = torch::kFloat32;
};

struct LayerInputStats {
  std::optional<WandaStats> wanda;
  std::optional<HessianStats> hessian;
};

// Runs the model (no grad) on each batch of token ids ([batch, seq] int64, unpadded: every token
// counts) and accumulates the requested statistics for the inputs of `paths`. Each forward stops
// as soon as the last of `paths` has seen its input, so calibrating early blocks costs only the
// part of the model before them. Throws Error when a layer saw no input (no batches, or a model
// whose Linear::forward does not report to LinearInputObserver::current()).
std::map<std::string, LayerInputStats> collect_input_stats(CausalLM& model, const std::vector<std::string>& paths,
                                                           const std::vector<torch::Tensor>& batches, const StatsRequest& request);

}  // namespace sparsetune
