#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sparsetune {

// A Hugging Face tokenizer.json: normalizer, pre-tokenizer, BPE model, post-processor, decoder,
// added/special tokens. Kinds supported: byte-level BPE (GPT-2, Llama 3, Qwen split regexes) and
// SentencePiece-style BPE with Metaspace/Prepend+Replace and byte fallback (Llama 2, Mistral).
// Anything else is rejected on load with an InputError naming the file and the JSON field.
class Tokenizer {
 public:
  // bos_id()/eos_id() are then the first of the usual names ("<s>", "<|begin_of_text|>", ...;
  // "</s>", "<|end_of_text|>", "<|endoftext|>", ...) that the vocabulary has.
  static Tokenizer from_file(const std::filesystem::path& tokenizer_json);
  // A model directory's tokenizer.json; its tokenizer_config.json, when present, names the bos and
  // eos tokens (bos_token / eos_token; null names none). The special tokens a sequence gets are the
  // post-processor's alone: transformers (5.x) ignores add_bos_token / add_eos_token there whenever a
  // tokenizer.json exists, and so does this.
  static Tokenizer from_directory(const std::filesystem::path& dir);

  // Throws InputError("<text>", "utf-8", ...) on invalid UTF-8. add_special_tokens applies the
  // post-processor (e.g. Llama's leading <s>), as transformers' tokenizer(text) does.
  std::vector<int32_t> encode(std::string_view text, bool add_special_tokens = false) const;
  // The ids encode(text, true) puts before and after encode(text): what the post-processor adds.
  struct SpecialTokens {
    std::vector<int32_t> prefix, suffix;
  };
  SpecialTokens special_tokens_around_a_sequence() const;
  std::string decode(const std::vector<int32_t>& ids, bool skip_special_tokens = true) const;

  std::optional<int32_t> token_to_id(std::string_view token) const;
  std::string id_to_token(int32_t id) const;  // throws InputError for an unknown id
  std::size_t vocab_size() const;             // including added tokens
  std::optional<int32_t> bos_id() const;
  std::optional<int32_t> eos_id() const;
  bool is_special(int32_t id) const;

  Tokenizer(Tokenizer&&) noexcept;
  Tokenizer& operator=(Tokenizer&&) noexcept;
  ~Tokenizer();

  struct Impl;

 private:
  explicit Tokenizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sparsetune
