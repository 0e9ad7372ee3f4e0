#include "core/tokenizer/regex.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <optional>
#include <stdexcept>

#include "core/tokenizer/utf8.h"
#include "core/util/error.h"

namespace sparsetune::tok {

std::string oniguruma_to_icu(std::string_view pattern) {
  std::string out;
  int class_depth = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      const char escaped = pattern[++i];
      const bool in_class = class_depth > 0;
      switch (escaped) {
        case 's':
          out += "\\p{White_Space}";
          break;
        case 'S':
          out += "\\P{White_Space}";
          break;
        case 'h':
          out += in_class ? "0-9a-fA-F" : "[0-9a-fA-F]";
          break;
        case 'H':
          out += "[^0-9a-fA-F]";
          break;
        case 'w':
          out += in_class ? "\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}"
                          : "[\\p{Alphabetic}\\p{M}\\p{N}\\p{Pc}]";
          break;
        case 'W':
          out += in_class ? "[^\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}]"
                          : "[^\\p{Alphabetic}\\p{M}\\p{N}\\p{Pc}]";
          break;
        default:
          out += c;
          out += escaped;
      }
      continue;
    }
    if (c == '[') ++class_depth;
    if (c == ']' && class_depth > 0) --class_depth;
    out += c;
  }
  return out;
}

struct Regex::Compiled {
  std::string source;
  std::unique_ptr<icu::RegexPattern> pattern;
};

Regex::Regex(std::string_view pattern) : compiled_(std::make_unique<Compiled>()) {
  compiled_->source = pattern;
  const std::string icu_pattern = oniguruma_to_icu(pattern);
  UParseError parse_error{};
  UErrorCode status = U_ZERO_ERROR;
  // Oniguruma's Ruby syntax: ^ and $ work at every line, and only \n ends a line.
  compiled_->pattern.reset(icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(icu_pattern),
                                                      UREGEX_MULTILINE | UREGEX_UNIX_LINES,
                                                      parse_error, status));
  if (U_FAILURE(status)) {
    throw std::invalid_argument(std::string("invalid regular expression (") + u_errorName(status) +
                                ")");
  }
}

Regex::Regex(Regex&&) noexcept = default;
Regex& Regex::operator=(Regex&&) noexcept = default;
Regex::~Regex() = default;

std::vector<Span> Regex::find_all(std::string_view text) const {
  const icu::UnicodeString utf16 = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  // ICU reports UTF-16 indices; utf8_at[i] is the UTF-8 offset of UTF-16 index i.
  std::vector<std::size_t> utf8_at(static_cast<std::size_t>(utf16.length()) + 1);
  std::size_t index = 0;
  for (std::size_t pos = 0; pos < text.size(); pos += utf8_length(text[pos])) {
    utf8_at[index++] = pos;
    if (utf8_length(text[pos]) == 4) utf8_at[index++] = pos;  // a surrogate pair
  }
  utf8_at[index] = text.size();

  UErrorCode status = U_ZERO_ERROR;
  const std::unique_ptr<icu::RegexMatcher> matcher(compiled_->pattern->matcher(utf16, status));
  std::vector<Span> matches;
  std::optional<int64_t> last_end;
  int64_t from = 0;
  while (from <= utf16.length() && matcher->find(from, status)) {
    const int64_t begin = matcher->start64(status);
    const int64_t end = matcher->end64(status);
    if (begin == end && last_end == end) {
      from += U16_IS_LEAD(utf16.charAt(static_cast<int32_t>(from))) ? 2 : 1;
      continue;
    }
    matches.push_back(
        {utf8_at[static_cast<std::size_t>(begin)], utf8_at[static_cast<std::size_t>(end)]});
    from = end;
    last_end = end;
  }
  // ICU bounds backtracking (8 MB of stack); patterns that need more on a long input, such as
  // (?:ab)+$, fail here where Oniguruma would go on. Tokenizer patterns do not backtrack so.
  if (U_FAILURE(status)) {
    throw InputError("<text>", "regex",
                     "the pattern " + compiled_->source + " gave up on this input of " +
                         std::to_string(text.size()) + " bytes (" + u_errorName(status) + ")");
  }
  return matches;
}

}  // namespace sparsetune::tok
