// Shared by the pruning tests: tiny random models and a reconstruction-error measure.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "core/model/causal_lm.h"

namespace sparsetune::test {

constexpr int64_t kVocab = 64;

// A 2-block Llama: hidden 32, MLP 48 (both multiples of 8, so 2:4 and 4:8 fit every layer).
inline std::unique_ptr<CausalLM> tiny_llama(uint64_t seed = 7) {
  const nlohmann::json config = {{"model_type", "llama"},       {"vocab_size", kVocab},      {"hidden_size", 32},
                                 {"intermediate_size", 48},     {"num_hidden_layers", 2},    {"num_attention_heads", 4},
                                 {"num_key_value_heads", 2},    {"max_position_embeddings", 64}, {"rms_norm_eps", 1e-6},
                                 {"tie_word_embeddings", false}, {"bos_token_id", nullptr},  {"eos_token_id", nullptr}};
  return CausalLM::random(ModelConfig::from_json(config, "llama/config.json"), seed);
}

inline std::unique_ptr<CausalLM> tiny_gpt2(uint64_t seed = 7) {
  const nlohmann::json config = {{"model_type", "gpt2"}, {"vocab_size", kVocab}, {"n_embd", 32},         {"n_layer", 2},
                                 {"n_head", 4},          {"n_positions", 32},    {"bos_token_id", nullptr}, {"eos_token_id", nullptr}};
  return CausalLM::random(ModelConfig::from_json(config, "gpt2/config.json"), seed);
}

// Calibration batches of random token ids [batch, seq].
inline std::vector<torch::Tensor> random_batches(int64_t count, int64_t batch, int64_t seq, uint64_t seed = 1) {
  torch::manual_seed(seed);
  std::vector<torch::Tensor> batches;
  for (int64_t i = 0; i < count; ++i) batches.push_back(torch::randint(kVocab, {batch, seq}, torch::kInt64));
  return batches;
}

// ‖X Wᵀ − X Ŵᵀ‖_F / ‖X Wᵀ‖_F with X [tokens, in].
inline double reconstruction_error(const torch::Tensor& x, const torch::Tensor& dense, const torch::Tensor& pruned) {
  const auto x64 = x.to(torch::kFloat64);
  const auto reference = x64.matmul(dense.to(torch::kFloat64).t());
  return ((reference - x64.matmul(pruned.to(torch::kFloat64).t())).norm() / reference.norm()).item<double>();
}

}  // namespace sparsetune::test
