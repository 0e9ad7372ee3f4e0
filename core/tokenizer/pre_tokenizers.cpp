#include "core/tokenizer/pre_tokenizers.h"

#include "core/tokenizer/byte_level.h"
#include "core/tokenizer/json_field.h"
#include "core/tokenizer/utf8.h"

namespace sparsetune::tok {
namespace {

using Parts = std::vector<NormalizedString>;

class ByteLevel final : public PreTokenizer {
 public:
  ByteLevel(bool add_prefix_space, bool use_regex)
      : add_prefix_space_(add_prefix_space), use_regex_(use_regex) {}

  void pre_tokenize(std::vector<Split>& splits) const override {
    split_each(splits, [&](NormalizedString s) {
      if (add_prefix_space_ && s.text()[0] != ' ') s.prepend(" ");
      if (!use_regex_) return Parts{std::move(s)};
      return s.split(pieces_from_matches(s.text().size(), gpt2_regex().find_all(s.text())),
                     SplitBehavior::Isolated);
    });
    for (Split& split : splits) {
      if (!split.token) to_byte_alphabet(split.text);
    }
  }

 private:
  static const Regex& gpt2_regex() {
    static const Regex regex(
        R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)");
    return regex;
  }

  static void to_byte_alphabet(NormalizedString& s) {
    const std::string& text = s.text();
    std::vector<NormalizedString::Edit> edits;
    edits.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
      const std::size_t length = utf8_length(text[pos]);
      for (std::size_t i = 0; i < length; ++i) {
        edits.push_back({byte_to_char(static_cast<unsigned char>(text[pos + i])), i == 0 ? 0 : 1});
      }
      pos += length;
    }
    s.transform(0, text.size(), edits, 0);
  }

  bool add_prefix_space_;
  bool use_regex_;
};

SplitBehavior parse_behavior(const JsonField& field) {
  const std::string name = field.string();
  if (name == "Removed") return SplitBehavior::Removed;
  if (name == "Isolated") return SplitBehavior::Isolated;
  if (name == "MergedWithPrevious") return SplitBehavior::MergedWithPrevious;
  if (name == "MergedWithNext") return SplitBehavior::MergedWithNext;
  if (name == "Contiguous") return SplitBehavior::Contiguous;
  field.fail(in_quotes(name) +
             " is not a split behavior (Removed, Isolated, MergedWithPrevious, MergedWithNext, "
             "Contiguous)");
}

class SplitOnPattern final : public PreTokenizer {
 public:
  SplitOnPattern(Pattern pattern, SplitBehavior behavior, bool invert)
      : pattern_(std::move(pattern)), behavior_(behavior), invert_(invert) {}

  void pre_tokenize(std::vector<Split>& splits) const override {
    split_each(splits, [&](NormalizedString s) {
      std::vector<Piece> pieces = pieces_from_matches(s.text().size(), pattern_.find_all(s.text()));
      if (invert_) {
        for (Piece& piece : pieces) piece.is_match = !piece.is_match;
      }
      return s.split(pieces, behavior_);
    });
  }

 private:
  Pattern pattern_;
  SplitBehavior behavior_;
  bool invert_;
};

class Metaspace final : public PreTokenizer {
 public:
  Metaspace(char32_t replacement, PrependScheme scheme, bool split)
      : replacement_(replacement),
        replacement_text_(to_utf8(replacement)),
        scheme_(scheme),
        split_(split) {}

  void pre_tokenize(std::vector<Split>& splits) const override {
    split_each(splits, [&](NormalizedString s) {
      std::vector<Span> spaces;
      for (std::size_t i = 0; i < s.text().size(); ++i) {
        if (s.text()[i] == ' ') spaces.push_back({i, i + 1});
      }
      s.replace(spaces, replacement_text_);
      // "first" means: only the split that starts the input, not one after an added token.
      const bool prepend = scheme_ == PrependScheme::Always ||
                           (scheme_ == PrependScheme::First && s.original_start() == 0);
      if (prepend && first_code_point(s.text()) != replacement_) s.prepend(replacement_text_);
      if (!split_) return Parts{std::move(s)};
      return s.split(pieces_from_chars(s.text(), [&](char32_t c) { return c == replacement_; }),
                     SplitBehavior::MergedWithNext);
    });
  }

 private:
  char32_t replacement_;
  std::string replacement_text_;
  PrependScheme scheme_;
  bool split_;
};

class Digits final : public PreTokenizer {
 public:
  explicit Digits(bool individual) : individual_(individual) {}

  void pre_tokenize(std::vector<Split>& splits) const override {
    split_each(splits, [&](NormalizedString s) {
      return s.split(pieces_from_chars(s.text(), is_numeric),
                     individual_ ? SplitBehavior::Isolated : SplitBehavior::Contiguous);
    });
  }

 private:
  bool individual_;
};

class Sequence final : public PreTokenizer {
 public:
  explicit Sequence(std::vector<std::unique_ptr<PreTokenizer>> steps) : steps_(std::move(steps)) {}
  void pre_tokenize(std::vector<Split>& splits) const override {
    for (const auto& step : steps_) step->pre_tokenize(splits);
  }

 private:
  std::vector<std::unique_ptr<PreTokenizer>> steps_;
};

}  // namespace

PrependScheme parse_prepend_scheme(const JsonField& metaspace) {
  PrependScheme scheme = PrependScheme::Always;
  if (const auto name_field = metaspace.find("prepend_scheme")) {
    const std::string name = name_field->string();
    if (name == "always") {
      scheme = PrependScheme::Always;
    } else if (name == "first") {
      scheme = PrependScheme::First;
    } else if (name == "never") {
      scheme = PrependScheme::Never;
    } else {
      name_field->fail(in_quotes(name) + " is not a prepend scheme (always, first, never)");
    }
  }
  // Files older than prepend_scheme say add_prefix_space; `tokenizers` rejects a contradiction.
  if (metaspace.optional_boolean("add_prefix_space") == false && scheme != PrependScheme::Never) {
    metaspace.at("add_prefix_space")
        .fail("false contradicts prepend_scheme (absent means \"always\")");
  }
  return scheme;
}

std::unique_ptr<PreTokenizer> parse_pre_tokenizer(const JsonField& field) {
  const std::string type = field.type();
  if (type == "ByteLevel") {
    return std::make_unique<ByteLevel>(field.at("add_prefix_space").boolean(),
                                       field.optional_boolean("use_regex").value_or(true));
  }
  if (type == "Split") {
    return std::make_unique<SplitOnPattern>(Pattern::from_json(field.at("pattern")),
                                            parse_behavior(field.at("behavior")),
                                            field.at("invert").boolean());
  }
  if (type == "Metaspace") {
    return std::make_unique<Metaspace>(field.at("replacement").character(),
                                       parse_prepend_scheme(field),
                                       field.optional_boolean("split").value_or(true));
  }
  if (type == "Digits") return std::make_unique<Digits>(field.at("individual_digits").boolean());
  if (type == "Sequence") {
    const JsonField list = field.at("pretokenizers");
    std::vector<std::unique_ptr<PreTokenizer>> steps;
    for (std::size_t i = 0; i < list.array_size(); ++i) {
      steps.push_back(parse_pre_tokenizer(list.at(i)));
    }
    return std::make_unique<Sequence>(std::move(steps));
  }
  field.at("type").fail(in_quotes(type) +
                        " is not supported (supported: ByteLevel, Split, Metaspace, Digits, "
                        "Sequence)");
}

}  // namespace sparsetune::tok
