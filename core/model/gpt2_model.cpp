#include "core/model/gpt2_model.h"

#include "core/prune/calibration.h"

#include <cmath>
#include <string>

#include "core/model/attention.h"
#include "core/model/sparse_runtime.h"
#include "core/util/error.h"

namespace sparsetune {


// y = x W + b with W [in, out] (HF's Conv1D). The view is taken on every call, so the gradient
// reaches `weight` once requires_grad is set on it.
torch::Tensor Gpt2Model::Conv1D::forward(const torch::Tensor& x) const {
  if (auto* observer = LinearInputObserver::current()) observer->observe(linear, x);
  if (linear.sparse)
    if (auto y = sparse_linear_forward(*linear.sparse, linear.bias, x)) return *y;
  return at::linear(x, weight.t(), linear.bias);
}

Gpt2Model::Gpt2Model(ModelConfig config, const WeightSource& weights)
    : CausalLM(std::move(config)),
      wte_(weights("transformer.wte.weight", {config_.vocab_size, config_.hidden_size}, Init::Normal)),
      wpe_(weights("transformer.wpe.weight", {config_.max_position_embeddings, config_.hidden_size}, Init::Normal)),
      act_(parse_activation(config_.hidden_act, "activation_function")) {
  const auto& c = config_;
  const int64_t H = c.hidden_size;
  const int64_t inner = c.intermediate_size;

  const auto conv1d = [&](const std::string& path, int64_t in, int64_t out) {
    Conv1D conv;
    conv.weight = weights(path + ".weight", {in, out}, Init::Normal);
    conv.linear.weight = conv.weight.t();
    conv.linear.bias = weights(path + ".bias", {out}, Init::Zeros);
    return conv;
  };
  blocks_.resize(c.num_layers);
  for (int64_t i = 0; i < c.num_layers; ++i) {
    const std::string p = "transformer.h." + std::to_string(i) + ".";
    Block& b = blocks_[i];
    b.ln_1_weight = weights(p + "ln_1.weight", {H}, Init::Ones);
    b.ln_1_bias = weights(p + "ln_1.bias", {H}, Init::Zeros);
    b.c_attn = conv1d(p + "attn.c_attn", H, 3 * H);
    b.attn_c_proj = conv1d(p + "attn.c_proj", H, H);
    b.ln_2_weight = weights(p + "ln_2.weight", {H}, Init::Ones);
    b.ln_2_bias = weights(p + "ln_2.bias", {H}, Init::Zeros);
    b.c_fc = conv1d(p + "mlp.c_fc", H, inner);
    b.mlp_c_proj = conv1d(p + "mlp.c_proj", inner, H);
  }
  ln_f_weight_ = weights("transformer.ln_f.weight", {H}, Init::Ones);
  ln_f_bias_ = weights("transformer.ln_f.bias", {H}, Init::Zeros);
  lm_head_.weight = c.tie_word_embeddings ? wte_ : weights("lm_head.weight", {c.vocab_size, H}, Init::Normal);

  for (int64_t i = 0; i < c.num_layers; ++i) {
    const std::string p = "transformer.h." + std::to_string(i) + ".";
    Block& b = blocks_[i];
    linears_.emplace_back(p + "attn.c_attn", &b.c_attn.linear);
    linears_.emplace_back(p + "attn.c_proj", &b.attn_c_proj.linear);
    linears_.emplace_back(p + "mlp.c_fc", &b.c_fc.linear);
    linears_.emplace_back(p + "mlp.c_proj", &b.mlp_c_proj.linear);
  }
  linears_.emplace_back("lm_head", &lm_head_);
}

ForwardOutput Gpt2Model::forward(const torch::Tensor& input_ids, const torch::Tensor& attention_mask, KVCache* cache,
                                 bool output_hidden_states) {
  const auto& c = config_;
  const auto device = wte_.device();
  const auto ids = input_ids.to(device);
  const auto in = check_forward_inputs(ids, attention_mask, cache, c.num_layers, c.vocab_size);
  const int64_t B = in.batch, S = in.seq, H = c.hidden_size, D = H / c.num_heads;
  // Positions never exceed past + seq - 1, so this bounds the learned position table.
  if (in.past + S > c.max_position_embeddings)
    throw Error("forward: " + std::to_string(in.past + S) + " tokens exceed GPT-2's " +
                std::to_string(c.max_position_embeddings) + " learned positions");

  const auto positions = token_positions(in.padding_mask, in.past, S, device);
  const auto mask = std::make_shared<const CausalMask>(in.padding_mask, in.past, S, std::nullopt, device);
  const double scale = std::pow(static_cast<double>(D), -0.5);  // ModelConfig rejects GPT-2's other scalings

  ForwardOutput out;
  auto x = at::embedding(wte_, ids) + at::embedding(wpe_, positions);
  for (std::size_t i = 0; i < blocks_.size(); ++i) {
    const Block& b = blocks_[i];
    x = run_block(
        [this, &b, i, cache, mask, B, S, H, D, scale](const torch::Tensor& input) {
          const auto& c = config_;
          auto h = layer_norm(input, b.ln_1_weight, b.ln_1_bias, c.norm_eps);
          const auto qkv = b.c_attn.forward(h).split(H, 2);
          const auto q = qkv[0].view({B, S, -1, D}).transpose(1, 2);
          auto k = qkv[1].view({B, S, -1, D}).transpose(1, 2);
          auto v = qkv[2].view({B, S, -1, D}).transpose(1, 2);
          std::tie(k, v) = update_cache(cache, i, k, v);
          const auto attn = mask->attend(q, k, v, scale).transpose(1, 2).reshape({B, S, H});
          auto y = b.attn_c_proj.forward(attn) + input;
          h = layer_norm(y, b.ln_2_weight, b.ln_2_bias, c.norm_eps);
          return y + b.mlp_c_proj.forward(activate(act_, b.c_fc.forward(h)));
        },
        x);
    if (output_hidden_states) out.hidden_states.push_back(x);
  }
  x = layer_norm(x, ln_f_weight_, ln_f_bias_, c.norm_eps);
  if (output_hidden_states) out.hidden_states.back() = x;
  out.logits = lm_head_.forward(x).to(torch::kFloat32);
  return out;
}

NamedTensors Gpt2Model::named_parameters() const {
  NamedTensors out;
  const auto append_conv1d = [&](const std::string& path, const Conv1D& conv) {
    out.emplace_back(path + ".weight", conv.weight);
    out.emplace_back(path + ".bias", conv.linear.bias);
  };
  out.emplace_back("transformer.wte.weight", wte_);
  out.emplace_back("transformer.wpe.weight", wpe_);
  for (std::size_t i = 0; i < blocks_.size(); ++i) {
    const std::string p = "transformer.h." + std::to_string(i) + ".";
    const Block& b = blocks_[i];
    out.emplace_back(p + "ln_1.weight", b.ln_1_weight);
    out.emplace_back(p + "ln_1.bias", b.ln_1_bias);
    append_conv1d(p + "attn.c_attn", b.c_attn);
    append_conv1d(p + "attn.c_proj", b.attn_c_proj);
    out.emplace_back(p + "ln_2.weight", b.ln_2_weight);
    out.emplace_back(p + "ln_2.bias", b.ln_2_bias);
    append_conv1d(p + "mlp.c_fc", b.c_fc);
    append_conv1d(p + "mlp.c_proj", b.mlp_c_proj);
  }
  out.emplace_back("transformer.ln_f.weight", ln_f_weight_);
  out.emplace_back("transformer.ln_f.bias", ln_f_bias_);
  if (!config_.tie_word_embeddings) append_linear(out, "lm_head", lm_head_);
  return out;
}

}  // namespace sparsetune
