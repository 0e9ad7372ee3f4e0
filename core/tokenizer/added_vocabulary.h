#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/tokenizer/bpe_model.h"
#include "core/tokenizer/pre_tokenizers.h"

namespace sparsetune::tok {

class JsonField;
class Normalizer;

struct AddedToken {
  std::string content;
  bool single_word = false;  // only where no word character touches it
  bool lstrip = false;       // takes the whitespace before it
  bool rstrip = false;       // takes the whitespace after it
  bool normalized = true;    // matched in the normalized text rather than the raw input
  bool special = false;      // skipped by decode(skip_special_tokens)
  // What the token decodes as: `tokenizers` gives the normalized content of a normalized token.
  std::string text;
};

// The `added_tokens` of tokenizer.json. They are cut out of the input before anything else, as
// `tokenizers`' AddedVocabulary does: first the non-normalized ones in the raw text, then each
// remaining piece is normalized and the normalized ones are cut out of it.
class AddedVocabulary {
 public:
  AddedVocabulary(const std::optional<JsonField>& added_tokens, const BpeModel& model,
                  const Normalizer* normalizer);

  std::vector<Split> extract_and_normalize(std::string_view text,
                                           const Normalizer* normalizer) const;

  std::optional<int32_t> token_to_id(std::string_view content) const;
  // The token's text (AddedToken::text), nullptr if `id` is not an added token.
  const std::string* id_to_token(int32_t id) const;
  const AddedToken* find(int32_t id) const;
  // Whether `token` is the content of a special token: how `tokenizers` decides what
  // decode(skip_special_tokens) skips.
  bool is_special_content(std::string_view token) const { return special_.contains(token); }
  // Added tokens whose content is not in the model's vocabulary.
  std::size_t count_beyond(const BpeModel& model) const;

 private:
  // Byte trie over token patterns for leftmost-longest matching (Aho-Corasick's result, which is
  // what `tokenizers` uses, without its automaton: patterns are few and short).
  class Trie {
   public:
    void add(std::string_view pattern, int32_t id);
    // The longest pattern starting at `pos`: (length, id).
    std::optional<std::pair<std::size_t, int32_t>> longest_at(std::string_view text,
                                                              std::size_t pos) const;

   private:
    struct Node {
      std::vector<std::pair<unsigned char, int>> children;
      std::optional<int32_t> id;
    };
    std::vector<Node> nodes_{1};
  };

  std::vector<Split> split_on_tokens(NormalizedString text, const Trie& trie) const;

  std::unordered_map<std::string, int32_t, StringHash, std::equal_to<>> ids_;
  std::unordered_map<int32_t, AddedToken> tokens_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> special_;
  Trie raw_trie_;
  Trie normalized_trie_;
};

}  // namespace sparsetune::tok
