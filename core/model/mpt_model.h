#pragma once
#include <optional>
#include <vector>

#include "core/model/causal_lm.h"
#include "core/model/weight_source.h"

namespace sparsetune {

// MPT (MosaicML): ALiBi instead of position embeddings, fused Wqkv with optional clipping,
// LayerNorms without bias (no_bias), exact-GELU MLP, LM head tied to the token embedding.
// Attention is computed explicitly as HF's MptAttention does: scores in the model dtype plus the
// float32 ALiBi bias (which promotes them to float32), masked with the dtype's lowest value,
// softmax in float32.
class MptModel final : public CausalLM {
 public:
  MptModel(ModelConfig config, const WeightSource& weights);

  ForwardOutput forward(const torch::Tensor& input_ids, const torch::Tensor& attention_mask = {},
                        KVCache* cache = nullptr, bool output_hidden_states = false) override;
  NamedTensors named_parameters() const override;

 private:
  struct Block {
    torch::Tensor norm_1_weight, norm_1_bias, norm_2_weight, norm_2_bias;  // biases only without no_bias
    Linear wqkv, out_proj, up_proj, down_proj;
  };

  torch::Tensor wte_;
  std::vector<Block> blocks_;
  torch::Tensor norm_f_weight_, norm_f_bias_;
  Linear lm_head_;  // weight is wte_ when tied
  torch::Tensor alibi_slopes_;  // [heads], float32
  double softmax_scale_ = 1.0;
};

// ALiBi slopes as MPT defines them: 2^(-alibi_bias_max * k / n') for k = 1..n' with n' the next power
// of two ≥ heads, interleaved (odd k first) and cut to `heads` when heads is not a power of two.
torch::Tensor mpt_alibi_slopes(int64_t heads, double alibi_bias_max);

}  // namespace sparsetune
