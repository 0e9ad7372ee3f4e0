#pragma once
#include <utility>

#include <torch/types.h>

#include "core/model/model_config.h"

namespace sparsetune {

// Rotary position embedding (Llama, Mistral, Qwen), including Llama 3's "llama3" frequency scaling.
class RotaryEmbedding {
 public:
  // Throws InputError for a rope_scaling type other than "llama3" (or none).
  RotaryEmbedding(const ModelConfig& config, torch::Device device);

  // cos and sin for int64 positions [batch|1, seq]: each [batch|1, seq, head_dim] in `dtype`.
  // Computed in float32 and rounded once, as the reference does.
  std::pair<torch::Tensor, torch::Tensor> cos_sin(const torch::Tensor& positions, torch::ScalarType dtype) const;

 private:
  torch::Tensor inv_freq_;  // [head_dim / 2], float32
};

// Rotates x [batch, heads, seq, head_dim] by the angles in cos/sin [batch|1, seq, head_dim]
// (the "rotate half" layout of HF checkpoints).
torch::Tensor apply_rotary(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin);

}  // namespace sparsetune
