#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace sparsetune {

// The GSM8k convention: the final answer is the number after the last "####". Commas and a leading
// '+' are dropped and a trailing ".0…" removed, so "1,000" and "1000.00" compare equal; nullopt when
// there is no "####" followed by a number.
std::optional<std::string> extract_final_answer(std::string_view text);

}  // namespace sparsetune
