#include "core/data/gsm8k.h"

#include "core/data/final_answer.h"
#include "core/data/jsonl.h"
#include "core/util/error.h"

namespace sparsetune {

bool is_gsm8k_record(const nlohmann::json& record) {
  return record.is_object() && record.contains("question") && record.contains("answer") && !record.contains("prompt");
}

std::string strip_calculator_annotations(std::string_view answer) {
  std::string out;
  out.reserve(answer.size());
  std::size_t i = 0;
  while (i < answer.size()) {
    if (answer.compare(i, 2, "<<") == 0) {
      const auto close = answer.find(">>", i + 2);
      // An unclosed "<<" is text, not an annotation.
      if (close != std::string_view::npos) {
        i = close + 2;
        continue;
      }
    }
    out += answer[i++];
  }
  return out;
}

PromptCompletion gsm8k_example(const nlohmann::json& record, bool strip, const std::filesystem::path& file,
                               std::size_t line) {
  const std::string question = string_field(record, "question", file, line);
  std::string answer = string_field(record, "answer", file, line);
  if (!extract_final_answer(answer))
    throw InputError(file.string(), "line " + std::to_string(line) + ": answer",
                     "expected GSM8K's reasoning ending in \"#### <number>\"");
  if (strip) answer = strip_calculator_annotations(answer);
  return {"Question: " + question + "\nAnswer:", " " + answer};
}

}  // namespace sparsetune
