// Model families on randomly initialized tiny models: incremental decoding, padding, the linear
// registry, save/load and sampling. Comparisons with transformers live in model_interop_tests.
#include <gtest/gtest.h>

#include <c10/core/InferenceMode.h>
#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "core/model/autocast.h"
#include "core/model/causal_lm.h"
#include "core/model/generation.h"
#include "core/prune/calibration.h"
#include "core/util/error.h"

namespace sparsetune {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int64_t kVocab = 50;

// max|a - b| / max|b|
double relative_error(const torch::Tensor& a, const torch::Tensor& b) {
  return ((a.to(torch::kDouble) - b.to(torch::kDouble)).abs().max() / b.to(torch::kDouble).abs().max()).item<double>();
}

struct Family {
  std::string name;
  json config;
};

json llama_like(const std::string& type) {
  return {{"model_type", type},          {"vocab_size", kVocab},        {"hidden_size", 32},
          {"intermediate_size", 48},     {"num_hidden_layers", 2},      {"num_attention_heads", 4},
          {"num_key_value_heads", 2},    {"max_position_embeddings", 64}, {"rms_norm_eps", 1e-6},
          {"tie_word_embeddings", false}, {"bos_token_id", nullptr},     {"eos_token_id", nullptr}};
}

std::vector<Family> families() {
  auto llama3 = llama_like("llama");
  llama3["tie_word_embeddings"] = true;
  llama3["attention_bias"] = true;
  llama3["mlp_bias"] = true;
  llama3["rope_parameters"] = {{"rope_type", "llama3"}, {"rope_theta", 500000.0}, {"factor", 8.0},
                               {"low_freq_factor", 1.0}, {"high_freq_factor", 4.0}, {"original_max_position_embeddings", 8}};
  auto mistral = llama_like("mistral");
  mistral["sliding_window"] = 3;
  auto qwen2 = llama_like("qwen2");
  qwen2["use_sliding_window"] = true;
  qwen2["sliding_window"] = 4;
  qwen2["max_window_layers"] = 1;
  auto qwen3 = llama_like("qwen3");
  qwen3["head_dim"] = 12;
  const json gpt2 = {{"model_type", "gpt2"}, {"vocab_size", kVocab}, {"n_embd", 32}, {"n_layer", 2}, {"n_head", 4},
                     {"n_positions", 32},    {"bos_token_id", nullptr}, {"eos_token_id", nullptr}};
  const json mpt = {{"model_type", "mpt"}, {"vocab_size", kVocab}, {"d_model", 48}, {"n_layers", 2}, {"n_heads", 6},
                    {"max_seq_len", 64},   {"attn_config", {{"clip_qkv", 0.05}}}};
  return {{"llama", llama_like("llama")}, {"llama3", llama3}, {"mistral", mistral}, {"qwen2", qwen2},
          {"qwen3", qwen3},               {"gpt2", gpt2},     {"mpt", mpt}};
}

torch::Tensor random_tokens(int64_t batch, int64_t seq, uint64_t seed = 1) {
  auto generator = at::detail::createCPUGenerator(seed);
  return torch::randint(1, kVocab, {batch, seq}, generator, torch::kLong);
}

// Every test runs on a random model of each family (one process per test keeps ctest fast).
class ModelFamilies : public ::testing::Test {
 protected:
  template <class Body>
  void for_each_family(const Body& body) {
    for (const auto& family : families()) {
      SCOPED_TRACE(family.name);
      name_ = family.name;
      config_ = ModelConfig::from_json(family.config, family.name + "/config.json");
      model_ = CausalLM::random(config_, 42);
      body();
    }
  }
  std::string name_;
  ModelConfig config_;
  std::unique_ptr<CausalLM> model_;
};

TEST_F(ModelFamilies, KvCacheDecodingMatchesFullForward) {
  for_each_family([&] {
    torch::NoGradGuard no_grad;
    const auto ids = random_tokens(2, 10);
    const auto full = model_->forward(ids).logits;
    ASSERT_EQ(full.sizes(), (std::vector<int64_t>{2, 10, kVocab}));
    EXPECT_EQ(full.scalar_type(), torch::kFloat32);

    // Prompt of 4, one chunk of 2 (several new tokens after a cache), then single tokens.
    KVCache cache;
    std::vector<torch::Tensor> parts;
    for (const auto& [start, length] : std::vector<std::pair<int64_t, int64_t>>{{0, 4}, {4, 2}, {6, 1}, {7, 1}, {8, 1}, {9, 1}}) {
      parts.push_back(model_->forward(ids.narrow(1, start, length), {}, &cache).logits);
      EXPECT_EQ(cache.length(), start + length);
    }
    const double error = relative_error(torch::cat(parts, 1), full);
    std::cout << name_ << ": cached vs full max relative error " << error << "\n";
    EXPECT_LE(error, 1e-5);
  });
}

// Counts Linear products, forward and (recomputed) in the backward pass.
struct CountingObserver : LinearInputObserver {
  int64_t calls = 0;
  void observe(const Linear&, const torch::Tensor&) override { ++calls; }
};

// Gradients of every parameter for a loss that reads the logits and every hidden state, as
// SquareHead does; padded batch so masks take part.
std::map<std::string, torch::Tensor> gradients(CausalLM& model, int64_t* linear_calls) {
  CountingObserver counter;
  const ObserverScope scope(counter);
  const auto ids = random_tokens(2, 9);
  auto mask = torch::ones({2, 9}, torch::kLong);
  mask[1].narrow(0, 0, 3).fill_(0);
  for (auto& [name, t] : model.named_parameters()) {
    t.requires_grad_(true);
    t.mutable_grad() = torch::Tensor();
  }
  const auto out = model.forward(ids, mask, nullptr, true);
  auto loss = out.logits.square().mean();
  for (const auto& h : out.hidden_states) loss = loss + h.to(torch::kFloat32).square().mean();
  loss.backward();
  std::map<std::string, torch::Tensor> grads;
  for (auto& [name, t] : model.named_parameters()) {
    grads[name] = t.grad().clone();
    t.requires_grad_(false);
  }
  *linear_calls = counter.calls;
  return grads;
}

TEST_F(ModelFamilies, ActivationCheckpointingGivesTheSameGradients) {
  for_each_family([&] {
    for (const std::optional<torch::ScalarType> autocast : {std::optional<torch::ScalarType>(), std::optional(torch::kBFloat16)}) {
      SCOPED_TRACE(autocast ? "bf16 autocast" : "fp32");
      const AutocastScope mixed(torch::kCPU, autocast);
      int64_t kept_calls = 0, recomputed_calls = 0;
      model_->set_activation_checkpointing(false);
      const auto kept = gradients(*model_, &kept_calls);
      model_->set_activation_checkpointing(true);
      const auto recomputed = gradients(*model_, &recomputed_calls);
      model_->set_activation_checkpointing(false);
      EXPECT_EQ(recomputed_calls, 2 * kept_calls - 1) << "every block's products run again in the backward pass, the LM head's not";
      ASSERT_EQ(kept.size(), recomputed.size());
      for (const auto& [name, g] : kept) {
        ASSERT_TRUE(g.defined()) << name;
        EXPECT_EQ(g.scalar_type(), torch::kFloat32) << name << ": weights and their gradients stay float32";
        const double max_diff = (recomputed.at(name) - g).abs().max().item<double>();
        if (!autocast) {
          EXPECT_TRUE(torch::allclose(recomputed.at(name), g, 1e-5, 1e-7)) << name << " max diff " << max_diff;
          continue;
        }
        // Under bf16 autocast every product rounds its output to bf16 (unit roundoff u = 2^-8, one ulp 2u).
        // The recomputed forward may run other ATen kernels than the kept one (it does with ATen's AVX2
        // kernels: other summation orders), so a product there may round to the neighbouring bf16 value.
        // Each gradient term multiplies an activation by an upstream gradient, either of which may be one
        // ulp off: 4u of the tensor's largest gradient. A recomputation that is wrong (another mask, a
        // missing input) is off by the order of the gradients themselves.
        constexpr double kBf16UnitRoundoff = 0x1p-8;
        const double bound = 4 * kBf16UnitRoundoff * g.abs().max().item<double>();
        EXPECT_LE(max_diff, bound) << name << ": bf16 recomputation off by more than two bf16 ulps";
      }
    }
  });
}

TEST_F(ModelFamilies, Bf16AutocastRunsProductsInBf16AndStaysCloseToFp32) {
  for_each_family([&] {
    torch::NoGradGuard no_grad;
    const auto ids = random_tokens(2, 8);
    const auto exact = model_->forward(ids, {}, nullptr, true);
    ForwardOutput mixed;
    {
      const AutocastScope scope(torch::kCPU, torch::kBFloat16);
      EXPECT_EQ(AutocastScope::current(torch::kCPU), std::optional(torch::kBFloat16));
      mixed = model_->forward(ids, {}, nullptr, true);
    }
    EXPECT_EQ(AutocastScope::current(torch::kCPU), std::nullopt) << "the scope restores the previous state";
    EXPECT_EQ(mixed.logits.scalar_type(), torch::kFloat32);
    const double error = relative_error(mixed.logits, exact.logits);
    std::cout << name_ << ": bf16 autocast vs fp32 logits max relative error " << error << "\n";
    EXPECT_LE(error, 5e-2);
    EXPECT_GT(error, 0.0);
  });
}

TEST_F(ModelFamilies, PaddingGivesTheLogitsOfTheUnpaddedSequence) {
  for_each_family([&] {
    torch::NoGradGuard no_grad;
    const int64_t n = 7, pad = 3;
    const auto ids = random_tokens(1, n);
    const auto alone = model_->forward(ids, {}, nullptr, true);

    // Row 0 left-padded, row 1 right-padded, to n + pad tokens.
    auto batch = torch::zeros({2, n + pad}, torch::kLong);
    auto mask = torch::zeros({2, n + pad}, torch::kLong);
    batch[0].narrow(0, pad, n).copy_(ids[0]);
    mask[0].narrow(0, pad, n).fill_(1);
    batch[1].narrow(0, 0, n).copy_(ids[0]);
    mask[1].narrow(0, 0, n).fill_(1);
    const auto padded = model_->forward(batch, mask, nullptr, true);

    const auto left = padded.logits[0].narrow(0, pad, n), right = padded.logits[1].narrow(0, 0, n);
    EXPECT_LE(relative_error(left, alone.logits[0]), 1e-5);
    EXPECT_LE(relative_error(right, alone.logits[0]), 1e-5);
    ASSERT_EQ(padded.hidden_states.size(), static_cast<std::size_t>(config_.num_layers));
    for (std::size_t l = 0; l < padded.hidden_states.size(); ++l) {
      EXPECT_LE(relative_error(padded.hidden_states[l][0].narrow(0, pad, n), alone.hidden_states[l][0]), 1e-5) << "layer " << l;
      EXPECT_LE(relative_error(padded.hidden_states[l][1].narrow(0, 0, n), alone.hidden_states[l][0]), 1e-5) << "layer " << l;
    }
    EXPECT_TRUE(torch::isfinite(padded.logits).all().item<bool>());

    // Decoding one more token after the left-padded prompt, with the mask extended by one.
    KVCache cache;
    model_->forward(batch.narrow(0, 0, 1), mask.narrow(0, 0, 1), &cache);
    const auto next = random_tokens(1, 1, 9);
    const auto step = model_->forward(next, torch::cat({mask.narrow(0, 0, 1), torch::ones({1, 1}, torch::kLong)}, 1), &cache);
    const auto reference = model_->forward(torch::cat({ids, next}, 1)).logits[0][n];
    EXPECT_LE(relative_error(step.logits[0][0], reference), 1e-5);
  });
}

TEST_F(ModelFamilies, HiddenStatesEndWithTheFinalNormOutput) {
  for_each_family([&] {
    torch::NoGradGuard no_grad;
    const auto out = model_->forward(random_tokens(1, 5), {}, nullptr, true);
    ASSERT_EQ(out.hidden_states.size(), static_cast<std::size_t>(config_.num_layers));
    for (const auto& h : out.hidden_states) EXPECT_EQ(h.sizes(), (std::vector<int64_t>{1, 5, config_.hidden_size}));
    // The last entry is what the LM head sees.
    const auto& head = model_->linear("lm_head");
    EXPECT_LE(relative_error(torch::nn::functional::linear(out.hidden_states.back(), head.weight), out.logits), 1e-6);
    EXPECT_TRUE(model_->forward(random_tokens(1, 5)).hidden_states.empty());
  });
}

TEST_F(ModelFamilies, LinearRegistryNamesEveryProjectionByItsHfPath) {
  for_each_family([&] {
    const auto paths = model_->linear_paths();
    const std::map<std::string, std::vector<std::string>> per_layer = {
        {"llama", {"self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj", "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj"}},
        {"gpt2", {"attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj"}},
        {"mpt", {"attn.Wqkv", "attn.out_proj", "ffn.up_proj", "ffn.down_proj"}}};
    const std::string family = config_.arch == Architecture::GPT2 ? "gpt2" : config_.arch == Architecture::MPT ? "mpt" : "llama";
    const std::string prefix = family == "gpt2" ? "transformer.h." : family == "mpt" ? "transformer.blocks." : "model.layers.";
    std::vector<std::string> expected;
    for (int64_t l = 0; l < config_.num_layers; ++l) {
      for (const auto& m : per_layer.at(family)) expected.push_back(prefix + std::to_string(l) + "." + m);
    }
    expected.push_back("lm_head");
    EXPECT_EQ(paths, expected);

    const auto params = model_->named_parameters();
    auto param = [&](const std::string& name) {
      for (const auto& [n, t] : params) {
        if (n == name) return t;
      }
      ADD_FAILURE() << "no parameter " << name;
      return torch::Tensor();
    };
    for (const auto& path : paths) {
      const Linear& linear = model_->linear(path);
      ASSERT_EQ(linear.weight.dim(), 2) << path;
      // The registry holds the very tensors that are saved (no copies), [out, in] even for Conv1D.
      const bool tied_head = path == "lm_head" && config_.tie_word_embeddings;
      const auto stored = tied_head ? param(family == "llama" ? "model.embed_tokens.weight" : "transformer.wte.weight")
                                    : param(path + ".weight");
      EXPECT_EQ(linear.weight.data_ptr(), stored.data_ptr()) << path;
      if (family == "gpt2" && path != "lm_head") {
        EXPECT_TRUE(linear.weight.t().equal(stored)) << path;
      }
    }
    EXPECT_EQ(model_->linear(prefix + "0." + per_layer.at(family)[0]).weight.size(1), config_.hidden_size);
    EXPECT_THROW(model_->linear("model.layers.99.mlp.up_proj"), Error);
  });
}

TEST_F(ModelFamilies, SaveThenLoadGivesIdenticalTensorsAndLogits) {
  for_each_family([&] {
    for (const auto dtype : {torch::kFloat32, torch::kBFloat16}) {
      const auto model = CausalLM::random(config_, 3, dtype);
      const fs::path dir = fs::path(SPARSETUNE_TEST_TMP) / ("roundtrip_" + name_ + "_" + c10::toString(dtype));
      fs::remove_all(dir);
      model->save(dir);
      const auto loaded = CausalLM::load(dir);
      EXPECT_EQ(loaded->dtype(), dtype);
      EXPECT_EQ(loaded->num_parameters(), model->num_parameters());
      const auto a = model->named_parameters(), b = loaded->named_parameters();
      ASSERT_EQ(a.size(), b.size());
      for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].first, b[i].first);
        EXPECT_TRUE(a[i].second.equal(b[i].second)) << a[i].first;
      }
      torch::NoGradGuard no_grad;
      const auto ids = random_tokens(2, 6);
      EXPECT_TRUE(model->forward(ids).logits.equal(loaded->forward(ids).logits));

      // Loading into another dtype converts every tensor.
      LoadOptions options;
      options.dtype = dtype == torch::kFloat32 ? torch::kBFloat16 : torch::kFloat32;
      EXPECT_EQ(CausalLM::load(dir, options)->dtype(), *options.dtype);
    }
  });
}

TEST_F(ModelFamilies, GreedyGenerationFollowsTheArgmaxOfFullForwards) {
  for_each_family([&] {
    const std::vector<int64_t> prompt = {3, 14, 15, 9, 2};
    GenerationOptions options;
    options.max_new_tokens = 8;
    std::vector<int64_t> streamed;
    const auto generated = generate(*model_, prompt, options, [&](int64_t t) { streamed.push_back(t); });
    ASSERT_EQ(generated.size(), 8u);
    EXPECT_EQ(streamed, generated);

    torch::NoGradGuard no_grad;
    auto sequence = prompt;
    for (int64_t i = 0; i < 8; ++i) {
      const auto logits = model_->forward(torch::tensor(sequence).unsqueeze(0)).logits[0][-1];
      sequence.push_back(logits.argmax().item<int64_t>());
    }
    EXPECT_EQ(std::vector<int64_t>(sequence.begin() + prompt.size(), sequence.end()), generated);

    // A stop token ends generation and is returned.
    options.stop_ids = {generated[2]};
    const auto stopped = generate(*model_, prompt, options);
    EXPECT_EQ(stopped, std::vector<int64_t>(generated.begin(), std::find(generated.begin(), generated.end(), generated[2]) + 1));
  });
}

TEST_F(ModelFamilies, SamplingWithASeedIsReproducible) {
  for_each_family([&] {
    GenerationOptions options;
    options.greedy = false;
    options.max_new_tokens = 12;
    options.temperature = 0.8;
    options.top_k = 20;
    options.top_p = 0.9;
    options.seed = 7;
    const std::vector<int64_t> prompt = {1, 2, 3};
    const auto first = generate(*model_, prompt, options);
    EXPECT_EQ(first.size(), 12u);
    EXPECT_EQ(generate(*model_, prompt, options), first);
    options.seed = 8;
    EXPECT_NE(generate(*model_, prompt, options), first);
    // Top-1 and a tiny top-p (which still keeps the most likely token) both reduce to greedy.
    options.greedy = true;
    const auto greedy = generate(*model_, prompt, options);
    options.greedy = false;
    options.top_k = 1;
    EXPECT_EQ(generate(*model_, prompt, options), greedy);
    options.top_k = 0;
    options.top_p = 1e-6;
    EXPECT_EQ(generate(*model_, prompt, options), greedy);
  });
}

TEST_F(ModelFamilies, ScoreTokensIsTheNextTokenNll) {
  for_each_family([&] {
    const std::vector<int64_t> text = {5, 6, 7, 8, 9, 10};
    const auto scores = score_tokens(*model_, text);
    ASSERT_EQ(scores.nll.size(), text.size() - 1);
    torch::NoGradGuard no_grad;
    const auto log_probs = model_->forward(torch::tensor(text).unsqueeze(0)).logits[0].to(torch::kDouble).log_softmax(-1);
    double sum = 0;
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
      EXPECT_NEAR(scores.nll[i], -log_probs[i][text[i + 1]].item<double>(), 1e-6);
      sum += scores.nll[i];
    }
    EXPECT_NEAR(scores.mean_nll, sum / 5, 1e-9);
    EXPECT_NEAR(scores.perplexity, std::exp(sum / 5), 1e-9);
    EXPECT_THROW(score_tokens(*model_, {1}), Error);
  });
}

TEST_F(ModelFamilies, ParametersTrainAndPruneInPlace) {
  for_each_family([&] {
    const auto ids = random_tokens(1, 6);
    Linear& linear = model_->linear(model_->linear_paths()[1]);
    // The named parameter behind this Linear (for GPT-2 the [in, out] tensor it views).
    torch::Tensor param;
    for (const auto& [name, t] : model_->named_parameters()) {
      if (t.data_ptr() == linear.weight.data_ptr()) param = t;
    }
    ASSERT_TRUE(param.defined());
    param.set_requires_grad(true);
    model_->forward(ids).logits.pow(2).mean().backward();
    ASSERT_TRUE(param.grad().defined());
    EXPECT_GT(param.grad().abs().sum().item<double>(), 0);
    param.set_requires_grad(false);

    torch::NoGradGuard no_grad;
    const auto before = model_->forward(ids).logits;
    linear.weight.zero_();  // pruning through the registry writes into the parameter
    EXPECT_FALSE(model_->forward(ids).logits.equal(before));
    EXPECT_EQ(param.abs().sum().item<double>(), 0);
  });
}

TEST_F(ModelFamilies, RejectsBadInputs) {
  for_each_family([&] {
    torch::NoGradGuard no_grad;
    EXPECT_THROW(model_->forward(torch::full({1, 3}, kVocab, torch::kLong)), Error);
    EXPECT_THROW(model_->forward(torch::full({1, 3}, -1, torch::kLong)), Error);
    EXPECT_THROW(model_->forward(torch::ones({3}, torch::kLong)), Error);
    EXPECT_THROW(model_->forward(torch::ones({1, 3}, torch::kLong), torch::ones({1, 4}, torch::kLong)), Error);
    KVCache cache;
    model_->forward(torch::ones({2, 3}, torch::kLong), {}, &cache);
    EXPECT_THROW(model_->forward(torch::ones({1, 1}, torch::kLong), {}, &cache), Error);
    EXPECT_THROW(generate(*model_, {}, {}), Error);
  });
}

TEST(Load, RejectsCheckpointsThatDoNotMatchTheirConfig) {
  auto config = families()[1].config;  // llama3: tied embeddings, so no lm_head.weight is saved
  const fs::path dir = fs::path(SPARSETUNE_TEST_TMP) / "mismatch";
  fs::remove_all(dir);
  CausalLM::random(ModelConfig::from_json(config, "config.json"), 1)->save(dir);
  const auto rewrite = [&](const std::string& key, const json& value) {
    auto changed = config;
    changed[key] = value;
    std::ofstream(dir / "config.json") << changed.dump();
  };
  rewrite("intermediate_size", 64);  // every MLP weight has the wrong shape
  EXPECT_THROW(CausalLM::load(dir), InputError);
  rewrite("tie_word_embeddings", false);  // an untied head is missing
  EXPECT_THROW(CausalLM::load(dir), InputError);
  rewrite("hidden_act", "tanh");
  EXPECT_THROW(CausalLM::load(dir), InputError);
  rewrite("hidden_act", "silu");
  EXPECT_NO_THROW(CausalLM::load(dir));
  LoadOptions options;
  options.dtype = torch::kInt8;
  EXPECT_THROW(CausalLM::load(dir, options), Error);
}

TEST(Gpt2, RejectsMoreTokensThanLearnedPositions) {
  const auto model = CausalLM::random(ModelConfig::from_json(families()[5].config, "gpt2/config.json"), 1);
  torch::NoGradGuard no_grad;
  EXPECT_NO_THROW(model->forward(torch::ones({1, 32}, torch::kLong)));
  EXPECT_THROW(model->forward(torch::ones({1, 33}, torch::kLong)), Error);
}

TEST(Mistral, SlidingWindowLimitsWhatATokenSees) {
  // With a window of 3, the last of 8 tokens depends only on tokens 5..7 (in two layers: 3..7).
  const auto model = CausalLM::random(ModelConfig::from_json(families()[2].config, "mistral/config.json"), 1);
  torch::NoGradGuard no_grad;
  auto ids = torch::full({1, 8}, 4, torch::kLong);
  const auto base = model->forward(ids).logits[0][7];
  ids[0][2] = 9;
  EXPECT_TRUE(model->forward(ids).logits[0][7].equal(base));
  ids[0][4] = 9;
  EXPECT_FALSE(model->forward(ids).logits[0][7].equal(base));
}

}  // namespace
}  // namespace sparsetune
