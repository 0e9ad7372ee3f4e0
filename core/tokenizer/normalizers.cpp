#include "core/tokenizer/normalizers.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "core/tokenizer/json_field.h"
#include "core/tokenizer/utf8.h"

namespace sparsetune::tok {
namespace {

using Edit = NormalizedString::Edit;

// NFC, NFD, NFKC or NFKD, with the alignment `tokenizers` gets from its normalization crate:
// each character decomposes into a first character that replaces it and inserted ones; canonical
// reordering moves characters with their changes; a composition folds a character into its
// starter, which then also consumes (or drops the insertion of) the folded one.
class UnicodeNormalizer final : public Normalizer {
 public:
  UnicodeNormalizer(const icu::Normalizer2& form, const icu::Normalizer2& decomposition,
                    const icu::Normalizer2* composition)
      : form_(form), decomposition_(decomposition), composition_(composition) {}

  void normalize(NormalizedString& s) const override {
    const std::string& text = s.text();
    UErrorCode status = U_ZERO_ERROR;
    if (form_.isNormalized(icu::UnicodeString::fromUTF8(text), status)) return;
    std::vector<Edit> edits = decompose(text);
    if (composition_) edits = compose(edits);
    s.transform(0, text.size(), edits, 0);
  }

 private:
  static int combining_class(char32_t c) { return u_getCombiningClass(static_cast<UChar32>(c)); }

  std::vector<Edit> decompose(const std::string& text) const {
    std::vector<Edit> edits;
    icu::UnicodeString mapping;
    for (std::size_t pos = 0; pos < text.size();) {
      const auto c = static_cast<UChar32>(next_code_point(text, pos));
      if (!decomposition_.getDecomposition(c, mapping)) {
        edits.push_back({static_cast<char32_t>(c), 0});
        continue;
      }
      for (int32_t i = 0; i < mapping.length(); i = mapping.moveIndex32(i, 1)) {
        edits.push_back({static_cast<char32_t>(mapping.char32At(i)), i == 0 ? 0 : 1});
      }
    }
    // Canonical ordering: each run of non-starters sorted (stably) by combining class.
    for (auto run = edits.begin(); run != edits.end();) {
      const auto is_starter = [](const Edit& e) { return combining_class(e.c) == 0; };
      run = std::find_if_not(run, edits.end(), is_starter);
      const auto run_end = std::find_if(run, edits.end(), is_starter);
      std::stable_sort(run, run_end, [](const Edit& a, const Edit& b) {
        return combining_class(a.c) < combining_class(b.c);
      });
      run = run_end;
    }
    return edits;
  }

  // Canonical composition (UAX #15): a character composes with the last starter unless a
  // character between them has a combining class of 0 or not below its own.
  std::vector<Edit> compose(const std::vector<Edit>& decomposed) const {
    std::vector<Edit> composed;
    std::ptrdiff_t starter = -1;
    int between = -1;  // highest combining class since the starter; -1: none
    for (const Edit& edit : decomposed) {
      const int cc = combining_class(edit.c);
      if (starter >= 0 && (between < 0 || between < cc)) {
        Edit& target = composed[static_cast<std::size_t>(starter)];
        const UChar32 pair =
            composition_->composePair(static_cast<UChar32>(target.c), static_cast<UChar32>(edit.c));
        if (pair >= 0) {
          target.c = static_cast<char32_t>(pair);
          target.change += edit.change - 1;
          continue;
        }
      }
      if (cc == 0) {
        starter = static_cast<std::ptrdiff_t>(composed.size());
        between = -1;
      } else {
        between = cc;
      }
      composed.push_back(edit);
    }
    return composed;
  }

  const icu::Normalizer2& form_;
  const icu::Normalizer2& decomposition_;
  const icu::Normalizer2* composition_;  // null for NFD and NFKD
};

class Lowercase final : public Normalizer {
 public:
  void normalize(NormalizedString& s) const override {
    const std::string& text = s.text();
    std::vector<Edit> edits;
    edits.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
      const std::u32string lower = to_lowercase(next_code_point(text, pos));
      for (std::size_t i = 0; i < lower.size(); ++i) edits.push_back({lower[i], i == 0 ? 0 : 1});
    }
    s.transform(0, text.size(), edits, 0);
  }
};

class Strip final : public Normalizer {
 public:
  Strip(bool left, bool right) : left_(left), right_(right) {}

  void normalize(NormalizedString& s) const override {
    const std::string& text = s.text();
    std::vector<char32_t> chars;
    for (std::size_t pos = 0; pos < text.size();) chars.push_back(next_code_point(text, pos));
    std::size_t leading = 0, trailing = 0;
    while (left_ && leading < chars.size() && is_white_space(chars[leading])) ++leading;
    while (right_ && trailing < chars.size() &&
           is_white_space(chars[chars.size() - 1 - trailing])) {
      ++trailing;
    }
    if (leading == 0 && trailing == 0) return;
    std::vector<Edit> edits;
    for (std::size_t i = leading; i + trailing < chars.size(); ++i) {
      const bool last_kept = i + trailing + 1 == chars.size();
      edits.push_back({chars[i], last_kept ? -static_cast<int>(trailing) : 0});
    }
    s.transform(0, text.size(), edits, leading);
  }

 private:
  bool left_, right_;
};

class Prepend final : public Normalizer {
 public:
  explicit Prepend(std::string prefix) : prefix_(std::move(prefix)) {}
  void normalize(NormalizedString& s) const override { s.prepend(prefix_); }

 private:
  std::string prefix_;
};

class Replace final : public Normalizer {
 public:
  Replace(Pattern pattern, std::string content)
      : pattern_(std::move(pattern)), content_(std::move(content)) {}
  void normalize(NormalizedString& s) const override {
    s.replace(pattern_.find_all(s.text()), content_);
  }

 private:
  Pattern pattern_;
  std::string content_;
};

class Sequence final : public Normalizer {
 public:
  explicit Sequence(std::vector<std::unique_ptr<Normalizer>> steps) : steps_(std::move(steps)) {}
  void normalize(NormalizedString& s) const override {
    for (const auto& step : steps_) step->normalize(s);
  }

 private:
  std::vector<std::unique_ptr<Normalizer>> steps_;
};

std::unique_ptr<Normalizer> unicode_normalizer(const std::string& type) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  if (U_FAILURE(status)) {
    throw std::runtime_error(std::string("ICU normalization data missing: ") + u_errorName(status));
  }
  if (type == "NFC") return std::make_unique<UnicodeNormalizer>(*nfc, *nfd, nfc);
  if (type == "NFD") return std::make_unique<UnicodeNormalizer>(*nfd, *nfd, nullptr);
  if (type == "NFKC") return std::make_unique<UnicodeNormalizer>(*nfkc, *nfkd, nfc);
  return std::make_unique<UnicodeNormalizer>(*nfkd, *nfkd, nullptr);
}

}  // namespace

std::unique_ptr<Normalizer> parse_normalizer(const JsonField& field) {
  const std::string type = field.type();
  if (type == "NFC" || type == "NFD" || type == "NFKC" || type == "NFKD") {
    return unicode_normalizer(type);
  }
  if (type == "Lowercase") return std::make_unique<Lowercase>();
  if (type == "Strip") {
    return std::make_unique<Strip>(field.at("strip_left").boolean(),
                                   field.at("strip_right").boolean());
  }
  if (type == "Prepend") return std::make_unique<Prepend>(field.at("prepend").string());
  if (type == "Replace") {
    return std::make_unique<Replace>(Pattern::from_json(field.at("pattern")),
                                     field.at("content").string());
  }
  if (type == "Sequence") {
    const JsonField list = field.at("normalizers");
    std::vector<std::unique_ptr<Normalizer>> steps;
    for (std::size_t i = 0; i < list.array_size(); ++i) {
      steps.push_back(parse_normalizer(list.at(i)));
    }
    return std::make_unique<Sequence>(std::move(steps));
  }
  field.at("type").fail(in_quotes(type) +
                        " is not supported (supported: NFC, NFD, NFKC, NFKD, Lowercase, Strip, "
                        "Prepend, Replace, Sequence)");
}

}  // namespace sparsetune::tok
