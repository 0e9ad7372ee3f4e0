#include "core/tokenizer/added_vocabulary.h"

#include <algorithm>

#include "core/tokenizer/json_field.h"
#include "core/tokenizer/normalizers.h"
#include "core/tokenizer/utf8.h"

namespace sparsetune::tok {

void AddedVocabulary::Trie::add(std::string_view pattern, int32_t id) {
  int node = 0;
  for (const char c : pattern) {
    const auto byte = static_cast<unsigned char>(c);
    auto& children = nodes_[node].children;
    const auto it = std::find_if(children.begin(), children.end(),
                                 [&](const auto& child) { return child.first == byte; });
    if (it != children.end()) {
      node = it->second;
      continue;
    }
    const int child = static_cast<int>(nodes_.size());
    nodes_[node].children.emplace_back(byte, child);
    nodes_.emplace_back();
    node = child;
  }
  // Of two tokens with the same pattern the first one wins, as in Aho-Corasick.
  if (!nodes_[node].id) nodes_[node].id = id;
}

std::optional<std::pair<std::size_t, int32_t>> AddedVocabulary::Trie::longest_at(
    std::string_view text, std::size_t pos) const {
  std::optional<std::pair<std::size_t, int32_t>> best;
  int node = 0;
  for (std::size_t i = pos; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const auto& children = nodes_[node].children;
    const auto it = std::find_if(children.begin(), children.end(),
                                 [&](const auto& child) { return child.first == byte; });
    if (it == children.end()) break;
    node = it->second;
    if (nodes_[node].id) best.emplace(i + 1 - pos, *nodes_[node].id);
  }
  return best;
}

AddedVocabulary::AddedVocabulary(const std::optional<JsonField>& added_tokens,
                                 const BpeModel& model, const Normalizer* normalizer) {
  std::vector<int32_t> special_order, other_order;
  std::optional<int32_t> max_id;
  const std::size_t count = added_tokens ? added_tokens->array_size() : 0;
  for (std::size_t i = 0; i < count; ++i) {
    const JsonField entry = added_tokens->at(i);
    AddedToken token;
    token.content = entry.at("content").string();
    token.single_word = entry.at("single_word").boolean();
    token.lstrip = entry.at("lstrip").boolean();
    token.rstrip = entry.at("rstrip").boolean();
    token.normalized = entry.at("normalized").boolean();
    token.special = entry.at("special").boolean();
    // `tokenizers` does not take the id from the file: it gives the token its id in the model's
    // vocabulary, or else the next free one (and only warns when the file disagrees).
    entry.at("id").token_id();
    if (token.content.empty()) continue;

    int32_t id;
    if (const auto known = token_to_id(token.content)) {
      id = *known;
    } else if (const auto in_model = model.token_to_id(token.content)) {
      id = *in_model;
    } else {
      const auto model_size = static_cast<int32_t>(model.vocab_size());
      id = !max_id                                      ? model_size
           : (*max_id >= model_size || model_size == 0) ? *max_id + 1
                                                        : model_size;
    }
    max_id = std::max(max_id.value_or(id), id);
    if (token.special && special_.insert(token.content).second) special_order.push_back(id);
    if (!special_.contains(token.content) && !ids_.contains(token.content)) {
      other_order.push_back(id);
    }
    ids_[token.content] = id;
    tokens_[id] = std::move(token);
  }

  // Special tokens are matched before the others when two have the same pattern.
  special_order.insert(special_order.end(), other_order.begin(), other_order.end());
  for (const int32_t id : special_order) {
    AddedToken& token = tokens_.at(id);
    NormalizedString pattern(token.content);
    if (token.normalized && normalizer) normalizer->normalize(pattern);
    token.text = pattern.text();
    if (!token.normalized) {
      raw_trie_.add(token.text, id);
    } else if (!token.text.empty()) {
      normalized_trie_.add(token.text, id);
    }
  }
}

std::optional<int32_t> AddedVocabulary::token_to_id(std::string_view content) const {
  const auto it = ids_.find(content);
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

const AddedToken* AddedVocabulary::find(int32_t id) const {
  const auto it = tokens_.find(id);
  return it == tokens_.end() ? nullptr : &it->second;
}

const std::string* AddedVocabulary::id_to_token(int32_t id) const {
  const AddedToken* token = find(id);
  return token ? &token->text : nullptr;
}

std::size_t AddedVocabulary::count_beyond(const BpeModel& model) const {
  return static_cast<std::size_t>(std::count_if(ids_.begin(), ids_.end(), [&](const auto& entry) {
    return !model.token_to_id(entry.first);
  }));
}

std::vector<Split> AddedVocabulary::split_on_tokens(NormalizedString text, const Trie& trie) const {
  const std::string_view sentence = text.text();
  struct Found {
    std::size_t begin, end;
    std::optional<int32_t> id;
  };
  std::vector<Found> found;
  std::size_t covered = 0;  // end of the last token taken
  for (std::size_t pos = 0; pos < sentence.size();) {
    const auto match = trie.longest_at(sentence, pos);
    if (!match) {
      ++pos;
      continue;
    }
    std::size_t begin = pos;
    std::size_t end = pos + match->first;
    pos = end;
    const AddedToken& token = tokens_.at(match->second);
    if (token.single_word) {
      const bool word_before =
          begin > 0 && is_word_character(last_code_point(sentence.substr(0, begin)));
      const bool word_after =
          end < sentence.size() && is_word_character(first_code_point(sentence.substr(end)));
      if (word_before || word_after) continue;
    }
    if (token.lstrip) {
      std::size_t space_start = begin;
      while (space_start > 0) {
        std::size_t prev = previous_char_start(sentence, space_start);
        if (!is_white_space(next_code_point(sentence, prev))) break;
        space_start = previous_char_start(sentence, space_start);
      }
      // Whitespace already taken by the previous token stays with it.
      begin = std::max(space_start, covered);
    }
    if (token.rstrip) {
      while (end < sentence.size()) {
        std::size_t next = end;
        if (!is_white_space(next_code_point(sentence, next))) break;
        end = next;
      }
    }
    if (covered < begin) found.push_back({covered, begin, std::nullopt});
    found.push_back({begin, end, match->second});
    covered = end;
  }
  if (covered != sentence.size()) found.push_back({covered, sentence.size(), std::nullopt});

  std::vector<Split> splits;
  for (const Found& part : found) {
    if (part.begin < part.end) splits.push_back({text.slice(part.begin, part.end), part.id});
  }
  return splits;
}

std::vector<Split> AddedVocabulary::extract_and_normalize(std::string_view text,
                                                          const Normalizer* normalizer) const {
  std::vector<Split> splits;
  for (Split& part : split_on_tokens(NormalizedString(text), raw_trie_)) {
    if (part.token) {
      splits.push_back(std::move(part));
      continue;
    }
    if (normalizer) normalizer->normalize(part.text);
    for (Split& piece : split_on_tokens(std::move(part.text), normalized_trie_)) {
      splits.push_back(std::move(piece));
    }
  }
  return splits;
}

}  // namespace sparsetune::tok
