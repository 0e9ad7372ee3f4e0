#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/model/causal_lm.h"

namespace sparsetune {

struct GenerationOptions {
  int64_t max_new_tokens = 64;
  bool greedy = true;
  double temperature = 1.0;
  int64_t top_k = 0;      // 0 = off
  double top_p = 1.0;     // 1 = off
  uint64_t seed = 0;
  std::vector<int64_t> stop_ids;  // defaults to the config's eos ids when empty
};

// Decodes with a KV cache: one forward over the prompt, then one token at a time. Returns only the
// new tokens (a stop token, when hit, is included and ends generation). `on_token` sees each token.
std::vector<int64_t> generate(CausalLM& model, const std::vector<int64_t>& prompt, const GenerationOptions& options,
                              const std::function<void(int64_t)>& on_token = {});

struct TokenScores {
  std::vector<double> nll;  // nll[i] = -log p(token[i+1] | tokens[0..i])
  double mean_nll = 0;
  double perplexity = 0;
};
TokenScores score_tokens(CausalLM& model, const std::vector<int64_t>& tokens);

}  // namespace sparsetune
