#include "core/data/dataset.h"

#include <algorithm>

#include "core/data/gsm8k.h"
#include "core/data/jsonl.h"
#include "core/data/text_documents.h"
#include "core/tokenizer/tokenizer.h"
#include "core/util/error.h"
#include "core/util/text_file.h"

namespace sparsetune {

int64_t TokenizedExample::num_targets() const { return std::count(target.begin(), target.end(), uint8_t{1}); }

int64_t Dataset::num_tokens() const {
  int64_t n = 0;
  for (const auto& e : examples) n += static_cast<int64_t>(e.ids.size());
  return n;
}

namespace {

void append(TokenizedExample& e, const std::vector<int32_t>& ids, uint8_t target) {
  e.ids.insert(e.ids.end(), ids.begin(), ids.end());
  e.target.insert(e.target.end(), ids.size(), target);
}

// Cuts every sequence to max_length, or with packing concatenates them into max_length windows
// (the last, shorter window is kept). Examples left without a target are dropped.
void finish(Dataset& d, std::vector<TokenizedExample> raw, const DatasetOptions& o) {
  const auto limit = static_cast<std::size_t>(o.max_length);
  if (o.pack) {
    TokenizedExample window;
    for (auto& e : raw) {
      for (std::size_t i = 0; i < e.ids.size(); ++i) {
        window.ids.push_back(e.ids[i]);
        window.target.push_back(e.target[i]);
        if (window.ids.size() == limit) {
          if (window.num_targets() > 0) d.examples.push_back(std::move(window));
          window = {};
        }
      }
    }
    if (window.ids.size() > 1 && window.num_targets() > 0) d.examples.push_back(std::move(window));
    return;
  }
  for (auto& e : raw) {
    if (e.ids.size() > limit) {
      e.ids.resize(limit);
      e.target.resize(limit);
      ++d.truncated;
    }
    // The first token is never predicted, so a target there does not count.
    if (!e.target.empty()) e.target[0] = 0;
    if (e.num_targets() == 0) {
      ++d.dropped;
      continue;
    }
    d.examples.push_back(std::move(e));
  }
}

std::vector<int32_t> eos_of(const Tokenizer& t) { return t.eos_id() ? std::vector<int32_t>{*t.eos_id()} : std::vector<int32_t>{}; }

// A text with the special tokens its tokenizer puts around it, then the EOS that ends a document unless
// the post-processor put one there already. What comes after the text is a target, so the model learns
// where a document ends; nothing can predict the leading special tokens.
void append_document(TokenizedExample& e, const Tokenizer& tokenizer, std::string_view text) {
  const auto special = tokenizer.special_tokens_around_a_sequence();
  append(e, special.prefix, 0);
  append(e, tokenizer.encode(text), 1);
  append(e, special.suffix, 1);
  const auto eos = eos_of(tokenizer);
  const bool ends_with_eos = !eos.empty() && !special.suffix.empty() && special.suffix.back() == eos.front();
  if (!ends_with_eos) append(e, eos, 1);
}

}  // namespace

std::vector<int32_t> encode_prompt(const Tokenizer& tokenizer, std::string_view text) {
  return tokenizer.encode(text, true);
}

Dataset load_dataset(const std::filesystem::path& path, const Tokenizer& tokenizer, const DatasetOptions& options) {
  if (options.max_length < 2)
    throw InputError(path.string(), "max_length", "expected at least 2 tokens, got " + std::to_string(options.max_length));
  Dataset d;
  d.source = path;
  std::vector<TokenizedExample> raw;
  if (path.extension() != ".jsonl") {
    if (options.format != DataFormat::auto_detect && options.format != DataFormat::text)
      throw InputError(path.string(), "format", std::string(to_string(options.format)) + " data must be a .jsonl file");
    // One stream of documents, each in its special tokens and ended by EOS, cut into windows.
    const std::string text = read_text_file(path);
    TokenizedExample e;
    for (const std::string_view document : split_text_documents(text)) append_document(e, tokenizer, document);
    DatasetOptions windows = options;
    windows.pack = true;
    raw.push_back(std::move(e));
    finish(d, std::move(raw), windows);
    return d;
  }
  const auto records = read_jsonl(path);
  if (records.empty()) throw InputError(path.string(), "records", "expected at least one JSON line, the file has none");
  DataFormat format = options.format;
  if (format == DataFormat::auto_detect) {
    const auto& first = records.front().value;
    format = first.contains("prompt") ? DataFormat::prompt_completion
             : is_gsm8k_record(first) ? DataFormat::gsm8k
                                      : DataFormat::text;
  }
  for (const auto& [line, record] : records) {
    TokenizedExample e;
    if (format != DataFormat::text) {
      const PromptCompletion pc = format == DataFormat::prompt_completion
                                      ? PromptCompletion{string_field(record, "prompt", path, line),
                                                         string_field(record, "completion", path, line)}
                                      : gsm8k_example(record, format == DataFormat::gsm8k_no_calculator, path, line);
      append(e, encode_prompt(tokenizer, pc.prompt), 0);
      append(e, tokenizer.encode(pc.completion), 1);
      append(e, eos_of(tokenizer), 1);
    } else {
      append_document(e, tokenizer, string_field(record, "text", path, line));
    }
    raw.push_back(std::move(e));
  }
  finish(d, std::move(raw), options);
  return d;
}

}  // namespace sparsetune
