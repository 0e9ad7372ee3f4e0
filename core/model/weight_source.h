#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/model/causal_lm.h"

namespace sparsetune {

// How a parameter starts out in a freshly initialized model (ignored when loading a checkpoint).
enum class Init { Normal, Ones, Zeros };

// Where a family's constructor gets each parameter from: by HF checkpoint name and expected shape
// (as stored in the checkpoint, e.g. [in, out] for GPT-2's Conv1D). CausalLM::load backs it with
// the checkpoint's WeightStore, CausalLM::random with a seeded initializer.
using WeightSource = std::function<torch::Tensor(const std::string& name, const std::vector<int64_t>& shape, Init init)>;

// An nn.Linear stored as "<path>.weight" [out, in] and optionally "<path>.bias" [out].
inline Linear load_linear(const WeightSource& weights, const std::string& path, int64_t in, int64_t out, bool bias) {
  Linear linear;
  linear.weight = weights(path + ".weight", {out, in}, Init::Normal);
  if (bias) linear.bias = weights(path + ".bias", {out}, Init::Zeros);
  return linear;
}

inline void append_linear(NamedTensors& out, const std::string& path, const Linear& linear) {
  out.emplace_back(path + ".weight", linear.weight);
  if (linear.bias.defined()) out.emplace_back(path + ".bias", linear.bias);
}

}  // namespace sparsetune
