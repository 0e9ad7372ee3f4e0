#include "core/data/final_answer.h"

#include <cctype>

namespace sparsetune {

std::optional<std::string> extract_final_answer(std::string_view text) {
  const auto mark = text.rfind("####");
  if (mark == std::string_view::npos) return std::nullopt;
  std::size_t i = mark + 4;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  std::string number;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    if (text[i] == '-') number += '-';
    ++i;
  }
  bool digits = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      number += c;
      digits = true;
    } else if (c == ',' && digits) {
      continue;
    } else if (c == '.' && digits && number.find('.') == std::string::npos && i + 1 < text.size() &&
               std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
      number += c;
    } else {
      break;
    }
  }
  if (!digits) return std::nullopt;
  if (auto dot = number.find('.'); dot != std::string::npos) {
    while (number.back() == '0') number.pop_back();
    if (number.back() == '.') number.pop_back();
  }
  if (number == "-0") number = "0";
  return number;
}

}  // namespace sparsetune
