#include "core/model/model_config.h"

#include <array>
#include <cmath>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <utility>

#include "core/util/error.h"

namespace sparsetune {

namespace {

using nlohmann::json;

struct ArchitectureEntry {
  Architecture arch;
  const char* model_type;
  const char* hf_class;  // written to "architectures" when a config is saved without one
};

constexpr std::array<ArchitectureEntry, 6> kArchitectures{{
    {Architecture::Llama, "llama", "LlamaForCausalLM"},
    {Architecture::Mistral, "mistral", "MistralForCausalLM"},
    {Architecture::Qwen2, "qwen2", "Qwen2ForCausalLM"},
    {Architecture::Qwen3, "qwen3", "Qwen3ForCausalLM"},
    {Architecture::GPT2, "gpt2", "GPT2LMHeadModel"},
    {Architecture::MPT, "mpt", "MptForCausalLM"},
}};

const ArchitectureEntry& arch_entry(Architecture arch) {
  for (const auto& e : kArchitectures) {
    if (e.arch == arch) return e;
  }
  throw Error("unknown Architecture value " + std::to_string(static_cast<int>(arch)));
}

std::string supported_model_types() {
  std::string names;
  for (const auto& e : kArchitectures) names += (names.empty() ? "" : ", ") + std::string(e.model_type);
  return names;
}

// Typed access to the fields of one JSON object of config.json. Missing and null optional fields
// take transformers' class defaults (it treats None as "use the default" too); `prefix` names a
// nested object ("attn_config.") in error messages.
class Fields {
 public:
  Fields(const json& object, std::string file, std::string prefix = "")
      : object_(object), file_(std::move(file)), prefix_(std::move(prefix)) {}

  bool has(const std::string& key) const { return object_.contains(key); }  // even when null
  const json* get(const std::string& key) const {
    auto it = object_.find(key);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }
  [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
    throw InputError(file_, prefix_ + key, problem);
  }

  int64_t integer(const std::string& key, int64_t min = 1) const {
    const json* v = get(key);
    if (v == nullptr) fail(key, std::string(has(key) ? "is null" : "missing") + "; expected " + integer_kind(min));
    return checked_integer(key, *v, min);
  }
  int64_t integer(const std::string& key, int64_t fallback, int64_t min) const {
    const json* v = get(key);
    return v == nullptr ? fallback : checked_integer(key, *v, min);
  }
  double positive_number(const std::string& key) const {
    const json* v = get(key);
    if (v == nullptr) fail(key, std::string(has(key) ? "is null" : "missing") + "; expected a positive number");
    return checked_positive_number(key, *v);
  }
  double positive_number(const std::string& key, double fallback) const {
    const json* v = get(key);
    return v == nullptr ? fallback : checked_positive_number(key, *v);
  }
  std::optional<double> optional_positive_number(const std::string& key) const {
    const json* v = get(key);
    if (v == nullptr) return std::nullopt;
    return checked_positive_number(key, *v);
  }
  bool boolean(const std::string& key, bool fallback) const {
    const json* v = get(key);
    if (v == nullptr) return fallback;
    if (!v->is_boolean()) fail(key, "is " + v->dump() + "; expected true or false");
    return v->get<bool>();
  }
  std::string string(const std::string& key, const std::string& fallback) const {
    const json* v = get(key);
    if (v == nullptr) return fallback;
    if (!v->is_string()) fail(key, "is " + v->dump() + "; expected a string");
    return v->get<std::string>();
  }
  // Token ids keep null apart from absent: absent takes the family's default, null means none.
  std::optional<int64_t> token_id(const std::string& key, std::optional<int64_t> fallback) const {
    if (!has(key)) return fallback;
    const json& v = object_.at(key);
    if (v.is_null()) return std::nullopt;
    return checked_integer(key, v, 0);
  }
  std::vector<int64_t> token_ids(const std::string& key, std::vector<int64_t> fallback) const {
    if (!has(key)) return fallback;
    const json& v = object_.at(key);
    if (v.is_null()) return {};
    if (!v.is_array()) return {checked_integer(key, v, 0)};
    std::vector<int64_t> ids;
    for (const auto& id : v) {
      if (!id.is_number_integer()) fail(key, "is " + v.dump() + "; expected a token id, a list of token ids or null");
      ids.push_back(checked_integer(key, id, 0));
    }
    return ids;
  }

 private:
  static std::string integer_kind(int64_t min) {
    return min == 1 ? "a positive integer" : min == 0 ? "a non-negative integer" : "an integer >= " + std::to_string(min);
  }
  int64_t checked_integer(const std::string& key, const json& v, int64_t min) const {
    if (!v.is_number_integer() ||
        (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) ||
        v.get<int64_t>() < min)
      fail(key, "is " + v.dump() + "; expected " + integer_kind(min));
    return v.get<int64_t>();
  }
  double checked_positive_number(const std::string& key, const json& v) const {
    if (!v.is_number() || !(v.get<double>() > 0.0)) fail(key, "is " + v.dump() + "; expected a positive number");
    return v.get<double>();
  }

  const json& object_;
  std::string file_;
  std::string prefix_;
};

// transformers' RoPE settings: version 5 writes rope_parameters {rope_type, rope_theta, ...}; older
// files have a top-level rope_theta and rope_scaling {type or rope_type, ...}. As in transformers, a
// non-empty rope_scaling wins over rope_parameters, and a rope_theta inside the dict over the top-level one.
void parse_rope(const Fields& f, const std::string& file, ModelConfig& c) {
  auto no_partial_rotary = [](const Fields& fields) {
    if (fields.positive_number("partial_rotary_factor", 1.0) != 1.0)
      fields.fail("partial_rotary_factor", "rotary embeddings on part of head_dim are not supported; expected 1.0");
  };
  no_partial_rotary(f);
  c.rope_theta = f.positive_number("rope_theta", 10000.0);
  c.rope_scaling.reset();

  std::string key;
  const json* dict = f.get("rope_scaling");
  if (dict != nullptr && !(dict->is_object() && dict->empty())) {
    key = "rope_scaling";
  } else {
    dict = f.get("rope_parameters");
    key = "rope_parameters";
  }
  if (dict == nullptr) return;
  if (!dict->is_object()) f.fail(key, "is " + dict->dump() + "; expected an object");
  for (const auto& [name, value] : dict->items()) {
    if (value.is_object())
      f.fail(key + "." + name, "RoPE parameters per layer type are not supported; expected one flat object");
  }
  Fields r(*dict, file, key + ".");
  no_partial_rotary(r);
  c.rope_theta = r.positive_number("rope_theta", c.rope_theta);
  const std::string type_key = r.get("rope_type") != nullptr || r.get("type") == nullptr ? "rope_type" : "type";
  const std::string type = r.string(type_key, "default");
  if (type == "default") return;
  if (type != "llama3") r.fail(type_key, "unsupported \"" + type + "\"; supported: default, llama3");
  RopeScaling s;
  s.type = type;
  s.factor = r.positive_number("factor");
  s.low_freq_factor = r.positive_number("low_freq_factor");
  s.high_freq_factor = r.positive_number("high_freq_factor");
  if (s.high_freq_factor <= s.low_freq_factor)
    r.fail("high_freq_factor", "is " + json(s.high_freq_factor).dump() + "; expected more than low_freq_factor (" +
                                   json(s.low_freq_factor).dump() + ")");
  s.original_max_position_embeddings = r.integer("original_max_position_embeddings", c.max_position_embeddings, 1);
  c.rope_scaling = s;
}

// Qwen2/Qwen3: the window exists only with use_sliding_window, and then applies to the layers marked
// "sliding_attention" in layer_types, or else to layers from max_window_layers on; the model picks
// the layers from `raw`, so here we check that layer_types is well-formed.
void parse_qwen_sliding_window(const Fields& f, ModelConfig& c) {
  if (const json* types = f.get("layer_types")) {
    const std::string expected = "; expected a list of " + std::to_string(c.num_layers) +
                                 " entries, each \"full_attention\" or \"sliding_attention\"";
    if (!types->is_array() || static_cast<int64_t>(types->size()) != c.num_layers)
      f.fail("layer_types", "is " + types->dump() + expected);
    for (const auto& t : *types) {
      if (t != "sliding_attention" && t != "full_attention") f.fail("layer_types", "has entry " + t.dump() + expected);
    }
  }
  f.integer("max_window_layers", 28, 0);  // type check only
  c.sliding_window.reset();
  if (!f.boolean("use_sliding_window", false)) return;
  if (!f.has("sliding_window")) {
    c.sliding_window = 4096;
  } else if (f.get("sliding_window") != nullptr) {
    c.sliding_window = f.integer("sliding_window");
  }
}

void parse_llama_family(const Fields& f, const std::string& file, ModelConfig& c) {
  const Architecture arch = c.arch;
  c.vocab_size = f.integer("vocab_size");
  c.hidden_size = f.integer("hidden_size");
  c.intermediate_size = f.integer("intermediate_size");
  c.num_layers = f.integer("num_hidden_layers");
  c.num_heads = f.integer("num_attention_heads");
  // The class defaults when the key is absent: Mistral 8, Qwen 32; null means "as many as heads".
  const int64_t kv_default = arch == Architecture::Mistral ? 8
                             : arch == Architecture::Qwen2 || arch == Architecture::Qwen3 ? 32
                                                                                           : c.num_heads;
  c.num_kv_heads = f.has("num_key_value_heads") ? f.integer("num_key_value_heads", c.num_heads, 1) : kv_default;
  if (f.get("head_dim") != nullptr) {
    c.head_dim = f.integer("head_dim");
  } else if (arch == Architecture::Qwen3) {
    c.head_dim = 128;
  } else {
    if (c.hidden_size % c.num_heads != 0)
      f.fail("hidden_size", std::to_string(c.hidden_size) + " is not divisible by num_attention_heads (" +
                                std::to_string(c.num_heads) + "); expected a multiple");
    c.head_dim = c.hidden_size / c.num_heads;
  }
  // transformers' Llama checks divisibility even with an explicit head_dim.
  if (arch == Architecture::Llama && c.hidden_size % c.num_heads != 0)
    f.fail("hidden_size", std::to_string(c.hidden_size) + " is not divisible by num_attention_heads (" +
                              std::to_string(c.num_heads) + "); expected a multiple");
  if (c.head_dim % 2 != 0)
    f.fail("head_dim", std::to_string(c.head_dim) + " is odd; rotary embeddings need an even head_dim");

  const int64_t max_pos_default = arch == Architecture::Llama     ? 2048
                                  : arch == Architecture::Mistral ? 4096 * 32
                                                                  : 32768;
  c.max_position_embeddings = f.integer("max_position_embeddings", max_pos_default, 1);
  c.norm_eps = f.positive_number("rms_norm_eps", 1e-6);
  c.hidden_act = f.string("hidden_act", "silu");
  c.tie_word_embeddings = f.boolean("tie_word_embeddings", false);
  // Qwen2 always has q/k/v biases (no o bias) and no flag for them; Mistral has none.
  c.attention_bias = arch == Architecture::Qwen2 ||
                     ((arch == Architecture::Llama || arch == Architecture::Qwen3) && f.boolean("attention_bias", false));
  c.mlp_bias = arch == Architecture::Llama && f.boolean("mlp_bias", false);
  c.qk_norm = arch == Architecture::Qwen3;
  parse_rope(f, file, c);

  if (arch == Architecture::Mistral) {
    // Absent: the class default 4096; null: full attention.
    if (!f.has("sliding_window")) {
      c.sliding_window = 4096;
    } else if (f.get("sliding_window") != nullptr) {
      c.sliding_window = f.integer("sliding_window");
    }
  } else if (arch == Architecture::Qwen2 || arch == Architecture::Qwen3) {
    parse_qwen_sliding_window(f, c);
  }

  const bool llama_tokens = arch == Architecture::Llama || arch == Architecture::Mistral;
  c.bos_token_id = f.token_id("bos_token_id", llama_tokens ? std::optional<int64_t>(1) : std::nullopt);
  c.eos_token_ids = f.token_ids("eos_token_id", llama_tokens ? std::vector<int64_t>{2} : std::vector<int64_t>{});
}

void parse_gpt2(const Fields& f, ModelConfig& c) {
  c.vocab_size = f.integer("vocab_size");
  c.hidden_size = f.integer("n_embd");
  c.num_layers = f.integer("n_layer");
  c.num_heads = f.integer("n_head");
  if (c.hidden_size % c.num_heads != 0)
    f.fail("n_embd", std::to_string(c.hidden_size) + " is not divisible by n_head (" + std::to_string(c.num_heads) +
                         "); expected a multiple");
  c.num_kv_heads = c.num_heads;
  c.head_dim = c.hidden_size / c.num_heads;
  c.intermediate_size = f.integer("n_inner", 4 * c.hidden_size, 1);
  c.max_position_embeddings = f.integer("n_positions", 1024, 1);
  c.norm_eps = f.positive_number("layer_norm_epsilon", 1e-5);
  c.hidden_act = f.string("activation_function", "gelu_new");
  c.tie_word_embeddings = f.boolean("tie_word_embeddings", true);
  c.attention_bias = true;
  c.mlp_bias = true;
  // Both change the attention math; no released GPT-2 uses them.
  if (!f.boolean("scale_attn_weights", true))
    f.fail("scale_attn_weights", "false is not supported; expected true (scores scaled by 1/sqrt(head_dim))");
  if (f.boolean("scale_attn_by_inverse_layer_idx", false))
    f.fail("scale_attn_by_inverse_layer_idx", "true is not supported; expected false");
  c.bos_token_id = f.token_id("bos_token_id", 50256);
  c.eos_token_ids = f.token_ids("eos_token_id", {50256});
}

void parse_mpt(const Fields& f, const std::string& file, ModelConfig& c) {
  c.vocab_size = f.integer("vocab_size");
  c.hidden_size = f.integer("d_model");
  c.num_layers = f.integer("n_layers");
  c.num_heads = f.integer("n_heads");
  if (c.hidden_size % c.num_heads != 0)
    f.fail("d_model", std::to_string(c.hidden_size) + " is not divisible by n_heads (" + std::to_string(c.num_heads) +
                          "); expected a multiple");
  c.num_kv_heads = c.num_heads;
  c.head_dim = c.hidden_size / c.num_heads;
  c.intermediate_size = f.integer("expansion_ratio", 4, 1) * c.hidden_size;
  c.max_position_embeddings = f.integer("max_seq_len", 2048, 1);
  c.norm_eps = f.positive_number("layer_norm_epsilon", 1e-5);
  c.hidden_act = "gelu";
  c.tie_word_embeddings = f.boolean("tie_word_embeddings", true);
  c.no_bias = f.boolean("no_bias", true);
  c.attention_bias = !c.no_bias;
  c.mlp_bias = !c.no_bias;

  static const json kEmpty = json::object();
  const json* attn = f.get("attn_config");
  if (attn != nullptr && !attn->is_object()) f.fail("attn_config", "is " + attn->dump() + "; expected an object");
  Fields a(attn != nullptr ? *attn : kEmpty, file, "attn_config.");
  if (!a.boolean("alibi", true))
    a.fail("alibi", "false (learned position embeddings) is not supported; expected true (ALiBi, as in every released MPT)");
  if (a.boolean("qk_ln", false)) a.fail("qk_ln", "true (LayerNorm on queries and keys) is not supported; expected false");
  const std::string attn_type = a.string("attn_type", "multihead_attention");
  if (attn_type != "multihead_attention")
    a.fail("attn_type", "\"" + attn_type + "\" is not supported; expected \"multihead_attention\"");
  c.alibi_bias_max = a.positive_number("alibi_bias_max", 8.0);
  c.clip_qkv = a.optional_positive_number("clip_qkv");
  c.softmax_scale = a.optional_positive_number("softmax_scale");
  c.bos_token_id = f.token_id("bos_token_id", std::nullopt);
  c.eos_token_ids = f.token_ids("eos_token_id", {});
}

// Rewrites a RoPE dict (rope_parameters or rope_scaling) for `c`, keeping keys we do not interpret.
json rope_json(json dict, const ModelConfig& c) {
  if (!dict.is_object()) dict = json::object();
  dict.erase("type");
  dict["rope_theta"] = c.rope_theta;
  static const std::array<const char*, 4> kLlama3Keys{"factor", "low_freq_factor", "high_freq_factor",
                                                       "original_max_position_embeddings"};
  if (c.rope_scaling) {
    dict["rope_type"] = c.rope_scaling->type;
    dict["factor"] = c.rope_scaling->factor;
    dict["low_freq_factor"] = c.rope_scaling->low_freq_factor;
    dict["high_freq_factor"] = c.rope_scaling->high_freq_factor;
    dict["original_max_position_embeddings"] = c.rope_scaling->original_max_position_embeddings;
  } else {
    dict["rope_type"] = "default";
    for (const char* k : kLlama3Keys) dict.erase(k);
  }
  return dict;
}

}  // namespace

nlohmann::json parse_json_strict(std::string_view text, const std::string& file_name, const std::string& document) {
  // One set of seen keys per open object, plus the key being read at each level for the path.
  struct Level {
    std::set<std::string> keys;
    std::string current;
  };
  std::vector<Level> levels;
  auto callback = [&](int, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::object_start) {
      levels.emplace_back();
    } else if (event == json::parse_event_t::object_end) {
      levels.pop_back();
    } else if (event == json::parse_event_t::key) {
      auto& level = levels.back();
      level.current = parsed.get<std::string>();
      if (!level.keys.insert(level.current).second) {
        std::string path;
        for (const auto& l : levels) path += (path.empty() ? "" : ".") + l.current;
        throw InputError(file_name, path, "appears twice in the same JSON object; each key must be unique");
      }
    }
    return true;
  };
  try {
    return json::parse(text.begin(), text.end(), callback);
  } catch (const json::parse_error& e) {
    // Drop nlohmann's "[json.exception.parse_error.101] " tag; keep the position and the reason.
    std::string what = e.what();
    if (auto tag_end = what.find("] "); what.starts_with("[json.exception") && tag_end != std::string::npos)
      what = what.substr(tag_end + 2);
    throw InputError(file_name, document, "not valid JSON: " + what);
  }
}

std::string architecture_name(Architecture arch) { return arch_entry(arch).model_type; }

ModelConfig ModelConfig::from_json(const json& j, const std::string& file_name) {
  if (!j.is_object()) throw InputError(file_name, "config", "is " + std::string(j.type_name()) + "; expected a JSON object");
  Fields f(j, file_name);
  ModelConfig c;
  c.raw = j;

  const json* type = f.get("model_type");
  if (type == nullptr || !type->is_string())
    f.fail("model_type", (type == nullptr ? std::string("missing") : "is " + type->dump()) + "; expected one of " +
                             supported_model_types());
  c.model_type = type->get<std::string>();
  const ArchitectureEntry* found = nullptr;
  for (const auto& e : kArchitectures) {
    if (c.model_type == e.model_type) found = &e;
  }
  if (found == nullptr) f.fail("model_type", "unsupported \"" + c.model_type + "\"; supported: " + supported_model_types());
  c.arch = found->arch;

  switch (c.arch) {
    case Architecture::GPT2:
      parse_gpt2(f, c);
      break;
    case Architecture::MPT:
      parse_mpt(f, file_name, c);
      break;
    default:
      parse_llama_family(f, file_name, c);
      break;
  }
  if (c.num_heads % c.num_kv_heads != 0)
    f.fail(c.arch == Architecture::GPT2 ? "n_head" : c.arch == Architecture::MPT ? "n_heads" : "num_key_value_heads",
           std::to_string(c.num_kv_heads) + " key/value heads do not divide " + std::to_string(c.num_heads) +
               " attention heads; expected a divisor");
  c.pad_token_id = f.token_id("pad_token_id", std::nullopt);
  // transformers 5 writes "dtype", older versions "torch_dtype".
  c.torch_dtype = f.string(f.get("dtype") != nullptr ? "dtype" : "torch_dtype", "float32");
  return c;
}

ModelConfig ModelConfig::from_file(const std::filesystem::path& config_json) {
  std::ifstream in(config_json, std::ios::binary);
  if (!in) throw InputError(config_json.string(), "file", std::string("cannot open: ") + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw InputError(config_json.string(), "file", "read failed");
  return from_json(parse_json_strict(text.str(), config_json.string()), config_json.string());
}

nlohmann::json ModelConfig::to_json() const {
  // What `raw` says, to write only the fields that differ from it: the file keeps its own spelling
  // of everything else (n_inner null, a missing head_dim, ...). No usable raw: write every field.
  std::optional<ModelConfig> before;
  if (raw.is_object()) {
    try {
      before = from_json(raw, "config.json");
    } catch (const InputError&) {
    }
    if (before && before->arch != arch) before.reset();
  }
  auto changed = [&](const auto ModelConfig::*field) { return !before || (*before).*field != this->*field; };
  auto set = [&](json& object, const char* key, const auto ModelConfig::*field) {
    if (changed(field)) object[key] = this->*field;
  };
  auto optional_json = [](const auto& value) { return value ? json(*value) : json(nullptr); };

  json j = raw.is_object() ? raw : json::object();
  j["model_type"] = architecture_name(arch);
  if (!j.contains("architectures") || j["architectures"].is_null())
    j["architectures"] = json::array({arch_entry(arch).hf_class});
  set(j, "vocab_size", &ModelConfig::vocab_size);
  set(j, "tie_word_embeddings", &ModelConfig::tie_word_embeddings);

  if (arch == Architecture::GPT2) {
    set(j, "n_embd", &ModelConfig::hidden_size);
    set(j, "n_layer", &ModelConfig::num_layers);
    set(j, "n_head", &ModelConfig::num_heads);
    set(j, "n_inner", &ModelConfig::intermediate_size);
    set(j, "n_positions", &ModelConfig::max_position_embeddings);
    set(j, "layer_norm_epsilon", &ModelConfig::norm_eps);
    set(j, "activation_function", &ModelConfig::hidden_act);
  } else if (arch == Architecture::MPT) {
    set(j, "d_model", &ModelConfig::hidden_size);
    set(j, "n_layers", &ModelConfig::num_layers);
    set(j, "n_heads", &ModelConfig::num_heads);
    if (changed(&ModelConfig::intermediate_size) || changed(&ModelConfig::hidden_size)) {
      if (intermediate_size % hidden_size != 0)
        throw Error("cannot write an MPT config.json: intermediate_size " + std::to_string(intermediate_size) +
                    " is not a multiple of d_model " + std::to_string(hidden_size) + " (MPT stores expansion_ratio)");
      j["expansion_ratio"] = intermediate_size / hidden_size;
    }
    set(j, "max_seq_len", &ModelConfig::max_position_embeddings);
    set(j, "layer_norm_epsilon", &ModelConfig::norm_eps);
    set(j, "no_bias", &ModelConfig::no_bias);
    json& attn = j["attn_config"];
    if (!attn.is_object()) attn = json::object();
    if (changed(&ModelConfig::alibi_bias_max)) {
      // transformers' MptAttentionConfig takes an int here and rejects 8.0.
      const bool whole = alibi_bias_max == std::floor(alibi_bias_max) && std::abs(alibi_bias_max) < 1e15;
      attn["alibi_bias_max"] = whole ? json(static_cast<int64_t>(alibi_bias_max)) : json(alibi_bias_max);
    }
    if (changed(&ModelConfig::clip_qkv)) attn["clip_qkv"] = optional_json(clip_qkv);
    if (changed(&ModelConfig::softmax_scale)) attn["softmax_scale"] = optional_json(softmax_scale);
  } else {
    set(j, "hidden_size", &ModelConfig::hidden_size);
    set(j, "intermediate_size", &ModelConfig::intermediate_size);
    set(j, "num_hidden_layers", &ModelConfig::num_layers);
    set(j, "num_attention_heads", &ModelConfig::num_heads);
    set(j, "num_key_value_heads", &ModelConfig::num_kv_heads);
    set(j, "head_dim", &ModelConfig::head_dim);
    set(j, "max_position_embeddings", &ModelConfig::max_position_embeddings);
    set(j, "rms_norm_eps", &ModelConfig::norm_eps);
    set(j, "hidden_act", &ModelConfig::hidden_act);
    if (arch == Architecture::Llama || arch == Architecture::Qwen3) set(j, "attention_bias", &ModelConfig::attention_bias);
    if (arch == Architecture::Llama) set(j, "mlp_bias", &ModelConfig::mlp_bias);

    // RoPE goes where the file keeps it; a new file gets the layout every transformers version reads.
    if (changed(&ModelConfig::rope_theta) || changed(&ModelConfig::rope_scaling)) {
      const bool has_parameters = j.contains("rope_parameters") && j["rope_parameters"].is_object();
      const bool has_scaling = j.contains("rope_scaling") && j["rope_scaling"].is_object();
      if (has_parameters) j["rope_parameters"] = rope_json(j["rope_parameters"], *this);
      if (has_scaling) j["rope_scaling"] = rope_scaling ? rope_json(j["rope_scaling"], *this) : json(nullptr);
      if (!has_parameters || j.contains("rope_theta")) j["rope_theta"] = rope_theta;
      if (!has_parameters && !has_scaling && rope_scaling) j["rope_scaling"] = rope_json(json::object(), *this);
    }

    if (changed(&ModelConfig::sliding_window)) {
      if (arch == Architecture::Mistral) {
        j["sliding_window"] = optional_json(sliding_window);
      } else if (arch == Architecture::Qwen2 || arch == Architecture::Qwen3) {
        // Which layers slide stays as the file says (layer_types / max_window_layers).
        j["use_sliding_window"] = sliding_window.has_value();
        if (sliding_window) j["sliding_window"] = *sliding_window;
      }
    }
  }

  if (changed(&ModelConfig::bos_token_id)) j["bos_token_id"] = optional_json(bos_token_id);
  if (changed(&ModelConfig::pad_token_id)) j["pad_token_id"] = optional_json(pad_token_id);
  if (changed(&ModelConfig::eos_token_ids)) {
    if (eos_token_ids.empty()) {
      j["eos_token_id"] = nullptr;
    } else if (eos_token_ids.size() == 1) {
      j["eos_token_id"] = eos_token_ids.front();
    } else {
      j["eos_token_id"] = eos_token_ids;
    }
  }
  if (changed(&ModelConfig::torch_dtype)) {
    // The file's own spelling; a new file gets both (transformers 5 reads dtype, 4 torch_dtype).
    const bool has_new = j.contains("dtype");
    const bool has_old = j.contains("torch_dtype");
    if (has_new || !has_old) j["dtype"] = torch_dtype;
    if (has_old || !has_new) j["torch_dtype"] = torch_dtype;
  }
  return j;
}

}  // namespace sparsetune
