#pragma once
#include <cstdint>
#include <memory>
#include <vector>

namespace sparsetune::tok {

class JsonField;

// What encode(add_special_tokens = true) does to the ids of a single sequence.
class PostProcessor {
 public:
  virtual ~PostProcessor() = default;
  virtual void add_special_tokens(std::vector<int32_t>& ids) const = 0;
};

// The `post_processor` of tokenizer.json: TemplateProcessing, ByteLevel, RobertaProcessing,
// BertProcessing, Sequence. Anything else is an InputError naming the field.
std::unique_ptr<PostProcessor> parse_post_processor(const JsonField& field);

}  // namespace sparsetune::tok
