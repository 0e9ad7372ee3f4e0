#include "core/model/gguf_config.h"

#include "core/util/error.h"

namespace sparsetune {

namespace {

using nlohmann::json;

int64_t required_integer(const GgufFile& file, const std::string& key) {
  const auto v = file.integer(key, 1);
  if (!v) file.fail(key, "missing; expected a positive integer");
  return *v;
}

void set_integer(const GgufFile& file, json& config, const char* name, const std::string& key, int64_t min = 1) {
  if (const auto v = file.integer(key, min)) config[name] = *v;
}

void set_number(const GgufFile& file, json& config, const char* name, const std::string& key) {
  if (const auto v = file.number(key)) {
    if (!(*v > 0.0)) file.fail(key, "is " + std::to_string(*v) + "; expected a positive number");
    config[name] = *v;
  }
}

// The token ids transformers takes into the config from tokenizer.ggml.*.
void set_token_ids(const GgufFile& file, json& config) {
  const int64_t tokens = gguf_token_count(file);
  for (const auto& [name, key] : {std::pair{"bos_token_id", "tokenizer.ggml.bos_token_id"},
                                  std::pair{"eos_token_id", "tokenizer.ggml.eos_token_id"},
                                  std::pair{"pad_token_id", "tokenizer.ggml.padding_token_id"},
                                  std::pair{"unk_token_id", "tokenizer.ggml.unknown_token_id"}}) {
    const auto id = file.integer(key);
    if (!id) continue;
    if (*id >= tokens)
      file.fail(key, std::to_string(*id) + " is not a token id; expected less than " + std::to_string(tokens) +
                         " (the number of tokenizer.ggml.tokens)");
    config[name] = *id;
  }
}

// llama.cpp leaves RoPE unscaled unless <arch>.rope.scaling.type says otherwise; our models have
// no linear or YaRN scaling, and transformers would ignore the keys and build a different model.
void reject_rope_scaling(const GgufFile& file, const std::string& arch) {
  const std::string key = arch + ".rope.scaling.type";
  if (const auto type = file.string(key); type && *type != "none")
    file.fail(key, "RoPE scaling \"" + std::string(*type) + "\" is not supported; expected \"none\" or no key");
}

json llama_family_config(const GgufFile& file, const std::string& arch) {
  const std::string p = arch + ".";
  json c;
  c["architectures"] = {arch == "llama" ? "LlamaForCausalLM" : "Qwen2ForCausalLM"};
  c["model_type"] = arch;
  const auto vocab_size = file.integer(p + "vocab_size", 1);
  c["vocab_size"] = vocab_size ? *vocab_size : gguf_token_count(file);
  c["hidden_size"] = required_integer(file, p + "embedding_length");
  c["intermediate_size"] = required_integer(file, p + "feed_forward_length");
  c["num_hidden_layers"] = required_integer(file, p + "block_count");
  c["num_attention_heads"] = required_integer(file, p + "attention.head_count");
  set_integer(file, c, "num_key_value_heads", p + "attention.head_count_kv");
  // transformers reads head_dim from the rotary width for llama only.
  if (arch == "llama") set_integer(file, c, "head_dim", p + "rope.dimension_count");
  set_integer(file, c, "max_position_embeddings", p + "context_length");
  set_number(file, c, "rms_norm_eps", p + "attention.layer_norm_rms_epsilon");
  set_number(file, c, "rope_theta", p + "rope.freq_base");
  reject_rope_scaling(file, arch);
  return c;
}

json gpt2_config(const GgufFile& file) {
  json c;
  c["architectures"] = {"GPT2LMHeadModel"};
  c["model_type"] = "gpt2";
  c["vocab_size"] = gguf_token_count(file);
  c["n_embd"] = required_integer(file, "gpt2.embedding_length");
  c["n_layer"] = required_integer(file, "gpt2.block_count");
  c["n_head"] = required_integer(file, "gpt2.attention.head_count");
  // transformers stores the context as n_ctx and keeps n_positions at its default of 1024, which
  // only loads a file whose position table has 1024 rows: the file's value is the one that fits.
  set_integer(file, c, "n_ctx", "gpt2.context_length");
  set_integer(file, c, "n_positions", "gpt2.context_length");
  set_integer(file, c, "n_inner", "gpt2.feed_forward_length");
  set_number(file, c, "layer_norm_epsilon", "gpt2.attention.layer_norm_epsilon");
  return c;
}

}  // namespace

int64_t gguf_token_count(const GgufFile& file) {
  const GgufValue* tokens = file.array("tokenizer.ggml.tokens", GgufType::String);
  if (tokens == nullptr) file.fail("tokenizer.ggml.tokens", "missing; expected the vocabulary as an array of strings");
  if (tokens->size() == 0) file.fail("tokenizer.ggml.tokens", "is empty; expected the vocabulary");
  return static_cast<int64_t>(tokens->size());
}

json gguf_model_config(const GgufFile& file, const std::string& dtype) {
  const auto arch_value = file.string("general.architecture");
  if (!arch_value) file.fail("general.architecture", std::string("missing; expected one of ") + kGgufArchitectures);
  const std::string arch(*arch_value);
  json c;
  if (arch == "llama" || arch == "qwen2") {
    c = llama_family_config(file, arch);
  } else if (arch == "gpt2") {
    c = gpt2_config(file);
  } else {
    file.fail("general.architecture", "\"" + arch + "\" is not supported; supported: " + kGgufArchitectures);
  }
  // llama.cpp writes the output projection only when it is not the token embedding.
  c["tie_word_embeddings"] = file.find_tensor("output.weight") == nullptr;
  set_token_ids(file, c);
  c["dtype"] = dtype;
  c["torch_dtype"] = dtype;
  return c;
}

}  // namespace sparsetune
