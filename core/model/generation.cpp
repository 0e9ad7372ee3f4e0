#include "core/model/generation.h"

#include <ATen/CPUGeneratorImpl.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/util/error.h"

namespace sparsetune {

namespace {

void check_options(const GenerationOptions& o) {
  if (o.max_new_tokens < 0) throw Error("generate: max_new_tokens must be ≥ 0, got " + std::to_string(o.max_new_tokens));
  if (!o.greedy) {
    if (!(o.temperature > 0)) throw Error("generate: temperature must be > 0, got " + std::to_string(o.temperature));
    if (o.top_k < 0) throw Error("generate: top_k must be ≥ 0, got " + std::to_string(o.top_k));
    if (!(o.top_p > 0 && o.top_p <= 1)) throw Error("generate: top_p must lie in (0, 1], got " + std::to_string(o.top_p));
  }
}

// One token from float32 logits [vocab] on the CPU, in HF's order: temperature, top-k, top-p.
int64_t sample(torch::Tensor logits, const GenerationOptions& o, at::Generator& generator) {
  logits = logits / o.temperature;
  const double excluded = -std::numeric_limits<double>::infinity();
  if (o.top_k > 0 && o.top_k < logits.size(0)) {
    const auto kth = std::get<0>(logits.topk(o.top_k)).min();
    logits = logits.masked_fill(logits < kth, excluded);
  }
  if (o.top_p < 1) {
    // Keep the smallest set of most likely tokens whose probability reaches top_p (at least one).
    const auto [sorted, order] = logits.sort(/*dim=*/0, /*descending=*/true);
    const auto probs = sorted.softmax(0);
    const auto drop_sorted = (probs.cumsum(0) - probs) >= o.top_p;
    drop_sorted[0].fill_(false);
    logits = logits.masked_fill(torch::zeros_like(drop_sorted).scatter(0, order, drop_sorted), excluded);
  }
  return torch::multinomial(logits.softmax(0), 1, false, generator).item<int64_t>();
}

}  // namespace

std::vector<int64_t> generate(CausalLM& model, const std::vector<int64_t>& prompt, const GenerationOptions& options,
                              const std::function<void(int64_t)>& on_token) {
  check_options(options);
  if (prompt.empty()) throw Error("generate: the prompt is empty");
  c10::InferenceMode inference;
  const auto& stop_ids = options.stop_ids.empty() ? model.config().eos_token_ids : options.stop_ids;
  auto generator = at::detail::createCPUGenerator(options.seed);

  KVCache cache;
  std::vector<int64_t> generated;
  // The prompt goes through once; afterwards each step feeds only the newest token.
  auto input = torch::tensor(prompt, torch::kLong).unsqueeze(0);
  while (static_cast<int64_t>(generated.size()) < options.max_new_tokens) {
    const auto logits = model.forward(input, {}, &cache).logits[0][-1];
    const int64_t token =
        options.greedy ? logits.argmax().item<int64_t>() : sample(logits.to(torch::kCPU), options, generator);
    generated.push_back(token);
    if (on_token) on_token(token);
    if (std::find(stop_ids.begin(), stop_ids.end(), token) != stop_ids.end()) break;
    input = torch::tensor({token}, torch::kLong).view({1, 1});
  }
  return generated;
}

TokenScores score_tokens(CausalLM& model, const std::vector<int64_t>& tokens) {
  if (tokens.size() < 2) throw Error("score_tokens: needs at least two tokens, got " + std::to_string(tokens.size()));
  c10::InferenceMode inference;
  const auto ids = torch::tensor(tokens, torch::kLong).unsqueeze(0);
  const auto logits = model.forward(ids).logits[0].narrow(0, 0, ids.size(1) - 1);
  const auto targets = ids[0].narrow(0, 1, ids.size(1) - 1).to(logits.device());
  const auto nll = -logits.to(torch::kDouble).log_softmax(-1).gather(1, targets.unsqueeze(1)).squeeze(1).cpu();

  TokenScores scores;
  scores.nll.assign(nll.data_ptr<double>(), nll.data_ptr<double>() + nll.numel());
  double sum = 0;
  for (double v : scores.nll) sum += v;
  scores.mean_nll = sum / static_cast<double>(scores.nll.size());
  scores.perplexity = std::exp(scores.mean_nll);
  return scores;
}

}  // namespace sparsetune
