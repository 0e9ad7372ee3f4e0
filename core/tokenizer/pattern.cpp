#include "core/tokenizer/pattern.h"

#include <stdexcept>

#include "core/tokenizer/json_field.h"

namespace sparsetune::tok {

Pattern Pattern::from_json(const JsonField& field) {
  field.expect_object();
  Pattern pattern;
  if (const auto literal = field.find("String")) {
    pattern.literal_ = literal->string();
  } else if (const auto regex = field.find("Regex")) {
    try {
      pattern.regex_.emplace(regex->string());
    } catch (const std::invalid_argument& e) {
      regex->fail(e.what());
    }
  } else {
    field.fail(R"(expected {"String": ...} or {"Regex": ...})");
  }
  return pattern;
}

std::vector<Span> Pattern::find_all(std::string_view text) const {
  if (regex_) return regex_->find_all(text);
  std::vector<Span> matches;
  if (literal_.empty()) return matches;
  for (std::size_t pos = text.find(literal_); pos != std::string_view::npos;
       pos = text.find(literal_, pos + literal_.size())) {
    matches.push_back({pos, pos + literal_.size()});
  }
  return matches;
}

std::vector<Piece> pieces_from_matches(std::size_t length, const std::vector<Span>& matches) {
  std::vector<Piece> pieces;
  std::size_t previous_end = 0;
  for (const Span& match : matches) {
    if (previous_end != match.begin) pieces.push_back({previous_end, match.begin, false});
    pieces.push_back({match.begin, match.end, true});
    previous_end = match.end;
  }
  if (previous_end != length || length == 0) pieces.push_back({previous_end, length, false});
  return pieces;
}

}  // namespace sparsetune::tok
