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

// The ids a prompt is fed to a model with in generation, scoring, evaluation and training: the text with
// the special tokens its tokenizer adds (tokenizer(text) in transformers; Tokenizer::from_directory says
// which), so a model whose tokenizer adds no BOS gets none.
std::vector<int32_t> encode_prompt(const Tokenizer& tokenizer, std::string_view text);

// Reads a .jsonl file of {"prompt", "completion"}, GSM8K {"question", "answer"} or {"text"} records
// (format auto picks by the first record and then requires every record to match), or any other file as
// plain UTF-8 text: its documents (split_text_documents: WikiText's articles) one after another, each
// in its special tokens and ended by EOS, cut into non-overlapping max_length windows whose first token
// is context only (docs/engine.md states this perplexity protocol). Sequences are encode_prompt(prompt) + completion + EOS, and a text is wrapped in the
// tokenizer's special tokens and ended by EOS. Errors name the file, the line and the field.
Dataset load_dataset(const std::filesystem::path& path, const Tokenizer& tokenizer, const DatasetOptions& options);

}  // namespace sparsetune
