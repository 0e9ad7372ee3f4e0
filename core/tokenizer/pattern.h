#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/tokenizer/regex.h"
#include "core/tokenizer/utf8.h"

namespace sparsetune::tok {

class JsonField;

// A split pattern: `{"String": ...}` (a literal) or `{"Regex": ...}` in tokenizer.json.
class Pattern {
 public:
  static Pattern from_json(const JsonField& field);
  std::vector<Span> find_all(std::string_view text) const;

 private:
  std::string literal_;
  std::optional<Regex> regex_;
};

// A partition of a string into matches of a pattern and the text between them, as `tokenizers`'
// Pattern::find_matches returns it (empty regex matches included).
struct Piece {
  std::size_t begin;
  std::size_t end;
  bool is_match;
};
std::vector<Piece> pieces_from_matches(std::size_t length, const std::vector<Span>& matches);

// Every character for which `matches` is true is a match of its own.
template <class Predicate>
std::vector<Piece> pieces_from_chars(std::string_view text, Predicate matches) {
  std::vector<Piece> pieces;
  std::size_t run_start = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t begin = pos;
    const char32_t c = next_code_point(text, pos);
    if (!matches(c)) continue;
    if (run_start < begin) pieces.push_back({run_start, begin, false});
    pieces.push_back({begin, pos, true});
    run_start = pos;
  }
  if (run_start < text.size() || text.empty()) pieces.push_back({run_start, text.size(), false});
  return pieces;
}

}  // namespace sparsetune::tok
