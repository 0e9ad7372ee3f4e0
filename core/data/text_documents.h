#pragma once
#include <string_view>
#include <vector>

namespace sparsetune {

// The documents of a plain-text corpus: WikiText's articles, each from its " = Title = " line (one '='
// on each side; sections are " = = Section = = ") up to the next article's, or the whole text when it
// has no such line. Text before the first title belongs to the first article. The pieces cover the
// text exactly, in order.
std::vector<std::string_view> split_text_documents(std::string_view text);

}  // namespace sparsetune
