#pragma once
#include <vector>

#include "core/model/causal_lm.h"
#include "core/model/layers.h"
#include "core/model/weight_source.h"

namespace sparsetune {

// GPT-2: learned absolute positions, pre-LayerNorm blocks with biases, fused q/k/v projection and a
// GELU MLP, LM head tied to the token embedding. HF stores its projections as Conv1D weights
// [in, out]; those tensors are the parameters (forward reads them, named_parameters() returns them),
// and each registered Linear.weight is their transposed [out, in] view, sharing the storage.
class Gpt2Model final : public CausalLM {
 public:
  Gpt2Model(ModelConfig config, const WeightSource& weights);

  ForwardOutput forward(const torch::Tensor& input_ids, const torch::Tensor& attention_mask = {},
                        KVCache* cache = nullptr, bool output_hidden_states = false) override;
  NamedTensors named_parameters() const override;

 private:
  struct Conv1D {
    torch::Tensor weight;  // [in, out], as stored
    Linear linear;         // weight: the [out, in] view; bias: the bias
    torch::Tensor forward(const torch::Tensor& x) const;
  };
  struct Block {
    torch::Tensor ln_1_weight, ln_1_bias, ln_2_weight, ln_2_bias;
    Conv1D c_attn, attn_c_proj, c_fc, mlp_c_proj;
  };

  torch::Tensor wte_, wpe_;
  Activation act_;
  std::vector<Block> blocks_;
  torch::Tensor ln_f_weight_, ln_f_bias_;
  Linear lm_head_;  // weight is wte_ when tied
};

}  // namespace sparsetune
