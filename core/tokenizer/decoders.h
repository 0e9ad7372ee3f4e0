#pragma once
#include <memory>
#include <string>
#include <vector>

namespace sparsetune::tok {

class JsonField;

// Turns tokens back into text, one step of a chain at a time (`tokenizers`' decode_chain); the
// final text is the concatenation of what the chain leaves.
class Decoder {
 public:
  virtual ~Decoder() = default;
  virtual void decode_chain(std::vector<std::string>& tokens) const = 0;
};

// The `decoder` of tokenizer.json: ByteLevel, Metaspace, Replace, ByteFallback, Fuse, Strip,
// Sequence. Anything else is an InputError naming the field.
std::unique_ptr<Decoder> parse_decoder(const JsonField& field);

}  // namespace sparsetune::tok
