#pragma once
#include <array>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sparsetune::tok {

class JsonField;

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using Vocab = std::unordered_map<std::string, int32_t, StringHash, std::equal_to<>>;

// The BPE `model` of tokenizer.json, tokenizing one pre-tokenized word at a time exactly as
// `tokenizers`' BPE does (with dropout off): characters, byte fallback or unk for those not in
// the vocabulary, then the lowest-ranked merge first until none applies.
class BpeModel {
 public:
  explicit BpeModel(const JsonField& model);

  // Appends the ids of `word` (non-empty, valid UTF-8) to `ids`.
  void tokenize(std::string_view word, std::vector<int32_t>& ids) const;

  std::optional<int32_t> token_to_id(std::string_view token) const;
  const std::string* id_to_token(int32_t id) const;
  std::size_t vocab_size() const { return vocab_.size(); }

 private:
  struct Merge {
    uint32_t rank;
    int32_t merged;
  };
  static uint64_t pair_key(int32_t left, int32_t right) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(left)) << 32) |
           static_cast<uint32_t>(right);
  }
  void load_merges(const JsonField& merges);
  std::vector<int32_t> merge_word(std::string_view word) const;
  int32_t unk_id() const;

  std::string file_;
  Vocab vocab_;
  std::unordered_map<int32_t, const std::string*> tokens_;  // id -> key in vocab_
  std::unordered_map<uint64_t, Merge> merges_;
  std::array<int32_t, 256> byte_ids_{};  // id of "<0xNN>" for each byte, -1 if absent
  std::optional<std::string> unk_token_;
  std::optional<int32_t> unk_id_;
  std::string continuing_subword_prefix_;
  std::string end_of_word_suffix_;
  bool fuse_unk_ = false;
  bool byte_fallback_ = false;
  bool ignore_merges_ = false;

  // Words seen before, as `tokenizers` caches them: only short words, and no eviction.
  static constexpr std::size_t kCacheCapacity = 10000;
  static constexpr std::size_t kCacheMaxWordBytes = 256;
  mutable std::mutex cache_mutex_;
  mutable std::unordered_map<std::string, std::vector<int32_t>, StringHash, std::equal_to<>> cache_;
};

}  // namespace sparsetune::tok
