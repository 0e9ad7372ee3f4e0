#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/data/gsm8k.h"

namespace sparsetune {

class CausalLM;
class Tokenizer;

// Teacher-forced scores over the target tokens of a dataset (token-weighted means).
struct HeldOutScores {
  double loss = 0;             // mean next-token cross-entropy, nats
  double perplexity = 0;       // exp(loss)
  double token_accuracy = 0;   // share of target tokens predicted exactly by argmax
  int64_t targets = 0;
};
HeldOutScores evaluate_held_out(CausalLM& model, const Dataset& data, int64_t batch_size, int64_t pad_id,
                                int64_t max_examples = -1);

// GSM8k-style: greedy decoding of each prompt, the number after "####" compared with the reference
// completion's.
struct TaskScores {
  int64_t problems = 0;
  int64_t correct = 0;
  int64_t answered = 0;  // produced a "#### N" at all
  double exact_match() const { return problems ? static_cast<double>(correct) / static_cast<double>(problems) : 0.0; }
};
// GSM8K's {"question", "answer"} records or {"prompt", "completion"} ones.
using TaskProblem = PromptCompletion;
std::vector<TaskProblem> load_task_problems(const std::filesystem::path& jsonl, int64_t limit);
TaskScores evaluate_exact_match(CausalLM& model, const Tokenizer& tokenizer, const std::vector<TaskProblem>& problems,
                                int64_t max_new_tokens, const std::function<void(int64_t done)>& on_progress = {});

}  // namespace sparsetune
