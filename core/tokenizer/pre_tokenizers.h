#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/tokenizer/normalized_string.h"

namespace sparsetune::tok {

class JsonField;

// A piece of the input on its way to the model: text still to be tokenized, or an added token
// already recognized (its text is then left alone by every later step).
struct Split {
  NormalizedString text;
  std::optional<int32_t> token;
};

class PreTokenizer {
 public:
  virtual ~PreTokenizer() = default;
  virtual void pre_tokenize(std::vector<Split>& splits) const = 0;
};

// Where Metaspace puts its replacement character in front of a split (and, decoding, whether it
// drops it from the first token).
enum class PrependScheme { Always, First, Never };
// The prepend_scheme of a Metaspace object, also read from its older add_prefix_space form.
PrependScheme parse_prepend_scheme(const JsonField& metaspace);

// The `pre_tokenizer` of tokenizer.json: ByteLevel, Split, Metaspace, Digits, Sequence. Anything
// else is an InputError naming the field.
std::unique_ptr<PreTokenizer> parse_pre_tokenizer(const JsonField& field);

// Cuts every split that is not an added token with `cut` (NormalizedString -> its parts), dropping
// empty parts, as `tokenizers`' PreTokenizedString::split does.
template <class Cut>
void split_each(std::vector<Split>& splits, Cut&& cut) {
  std::vector<Split> result;
  result.reserve(splits.size());
  for (Split& split : splits) {
    if (split.token) {
      result.push_back(std::move(split));
      continue;
    }
    for (NormalizedString& part : cut(std::move(split.text))) {
      if (!part.empty()) result.push_back({std::move(part), std::nullopt});
    }
  }
  splits = std::move(result);
}

}  // namespace sparsetune::tok
