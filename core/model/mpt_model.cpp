#include "core/model/mpt_model.h"

#include <cmath>
#include <string>

#include "core/model/attention.h"
#include "core/model/layers.h"

namespace sparsetune {

torch::Tensor mpt_alibi_slopes(int64_t heads, double alibi_bias_max) {
  const int64_t padded = int64_t{1} << static_cast<int64_t>(std::ceil(std::log2(static_cast<double>(heads))));
  const auto base = torch::arange(1, padded + 1, torch::kLong).to(torch::kFloat32) * (alibi_bias_max / static_cast<double>(padded));
  auto slopes = 1.0 / torch::pow(2, base);
  if (padded != heads)
    slopes = torch::cat({slopes.slice(0, 1, padded, 2), slopes.slice(0, 0, padded, 2)}).slice(0, 0, heads);
  return slopes;
}

MptModel::MptModel(ModelConfig config, const WeightSource& weights)
    : CausalLM(std::move(config)),
      wte_(weights("transformer.wte.weight", {config_.vocab_size, config_.hidden_size}, Init::Normal)) {
  const auto& c = config_;
  const int64_t H = c.hidden_size;
  const int64_t inner = c.intermediate_size;
  const bool bias = !c.no_bias;

  blocks_.resize(c.num_layers);
  for (int64_t i = 0; i < c.num_layers; ++i) {
    const std::string p = "transformer.blocks." + std::to_string(i) + ".";
    Block& b = blocks_[i];
    b.norm_1_weight = weights(p + "norm_1.weight", {H}, Init::Ones);
    if (bias) b.norm_1_bias = weights(p + "norm_1.bias", {H}, Init::Zeros);
    b.wqkv = load_linear(weights, p + "attn.Wqkv", H, 3 * H, bias);
    b.out_proj = load_linear(weights, p + "attn.out_proj", H, H, bias);
    b.norm_2_weight = weights(p + "norm_2.weight", {H}, Init::Ones);
    if (bias) b.norm_2_bias = weights(p + "norm_2.bias", {H}, Init::Zeros);
    b.up_proj = load_linear(weights, p + "ffn.up_proj", H, inner, bias);
    b.down_proj = load_linear(weights, p + "ffn.down_proj", inner, H, bias);
  }
  norm_f_weight_ = weights("transformer.norm_f.weight", {H}, Init::Ones);
  if (bias) norm_f_bias_ = weights("transformer.norm_f.bias", {H}, Init::Zeros);
  lm_head_.weight = c.tie_word_embeddings ? wte_ : weights("lm_head.weight", {c.vocab_size, H}, Init::Normal);
  alibi_slopes_ = mpt_alibi_slopes(c.num_heads, c.alibi_bias_max).to(wte_.device());
  softmax_scale_ = c.softmax_scale.value_or(1.0 / std::sqrt(static_cast<double>(H) / static_cast<double>(c.num_heads)));

  for (int64_t i = 0; i < c.num_layers; ++i) {
    const std::string p = "transformer.blocks." + std::to_string(i) + ".";
    Block& b = blocks_[i];
    linears_.emplace_back(p + "attn.Wqkv", &b.wqkv);
    linears_.emplace_back(p + "attn.out_proj", &b.out_proj);
    linears_.emplace_back(p + "ffn.up_proj", &b.up_proj);
    linears_.emplace_back(p + "ffn.down_proj", &b.down_proj);
  }
  linears_.emplace_back("lm_head", &lm_head_);
}

ForwardOutput MptModel::forward(const torch::Tensor& input_ids, const torch::Tensor& attention_mask, KVCache* cache,
                                bool output_hidden_states) {
  const auto& c = config_;
  const auto device = wte_.device();
  const auto dtype = wte_.scalar_type();
  const auto ids = input_ids.to(device);
  const auto in = check_forward_inputs(ids, attention_mask, cache, c.num_layers, c.vocab_size);
  const int64_t B = in.batch, S = in.seq, H = c.hidden_size, heads = c.num_heads, D = H / heads;
  const int64_t keys = in.past + S;

  // ALiBi as HF builds it: slope · (j - (keys - 1)) for key slot j. Softmax only sees differences
  // along a row, so this equals slope · (j - i) and needs no per-query term.
  const auto distance = torch::arange(1 - keys, 1, torch::dtype(torch::kFloat32).device(device));
  const auto alibi = alibi_slopes_.view({1, heads, 1, 1}) * distance.view({1, 1, 1, keys});
  const auto blocked = CausalMask(in.padding_mask, in.past, S, std::nullopt, device).allowed().logical_not();
  const double lowest = lowest_value(dtype);

  ForwardOutput out;
  auto x = at::embedding(wte_, ids);
  for (std::size_t i = 0; i < blocks_.size(); ++i) {
    const Block& b = blocks_[i];
    x = run_block(
        [this, &b, i, cache, alibi, blocked, lowest, B, S, H, heads, D](const torch::Tensor& input) {
          const auto& c = config_;
          auto h = layer_norm(input, b.norm_1_weight, b.norm_1_bias, c.norm_eps);
          auto qkv = b.wqkv.forward(h);
          if (c.clip_qkv) qkv = qkv.clamp(-*c.clip_qkv, *c.clip_qkv);
          const auto parts = qkv.chunk(3, 2);
          const auto q = parts[0].reshape({B, S, heads, D}).transpose(1, 2);
          auto k = parts[1].reshape({B, S, heads, D}).transpose(1, 2);
          auto v = parts[2].reshape({B, S, heads, D}).transpose(1, 2);
          std::tie(k, v) = update_cache(cache, i, k, v);
          const auto scores = (torch::matmul(q, k.transpose(-1, -2)) * softmax_scale_ + alibi).masked_fill(blocked, lowest);
          const auto probs = torch::softmax(scores.to(torch::kFloat32), -1).to(v.scalar_type());
          const auto context = torch::matmul(probs, v).permute({0, 2, 1, 3}).reshape({B, S, H});
          auto y = b.out_proj.forward(context) + input;
          h = layer_norm(y, b.norm_2_weight, b.norm_2_bias, c.norm_eps);
          return b.down_proj.forward(at::gelu(b.up_proj.forward(h))) + y;
        },
        x);
    if (output_hidden_states) out.hidden_states.push_back(x);
  }
  x = layer_norm(x, norm_f_weight_, norm_f_bias_, c.norm_eps);
  if (output_hidden_states) out.hidden_states.back() = x;
  out.logits = lm_head_.forward(x).to(torch::kFloat32);
  return out;
}

NamedTensors MptModel::named_parameters() const {
  NamedTensors out;
  out.emplace_back("transformer.wte.weight", wte_);
  for (std::size_t i = 0; i < blocks_.size(); ++i) {
    const std::string p = "transformer.blocks." + std::to_string(i) + ".";
    const Block& b = blocks_[i];
    out.emplace_back(p + "norm_1.weight", b.norm_1_weight);
    if (b.norm_1_bias.defined()) out.emplace_back(p + "norm_1.bias", b.norm_1_bias);
    append_linear(out, p + "attn.Wqkv", b.wqkv);
    append_linear(out, p + "attn.out_proj", b.out_proj);
    out.emplace_back(p + "norm_2.weight", b.norm_2_weight);
    if (b.norm_2_bias.defined()) out.emplace_back(p + "norm_2.bias", b.norm_2_bias);
    append_linear(out, p + "ffn.up_proj", b.up_proj);
    append_linear(out, p + "ffn.down_proj", b.down_proj);
  }
  out.emplace_back("transformer.norm_f.weight", norm_f_weight_);
  if (norm_f_bias_.defined()) out.emplace_back("transformer.norm_f.bias", norm_f_bias_);
  if (!config_.tie_word_embeddings) append_linear(out, "lm_head", lm_head_);
  return out;
}

}  // namespace sparsetune
