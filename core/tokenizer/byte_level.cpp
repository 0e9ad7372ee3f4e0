#include "core/tokenizer/byte_level.h"

#include <array>

namespace sparsetune::tok {
namespace {

struct Alphabet {
  std::array<char32_t, 256> to_char{};
  std::array<int, 512> to_byte{};  // every mapped character is below 512; -1 where unmapped

  Alphabet() {
    to_byte.fill(-1);
    char32_t next_free = 256;
    for (int b = 0; b < 256; ++b) {
      const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE;
      to_char[b] = printable ? static_cast<char32_t>(b) : next_free++;
      to_byte[to_char[b]] = b;
    }
  }
};

const Alphabet& alphabet() {
  static const Alphabet instance;
  return instance;
}

}  // namespace

char32_t byte_to_char(unsigned char byte) { return alphabet().to_char[byte]; }

std::optional<unsigned char> char_to_byte(char32_t c) {
  if (c >= 512 || alphabet().to_byte[c] < 0) return std::nullopt;
  return static_cast<unsigned char>(alphabet().to_byte[c]);
}

}  // namespace sparsetune::tok
