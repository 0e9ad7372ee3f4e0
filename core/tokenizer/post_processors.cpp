#include "core/tokenizer/post_processors.h"

#include <optional>

#include "core/tokenizer/json_field.h"

namespace sparsetune::tok {
namespace {

// The `single` template as a list of parts: the sequence itself, or the ids of a special token.
class Template final : public PostProcessor {
 public:
  // nullopt marks the place of the sequence.
  using Part = std::optional<std::vector<int32_t>>;
  explicit Template(std::vector<Part> parts) : parts_(std::move(parts)) {}

  void add_special_tokens(std::vector<int32_t>& ids) const override {
    std::vector<int32_t> result;
    for (const Part& part : parts_) {
      const std::vector<int32_t>& source = part ? *part : ids;
      result.insert(result.end(), source.begin(), source.end());
    }
    ids = std::move(result);
  }

 private:
  std::vector<Part> parts_;
};

class NoSpecialTokens final : public PostProcessor {
 public:
  void add_special_tokens(std::vector<int32_t>&) const override {}
};

class Sequence final : public PostProcessor {
 public:
  explicit Sequence(std::vector<std::unique_ptr<PostProcessor>> steps) : steps_(std::move(steps)) {}
  void add_special_tokens(std::vector<int32_t>& ids) const override {
    for (const auto& step : steps_) step->add_special_tokens(ids);
  }

 private:
  std::vector<std::unique_ptr<PostProcessor>> steps_;
};

std::unique_ptr<PostProcessor> parse_template(const JsonField& field) {
  const JsonField special_tokens = field.at("special_tokens");
  special_tokens.expect_object();
  const JsonField single = field.at("single");
  std::vector<Template::Part> parts;
  for (std::size_t i = 0; i < single.array_size(); ++i) {
    const JsonField piece = single.at(i);
    if (const auto sequence = piece.find("Sequence")) {
      const std::string id = sequence->at("id").string();
      if (id != "A") {
        sequence->at("id").fail("a single-sequence template can only hold sequence A, not " + id);
      }
      parts.emplace_back(std::nullopt);
    } else if (const auto special = piece.find("SpecialToken")) {
      const JsonField name = special->at("id");
      if (!special_tokens.json().contains(name.string())) {
        name.fail(in_quotes(name.string()) + " is not in " + special_tokens.path());
      }
      const JsonField ids = special_tokens.at(name.string()).at("ids");
      std::vector<int32_t> part;
      for (std::size_t k = 0; k < ids.array_size(); ++k) part.push_back(ids.at(k).token_id());
      parts.push_back(std::move(part));
    } else {
      piece.fail(R"(expected {"Sequence": ...} or {"SpecialToken": ...})");
    }
  }
  return std::make_unique<Template>(std::move(parts));
}

// RobertaProcessing and BertProcessing: [cls] sequence [sep], each given as [token, id].
std::unique_ptr<PostProcessor> parse_cls_sep(const JsonField& field) {
  const auto id_of = [](const JsonField& pair) {
    if (pair.array_size() != 2) pair.fail("expected [token, id]");
    return std::vector<int32_t>{pair.at(1).token_id()};
  };
  return std::make_unique<Template>(
      std::vector<Template::Part>{id_of(field.at("cls")), std::nullopt, id_of(field.at("sep"))});
}

}  // namespace

std::unique_ptr<PostProcessor> parse_post_processor(const JsonField& field) {
  const std::string type = field.type();
  if (type == "TemplateProcessing") return parse_template(field);
  if (type == "RobertaProcessing" || type == "BertProcessing") return parse_cls_sep(field);
  // ByteLevel only trims offsets, which ids do not have.
  if (type == "ByteLevel") return std::make_unique<NoSpecialTokens>();
  if (type == "Sequence") {
    const JsonField list = field.at("processors");
    std::vector<std::unique_ptr<PostProcessor>> steps;
    for (std::size_t i = 0; i < list.array_size(); ++i) {
      steps.push_back(parse_post_processor(list.at(i)));
    }
    return std::make_unique<Sequence>(std::move(steps));
  }
  field.at("type").fail(in_quotes(type) +
                        " is not supported (supported: TemplateProcessing, ByteLevel, "
                        "RobertaProcessing, BertProcessing, Sequence)");
}

}  // namespace sparsetune::tok
