#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/train/recipe.h"

namespace sparsetune {

class Tokenizer;

// One training/evaluation sequence: token ids and, per token, whether it is a prediction target
// (completion tokens and the closing EOS for prompt/completion data; every token for plain text).
struct TokenizedExample {
  std::vector<int32_t> ids;
  std::vector<uint8_t> target;
  int64_t num_targets() const;
};

struct DatasetOptions {
  DataFormat format = DataFormat::auto_detect;
  int64_t max_length = 512;
  bool pack = false;  // concatenate examples into full max_length windows
};

struct Dataset {
  std::filesystem::path source;
  std::vector<TokenizedExample> examples;
  int64_t truncated = 0;  // examples cut at max_length
  int64_t dropped = 0;    // examples left with no target token after truncation
  int64_t num_tokens() const;
};

// The ids a prompt is fed to a model with: the tokenizer's BOS (when it has one) and the text, the
// same way training sequences start, whatever the tokenizer's post-processor does.
std::vector<int32_t> encode_prompt(const Tokenizer& tokenizer, std::string_view text);

// Reads a .jsonl file of {"prompt", "completion"} or {"text"} records (format auto picks by the first
// record and then requires every record to match), or any other file as plain UTF-8 text cut into
// max_length windows. Sequences are BOS + prompt + completion + EOS. Errors name the file, the line
// and the field.
Dataset load_dataset(const std::filesystem::path& path, const Tokenizer& tokenizer, const DatasetOptions& options);

}  // namespace sparsetune
