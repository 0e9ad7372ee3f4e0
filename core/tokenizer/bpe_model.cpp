#include "core/tokenizer/bpe_model.h"

#include <cstdio>
#include <limits>
#include <queue>

#include "core/tokenizer/json_field.h"
#include "core/tokenizer/utf8.h"
#include "core/util/error.h"

namespace sparsetune::tok {
namespace {

std::optional<std::string> optional_string(const JsonField& object, std::string_view key) {
  const auto field = object.find(key);
  if (!field) return std::nullopt;
  return field->string();
}

}  // namespace

BpeModel::BpeModel(const JsonField& model) : file_(model.file()) {
  model.expect_object();
  // Files written before models were tagged have no type; `tokenizers` recognizes BPE by its
  // merges.
  const auto type = model.find("type");
  if (!type && !model.json().contains("merges")) {
    throw InputError(file_, model.path() + ".type", "missing");
  }
  if (type && type->string() != "BPE") {
    type->fail(in_quotes(type->string()) + " is not supported (supported: BPE)");
  }
  if (const auto dropout = model.find("dropout")) {
    if (!dropout->json().is_number()) dropout->fail("expected null or a number");
    if (dropout->json().get<double>() != 0.0) {
      dropout->fail("BPE dropout makes tokenization random; only null or 0 is supported");
    }
  }

  const JsonField vocab = model.at("vocab");
  vocab.expect_object();
  vocab_.reserve(vocab.json().size());
  tokens_.reserve(vocab.json().size());
  for (const auto& [token, id_json] : vocab.json().items()) {
    int32_t id;
    if (id_json.is_number_unsigned() &&
        id_json.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<int32_t>::max())) {
      id = static_cast<int32_t>(id_json.get<uint64_t>());
    } else {
      id = JsonField(id_json, file_, "model.vocab[" + in_quotes(token) + "]").token_id();
    }
    const auto it = vocab_.emplace(token, id).first;
    tokens_.emplace(id, &it->first);
  }

  unk_token_ = optional_string(model, "unk_token");
  if (unk_token_) {
    if (const auto it = vocab_.find(*unk_token_); it != vocab_.end()) unk_id_ = it->second;
  }
  continuing_subword_prefix_ = optional_string(model, "continuing_subword_prefix").value_or("");
  end_of_word_suffix_ = optional_string(model, "end_of_word_suffix").value_or("");
  fuse_unk_ = model.optional_boolean("fuse_unk").value_or(false);
  byte_fallback_ = model.optional_boolean("byte_fallback").value_or(false);
  ignore_merges_ = model.optional_boolean("ignore_merges").value_or(false);
  for (int b = 0; b < 256; ++b) {
    char name[8];
    std::snprintf(name, sizeof name, "<0x%02X>", b);
    const auto it = vocab_.find(std::string_view(name));
    byte_ids_[b] = it == vocab_.end() ? -1 : it->second;
  }
  load_merges(model.at("merges"));
}

void BpeModel::load_merges(const JsonField& merges) {
  const std::size_t count = merges.array_size();
  merges_.reserve(count);
  std::string merged;
  for (std::size_t rank = 0; rank < count; ++rank) {
    const nlohmann::json& entry = merges.json()[rank];
    std::string_view left, right;
    if (entry.is_string()) {
      // "left right": exactly one space, as `tokenizers` requires.
      const std::string& line = entry.get_ref<const std::string&>();
      const std::size_t space = line.find(' ');
      if (space == std::string::npos || line.find(' ', space + 1) != std::string::npos) {
        merges.at(rank).fail("expected \"left right\" (two tokens separated by one space), got " +
                             in_quotes(line));
      }
      left = std::string_view(line).substr(0, space);
      right = std::string_view(line).substr(space + 1);
    } else if (entry.is_array() && entry.size() == 2 && entry[0].is_string() &&
               entry[1].is_string()) {
      left = entry[0].get_ref<const std::string&>();
      right = entry[1].get_ref<const std::string&>();
    } else {
      merges.at(rank).fail(std::string("expected \"left right\" or [left, right], got ") +
                           entry.type_name());
    }
    // The merged token drops the continuation prefix of the right part ("un" + "##able" ->
    // "unable").
    if (right.size() < continuing_subword_prefix_.size()) {
      merges.at(rank).fail(in_quotes(right) + " is shorter than continuing_subword_prefix");
    }
    merged.assign(left);
    merged.append(right.substr(continuing_subword_prefix_.size()));
    int32_t ids[3];
    const std::string_view parts[3] = {left, right, merged};
    for (int i = 0; i < 3; ++i) {
      const auto it = vocab_.find(parts[i]);
      if (it == vocab_.end()) merges.at(rank).fail(in_quotes(parts[i]) + " is not in model.vocab");
      ids[i] = it->second;
    }
    // A repeated pair keeps its last rank, as `tokenizers`' map does.
    merges_.insert_or_assign(pair_key(ids[0], ids[1]), Merge{static_cast<uint32_t>(rank), ids[2]});
  }
}

int32_t BpeModel::unk_id() const {
  if (!unk_id_) {
    throw InputError(file_, "model.unk_token", in_quotes(*unk_token_) + " is not in model.vocab");
  }
  return *unk_id_;
}

std::optional<int32_t> BpeModel::token_to_id(std::string_view token) const {
  const auto it = vocab_.find(token);
  if (it == vocab_.end()) return std::nullopt;
  return it->second;
}

const std::string* BpeModel::id_to_token(int32_t id) const {
  const auto it = tokens_.find(id);
  return it == tokens_.end() ? nullptr : it->second;
}

void BpeModel::tokenize(std::string_view word, std::vector<int32_t>& ids) const {
  if (ignore_merges_) {
    if (const auto it = vocab_.find(word); it != vocab_.end()) {
      ids.push_back(it->second);
      return;
    }
  }
  const bool cacheable = word.size() < kCacheMaxWordBytes;
  if (cacheable) {
    const std::lock_guard lock(cache_mutex_);
    if (const auto it = cache_.find(word); it != cache_.end()) {
      ids.insert(ids.end(), it->second.begin(), it->second.end());
      return;
    }
  }
  std::vector<int32_t> word_ids = merge_word(word);
  ids.insert(ids.end(), word_ids.begin(), word_ids.end());
  if (cacheable) {
    const std::lock_guard lock(cache_mutex_);
    if (cache_.size() < kCacheCapacity) cache_.emplace(std::string(word), std::move(word_ids));
  }
}

std::vector<int32_t> BpeModel::merge_word(std::string_view word) const {
  struct Symbol {
    int32_t id;
    int prev;
    int next;
    bool merged_away = false;
  };
  std::vector<Symbol> symbols;
  const auto add = [&](int32_t id) {
    const int index = static_cast<int>(symbols.size());
    symbols.push_back({id, index - 1, index + 1});
  };

  // The unk token of unknown characters waits here (-1: none) so that a run of them can fuse.
  int32_t pending_unk = -1;
  std::string piece;
  for (std::size_t pos = 0; pos < word.size();) {
    const std::size_t begin = pos;
    pos += utf8_length(word[pos]);
    piece.clear();
    if (begin > 0) piece += continuing_subword_prefix_;
    piece.append(word.substr(begin, pos - begin));
    if (pos == word.size()) piece += end_of_word_suffix_;

    if (const auto it = vocab_.find(piece); it != vocab_.end()) {
      if (pending_unk >= 0) add(pending_unk);
      pending_unk = -1;
      add(it->second);
      continue;
    }
    if (byte_fallback_) {
      bool all_bytes_known = true;
      for (const char byte : piece) {
        all_bytes_known = all_bytes_known && byte_ids_[static_cast<unsigned char>(byte)] >= 0;
      }
      if (all_bytes_known) {
        // Like `tokenizers`, a pending unk is not flushed before byte tokens.
        for (const char byte : piece) add(byte_ids_[static_cast<unsigned char>(byte)]);
        continue;
      }
    }
    if (unk_token_) {
      if (pending_unk >= 0 && !fuse_unk_) add(pending_unk);
      if (pending_unk < 0 || !fuse_unk_) pending_unk = unk_id();
    }
  }
  if (pending_unk >= 0) add(pending_unk);
  if (symbols.empty()) return {};
  symbols.back().next = -1;

  struct Candidate {
    uint32_t rank;
    int pos;
    int32_t merged;
  };
  // Lowest rank first, then leftmost.
  const auto later = [](const Candidate& a, const Candidate& b) {
    return a.rank != b.rank ? a.rank > b.rank : a.pos > b.pos;
  };
  std::priority_queue<Candidate, std::vector<Candidate>, decltype(later)> queue(later);
  const auto push_pair = [&](int left) {
    const int right = symbols[left].next;
    const auto it = merges_.find(pair_key(symbols[left].id, symbols[right].id));
    if (it != merges_.end()) queue.push({it->second.rank, left, it->second.merged});
  };
  for (int i = 0; i + 1 < static_cast<int>(symbols.size()); ++i) push_pair(i);

  while (!queue.empty()) {
    const Candidate top = queue.top();
    queue.pop();
    Symbol& left = symbols[top.pos];
    if (left.merged_away || left.next < 0) continue;
    Symbol& right = symbols[left.next];
    // Skip entries made stale by an earlier merge of either symbol.
    const auto it = merges_.find(pair_key(left.id, right.id));
    if (it == merges_.end() || it->second.merged != top.merged) continue;
    left.id = top.merged;
    left.next = right.next;
    right.merged_away = true;
    if (left.next >= 0) symbols[left.next].prev = top.pos;
    if (left.prev >= 0) push_pair(left.prev);
    if (left.next >= 0) push_pair(top.pos);
  }

  std::vector<int32_t> ids;
  for (int i = 0; i >= 0; i = symbols[i].next) ids.push_back(symbols[i].id);
  return ids;
}

}  // namespace sparsetune::tok
