#include "core/model/gguf_weights.h"

#include <algorithm>
#include <map>
#include <vector>

#include "core/model/gguf_dequantize.h"
#include "core/util/error.h"

namespace sparsetune {

namespace {

// What the model needs, keyed by GGUF name.
struct Expected {
  std::string hf_name;
  std::vector<int64_t> shape;  // Hugging Face shape
  GgufLayout layout = GgufLayout::Same;
  int64_t heads = 0;
};
using ExpectedTensors = std::map<std::string, Expected>;

std::string shape_string(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

ExpectedTensors llama_family(const ModelConfig& c) {
  const int64_t H = c.hidden_size, I = c.intermediate_size, V = c.vocab_size;
  const int64_t q = c.num_heads * c.head_dim, kv = c.num_kv_heads * c.head_dim;
  // transformers undoes the interleaving for the llama architecture only; Qwen2's converter keeps
  // the Hugging Face order.
  const bool interleaved = c.arch == Architecture::Llama;
  ExpectedTensors t;
  t["token_embd.weight"] = {"model.embed_tokens.weight", {V, H}};
  t["output_norm.weight"] = {"model.norm.weight", {H}};
  if (!c.tie_word_embeddings) t["output.weight"] = {"lm_head.weight", {V, H}};
  for (int64_t i = 0; i < c.num_layers; ++i) {
    const std::string g = "blk." + std::to_string(i) + ".";
    const std::string h = "model.layers." + std::to_string(i) + ".";
    const GgufLayout rows = interleaved ? GgufLayout::Interleaved : GgufLayout::Same;
    t[g + "attn_norm.weight"] = {h + "input_layernorm.weight", {H}};
    t[g + "attn_q.weight"] = {h + "self_attn.q_proj.weight", {q, H}, rows, c.num_heads};
    t[g + "attn_k.weight"] = {h + "self_attn.k_proj.weight", {kv, H}, rows, c.num_kv_heads};
    t[g + "attn_v.weight"] = {h + "self_attn.v_proj.weight", {kv, H}};
    t[g + "attn_output.weight"] = {h + "self_attn.o_proj.weight", {H, q}};
    if (c.attention_bias) {
      t[g + "attn_q.bias"] = {h + "self_attn.q_proj.bias", {q}, rows, c.num_heads};
      t[g + "attn_k.bias"] = {h + "self_attn.k_proj.bias", {kv}, rows, c.num_kv_heads};
      t[g + "attn_v.bias"] = {h + "self_attn.v_proj.bias", {kv}};
    }
    t[g + "ffn_norm.weight"] = {h + "post_attention_layernorm.weight", {H}};
    t[g + "ffn_gate.weight"] = {h + "mlp.gate_proj.weight", {I, H}};
    t[g + "ffn_up.weight"] = {h + "mlp.up_proj.weight", {I, H}};
    t[g + "ffn_down.weight"] = {h + "mlp.down_proj.weight", {H, I}};
  }
  return t;
}

ExpectedTensors gpt2(const ModelConfig& c) {
  const int64_t H = c.hidden_size, I = c.intermediate_size, V = c.vocab_size;
  ExpectedTensors t;
  t["token_embd.weight"] = {"transformer.wte.weight", {V, H}};
  t["position_embd.weight"] = {"transformer.wpe.weight", {c.max_position_embeddings, H}};
  t["output_norm.weight"] = {"transformer.ln_f.weight", {H}};
  t["output_norm.bias"] = {"transformer.ln_f.bias", {H}};
  if (!c.tie_word_embeddings) t["output.weight"] = {"lm_head.weight", {V, H}};
  for (int64_t i = 0; i < c.num_layers; ++i) {
    const std::string g = "blk." + std::to_string(i) + ".";
    const std::string h = "transformer.h." + std::to_string(i) + ".";
    const auto conv1d = [&](const std::string& gguf, const std::string& hf, int64_t in, int64_t out) {
      t[g + gguf + ".weight"] = {h + hf + ".weight", {in, out}, GgufLayout::Transposed};
      t[g + gguf + ".bias"] = {h + hf + ".bias", {out}};
    };
    t[g + "attn_norm.weight"] = {h + "ln_1.weight", {H}};
    t[g + "attn_norm.bias"] = {h + "ln_1.bias", {H}};
    conv1d("attn_qkv", "attn.c_attn", H, 3 * H);
    conv1d("attn_output", "attn.c_proj", H, H);
    t[g + "ffn_norm.weight"] = {h + "ln_2.weight", {H}};
    t[g + "ffn_norm.bias"] = {h + "ln_2.bias", {H}};
    conv1d("ffn_up", "mlp.c_fc", H, I);
    conv1d("ffn_down", "mlp.c_proj", I, H);
  }
  return t;
}

}  // namespace

std::vector<GgufWeight> gguf_weights(const GgufFile& file, const ModelConfig& config) {
  ExpectedTensors expected;
  switch (config.arch) {
    case Architecture::Llama:
    case Architecture::Qwen2: expected = llama_family(config); break;
    case Architecture::GPT2: expected = gpt2(config); break;
    default: throw Error("gguf_weights: no GGUF layout for " + config.model_type);
  }
  std::vector<GgufWeight> weights;
  for (const GgufTensor& t : file.tensors()) {
    auto it = expected.find(t.name);
    if (it == expected.end()) {
      const char* why = t.name == "rope_freqs.weight"
                            ? " (per-dimension RoPE factors, as Llama 3.1 files have, are not supported)"
                            : "";
      file.fail(t.name, "a " + config.model_type + " model with this metadata has no such tensor" + why);
    }
    const Expected& e = it->second;
    const std::vector<int64_t> file_shape =
        e.layout == GgufLayout::Transposed ? std::vector<int64_t>{e.shape[1], e.shape[0]} : e.shape;
    if (t.shape() != file_shape)
      file.fail(t.name, "shape " + shape_string(t.shape()) + " does not match the metadata; expected " +
                            shape_string(file_shape));
    if (!can_dequantize(t.type))
      file.fail(t.name, "type " + ggml_type_name(t.type) + " cannot be converted; supported: " + dequantizable_types());
    weights.push_back({e.hf_name, e.shape, &t, e.layout, e.heads});
    expected.erase(it);
  }
  if (!expected.empty())
    file.fail(expected.begin()->first, "missing; a " + config.model_type + " model with this metadata needs it (as " +
                                           expected.begin()->second.hf_name + ")");
  return weights;
}

void read_weight(const GgufFile& file, const GgufWeight& weight, std::span<float> out) {
  if (weight.layout == GgufLayout::Same) return dequantize(file, *weight.tensor, out);
  std::vector<float> values(out.size());
  dequantize(file, *weight.tensor, values);
  const std::vector<int64_t> shape = weight.tensor->shape();
  const int64_t rows = shape[0];
  const int64_t cols = shape.size() > 1 ? shape[1] : 1;
  if (weight.layout == GgufLayout::Transposed) {
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t c = 0; c < cols; ++c) out[c * rows + r] = values[r * cols + c];
    }
    return;
  }
  // Within each head of 2 * half rows, file row 2 * i + p holds Hugging Face row p * half + i.
  const int64_t per_head = rows / weight.heads, half = per_head / 2;
  for (int64_t h = 0; h < weight.heads; ++h) {
    for (int64_t p = 0; p < 2; ++p) {
      for (int64_t i = 0; i < half; ++i) {
        const float* from = values.data() + (h * per_head + 2 * i + p) * cols;
        std::copy(from, from + cols, out.data() + (h * per_head + p * half + i) * cols);
      }
    }
  }
}

}  // namespace sparsetune
