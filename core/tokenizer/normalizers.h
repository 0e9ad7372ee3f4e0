#pragma once
#include <memory>

#include "core/tokenizer/normalized_string.h"

namespace sparsetune::tok {

class JsonField;

class Normalizer {
 public:
  virtual ~Normalizer() = default;
  virtual void normalize(NormalizedString& s) const = 0;
};

// The `normalizer` of tokenizer.json: NFC, NFD, NFKC, NFKD, Lowercase, Strip, Prepend, Replace,
// Sequence. Anything else is an InputError naming the field.
std::unique_ptr<Normalizer> parse_normalizer(const JsonField& field);

}  // namespace sparsetune::tok
