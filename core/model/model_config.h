#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace sparsetune {

// Parses the text of an untrusted JSON file (config.json, a safetensors header, an index). Syntax
// errors and invalid UTF-8 throw InputError(file_name, document, ...); a key given twice in one
// object (nlohmann would silently keep the last) throws InputError(file_name, "<key path>", ...).
nlohmann::json parse_json_strict(std::string_view text, const std::string& file_name,
                                 const std::string& document = "JSON");

enum class Architecture { Llama, Mistral, Qwen2, Qwen3, GPT2, MPT };
std::string architecture_name(Architecture arch);  // the HF model_type: "llama", "gpt2", ...

// rope_scaling of type "llama3" (Llama 3.1+); "default"/absent means none.
struct RopeScaling {
  std::string type;
  double factor = 1.0;
  double low_freq_factor = 1.0;
  double high_freq_factor = 4.0;
  int64_t original_max_position_embeddings = 8192;
  bool operator==(const RopeScaling&) const = default;
};

// The fields of an HF config.json that the implementations need, normalized across families
// (GPT-2's n_embd/n_layer/n_head and MPT's d_model/n_layers/n_heads map onto the same names).
struct ModelConfig {
  Architecture arch = Architecture::Llama;
  std::string model_type;
  int64_t vocab_size = 0;
  int64_t hidden_size = 0;
  int64_t intermediate_size = 0;
  int64_t num_layers = 0;
  int64_t num_heads = 0;
  int64_t num_kv_heads = 0;
  int64_t head_dim = 0;
  int64_t max_position_embeddings = 0;
  double norm_eps = 1e-5;      // rms_norm_eps / layer_norm_epsilon / layer_norm_epsilon (MPT)
  double rope_theta = 10000.0;
  std::optional<RopeScaling> rope_scaling;
  bool tie_word_embeddings = false;
  bool attention_bias = false;  // q/k/v (and o for some) biases: Qwen2 has q/k/v bias
  bool mlp_bias = false;
  bool qk_norm = false;         // Qwen3: RMSNorm over head_dim on q and k
  std::optional<int64_t> sliding_window;  // Mistral / Qwen2 when use_sliding_window
  std::string hidden_act = "silu";
  // MPT
  double alibi_bias_max = 8.0;
  std::optional<double> clip_qkv;
  std::optional<double> softmax_scale;
  bool no_bias = true;
  // Tokens
  std::optional<int64_t> bos_token_id;
  std::vector<int64_t> eos_token_ids;
  std::optional<int64_t> pad_token_id;
  std::string torch_dtype = "float32";

  nlohmann::json raw;  // the file as read, written back on save with only changed fields updated
                       // (empty for a config built in code: to_json then writes every field)

  // Throws InputError("<dir>/config.json", field, expected) for a missing/mistyped field or an
  // unsupported architecture.
  static ModelConfig from_json(const nlohmann::json& json, const std::string& file_name);
  static ModelConfig from_file(const std::filesystem::path& config_json);
  nlohmann::json to_json() const;
};

}  // namespace sparsetune
