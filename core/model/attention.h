#pragma once
#include <cstdint>
#include <optional>
#include <utility>

#include <torch/types.h>

#include "core/model/causal_lm.h"

namespace sparsetune {

// The value HF's masks use for "never attend" in `dtype`: its lowest finite number (not -inf).
double lowest_value(torch::ScalarType dtype);

// Positions of the new tokens, [batch|1, seq] int64. With a padding mask ([batch, past + seq],
// nonzero = token) they count only real tokens (cumsum - 1), so a left-padded row gets the same
// positions as the unpadded sequence, as HF's generate computes them; without one they are
// past .. past + seq - 1.
torch::Tensor token_positions(const torch::Tensor& padding_mask, int64_t past, int64_t seq, torch::Device device);

// Which keys each new token may attend to: causal, optionally within a sliding window (key index >
// query index - window, counted in cache slots like HF), and never a padding key.
class CausalMask {
 public:
  // padding_mask: [batch, past + q_len] bool or undefined (no padding).
  CausalMask(const torch::Tensor& padding_mask, int64_t past, int64_t q_len, std::optional<int64_t> window,
             torch::Device device);

  // [batch|1, 1, q_len, past + q_len], true = may attend. A padding query may have no key at all;
  // users mask with the dtype's lowest finite value (never -inf), so such a row yields finite
  // garbage instead of NaN, which would leak into real rows through 0 * NaN.
  const torch::Tensor& allowed() const { return allowed_; }

  // softmax(q kᵀ · scale + mask) v through scaled_dot_product_attention. q [batch, heads, q_len, d],
  // k/v [batch, kv_heads, keys, d] (grouped-query attention when kv_heads < heads). Dispatches to
  // the plain causal kernel (no mask tensor) when nothing else restricts attention.
  torch::Tensor attend(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v, double scale) const;

 private:
  enum class Kind { All, Causal, Explicit };
  Kind kind_;
  torch::Tensor allowed_;
  mutable torch::Tensor additive_;  // allowed_ as 0 / dtype-min, built on first use
};

// Appends this step's keys/values to layer `layer` of the cache and returns everything cached so far;
// returns k, v unchanged without a cache.
std::pair<torch::Tensor, torch::Tensor> update_cache(KVCache* cache, std::size_t layer, const torch::Tensor& k,
                                                     const torch::Tensor& v);

// Checks input_ids / attention_mask / cache against each other (throws Error on a mismatch), sizes
// the cache for `num_layers` and returns the number of cached tokens. The mask comes back as bool.
struct ForwardInputs {
  int64_t batch = 0, seq = 0, past = 0;
  torch::Tensor padding_mask;  // bool [batch, past + seq] or undefined
};
ForwardInputs check_forward_inputs(const torch::Tensor& input_ids, const torch::Tensor& attention_mask, KVCache* cache,
                                   int64_t num_layers, int64_t vocab_size);

}  // namespace sparsetune
