#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sparsetune::tok {

// A byte range [begin, end) of a UTF-8 string.
struct Span {
  std::size_t begin;
  std::size_t end;
};

// A regular expression written for Oniguruma (what `tokenizers` compiles its patterns with),
// run by ICU. The few constructs whose meaning differs between the two are translated.
class Regex {
 public:
  // Throws std::invalid_argument with ICU's reason when the pattern does not compile.
  explicit Regex(std::string_view pattern);
  Regex(Regex&&) noexcept;
  Regex& operator=(Regex&&) noexcept;
  ~Regex();

  // All matches in `text`, iterated as Oniguruma does: an empty match right where the previous
  // match ended is skipped. Throws InputError if the input needs too much backtracking.
  std::vector<Span> find_all(std::string_view text) const;

 private:
  struct Compiled;
  std::unique_ptr<Compiled> compiled_;
};

// The ICU pattern for an Oniguruma pattern. Oniguruma's \s is White_Space (ICU's lacks U+0085
// and vertical tab); \h is a hex digit (ICU: horizontal space); \w is Letter, Mark, Number,
// Connector_Punctuation outside brackets and Alphabetic, Mark, Decimal_Number,
// Connector_Punctuation inside them (ICU adds ZWJ/ZWNJ and leaves out No).
std::string oniguruma_to_icu(std::string_view pattern);

}  // namespace sparsetune::tok
