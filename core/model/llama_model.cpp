#include "core/model/llama_model.h"

#include <cmath>
#include <string>

#include "core/model/attention.h"

namespace sparsetune {

namespace {

// Which layers use the sliding window (set only when the config enables it). Mistral: all of them.
// Qwen2/Qwen3: the layers marked "sliding_attention" in layer_types, or (older configs) the layers
// from max_window_layers on.
std::vector<bool> sliding_layers(const ModelConfig& c) {
  std::vector<bool> sliding(c.num_layers, c.sliding_window.has_value());
  if (!c.sliding_window || (c.arch != Architecture::Qwen2 && c.arch != Architecture::Qwen3)) return sliding;
  // ModelConfig::from_json has checked layer_types (when present) and max_window_layers.
  if (const auto it = c.raw.find("layer_types"); it != c.raw.end() && it->is_array()) {
    for (int64_t i = 0; i < c.num_layers; ++i) sliding[i] = (*it)[i] == "sliding_attention";
  } else {
    const auto first = c.raw.value("max_window_layers", int64_t{28});
    for (int64_t i = 0; i < c.num_layers; ++i) sliding[i] = i >= first;
  }
  return sliding;
}

}  // namespace

LlamaModel::LlamaModel(ModelConfig config, const WeightSource& weights)
    : CausalLM(std::move(config)),
      embed_tokens_(weights("model.embed_tokens.weight", {config_.vocab_size, config_.hidden_size}, Init::Normal)),
      rope_(config_, embed_tokens_.device()),
      act_(parse_activation(config_.hidden_act, "hidden_act")) {
  const auto& c = config_;
  // ModelConfig normalizes the bias flags per family; only Qwen2's attention bias skips o_proj.
  const bool o_bias = c.attention_bias && c.arch != Architecture::Qwen2;
  const int64_t q_dim = c.num_heads * c.head_dim, kv_dim = c.num_kv_heads * c.head_dim;
  const auto sliding = sliding_layers(c);

  blocks_.resize(c.num_layers);
  for (int64_t i = 0; i < c.num_layers; ++i) {
    const std::string p = "model.layers." + std::to_string(i) + ".";
    Block& b = blocks_[i];
    b.q_proj = load_linear(weights, p + "self_attn.q_proj", c.hidden_size, q_dim, c.attention_bias);
    b.k_proj = load_linear(weights, p + "self_attn.k_proj", c.hidden_size, kv_dim, c.attention_bias);
    b.v_proj = load_linear(weights, p + "self_attn.v_proj", c.hidden_size, kv_dim, c.attention_bias);
    b.o_proj = load_linear(weights, p + "self_attn.o_proj", q_dim, c.hidden_size, o_bias);
    if (c.qk_norm) {
      b.q_norm = weights(p + "self_attn.q_norm.weight", {c.head_dim}, Init::Ones);
      b.k_norm = weights(p + "self_attn.k_norm.weight", {c.head_dim}, Init::Ones);
    }
    b.gate_proj = load_linear(weights, p + "mlp.gate_proj", c.hidden_size, c.intermediate_size, c.mlp_bias);
    b.up_proj = load_linear(weights, p + "mlp.up_proj", c.hidden_size, c.intermediate_size, c.mlp_bias);
    b.down_proj = load_linear(weights, p + "mlp.down_proj", c.intermediate_size, c.hidden_size, c.mlp_bias);
    b.input_norm = weights(p + "input_layernorm.weight", {c.hidden_size}, Init::Ones);
    b.post_attention_norm = weights(p + "post_attention_layernorm.weight", {c.hidden_size}, Init::Ones);
    b.sliding = sliding[i];
    if (b.sliding) sliding_window_ = c.sliding_window;
  }
  norm_ = weights("model.norm.weight", {c.hidden_size}, Init::Ones);
  lm_head_.weight = c.tie_word_embeddings ? embed_tokens_ : weights("lm_head.weight", {c.vocab_size, c.hidden_size}, Init::Normal);

  for (int64_t i = 0; i < c.num_layers; ++i) {
    const std::string p = "model.layers." + std::to_string(i) + ".";
    Block& b = blocks_[i];
    linears_.emplace_back(p + "self_attn.q_proj", &b.q_proj);
    linears_.emplace_back(p + "self_attn.k_proj", &b.k_proj);
    linears_.emplace_back(p + "self_attn.v_proj", &b.v_proj);
    linears_.emplace_back(p + "self_attn.o_proj", &b.o_proj);
    linears_.emplace_back(p + "mlp.gate_proj", &b.gate_proj);
    linears_.emplace_back(p + "mlp.up_proj", &b.up_proj);
    linears_.emplace_back(p + "mlp.down_proj", &b.down_proj);
  }
  linears_.emplace_back("lm_head", &lm_head_);
}

ForwardOutput LlamaModel::forward(const torch::Tensor& input_ids, const torch::Tensor& attention_mask, KVCache* cache,
                                  bool output_hidden_states) {
  const auto& c = config_;
  const auto device = embed_tokens_.device();
  const auto ids = input_ids.to(device);
  const auto in = check_forward_inputs(ids, attention_mask, cache, c.num_layers, c.vocab_size);
  const int64_t B = in.batch, S = in.seq, D = c.head_dim;

  const auto positions = token_positions(in.padding_mask, in.past, S, device);
  const auto [cos, sin] = rope_.cos_sin(positions, embed_tokens_.scalar_type());
  const auto full_mask = std::make_shared<const CausalMask>(in.padding_mask, in.past, S, std::nullopt, device);
  std::shared_ptr<const CausalMask> window_mask;
  if (sliding_window_) window_mask = std::make_shared<const CausalMask>(in.padding_mask, in.past, S, sliding_window_, device);
  const double scale = 1.0 / std::sqrt(static_cast<double>(D));

  ForwardOutput out;
  // Like nn.Embedding(padding_idx=pad_token_id): the padding row gets no gradient.
  auto x = at::embedding(embed_tokens_, ids, c.pad_token_id.value_or(-1));
  for (std::size_t i = 0; i < blocks_.size(); ++i) {
    const Block& b = blocks_[i];
    const auto masks = b.sliding ? window_mask : full_mask;
    x = run_block(
        [this, &b, i, cache, cos, sin, masks, B, S, D, scale](const torch::Tensor& input) {
          const auto& c = config_;
          auto h = rms_norm(input, b.input_norm, c.norm_eps);
          auto q = b.q_proj.forward(h).view({B, S, -1, D});
          auto k = b.k_proj.forward(h).view({B, S, -1, D});
          auto v = b.v_proj.forward(h).view({B, S, -1, D}).transpose(1, 2);
          if (c.qk_norm) {  // Qwen3 normalizes each head before the rotation
            q = rms_norm(q, b.q_norm, c.norm_eps);
            k = rms_norm(k, b.k_norm, c.norm_eps);
          }
          q = apply_rotary(q.transpose(1, 2), cos, sin);
          k = apply_rotary(k.transpose(1, 2), cos, sin);
          std::tie(k, v) = update_cache(cache, i, k, v);
          const auto attn = masks->attend(q, k, v, scale).transpose(1, 2).reshape({B, S, -1});
          auto y = input + b.o_proj.forward(attn);
          h = rms_norm(y, b.post_attention_norm, c.norm_eps);
          return y + b.down_proj.forward(activate(act_, b.gate_proj.forward(h)) * b.up_proj.forward(h));
        },
        x);
    if (output_hidden_states) out.hidden_states.push_back(x);
  }
  x = rms_norm(x, norm_, c.norm_eps);
  if (output_hidden_states) out.hidden_states.back() = x;
  out.logits = lm_head_.forward(x).to(torch::kFloat32);
  return out;
}

NamedTensors LlamaModel::named_parameters() const {
  NamedTensors out;
  out.emplace_back("model.embed_tokens.weight", embed_tokens_);
  for (std::size_t i = 0; i < blocks_.size(); ++i) {
    const std::string p = "model.layers." + std::to_string(i) + ".";
    const Block& b = blocks_[i];
    append_linear(out, p + "self_attn.q_proj", b.q_proj);
    append_linear(out, p + "self_attn.k_proj", b.k_proj);
    append_linear(out, p + "self_attn.v_proj", b.v_proj);
    append_linear(out, p + "self_attn.o_proj", b.o_proj);
    if (b.q_norm.defined()) {
      out.emplace_back(p + "self_attn.q_norm.weight", b.q_norm);
      out.emplace_back(p + "self_attn.k_norm.weight", b.k_norm);
    }
    append_linear(out, p + "mlp.gate_proj", b.gate_proj);
    append_linear(out, p + "mlp.up_proj", b.up_proj);
    append_linear(out, p + "mlp.down_proj", b.down_proj);
    out.emplace_back(p + "input_layernorm.weight", b.input_norm);
    out.emplace_back(p + "post_attention_layernorm.weight", b.post_attention_norm);
  }
  out.emplace_back("model.norm.weight", norm_);
  if (!config_.tie_word_embeddings) append_linear(out, "lm_head", lm_head_);
  return out;
}

}  // namespace sparsetune
