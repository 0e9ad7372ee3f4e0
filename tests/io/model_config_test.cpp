#include "core/model/model_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/io/io_test_util.h"

namespace sparsetune {
namespace {

using nlohmann::json;
using test::fresh_dir;
using test::input_error;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Writes `text` as <fresh dir>/config.json and parses it through from_file, as the loader does.
ModelConfig parse(const std::string& text) {
  const auto path = fresh_dir() / "config.json";
  test::write_file(path, text);
  return ModelConfig::from_file(path);
}

std::string parse_error(const std::string& text) {
  return input_error([&] { parse(text); });
}

// Minimal valid configs per family; tests patch fields into them.
json llama_json() {
  return {{"model_type", "llama"},      {"vocab_size", 128},       {"hidden_size", 64},
          {"intermediate_size", 160},   {"num_hidden_layers", 2},  {"num_attention_heads", 4}};
}
json gpt2_json() { return {{"model_type", "gpt2"}, {"vocab_size", 100}, {"n_embd", 32}, {"n_layer", 2}, {"n_head", 4}}; }
json mpt_json() { return {{"model_type", "mpt"}, {"vocab_size", 100}, {"d_model", 32}, {"n_layers", 2}, {"n_heads", 4}}; }

// `j` with the fields of `patch` set (null included: merge_patch would delete those).
json with(json j, const json& patch) {
  j.update(patch, true);
  return j;
}

// A field-by-field comparison of everything from_json fills in except `raw`.
void expect_same(const ModelConfig& a, const ModelConfig& b) {
  EXPECT_EQ(a.arch, b.arch);
  EXPECT_EQ(a.model_type, b.model_type);
  EXPECT_EQ(a.vocab_size, b.vocab_size);
  EXPECT_EQ(a.hidden_size, b.hidden_size);
  EXPECT_EQ(a.intermediate_size, b.intermediate_size);
  EXPECT_EQ(a.num_layers, b.num_layers);
  EXPECT_EQ(a.num_heads, b.num_heads);
  EXPECT_EQ(a.num_kv_heads, b.num_kv_heads);
  EXPECT_EQ(a.head_dim, b.head_dim);
  EXPECT_EQ(a.max_position_embeddings, b.max_position_embeddings);
  EXPECT_EQ(a.norm_eps, b.norm_eps);
  EXPECT_EQ(a.rope_theta, b.rope_theta);
  ASSERT_EQ(a.rope_scaling.has_value(), b.rope_scaling.has_value());
  if (a.rope_scaling) {
    EXPECT_EQ(a.rope_scaling->type, b.rope_scaling->type);
    EXPECT_EQ(a.rope_scaling->factor, b.rope_scaling->factor);
    EXPECT_EQ(a.rope_scaling->low_freq_factor, b.rope_scaling->low_freq_factor);
    EXPECT_EQ(a.rope_scaling->high_freq_factor, b.rope_scaling->high_freq_factor);
    EXPECT_EQ(a.rope_scaling->original_max_position_embeddings, b.rope_scaling->original_max_position_embeddings);
  }
  EXPECT_EQ(a.tie_word_embeddings, b.tie_word_embeddings);
  EXPECT_EQ(a.attention_bias, b.attention_bias);
  EXPECT_EQ(a.mlp_bias, b.mlp_bias);
  EXPECT_EQ(a.qk_norm, b.qk_norm);
  EXPECT_EQ(a.sliding_window, b.sliding_window);
  EXPECT_EQ(a.hidden_act, b.hidden_act);
  EXPECT_EQ(a.alibi_bias_max, b.alibi_bias_max);
  EXPECT_EQ(a.clip_qkv, b.clip_qkv);
  EXPECT_EQ(a.softmax_scale, b.softmax_scale);
  EXPECT_EQ(a.no_bias, b.no_bias);
  EXPECT_EQ(a.bos_token_id, b.bos_token_id);
  EXPECT_EQ(a.eos_token_ids, b.eos_token_ids);
  EXPECT_EQ(a.pad_token_id, b.pad_token_id);
  EXPECT_EQ(a.torch_dtype, b.torch_dtype);
}

void expect_round_trip(const ModelConfig& c) {
  SCOPED_TRACE(c.model_type);
  expect_same(ModelConfig::from_json(c.to_json(), "saved/config.json"), c);
}

// ---- each family, as transformers writes it ----------------------------------------------------

TEST(ModelConfigParse, Llama31WithOldRopeScalingLayout) {
  auto c = parse(R"({
    "architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": 128256, "hidden_size": 4096,
    "intermediate_size": 14336, "num_hidden_layers": 32, "num_attention_heads": 32, "num_key_value_heads": 8,
    "max_position_embeddings": 131072, "rms_norm_eps": 1e-05, "rope_theta": 500000.0,
    "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                     "original_max_position_embeddings": 8192, "rope_type": "llama3"},
    "bos_token_id": 128000, "eos_token_id": [128001, 128008, 128009], "hidden_act": "silu",
    "tie_word_embeddings": false, "attention_bias": false, "mlp_bias": false, "torch_dtype": "bfloat16"})");
  EXPECT_EQ(c.arch, Architecture::Llama);
  EXPECT_EQ(c.model_type, "llama");
  EXPECT_EQ(c.vocab_size, 128256);
  EXPECT_EQ(c.hidden_size, 4096);
  EXPECT_EQ(c.intermediate_size, 14336);
  EXPECT_EQ(c.num_layers, 32);
  EXPECT_EQ(c.num_heads, 32);
  EXPECT_EQ(c.num_kv_heads, 8);
  EXPECT_EQ(c.head_dim, 128);
  EXPECT_EQ(c.max_position_embeddings, 131072);
  EXPECT_DOUBLE_EQ(c.norm_eps, 1e-5);
  EXPECT_DOUBLE_EQ(c.rope_theta, 500000.0);
  ASSERT_TRUE(c.rope_scaling);
  EXPECT_EQ(c.rope_scaling->type, "llama3");
  EXPECT_DOUBLE_EQ(c.rope_scaling->factor, 8.0);
  EXPECT_DOUBLE_EQ(c.rope_scaling->low_freq_factor, 1.0);
  EXPECT_DOUBLE_EQ(c.rope_scaling->high_freq_factor, 4.0);
  EXPECT_EQ(c.rope_scaling->original_max_position_embeddings, 8192);
  EXPECT_EQ(c.bos_token_id, 128000);
  EXPECT_THAT(c.eos_token_ids, ElementsAre(128001, 128008, 128009));
  EXPECT_FALSE(c.pad_token_id);
  EXPECT_EQ(c.torch_dtype, "bfloat16");
  EXPECT_FALSE(c.sliding_window);
  EXPECT_FALSE(c.qk_norm);
  expect_round_trip(c);
}

TEST(ModelConfigParse, LlamaTransformers5RopeParametersLayout) {
  auto c = parse(with(llama_json(), {{"rope_parameters",
                                      {{"rope_type", "llama3"}, {"rope_theta", 500000.0}, {"factor", 32.0},
                                       {"low_freq_factor", 1.0}, {"high_freq_factor", 4.0}}},
                                     {"max_position_embeddings", 4096}, {"dtype", "float16"},
                                     {"attention_bias", true}, {"mlp_bias", true}, {"head_dim", 32}})
                     .dump());
  EXPECT_DOUBLE_EQ(c.rope_theta, 500000.0);
  ASSERT_TRUE(c.rope_scaling);
  EXPECT_DOUBLE_EQ(c.rope_scaling->factor, 32.0);
  // transformers fills original_max_position_embeddings from max_position_embeddings.
  EXPECT_EQ(c.rope_scaling->original_max_position_embeddings, 4096);
  EXPECT_EQ(c.torch_dtype, "float16");
  EXPECT_TRUE(c.attention_bias);
  EXPECT_TRUE(c.mlp_bias);
  EXPECT_EQ(c.head_dim, 32);
  expect_round_trip(c);
}

TEST(ModelConfigParse, LlamaDefaultsMatchTransformers) {
  auto c = parse(llama_json().dump());
  EXPECT_EQ(c.num_kv_heads, 4);  // = num_attention_heads
  EXPECT_EQ(c.head_dim, 16);     // = hidden / heads
  EXPECT_EQ(c.max_position_embeddings, 2048);
  EXPECT_DOUBLE_EQ(c.norm_eps, 1e-6);
  EXPECT_DOUBLE_EQ(c.rope_theta, 10000.0);
  EXPECT_FALSE(c.rope_scaling);
  EXPECT_EQ(c.hidden_act, "silu");
  EXPECT_FALSE(c.tie_word_embeddings);
  EXPECT_FALSE(c.attention_bias);
  EXPECT_FALSE(c.mlp_bias);
  EXPECT_EQ(c.bos_token_id, 1);
  EXPECT_THAT(c.eos_token_ids, ElementsAre(2));
  EXPECT_FALSE(c.pad_token_id);
  EXPECT_EQ(c.torch_dtype, "float32");
  expect_round_trip(c);
}

TEST(ModelConfigParse, NullsMeanTheDefaultOrNone) {
  auto c = parse(with(llama_json(), {{"num_key_value_heads", nullptr},
                                     {"head_dim", nullptr},
                                     {"rope_scaling", nullptr},
                                     {"bos_token_id", nullptr},
                                     {"eos_token_id", nullptr},
                                     {"dtype", nullptr},
                                     {"torch_dtype", "bfloat16"}})
                     .dump());
  EXPECT_EQ(c.num_kv_heads, 4);
  EXPECT_EQ(c.head_dim, 16);
  EXPECT_FALSE(c.rope_scaling);
  EXPECT_FALSE(c.bos_token_id);
  EXPECT_TRUE(c.eos_token_ids.empty());
  EXPECT_EQ(c.torch_dtype, "bfloat16");
}

TEST(ModelConfigParse, DefaultRopeTypeInsideRopeParameters) {
  auto c = parse(with(llama_json(), {{"rope_parameters", {{"rope_type", "default"}, {"rope_theta", 1e6}}}}).dump());
  EXPECT_FALSE(c.rope_scaling);
  EXPECT_DOUBLE_EQ(c.rope_theta, 1e6);
  // An empty rope_scaling does not hide rope_parameters (transformers: `rope_scaling or rope_parameters`).
  auto d = parse(with(llama_json(), {{"rope_scaling", json::object()}, {"rope_parameters", {{"rope_theta", 3e5}}}}).dump());
  EXPECT_DOUBLE_EQ(d.rope_theta, 3e5);
  // The old key "type" is read too.
  auto e = parse(with(llama_json(), {{"rope_scaling", {{"type", "llama3"}, {"factor", 8}, {"low_freq_factor", 1},
                                                       {"high_freq_factor", 4}}}})
                     .dump());
  ASSERT_TRUE(e.rope_scaling);
  EXPECT_EQ(e.rope_scaling->type, "llama3");
}

TEST(ModelConfigParse, Mistral) {
  auto c = parse(R"({"model_type": "mistral", "vocab_size": 32768, "hidden_size": 5120, "intermediate_size": 14336,
    "num_hidden_layers": 40, "num_attention_heads": 32, "num_key_value_heads": 8, "head_dim": 128,
    "max_position_embeddings": 1024000, "rope_theta": 1000000.0, "sliding_window": null, "rms_norm_eps": 1e-05})");
  EXPECT_EQ(c.arch, Architecture::Mistral);
  EXPECT_EQ(c.head_dim, 128);  // explicit, not 5120 / 32
  EXPECT_FALSE(c.sliding_window);
  EXPECT_EQ(c.bos_token_id, 1);
  EXPECT_THAT(c.eos_token_ids, ElementsAre(2));
  EXPECT_FALSE(c.attention_bias);
  expect_round_trip(c);

  auto windowed = parse(with(llama_json(), {{"model_type", "mistral"}, {"num_key_value_heads", 4}, {"sliding_window", 256}}).dump());
  EXPECT_EQ(windowed.sliding_window, 256);
  expect_round_trip(windowed);
}

TEST(ModelConfigParse, MistralDefaults) {
  // Mistral's class defaults: 8 key/value heads, a 4096-token window, 131072 positions.
  auto c = parse(with(llama_json(), {{"model_type", "mistral"}, {"num_attention_heads", 16}}).dump());
  EXPECT_EQ(c.num_kv_heads, 8);
  EXPECT_EQ(c.sliding_window, 4096);
  EXPECT_EQ(c.max_position_embeddings, 131072);
}

TEST(ModelConfigParse, Qwen2) {
  auto c = parse(R"({"architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2", "vocab_size": 151936,
    "hidden_size": 896, "intermediate_size": 4864, "num_hidden_layers": 24, "num_attention_heads": 14,
    "num_key_value_heads": 2, "max_position_embeddings": 32768, "max_window_layers": 21, "rms_norm_eps": 1e-06,
    "rope_theta": 1000000.0, "sliding_window": 32768, "use_sliding_window": false, "tie_word_embeddings": true,
    "bos_token_id": 151643, "eos_token_id": 151645, "torch_dtype": "bfloat16"})");
  EXPECT_EQ(c.arch, Architecture::Qwen2);
  EXPECT_EQ(c.head_dim, 64);
  EXPECT_TRUE(c.attention_bias);  // Qwen2 always has q/k/v biases
  EXPECT_FALSE(c.mlp_bias);
  EXPECT_FALSE(c.qk_norm);
  EXPECT_FALSE(c.sliding_window);  // use_sliding_window is false
  EXPECT_TRUE(c.tie_word_embeddings);
  EXPECT_EQ(c.bos_token_id, 151643);
  EXPECT_THAT(c.eos_token_ids, ElementsAre(151645));
  expect_round_trip(c);
}

TEST(ModelConfigParse, Qwen2SlidingWindow) {
  const json base = with(llama_json(), {{"model_type", "qwen2"}, {"num_key_value_heads", 2}, {"use_sliding_window", true}});
  auto c = parse(with(base, {{"sliding_window", 128}, {"max_window_layers", 1}}).dump());
  EXPECT_EQ(c.sliding_window, 128);  // layers from max_window_layers on: the model reads that from raw
  expect_round_trip(c);
  EXPECT_EQ(c.to_json()["max_window_layers"], 1);
  auto d = parse(base.dump());
  EXPECT_EQ(d.sliding_window, 4096);  // class default
  auto e = parse(with(base, {{"layer_types", {"full_attention", "sliding_attention"}}}).dump());
  EXPECT_EQ(e.sliding_window, 4096);
}

TEST(ModelConfigParse, Qwen2DefaultKeyValueHeadsAre32) {
  // Qwen2Config's class default is 32 key/value heads, not num_attention_heads.
  auto c = parse(with(llama_json(), {{"model_type", "qwen2"}, {"num_attention_heads", 64}, {"hidden_size", 4096}}).dump());
  EXPECT_EQ(c.num_kv_heads, 32);
  EXPECT_EQ(c.max_position_embeddings, 32768);
  EXPECT_FALSE(c.bos_token_id);
  EXPECT_TRUE(c.eos_token_ids.empty());
}

TEST(ModelConfigParse, Qwen3) {
  auto c = parse(R"({"model_type": "qwen3", "vocab_size": 151936, "hidden_size": 1024, "intermediate_size": 3072,
    "num_hidden_layers": 28, "num_attention_heads": 16, "num_key_value_heads": 8, "head_dim": 128,
    "max_position_embeddings": 40960, "rms_norm_eps": 1e-06, "rope_theta": 1000000, "attention_bias": false,
    "tie_word_embeddings": true, "use_sliding_window": false, "sliding_window": null, "max_window_layers": 28,
    "eos_token_id": 151645, "dtype": "bfloat16"})");
  EXPECT_EQ(c.arch, Architecture::Qwen3);
  EXPECT_EQ(c.head_dim, 128);
  EXPECT_TRUE(c.qk_norm);
  EXPECT_FALSE(c.attention_bias);
  EXPECT_DOUBLE_EQ(c.rope_theta, 1e6);
  EXPECT_TRUE(c.tie_word_embeddings);
  EXPECT_FALSE(c.sliding_window);
  expect_round_trip(c);
  // Qwen3's head_dim defaults to 128, not hidden / heads.
  auto d = parse(with(llama_json(), {{"model_type", "qwen3"}, {"num_key_value_heads", 2}}).dump());
  EXPECT_EQ(d.head_dim, 128);
}

TEST(ModelConfigParse, Gpt2) {
  auto c = parse(R"({"activation_function": "gelu_new", "architectures": ["GPT2LMHeadModel"], "bos_token_id": 50256,
    "eos_token_id": 50256, "layer_norm_epsilon": 1e-05, "model_type": "gpt2", "n_ctx": 1024, "n_embd": 768,
    "n_head": 12, "n_inner": null, "n_layer": 12, "n_positions": 1024, "vocab_size": 50257})");
  EXPECT_EQ(c.arch, Architecture::GPT2);
  EXPECT_EQ(c.hidden_size, 768);
  EXPECT_EQ(c.num_layers, 12);
  EXPECT_EQ(c.num_heads, 12);
  EXPECT_EQ(c.num_kv_heads, 12);
  EXPECT_EQ(c.head_dim, 64);
  EXPECT_EQ(c.intermediate_size, 3072);  // n_inner null: 4 * n_embd
  EXPECT_EQ(c.max_position_embeddings, 1024);
  EXPECT_DOUBLE_EQ(c.norm_eps, 1e-5);
  EXPECT_EQ(c.hidden_act, "gelu_new");
  EXPECT_TRUE(c.tie_word_embeddings);
  EXPECT_TRUE(c.attention_bias);
  EXPECT_TRUE(c.mlp_bias);
  EXPECT_EQ(c.bos_token_id, 50256);
  EXPECT_THAT(c.eos_token_ids, ElementsAre(50256));
  expect_round_trip(c);

  auto d = parse(with(gpt2_json(), {{"n_inner", 40}, {"activation_function", "relu"}}).dump());
  EXPECT_EQ(d.intermediate_size, 40);
  EXPECT_EQ(d.hidden_act, "relu");
  EXPECT_EQ(d.max_position_embeddings, 1024);
  expect_round_trip(d);
}

TEST(ModelConfigParse, Mpt) {
  auto c = parse(R"({"architectures": ["MPTForCausalLM"], "model_type": "mpt", "d_model": 4096, "n_heads": 32,
    "n_layers": 32, "expansion_ratio": 4, "max_seq_len": 2048, "vocab_size": 50432, "no_bias": true,
    "layer_norm_epsilon": 1e-05, "learned_pos_emb": true,
    "attn_config": {"alibi": true, "alibi_bias_max": 8, "attn_type": "multihead_attention", "clip_qkv": null,
                    "qk_ln": false, "softmax_scale": null, "attn_impl": "torch", "prefix_lm": false}})");
  EXPECT_EQ(c.arch, Architecture::MPT);
  EXPECT_EQ(c.hidden_size, 4096);
  EXPECT_EQ(c.num_heads, 32);
  EXPECT_EQ(c.num_kv_heads, 32);
  EXPECT_EQ(c.head_dim, 128);
  EXPECT_EQ(c.num_layers, 32);
  EXPECT_EQ(c.intermediate_size, 4 * 4096);
  EXPECT_EQ(c.max_position_embeddings, 2048);
  EXPECT_DOUBLE_EQ(c.alibi_bias_max, 8.0);
  EXPECT_FALSE(c.clip_qkv);
  EXPECT_FALSE(c.softmax_scale);
  EXPECT_TRUE(c.no_bias);
  EXPECT_FALSE(c.attention_bias);
  EXPECT_TRUE(c.tie_word_embeddings);
  EXPECT_EQ(c.hidden_act, "gelu");
  expect_round_trip(c);

  auto d = parse(with(mpt_json(), {{"expansion_ratio", 2}, {"no_bias", false},
                                   {"attn_config", {{"clip_qkv", 6}, {"softmax_scale", 0.125}, {"alibi_bias_max", 16}}}})
                     .dump());
  EXPECT_EQ(d.intermediate_size, 64);
  EXPECT_EQ(d.clip_qkv, 6.0);
  EXPECT_EQ(d.softmax_scale, 0.125);
  EXPECT_DOUBLE_EQ(d.alibi_bias_max, 16.0);
  EXPECT_FALSE(d.no_bias);
  EXPECT_TRUE(d.attention_bias);
  expect_round_trip(d);

  auto e = parse(mpt_json().dump());  // no attn_config at all: its defaults
  EXPECT_DOUBLE_EQ(e.alibi_bias_max, 8.0);
  EXPECT_EQ(e.max_position_embeddings, 2048);
  EXPECT_FALSE(e.bos_token_id);
}

// ---- writing back ------------------------------------------------------------------------------

TEST(ModelConfigToJson, KeepsUnknownFieldsAndWritesChanges) {
  auto c = parse(with(llama_json(), {{"rope_parameters", {{"rope_type", "default"}, {"rope_theta", 10000.0}}},
                                     {"custom_field", {{"x", 1}}},
                                     {"torch_dtype", "float32"}})
                     .dump());
  c.intermediate_size = 96;  // e.g. after structured pruning
  c.num_kv_heads = 2;
  c.rope_theta = 5e5;
  c.rope_scaling = RopeScaling{"llama3", 8.0, 1.0, 4.0, 1024};
  c.torch_dtype = "bfloat16";
  c.eos_token_ids = {7, 8};
  const json j = c.to_json();
  EXPECT_EQ(j["custom_field"], (json{{"x", 1}}));
  EXPECT_EQ(j["intermediate_size"], 96);
  EXPECT_EQ(j["num_key_value_heads"], 2);
  EXPECT_EQ(j["rope_parameters"]["rope_type"], "llama3");
  EXPECT_EQ(j["rope_parameters"]["rope_theta"], 5e5);
  EXPECT_EQ(j["rope_parameters"]["original_max_position_embeddings"], 1024);
  EXPECT_FALSE(j.contains("rope_theta"));  // the file used the transformers 5 layout only
  EXPECT_EQ(j["torch_dtype"], "bfloat16");
  EXPECT_FALSE(j.contains("dtype"));  // the file's spelling
  EXPECT_EQ(j["eos_token_id"], (json{7, 8}));
  expect_same(ModelConfig::from_json(j, "x/config.json"), c);

  c.rope_scaling.reset();
  const json k = c.to_json();
  EXPECT_EQ(k["rope_parameters"], (json{{"rope_type", "default"}, {"rope_theta", 5e5}}));
}

TEST(ModelConfigToJson, OldRopeLayoutStaysOld) {
  auto c = parse(with(llama_json(), {{"rope_theta", 5e5},
                                     {"rope_scaling", {{"type", "llama3"}, {"factor", 8}, {"low_freq_factor", 1},
                                                       {"high_freq_factor", 4}, {"original_max_position_embeddings", 512}}}})
                     .dump());
  EXPECT_EQ(c.to_json()["rope_scaling"]["type"], "llama3");  // unchanged: as the file has it
  c.rope_scaling->factor = 16;
  json j = c.to_json();
  EXPECT_FALSE(j.contains("rope_parameters"));
  EXPECT_EQ(j["rope_theta"], 5e5);
  EXPECT_EQ(j["rope_scaling"]["rope_type"], "llama3");
  EXPECT_EQ(j["rope_scaling"]["factor"], 16.0);
  EXPECT_EQ(j["rope_scaling"]["original_max_position_embeddings"], 512);
  EXPECT_FALSE(j["rope_scaling"].contains("type"));
  c.rope_scaling.reset();
  EXPECT_TRUE(c.to_json()["rope_scaling"].is_null());
}

TEST(ModelConfigToJson, ConfigBuiltInCodeIsComplete) {
  ModelConfig c;
  c.arch = Architecture::Qwen3;
  c.model_type = "qwen3";
  c.vocab_size = 50;
  c.hidden_size = 32;
  c.intermediate_size = 64;
  c.num_layers = 1;
  c.num_heads = 4;
  c.num_kv_heads = 2;
  c.head_dim = 16;
  c.max_position_embeddings = 128;
  c.qk_norm = true;
  c.rope_scaling = RopeScaling{"llama3", 4.0, 1.0, 4.0, 64};
  const json j = c.to_json();
  EXPECT_EQ(j["architectures"], (json{"Qwen3ForCausalLM"}));
  EXPECT_EQ(j["model_type"], "qwen3");
  EXPECT_EQ(j["rope_scaling"]["rope_type"], "llama3");
  EXPECT_EQ(j["dtype"], "float32");
  EXPECT_EQ(j["torch_dtype"], "float32");
  EXPECT_EQ(j["head_dim"], 16);
  expect_same(ModelConfig::from_json(j, "new/config.json"), c);
}

TEST(ModelConfigToJson, UnchangedFieldsKeepTheFilesSpelling) {
  const json gpt2 = with(gpt2_json(), {{"n_inner", nullptr}, {"eos_token_id", {50256}}});
  EXPECT_EQ(parse(gpt2.dump()).to_json(), with(gpt2, {{"architectures", {"GPT2LMHeadModel"}}}));
  const json qwen2 = with(llama_json(), {{"model_type", "qwen2"}, {"num_key_value_heads", 2}, {"torch_dtype", "bfloat16"}});
  auto c = parse(qwen2.dump());
  EXPECT_FALSE(c.to_json().contains("head_dim"));
  c.num_layers = 1;
  EXPECT_EQ(c.to_json(), with(qwen2, {{"architectures", {"Qwen2ForCausalLM"}}, {"num_hidden_layers", 1}}));
}

TEST(ModelConfigToJson, MptNeedsWholeExpansionRatio) {
  auto c = parse(mpt_json().dump());
  c.intermediate_size = 100;
  EXPECT_THROW(c.to_json(), Error);
}

// ---- errors ------------------------------------------------------------------------------------

TEST(ModelConfigErrors, MissingRequiredField) {
  json j = llama_json();
  j.erase("hidden_size");
  EXPECT_THAT(parse_error(j.dump()),
              AllOf(HasSubstr("config.json: hidden_size: missing; expected a positive integer")));
  json g = gpt2_json();
  g.erase("n_embd");
  EXPECT_THAT(parse_error(g.dump()), HasSubstr("config.json: n_embd: missing; expected a positive integer"));
  json m = mpt_json();
  m.erase("n_layers");
  EXPECT_THAT(parse_error(m.dump()), HasSubstr("config.json: n_layers: missing; expected a positive integer"));
}

TEST(ModelConfigErrors, WrongTypes) {
  EXPECT_THAT(parse_error(with(llama_json(), {{"hidden_size", "64"}}).dump()),
              HasSubstr("config.json: hidden_size: is \"64\"; expected a positive integer"));
  EXPECT_THAT(parse_error(with(llama_json(), {{"num_hidden_layers", 2.5}}).dump()),
              HasSubstr("config.json: num_hidden_layers: is 2.5; expected a positive integer"));
  EXPECT_THAT(parse_error(with(llama_json(), {{"vocab_size", nullptr}}).dump()),
              HasSubstr("config.json: vocab_size: is null; expected a positive integer"));
  EXPECT_THAT(parse_error(with(llama_json(), {{"rms_norm_eps", "1e-6"}}).dump()),
              HasSubstr("config.json: rms_norm_eps: is \"1e-6\"; expected a positive number"));
  EXPECT_THAT(parse_error(with(llama_json(), {{"tie_word_embeddings", 1}}).dump()),
              HasSubstr("config.json: tie_word_embeddings: is 1; expected true or false"));
  EXPECT_THAT(parse_error(with(llama_json(), {{"hidden_act", 3}}).dump()),
              HasSubstr("config.json: hidden_act: is 3; expected a string"));
  EXPECT_THAT(parse_error(with(llama_json(), {{"eos_token_id", "2"}}).dump()),
              HasSubstr("config.json: eos_token_id: is \"2\"; expected a non-negative integer"));
  EXPECT_THAT(parse_error(with(llama_json(), {{"eos_token_id", {1, "x"}}}).dump()),
              HasSubstr("config.json: eos_token_id: is [1,\"x\"]; expected a token id, a list of token ids or null"));
  EXPECT_THAT(parse_error(with(llama_json(), {{"bos_token_id", -1}}).dump()),
              HasSubstr("config.json: bos_token_id: is -1; expected a non-negative integer"));
  EXPECT_THAT(parse_error(with(llama_json(), {{"dtype", 16}}).dump()),
              HasSubstr("config.json: dtype: is 16; expected a string"));
  EXPECT_THAT(parse_error(with(llama_json(), {{"hidden_size", 18446744073709551615ull}}).dump()),
              HasSubstr("config.json: hidden_size: is 18446744073709551615; expected a positive integer"));
}

TEST(ModelConfigErrors, NonPositiveSizes) {
  EXPECT_THAT(parse_error(with(llama_json(), {{"num_attention_heads", 0}}).dump()),
              HasSubstr("config.json: num_attention_heads: is 0; expected a positive integer"));
  EXPECT_THAT(parse_error(with(llama_json(), {{"intermediate_size", -5}}).dump()),
              HasSubstr("config.json: intermediate_size: is -5; expected a positive integer"));
  EXPECT_THAT(parse_error(with(llama_json(), {{"rms_norm_eps", 0}}).dump()),
              HasSubstr("config.json: rms_norm_eps: is 0; expected a positive number"));
  EXPECT_THAT(parse_error(with(gpt2_json(), {{"n_positions", 0}}).dump()),
              HasSubstr("config.json: n_positions: is 0; expected a positive integer"));
}

TEST(ModelConfigErrors, HiddenNotDivisibleByHeads) {
  EXPECT_THAT(parse_error(with(llama_json(), {{"num_attention_heads", 5}}).dump()),
              HasSubstr("config.json: hidden_size: 64 is not divisible by num_attention_heads (5); expected a multiple"));
  // Llama checks this even with an explicit head_dim, as transformers does.
  EXPECT_THAT(parse_error(with(llama_json(), {{"num_attention_heads", 5}, {"num_key_value_heads", 5}, {"head_dim", 16}}).dump()),
              HasSubstr("hidden_size: 64 is not divisible"));
  EXPECT_THAT(parse_error(with(gpt2_json(), {{"n_head", 3}}).dump()),
              HasSubstr("config.json: n_embd: 32 is not divisible by n_head (3)"));
  EXPECT_THAT(parse_error(with(mpt_json(), {{"n_heads", 5}}).dump()),
              HasSubstr("config.json: d_model: 32 is not divisible by n_heads (5)"));
}

TEST(ModelConfigErrors, HeadsNotDivisibleByKeyValueHeads) {
  EXPECT_THAT(parse_error(with(llama_json(), {{"num_key_value_heads", 3}}).dump()),
              HasSubstr("config.json: num_key_value_heads: 3 key/value heads do not divide 4 attention heads; expected a divisor"));
  // Qwen2's absent num_key_value_heads means 32, which does not divide 4 heads.
  EXPECT_THAT(parse_error(with(llama_json(), {{"model_type", "qwen2"}}).dump()),
              HasSubstr("num_key_value_heads: 32 key/value heads do not divide 4"));
}

TEST(ModelConfigErrors, OddHeadDim) {
  EXPECT_THAT(parse_error(with(llama_json(), {{"model_type", "mistral"}, {"head_dim", 15}, {"num_key_value_heads", 4}}).dump()),
              HasSubstr("config.json: head_dim: 15 is odd; rotary embeddings need an even head_dim"));
}

TEST(ModelConfigErrors, UnsupportedOrMissingModelType) {
  EXPECT_THAT(parse_error(with(llama_json(), {{"model_type", "bert"}}).dump()),
              HasSubstr("config.json: model_type: unsupported \"bert\"; supported: llama, mistral, qwen2, qwen3, gpt2, mpt"));
  json j = llama_json();
  j.erase("model_type");
  EXPECT_THAT(parse_error(j.dump()), HasSubstr("config.json: model_type: missing; expected one of llama, mistral"));
}

TEST(ModelConfigErrors, UnsupportedRopeType) {
  EXPECT_THAT(parse_error(with(llama_json(), {{"rope_scaling", {{"rope_type", "yarn"}, {"factor", 4.0}}}}).dump()),
              HasSubstr("config.json: rope_scaling.rope_type: unsupported \"yarn\"; supported: default, llama3"));
  EXPECT_THAT(parse_error(with(llama_json(), {{"rope_scaling", {{"type", "linear"}, {"factor", 2.0}}}}).dump()),
              HasSubstr("config.json: rope_scaling.type: unsupported \"linear\"; supported: default, llama3"));
  EXPECT_THAT(parse_error(with(llama_json(), {{"rope_parameters", {{"rope_type", "dynamic"}}}}).dump()),
              HasSubstr("config.json: rope_parameters.rope_type: unsupported \"dynamic\""));
  EXPECT_THAT(parse_error(with(llama_json(), {{"rope_parameters", {{"full_attention", {{"rope_type", "default"}}}}}}).dump()),
              HasSubstr("config.json: rope_parameters.full_attention: RoPE parameters per layer type are not supported"));
  EXPECT_THAT(parse_error(with(llama_json(), {{"rope_scaling", "llama3"}}).dump()),
              HasSubstr("config.json: rope_scaling: is \"llama3\"; expected an object"));
  EXPECT_THAT(parse_error(with(llama_json(), {{"partial_rotary_factor", 0.5}}).dump()),
              HasSubstr("config.json: partial_rotary_factor: rotary embeddings on part of head_dim are not supported"));
}

TEST(ModelConfigErrors, Llama3RopeFields) {
  EXPECT_THAT(parse_error(with(llama_json(), {{"rope_scaling", {{"rope_type", "llama3"}, {"low_freq_factor", 1},
                                                                {"high_freq_factor", 4}}}})
                              .dump()),
              HasSubstr("config.json: rope_scaling.factor: missing; expected a positive number"));
  EXPECT_THAT(parse_error(with(llama_json(), {{"rope_parameters", {{"rope_type", "llama3"}, {"factor", 8},
                                                                   {"low_freq_factor", 4}, {"high_freq_factor", 4}}}})
                              .dump()),
              HasSubstr("config.json: rope_parameters.high_freq_factor: is 4.0; expected more than low_freq_factor (4.0)"));
  EXPECT_THAT(parse_error(with(llama_json(), {{"rope_theta", -1}}).dump()),
              HasSubstr("config.json: rope_theta: is -1; expected a positive number"));
}

TEST(ModelConfigErrors, MptUnsupportedAttention) {
  EXPECT_THAT(parse_error(with(mpt_json(), {{"attn_config", {{"alibi", false}}}}).dump()),
              HasSubstr("config.json: attn_config.alibi: false (learned position embeddings) is not supported; expected true"));
  EXPECT_THAT(parse_error(with(mpt_json(), {{"attn_config", {{"qk_ln", true}}}}).dump()),
              HasSubstr("config.json: attn_config.qk_ln: true (LayerNorm on queries and keys) is not supported; expected false"));
  EXPECT_THAT(parse_error(with(mpt_json(), {{"attn_config", {{"attn_type", "multiquery_attention"}}}}).dump()),
              HasSubstr("config.json: attn_config.attn_type: \"multiquery_attention\" is not supported"));
  EXPECT_THAT(parse_error(with(mpt_json(), {{"attn_config", 3}}).dump()),
              HasSubstr("config.json: attn_config: is 3; expected an object"));
  EXPECT_THAT(parse_error(with(mpt_json(), {{"attn_config", {{"clip_qkv", -1}}}}).dump()),
              HasSubstr("config.json: attn_config.clip_qkv: is -1; expected a positive number"));
}

TEST(ModelConfigErrors, Gpt2UnsupportedAttentionScaling) {
  EXPECT_THAT(parse_error(with(gpt2_json(), {{"scale_attn_by_inverse_layer_idx", true}}).dump()),
              HasSubstr("config.json: scale_attn_by_inverse_layer_idx: true is not supported; expected false"));
  EXPECT_THAT(parse_error(with(gpt2_json(), {{"scale_attn_weights", false}}).dump()),
              HasSubstr("config.json: scale_attn_weights: false is not supported; expected true"));
}

TEST(ModelConfigErrors, QwenLayerTypes) {
  const json base = with(llama_json(), {{"model_type", "qwen2"}, {"num_key_value_heads", 2}});
  EXPECT_THAT(parse_error(with(base, {{"layer_types", {"full_attention"}}}).dump()),
              HasSubstr("config.json: layer_types: is [\"full_attention\"]; expected a list of 2 entries"));
  EXPECT_THAT(parse_error(with(base, {{"layer_types", {"full_attention", "chunked"}}}).dump()),
              HasSubstr("config.json: layer_types: has entry \"chunked\"; expected a list of 2 entries"));
  EXPECT_THAT(parse_error(with(base, {{"max_window_layers", "all"}}).dump()),
              HasSubstr("config.json: max_window_layers: is \"all\"; expected a non-negative integer"));
  EXPECT_THAT(parse_error(with(base, {{"use_sliding_window", true}, {"sliding_window", 0}}).dump()),
              HasSubstr("config.json: sliding_window: is 0; expected a positive integer"));
}

TEST(ModelConfigErrors, NotJsonOrNotAnObject) {
  EXPECT_THAT(parse_error("{\"model_type\": \"llama\",}"), AllOf(HasSubstr("config.json: JSON: not valid JSON")));
  EXPECT_THAT(parse_error("[]"), HasSubstr("config.json: config: is array; expected a JSON object"));
  EXPECT_THAT(parse_error(R"({"model_type": "llama", "model_type": "gpt2"})"),
              HasSubstr("config.json: model_type: appears twice in the same JSON object"));
  EXPECT_THAT(parse_error(R"({"model_type": "mpt", "attn_config": {"qk_ln": false, "qk_ln": true}})"),
              HasSubstr("config.json: attn_config.qk_ln: appears twice"));
}

TEST(ModelConfigErrors, MissingFile) {
  const auto path = fresh_dir() / "config.json";
  EXPECT_THAT(input_error([&] { ModelConfig::from_file(path); }),
              AllOf(HasSubstr(path.string()), HasSubstr("file: cannot open")));
}

TEST(ModelConfig, ArchitectureNames) {
  EXPECT_EQ(architecture_name(Architecture::Llama), "llama");
  EXPECT_EQ(architecture_name(Architecture::Mistral), "mistral");
  EXPECT_EQ(architecture_name(Architecture::Qwen2), "qwen2");
  EXPECT_EQ(architecture_name(Architecture::Qwen3), "qwen3");
  EXPECT_EQ(architecture_name(Architecture::GPT2), "gpt2");
  EXPECT_EQ(architecture_name(Architecture::MPT), "mpt");
}

}  // namespace
}  // namespace sparsetune
