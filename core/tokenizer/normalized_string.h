#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/tokenizer/pattern.h"

namespace sparsetune::tok {

enum class SplitBehavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };

// One split of the input while it is normalized and pre-tokenized. Like `tokenizers`'
// NormalizedString it remembers, for each byte of the text, where the input character it came from
// starts, because one decision depends on it: Metaspace's prepend_scheme "first" adds its prefix
// only to a split that starts at input offset 0.
class NormalizedString {
 public:
  explicit NormalizedString(std::string_view input);

  const std::string& text() const { return text_; }
  bool empty() const { return text_.empty(); }
  std::size_t original_start() const { return original_start_; }

  // `tokenizers`' transform_range: the text in [begin, end) is rewritten as `edits`, where change
  // 0 replaces the next character, 1 inserts one, and -n replaces the next one and removes n more;
  // `removed_first` characters are dropped before the first edit.
  struct Edit {
    char32_t c;
    int change;
  };
  void transform(std::size_t begin, std::size_t end, const std::vector<Edit>& edits,
                 std::size_t removed_first);
  void prepend(std::string_view prefix);
  void replace(const std::vector<Span>& matches, std::string_view content);
  // The non-empty parts of the split after cutting it as `behavior` says.
  std::vector<NormalizedString> split(const std::vector<Piece>& pieces,
                                      SplitBehavior behavior) const;
  NormalizedString slice(std::size_t begin, std::size_t end) const;

 private:
  NormalizedString() = default;

  std::string text_;
  std::vector<std::size_t> origin_;  // per byte of text_: where its input character starts
  std::size_t original_start_ = 0;
};

}  // namespace sparsetune::tok
