#pragma once
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace sparsetune {

// A GSM8K record, {"question", "answer"} with the answer's reasoning ending in "#### N", as the
// prompt and completion the rest of the project works with: "Question: <question>\nAnswer:" and
// " <answer>", the prompt format of the built-in demo task.
struct PromptCompletion {
  std::string prompt;
  std::string completion;
};
bool is_gsm8k_record(const nlohmann::json& record);
// InputError naming the file, the line and the field when "question" or "answer" is missing, not a
// string, or the answer has no "#### N" final answer.
PromptCompletion gsm8k_example(const nlohmann::json& record, bool strip_calculator_annotations,
                               const std::filesystem::path& file, std::size_t line);

// GSM8K's calculator annotations: "<<48/2=24>>" after each computed number. Stripping them leaves the
// reasoning as a person would write it ("48/2 = 24").
std::string strip_calculator_annotations(std::string_view answer);

}  // namespace sparsetune
