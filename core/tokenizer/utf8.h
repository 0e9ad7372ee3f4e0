#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

// UTF-8 and Unicode character classes, with the exact definitions the `tokenizers` (Rust)
// pipeline uses, so that splitting decisions match it character for character.
namespace sparsetune::tok {

// Byte offset of the first byte that does not start a well-formed UTF-8 sequence (overlong forms,
// surrogates and code points above U+10FFFF are ill-formed), or nullopt when `s` is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view s);

// Length of the sequence that starts with `lead` in valid UTF-8.
inline std::size_t utf8_length(char lead) {
  const auto b = static_cast<unsigned char>(lead);
  return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

// Decodes the code point at `pos` of valid UTF-8 and advances `pos` past it.
char32_t next_code_point(std::string_view s, std::size_t& pos);
// The first code point of non-empty valid UTF-8.
char32_t first_code_point(std::string_view s);
// The last code point of non-empty valid UTF-8.
char32_t last_code_point(std::string_view s);
// Where the character that ends at `pos` (> 0) starts, in valid UTF-8.
std::size_t previous_char_start(std::string_view s, std::size_t pos);

void append_utf8(std::string& out, char32_t c);
std::string to_utf8(char32_t c);

// Like Rust's String::from_utf8_lossy: each maximal ill-formed subsequence becomes one U+FFFD.
std::string utf8_lossy(std::string_view bytes);

// Rust's char::is_whitespace (and regex \s): the Unicode White_Space property.
bool is_white_space(char32_t c);
// Rust's char::is_numeric: general category Nd, Nl or No.
bool is_numeric(char32_t c);
// The Rust regex crate's \w: Alphabetic, Mark, Decimal_Number, Connector_Punctuation, Join_Control.
bool is_word_character(char32_t c);

// Rust's char::to_lowercase: the full, context-free lowercase mapping of one code point.
std::u32string to_lowercase(char32_t c);

}  // namespace sparsetune::tok
