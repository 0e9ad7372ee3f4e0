// The sparse CPU decode path on random pruned models of each family: the same logits as the dense
// model with the same zeros (within each value type's stated tolerance), the same greedy tokens,
// and the dense path wherever the sparse kernel must not run.
#include <ATen/Parallel.h>
#include <gtest/gtest.h>

#include <torch/torch.h>

#include "core/eval/profiler.h"
#include "core/model/causal_lm.h"
#include "core/model/generation.h"
#include "core/model/sparse_runtime.h"
#include "core/prune/pruner.h"
#include "core/util/error.h"

namespace sparsetune {
namespace {

using nlohmann::json;
constexpr int64_t kVocab = 61;

double relative_error(const torch::Tensor& a, const torch::Tensor& b) {
  return ((a.to(torch::kDouble) - b.to(torch::kDouble)).abs().max() / b.to(torch::kDouble).abs().max()).item<double>();
}

std::vector<std::pair<std::string, json>> families() {
  const json llama = {{"model_type", "llama"},       {"vocab_size", kVocab},          {"hidden_size", 64},
                      {"intermediate_size", 136},    {"num_hidden_layers", 2},        {"num_attention_heads", 4},
                      {"num_key_value_heads", 2},    {"max_position_embeddings", 64}, {"attention_bias", true},
                      {"tie_word_embeddings", false}, {"bos_token_id", nullptr},       {"eos_token_id", nullptr}};
  const json gpt2 = {{"model_type", "gpt2"}, {"vocab_size", kVocab}, {"n_embd", 48}, {"n_layer", 2}, {"n_head", 4},
                     {"n_positions", 64},    {"bos_token_id", nullptr}, {"eos_token_id", nullptr}};
  const json mpt = {{"model_type", "mpt"}, {"vocab_size", kVocab}, {"d_model", 48}, {"n_layers", 2}, {"n_heads", 6}, {"max_seq_len", 64}};
  return {{"llama", llama}, {"gpt2", gpt2}, {"mpt", mpt}};
}

// A random model of the family with 75 % of every decoder Linear's weights zeroed by magnitude.
std::unique_ptr<CausalLM> pruned_model(const json& config, const std::string& name) {
  auto model = CausalLM::random(ModelConfig::from_json(config, name + "/config.json"), 5);
  PruneOptions options;
  options.method = PruneMethod::Magnitude;
  options.sparsity = 0.75;
  prune_one_shot(*model, {}, options);
  return model;
}

torch::Tensor tokens(int64_t batch, int64_t seq) {
  auto generator = at::detail::createCPUGenerator(3);
  return torch::randint(1, kVocab, {batch, seq}, generator, torch::kLong);
}

TEST(SparseDecode, LogitsMatchTheDenseModelWithTheSameZeros) {
  // Stated tolerances (max |Δlogit| / max |logit|): float32 values are the same numbers summed in
  // another order; bfloat16 keeps 8 significant bits; int8 is 1/254 of each row's largest weight.
  const std::pair<kernels::ValueType, double> cases[] = {
      {kernels::ValueType::f32, 1e-5}, {kernels::ValueType::bf16, 5e-3}, {kernels::ValueType::i8, 1e-2}};
  for (const auto& [name, config] : families()) {
    SCOPED_TRACE(name);
    auto model = pruned_model(config, name);
    torch::NoGradGuard no_grad;
    const auto ids = tokens(1, 12);
    KVCache dense_cache;
    const auto dense_prefill = model->forward(ids, {}, &dense_cache).logits;
    const auto dense_step = model->forward(ids.narrow(1, 0, 1), {}, &dense_cache).logits;
    for (const auto& [values, tolerance] : cases) {
      SCOPED_TRACE(kernels::to_string(values));
      SparseRuntimeOptions options;
      options.values = values;
      options.max_rows = 16;
      const auto compiled = use_sparse_kernels(*model, options);
      ASSERT_EQ(compiled.size(), model->linear_paths().size() - 1) << "every pruned Linear, not the dense LM head";
      for (const auto& layer : compiled) {
        EXPECT_NEAR(layer.sparsity, 0.75, 0.01) << layer.path;
        EXPECT_LT(layer.sparse_bytes, layer.dense_bytes) << layer.path;
      }
      KVCache cache;
      const auto prefill = model->forward(ids, {}, &cache).logits;  // 12 token rows: the sparse kernel
      const auto step = model->forward(ids.narrow(1, 0, 1), {}, &cache).logits;
      const double error = std::max(relative_error(prefill, dense_prefill), relative_error(step, dense_step));
      std::cout << name << " " << kernels::to_string(values) << ": max relative logit error " << error << "\n";
      EXPECT_LE(error, tolerance);
      if (values != kernels::ValueType::f32) {
        EXPECT_GT(error, 0.0) << "quantized values must change the arithmetic";
      }
      use_dense_kernels(*model);
    }
  }
}

TEST(SparseDecode, GreedyGenerationGivesTheDenseTokens) {
  for (const auto& [name, config] : families()) {
    SCOPED_TRACE(name);
    auto model = pruned_model(config, name);
    const std::vector<int64_t> prompt = {3, 14, 15, 9, 26, 5};
    GenerationOptions options;
    options.max_new_tokens = 20;
    options.greedy = true;
    const auto dense = generate(*model, prompt, options);
    use_sparse_kernels(*model);
    EXPECT_EQ(generate(*model, prompt, options), dense);
  }
}

TEST(SparseDecode, DensePathRunsForLongInputsAndAutograd) {
  auto model = pruned_model(families()[0].second, "llama");
  const auto ids = tokens(2, 12);  // 24 token rows > max_rows
  torch::Tensor dense;
  {
    torch::NoGradGuard no_grad;
    dense = model->forward(ids).logits;
  }
  SparseRuntimeOptions options;
  options.max_rows = 8;
  use_sparse_kernels(*model, options);
  {
    torch::NoGradGuard no_grad;
    EXPECT_TRUE(torch::equal(model->forward(ids).logits, dense)) << "prefill beyond max_rows reads the dense weights";
  }
  // Training through a model with sparse kernels attached still differentiates the dense weights.
  auto& weight = model->linear("model.layers.0.mlp.up_proj").weight;
  weight.requires_grad_(true);
  model->forward(ids.narrow(1, 0, 1)).logits.square().sum().backward();
  ASSERT_TRUE(weight.grad().defined());
  EXPECT_GT(weight.grad().abs().sum().item<double>(), 0.0);
  weight.requires_grad_(false);
}

TEST(SparseDecode, OnlySparseEnoughLayersAreCompiledAndOnlyFromFloat32) {
  auto model = CausalLM::random(ModelConfig::from_json(families()[0].second, "config.json"), 5);
  EXPECT_TRUE(use_sparse_kernels(*model).empty()) << "a dense model reads its dense weights faster";
  auto half = CausalLM::random(ModelConfig::from_json(families()[0].second, "config.json"), 5, torch::kBFloat16);
  EXPECT_THROW(use_sparse_kernels(*half), Error);
}

TEST(SingleThreadedTorch, RunsLibTorchOnOneThreadWhileAliveAndRestores) {
  const int before = at::get_num_threads();
  {
    SingleThreadedTorch single_threaded;
    EXPECT_EQ(at::get_num_threads(), 1);
  }
  EXPECT_EQ(at::get_num_threads(), before);
}

TEST(Profiler, TimesEveryCompiledLayerAndDecodingAndLeavesTheModelDense) {
  auto model = pruned_model(families()[0].second, "llama");
  ProfileOptions options;
  options.repeats = 2;
  options.new_tokens = 6;
  options.prompt_tokens = 4;
  options.threads = 2;
  const int torch_threads = at::get_num_threads();
  int64_t calls = 0;
  const ModelProfile profile = profile_model(*model, options, [&](int64_t done, int64_t total) {
    ++calls;
    EXPECT_LE(done, total);
  });
  EXPECT_EQ(calls, 4);
  ASSERT_EQ(profile.layers.size(), model->linear_paths().size() - 1);
  for (const auto& t : profile.layers) {
    EXPECT_GT(t.dense_ms, 0.0);
    EXPECT_GT(t.sparse_ms, 0.0);
  }
  EXPECT_TRUE(profile.decode.same_tokens);
  EXPECT_EQ(profile.decode.tokens, 6);
  // The dense path is timed with LibTorch on one thread and on `threads`, and the faster counts.
  EXPECT_TRUE(profile.decode.dense_torch_threads == 1 || profile.decode.dense_torch_threads == 2)
      << profile.decode.dense_torch_threads;
  EXPECT_EQ(at::get_num_threads(), torch_threads);
  EXPECT_LT(profile.decode.sparse_bytes_per_token, profile.decode.dense_bytes_per_token);
  for (const auto& path : model->linear_paths()) EXPECT_EQ(model->linear(path).sparse, nullptr) << path;

  const auto records = profile_records(profile);
  ASSERT_EQ(records.size(), profile.layers.size() + 1);
  const auto& whole = records.back();
  EXPECT_EQ(whole.layer, "model");
  EXPECT_NEAR(whole.sparsity, 0.75, 0.01);
  EXPECT_DOUBLE_EQ(whole.bound, profile.decode.dense_bytes_per_token / profile.decode.sparse_bytes_per_token);
  EXPECT_EQ(whole.value_type, "f32");
  EXPECT_EQ(whole.baseline, "libtorch");
  // A 75 % bitmap tile reads a quarter of the values plus one bit per weight (ALGORITHMS.md §4).
  EXPECT_NEAR(records.front().bound, 32.0 / (0.25 * 32 + 1), 0.5);
}

}  // namespace
}  // namespace sparsetune
