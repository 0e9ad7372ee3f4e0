#include "core/tokenizer/normalized_string.h"

#include <algorithm>

#include "core/tokenizer/utf8.h"

namespace sparsetune::tok {

NormalizedString::NormalizedString(std::string_view input) : text_(input), origin_(input.size()) {
  // Every byte of a character comes from where that character starts.
  for (std::size_t pos = 0; pos < input.size();) {
    const std::size_t end = pos + utf8_length(input[pos]);
    std::fill(origin_.begin() + static_cast<std::ptrdiff_t>(pos),
              origin_.begin() + static_cast<std::ptrdiff_t>(end), pos);
    pos = end;
  }
}

void NormalizedString::transform(std::size_t begin, std::size_t end, const std::vector<Edit>& edits,
                                 std::size_t removed_first) {
  // `cursor` walks the characters of [begin, end) as the edits consume them.
  std::size_t cursor = begin;
  const auto consume = [&] {
    if (cursor < end) cursor += utf8_length(text_[cursor]);
  };
  for (std::size_t i = 0; i < removed_first; ++i) consume();

  std::string new_text;
  std::vector<std::size_t> new_origin;
  for (const Edit& edit : edits) {
    // An inserted character belongs to the input byte of the character before it.
    std::size_t origin;
    if (edit.change > 0) {
      origin = cursor == 0 ? original_start_ : origin_[cursor - 1];
    } else {
      origin = origin_[cursor];
      consume();
      for (int i = 0; i < -edit.change; ++i) consume();
    }
    const std::size_t before = new_text.size();
    append_utf8(new_text, edit.c);
    new_origin.insert(new_origin.end(), new_text.size() - before, origin);
  }
  text_.replace(begin, end - begin, new_text);
  origin_.erase(origin_.begin() + static_cast<std::ptrdiff_t>(begin),
                origin_.begin() + static_cast<std::ptrdiff_t>(end));
  origin_.insert(origin_.begin() + static_cast<std::ptrdiff_t>(begin), new_origin.begin(),
                 new_origin.end());
}

void NormalizedString::prepend(std::string_view prefix) {
  if (text_.empty() || prefix.empty()) return;
  // As `tokenizers` does it: the first character is rewritten as prefix + itself.
  std::size_t first_end = 0;
  const char32_t first = next_code_point(text_, first_end);
  std::vector<Edit> edits;
  for (std::size_t pos = 0; pos < prefix.size();) {
    edits.push_back({next_code_point(prefix, pos), edits.empty() ? 0 : 1});
  }
  edits.push_back({first, 1});
  transform(0, first_end, edits, 0);
}

void NormalizedString::replace(const std::vector<Span>& matches, std::string_view content) {
  std::vector<Edit> edits;
  for (std::size_t pos = 0; pos < content.size();) {
    edits.push_back({next_code_point(content, pos), 1});
  }
  // Matches are offsets into the text before any replacement; `shift` keeps them current.
  std::ptrdiff_t shift = 0;
  for (const Span& match : matches) {
    const std::size_t begin = match.begin + static_cast<std::size_t>(shift);
    const std::size_t end = match.end + static_cast<std::size_t>(shift);
    std::size_t removed = 0;
    for (std::size_t pos = begin; pos < end; pos += utf8_length(text_[pos])) ++removed;
    transform(begin, end, edits, removed);
    shift += static_cast<std::ptrdiff_t>(content.size()) -
             static_cast<std::ptrdiff_t>(match.end - match.begin);
  }
}

NormalizedString NormalizedString::slice(std::size_t begin, std::size_t end) const {
  NormalizedString part;
  part.text_ = text_.substr(begin, end - begin);
  part.origin_.assign(origin_.begin() + static_cast<std::ptrdiff_t>(begin),
                      origin_.begin() + static_cast<std::ptrdiff_t>(end));
  part.original_start_ = begin < end ? origin_[begin] : original_start_;
  return part;
}

std::vector<NormalizedString> NormalizedString::split(const std::vector<Piece>& pieces,
                                                      SplitBehavior behavior) const {
  struct Part {
    std::size_t begin, end;
    bool removed;
  };
  std::vector<Part> parts;
  bool previous_match = false;
  switch (behavior) {
    case SplitBehavior::Isolated:
      for (const Piece& p : pieces) parts.push_back({p.begin, p.end, false});
      break;
    case SplitBehavior::Removed:
      for (const Piece& p : pieces) parts.push_back({p.begin, p.end, p.is_match});
      break;
    case SplitBehavior::Contiguous:
      for (const Piece& p : pieces) {
        if (p.is_match == previous_match && !parts.empty()) {
          parts.back().end = p.end;
        } else {
          parts.push_back({p.begin, p.end, false});
        }
        previous_match = p.is_match;
      }
      break;
    case SplitBehavior::MergedWithPrevious:
      for (const Piece& p : pieces) {
        if (p.is_match && !previous_match && !parts.empty()) {
          parts.back().end = p.end;
        } else {
          parts.push_back({p.begin, p.end, false});
        }
        previous_match = p.is_match;
      }
      break;
    case SplitBehavior::MergedWithNext:
      for (auto p = pieces.rbegin(); p != pieces.rend(); ++p) {
        if (p->is_match && !previous_match && !parts.empty()) {
          parts.back().begin = p->begin;
        } else {
          parts.push_back({p->begin, p->end, false});
        }
        previous_match = p->is_match;
      }
      std::reverse(parts.begin(), parts.end());
      break;
  }
  std::vector<NormalizedString> result;
  for (const Part& part : parts) {
    if (!part.removed && part.begin < part.end) result.push_back(slice(part.begin, part.end));
  }
  return result;
}

}  // namespace sparsetune::tok
