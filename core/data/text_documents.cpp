#include "core/data/text_documents.h"

namespace sparsetune {

namespace {

bool is_article_title(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line.size() > 6 && line.starts_with(" = ") && line[3] != '=' && line.ends_with(" = ") &&
         line[line.size() - 4] != '=';
}

}  // namespace

std::vector<std::string_view> split_text_documents(std::string_view text) {
  std::vector<std::size_t> starts;
  for (std::size_t begin = 0; begin < text.size();) {
    const std::size_t newline = text.find('\n', begin);
    const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
    if (is_article_title(text.substr(begin, end - begin))) starts.push_back(begin);
    begin = end + 1;
  }
  if (starts.empty()) return {text};
  starts.front() = 0;
  std::vector<std::string_view> documents;
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t end = i + 1 < starts.size() ? starts[i + 1] : text.size();
    documents.push_back(text.substr(starts[i], end - starts[i]));
  }
  return documents;
}

}  // namespace sparsetune
