#include "core/model/attention.h"

#include <limits>
#include <string>

#include "core/util/error.h"

namespace sparsetune {

namespace {

std::string shape_string(const torch::Tensor& t) {
  std::string s = "[";
  for (int64_t i = 0; i < t.dim(); ++i) s += (i ? ", " : "") + std::to_string(t.size(i));
  return s + "]";
}

}  // namespace

double lowest_value(torch::ScalarType dtype) {
  switch (dtype) {
    case torch::kBFloat16: return static_cast<double>(std::numeric_limits<c10::BFloat16>::lowest());
    case torch::kHalf: return static_cast<double>(std::numeric_limits<c10::Half>::lowest());
    case torch::kDouble: return std::numeric_limits<double>::lowest();
    default: return std::numeric_limits<float>::lowest();
  }
}

int64_t KVCache::length() const { return keys.empty() || !keys[0].defined() ? 0 : keys[0].size(2); }

torch::Tensor token_positions(const torch::Tensor& padding_mask, int64_t past, int64_t seq, torch::Device device) {
  if (!padding_mask.defined()) return torch::arange(past, past + seq, torch::dtype(torch::kLong).device(device)).unsqueeze(0);
  return (padding_mask.to(torch::kLong).cumsum(1) - 1).narrow(1, past, seq).clamp_min(0);
}

CausalMask::CausalMask(const torch::Tensor& padding_mask, int64_t past, int64_t q_len, std::optional<int64_t> window,
                       torch::Device device) {
  const int64_t keys = past + q_len;
  const auto options = torch::dtype(torch::kLong).device(device);
  const auto q_index = torch::arange(past, keys, options).unsqueeze(1);
  const auto k_index = torch::arange(0, keys, options).unsqueeze(0);
  allowed_ = k_index <= q_index;
  // The window only bites once some query is `window` or more slots past the first key.
  const bool windowed = window && keys > *window;
  if (windowed) allowed_ = allowed_.logical_and(k_index > q_index - *window);
  allowed_ = allowed_.view({1, 1, q_len, keys});
  // One device sync per forward, to keep the fast kernels when a mask holds no padding at all.
  const bool padded = padding_mask.defined() && !padding_mask.all().item<bool>();
  if (padded) allowed_ = allowed_.logical_and(padding_mask.view({padding_mask.size(0), 1, 1, keys}));
  if (padded || windowed) kind_ = Kind::Explicit;
  else if (q_len == 1) kind_ = Kind::All;  // one new token sees everything cached
  else if (past == 0) kind_ = Kind::Causal;
  else kind_ = Kind::Explicit;  // several new tokens after a cache: causal with an offset
}

torch::Tensor CausalMask::attend(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v, double scale) const {
  const bool gqa = q.size(1) != k.size(1);
  switch (kind_) {
    case Kind::All: return at::scaled_dot_product_attention(q, k, v, std::nullopt, 0.0, false, scale, gqa);
    case Kind::Causal: return at::scaled_dot_product_attention(q, k, v, std::nullopt, 0.0, true, scale, gqa);
    case Kind::Explicit: break;
  }
  if (!additive_.defined() || additive_.scalar_type() != q.scalar_type())
    additive_ = torch::zeros(allowed_.sizes(), q.options()).masked_fill_(allowed_.logical_not(), lowest_value(q.scalar_type()));
  if (!gqa) return at::scaled_dot_product_attention(q, k, v, additive_, 0.0, false, scale);
  // With a mask, SDPA's grouped-query path falls back to the slow math kernel on CUDA; repeating
  // the key/value heads keeps the memory-efficient one (and is what HF does here).
  const int64_t groups = q.size(1) / k.size(1);
  const auto repeat = [&](const torch::Tensor& t) {
    return t.unsqueeze(2).expand({t.size(0), t.size(1), groups, t.size(2), t.size(3)}).reshape({t.size(0), -1, t.size(2), t.size(3)});
  };
  return at::scaled_dot_product_attention(q, repeat(k), repeat(v), additive_, 0.0, false, scale);
}

std::pair<torch::Tensor, torch::Tensor> update_cache(KVCache* cache, std::size_t layer, const torch::Tensor& k,
                                                     const torch::Tensor& v) {
  if (!cache) return {k, v};
  auto& keys = cache->keys[layer];
  auto& values = cache->values[layer];
  keys = keys.defined() ? torch::cat({keys, k}, 2) : k;
  values = values.defined() ? torch::cat({values, v}, 2) : v;
  return {keys, values};
}

ForwardInputs check_forward_inputs(const torch::Tensor& input_ids, const torch::Tensor& attention_mask, KVCache* cache,
                                   int64_t num_layers, int64_t vocab_size) {
  if (!input_ids.defined() || input_ids.dim() != 2 || input_ids.scalar_type() != torch::kLong)
    throw Error("forward: input_ids must be an int64 tensor [batch, seq]");
  ForwardInputs in;
  in.batch = input_ids.size(0);
  in.seq = input_ids.size(1);
  if (in.batch == 0 || in.seq == 0) throw Error("forward: input_ids is empty " + shape_string(input_ids));
  // Out-of-range ids would read outside the embedding (a device-side assert on CUDA): reject them.
  const auto [lo, hi] = torch::aminmax(input_ids);
  const auto range = torch::stack({lo, hi}).cpu();  // one device sync
  const int64_t min_id = range[0].item<int64_t>(), max_id = range[1].item<int64_t>();
  if (min_id < 0 || max_id >= vocab_size)
    throw Error("forward: token ids must lie in [0, " + std::to_string(vocab_size) + "), got [" + std::to_string(min_id) +
                ", " + std::to_string(max_id) + "]");
  if (cache) {
    if (cache->keys.empty()) {
      cache->keys.resize(num_layers);
      cache->values.resize(num_layers);
    }
    if (static_cast<int64_t>(cache->keys.size()) != num_layers || cache->values.size() != cache->keys.size())
      throw Error("forward: the KV cache holds " + std::to_string(cache->keys.size()) + " layers, the model has " +
                  std::to_string(num_layers));
    in.past = cache->length();
    if (in.past > 0 && cache->keys[0].size(0) != in.batch)
      throw Error("forward: the KV cache was built for batch " + std::to_string(cache->keys[0].size(0)) + ", got batch " +
                  std::to_string(in.batch));
  }
  if (attention_mask.defined()) {
    if (attention_mask.dim() != 2 || attention_mask.size(0) != in.batch || attention_mask.size(1) != in.past + in.seq)
      throw Error("forward: attention_mask must be [batch, past + seq] = [" + std::to_string(in.batch) + ", " +
                  std::to_string(in.past + in.seq) + "], got " + shape_string(attention_mask));
    in.padding_mask = attention_mask.to(input_ids.device(), torch::kBool);
  }
  return in;
}

}  // namespace sparsetune
