#include "core/tokenizer/utf8.h"

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

namespace sparsetune::tok {
namespace {

bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Length of the well-formed sequence at `pos` (positive), or minus the length of the maximal
// ill-formed subpart there (Unicode's "maximal subpart" rule, which Rust's lossy decoding uses).
int sequence_at(std::string_view s, std::size_t pos) {
  const auto byte = [&](std::size_t i) -> int {
    return pos + i < s.size() ? static_cast<unsigned char>(s[pos + i]) : -1;
  };
  const int lead = byte(0);
  if (lead < 0x80) return 1;
  int width = 0;
  int second_min = 0x80, second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    width = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    width = 3;
    if (lead == 0xE0) second_min = 0xA0;  // overlong
    if (lead == 0xED) second_max = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    width = 4;
    if (lead == 0xF0) second_min = 0x90;  // overlong
    if (lead == 0xF4) second_max = 0x8F;  // above U+10FFFF
  } else {
    return -1;
  }
  const int second = byte(1);
  if (second < second_min || second > second_max) return -1;
  for (int i = 2; i < width; ++i) {
    const int b = byte(i);
    if (b < 0 || !is_continuation(static_cast<unsigned char>(b))) return -i;
  }
  return width;
}

}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view s) {
  for (std::size_t pos = 0; pos < s.size();) {
    const int n = sequence_at(s, pos);
    if (n < 0) return pos;
    pos += static_cast<std::size_t>(n);
  }
  return std::nullopt;
}

char32_t next_code_point(std::string_view s, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(s[pos]);
  const std::size_t n = utf8_length(s[pos]);
  char32_t c = n == 1 ? lead : n == 2 ? lead & 0x1F : n == 3 ? lead & 0x0F : lead & 0x07;
  for (std::size_t i = 1; i < n; ++i) {
    c = (c << 6) | (static_cast<unsigned char>(s[pos + i]) & 0x3F);
  }
  pos += n;
  return c;
}

char32_t first_code_point(std::string_view s) {
  std::size_t pos = 0;
  return next_code_point(s, pos);
}

std::size_t previous_char_start(std::string_view s, std::size_t pos) {
  do {
    --pos;
  } while (is_continuation(static_cast<unsigned char>(s[pos])));
  return pos;
}

char32_t last_code_point(std::string_view s) {
  std::size_t pos = previous_char_start(s, s.size());
  return next_code_point(s, pos);
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::string to_utf8(char32_t c) {
  std::string out;
  append_utf8(out, c);
  return out;
}

std::string utf8_lossy(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t pos = 0; pos < bytes.size();) {
    const int n = sequence_at(bytes, pos);
    if (n > 0) {
      out.append(bytes.substr(pos, static_cast<std::size_t>(n)));
      pos += static_cast<std::size_t>(n);
    } else {
      out += "\xEF\xBF\xBD";
      pos += static_cast<std::size_t>(-n);
    }
  }
  return out;
}

bool is_white_space(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_WHITE_SPACE);
}

bool is_numeric(char32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  const auto type = u_charType(static_cast<UChar32>(c));
  return type == U_DECIMAL_DIGIT_NUMBER || type == U_LETTER_NUMBER || type == U_OTHER_NUMBER;
}

bool is_word_character(char32_t c) {
  if (c < 0x80) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }
  const auto uc = static_cast<UChar32>(c);
  const auto mask = U_GET_GC_MASK(uc);
  return u_hasBinaryProperty(uc, UCHAR_ALPHABETIC) || u_hasBinaryProperty(uc, UCHAR_JOIN_CONTROL) ||
         (mask & (U_GC_M_MASK | U_GC_ND_MASK | U_GC_PC_MASK)) != 0;
}

std::u32string to_lowercase(char32_t c) {
  if (c < 0x80) return std::u32string(1, c >= 'A' && c <= 'Z' ? c + 32 : c);
  UChar in[2];
  int32_t in_length = 0;
  U16_APPEND_UNSAFE(in, in_length, static_cast<UChar32>(c));
  // One code point lowercases to at most three, each at most two UTF-16 units.
  UChar out[8];
  UErrorCode status = U_ZERO_ERROR;
  // The root locale and a lone code point: no language rules and no context (Final_Sigma), as
  // Rust's per-character mapping.
  const int32_t out_length = u_strToLower(out, 8, in, in_length, "", &status);
  std::u32string result;
  for (int32_t i = 0; i < out_length;) {
    UChar32 lower;
    U16_NEXT_UNSAFE(out, i, lower);
    result += static_cast<char32_t>(lower);
  }
  return result;
}

}  // namespace sparsetune::tok
