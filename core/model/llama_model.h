#pragma once
#include <optional>
#include <vector>

#include "core/model/causal_lm.h"
#include "core/model/layers.h"
#include "core/model/rope.h"
#include "core/model/weight_source.h"

namespace sparsetune {

// Llama 2/3, Mistral, Qwen2/2.5 and Qwen3: pre-norm blocks with RMSNorm, rotary positions,
// grouped-query attention and a gated (SwiGLU) MLP. The families differ only in which linears
// carry a bias, Qwen3's q/k norms, sliding-window layers and RoPE scaling, all taken from the config.
class LlamaModel final : public CausalLM {
 public:
  LlamaModel(ModelConfig config, const WeightSource& weights);

  ForwardOutput forward(const torch::Tensor& input_ids, const torch::Tensor& attention_mask = {},
                        KVCache* cache = nullptr, bool output_hidden_states = false) override;
  NamedTensors named_parameters() const override;

 private:
  struct Block {
    torch::Tensor input_norm, post_attention_norm;
    torch::Tensor q_norm, k_norm;  // Qwen3 only
    Linear q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj;
    bool sliding = false;  // attends within sliding_window_
  };

  torch::Tensor embed_tokens_;
  RotaryEmbedding rope_;
  Activation act_;
  std::optional<int64_t> sliding_window_;
  std::vector<Block> blocks_;
  torch::Tensor norm_;
  Linear lm_head_;  // weight is embed_tokens_ when tied
};

}  // namespace sparsetune
