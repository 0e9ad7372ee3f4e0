#include "core/eval/evaluator.h"

#include <cmath>

#include "core/data/final_answer.h"
#include "core/data/jsonl.h"
#include "core/model/causal_lm.h"
#include "core/model/generation.h"
#include "core/tokenizer/tokenizer.h"
#include "core/train/batch.h"

namespace sparsetune {

HeldOutScores evaluate_held_out(CausalLM& model, const Dataset& data, int64_t batch_size, int64_t pad_id,
                                int64_t max_examples) {
  torch::NoGradGuard no_grad;
  const auto n = max_examples < 0 ? data.examples.size()
                                  : std::min(data.examples.size(), static_cast<std::size_t>(max_examples));
  double loss_sum = 0;
  int64_t correct = 0, targets = 0;
  for (std::size_t start = 0; start < n; start += static_cast<std::size_t>(batch_size)) {
    std::vector<const TokenizedExample*> rows;
    for (std::size_t i = start; i < std::min(n, start + static_cast<std::size_t>(batch_size)); ++i) rows.push_back(&data.examples[i]);
    const Batch batch = make_batch(rows, pad_id, model.device());
    const auto logits = model.forward(batch.input_ids, batch.attention_mask).logits;
    const auto shifted = logits.slice(1, 0, -1).reshape({-1, logits.size(-1)}).to(torch::kFloat32);
    const auto labels = batch.labels.slice(1, 1).reshape({-1});
    loss_sum += torch::nn::functional::cross_entropy(
                    shifted, labels, torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-100).reduction(torch::kSum))
                    .item<double>();
    const auto valid = labels.ne(-100);
    correct += shifted.argmax(-1).eq(labels).logical_and(valid).sum().item<int64_t>();
    targets += valid.sum().item<int64_t>();
  }
  HeldOutScores s;
  s.targets = targets;
  if (targets > 0) {
    s.loss = loss_sum / static_cast<double>(targets);
    s.perplexity = std::exp(s.loss);
    s.token_accuracy = static_cast<double>(correct) / static_cast<double>(targets);
  }
  return s;
}

std::vector<TaskProblem> load_task_problems(const std::filesystem::path& jsonl, int64_t limit) {
  std::vector<TaskProblem> problems;
  for (const auto& [line, record] : read_jsonl(jsonl)) {
    if (limit >= 0 && static_cast<int64_t>(problems.size()) >= limit) break;
    problems.push_back(is_gsm8k_record(record) ? gsm8k_example(record, false, jsonl, line)
                                               : TaskProblem{string_field(record, "prompt", jsonl, line),
                                                             string_field(record, "completion", jsonl, line)});
  }
  return problems;
}

TaskScores evaluate_exact_match(CausalLM& model, const Tokenizer& tokenizer, const std::vector<TaskProblem>& problems,
                                int64_t max_new_tokens, const std::function<void(int64_t)>& on_progress) {
  TaskScores s;
  GenerationOptions options;
  options.max_new_tokens = max_new_tokens;
  options.greedy = true;
  for (const auto& p : problems) {
    const auto p32 = encode_prompt(tokenizer, p.prompt);
    const std::vector<int64_t> ids(p32.begin(), p32.end());
    const auto out = generate(model, ids, options);
    const auto got = extract_final_answer(tokenizer.decode(std::vector<int32_t>(out.begin(), out.end())));
    const auto want = extract_final_answer(p.completion);
    ++s.problems;
    s.answered += got.has_value();
    s.correct += got && want && *got == *want;
    if (on_progress) on_progress(s.problems);
  }
  return s;
}

}  // namespace sparsetune
