#pragma once
#include <optional>

// GPT-2's byte-level alphabet: every byte is shown as a printable character (space as 'Ġ',
// newline as 'Ċ', ...), so byte-level BPE vocabularies hold only printable strings.
namespace sparsetune::tok {

char32_t byte_to_char(unsigned char byte);
std::optional<unsigned char> char_to_byte(char32_t c);

}  // namespace sparsetune::tok
