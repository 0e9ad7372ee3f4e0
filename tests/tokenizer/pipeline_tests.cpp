// Normalizers and pre-tokenizers, seen through the tokens they lead to.
#include "tokenizer_test_util.h"

namespace tokenizer_test {
namespace {

json with(json config, const std::string& key, const json& component) {
  config[key] = component;
  return config;
}

json split(const json& pattern, const std::string& behavior, bool invert = false) {
  return {{"type", "Split"}, {"pattern", pattern}, {"behavior", behavior}, {"invert", invert}};
}

json metaspace(const std::string& scheme, bool split_on_it = true) {
  return {{"type", "Metaspace"},
          {"replacement", "▁"},
          {"prepend_scheme", scheme},
          {"split", split_on_it}};
}

TEST(Normalizers, UnicodeForms) {
  const json config = bpe({"é", "e", "\u0301", "f", "i", "ﬁ"});
  EXPECT_EQ(tokens(load(with(config, "normalizer", {{"type", "NFC"}})), "e\u0301ﬁ"),
            (Strings{"é", "ﬁ"}));
  EXPECT_EQ(tokens(load(with(config, "normalizer", {{"type", "NFD"}})), "éﬁ"),
            (Strings{"e", "\u0301", "ﬁ"}));
  EXPECT_EQ(tokens(load(with(config, "normalizer", {{"type", "NFKC"}})), "e\u0301ﬁ"),
            (Strings{"é", "f", "i"}));
  EXPECT_EQ(tokens(load(with(config, "normalizer", {{"type", "NFKD"}})), "éﬁ"),
            (Strings{"e", "\u0301", "f", "i"}));
}

TEST(Normalizers, LowercaseMapsEachCharacterOnItsOwn) {
  // No final-sigma rule, and İ becomes i + combining dot, as Rust's char::to_lowercase.
  const json config =
      with(bpe({"a", "σ", "i", "\u0307", "ß"}), "normalizer", {{"type", "Lowercase"}});
  EXPECT_EQ(tokens(load(config), "AΣİẞ"), (Strings{"a", "σ", "i", "\u0307", "ß"}));
}

TEST(Normalizers, StripRemovesUnicodeWhitespace) {
  const json config = bpe({"a", "b", " ", "\t"});
  const json both = {{"type", "Strip"}, {"strip_left", true}, {"strip_right", true}};
  const json left = {{"type", "Strip"}, {"strip_left", true}, {"strip_right", false}};
  EXPECT_EQ(tokens(load(with(config, "normalizer", both)), " \u3000a b\t\u0085"),
            (Strings{"a", " ", "b"}));
  EXPECT_EQ(tokens(load(with(config, "normalizer", left)), "  a\t"), (Strings{"a", "\t"}));
}

TEST(Normalizers, PrependOnlyToNonEmptyText) {
  const json normalizer = {{"type", "Sequence"},
                           {"normalizers",
                            {{{"type", "Strip"}, {"strip_left", true}, {"strip_right", true}},
                             {{"type", "Prepend"}, {"prepend", "b"}}}}};
  const Tokenizer tokenizer = load(with(bpe({"a", "b"}), "normalizer", normalizer));
  EXPECT_EQ(tokens(tokenizer, " a "), (Strings{"b", "a"}));
  EXPECT_EQ(tokens(tokenizer, "   "), (Strings{}));
}

TEST(Normalizers, ReplaceStringAndRegex) {
  const json config = bpe({"a", "b", "▁", " "});
  const json literal = {{"type", "Replace"}, {"pattern", pattern_string(" ")}, {"content", "▁"}};
  const json regex = {{"type", "Replace"}, {"pattern", pattern_regex("\\s+")}, {"content", " "}};
  const json removal = {{"type", "Replace"}, {"pattern", pattern_string("x")}, {"content", ""}};
  EXPECT_EQ(tokens(load(with(config, "normalizer", literal)), "a b "),
            (Strings{"a", "▁", "b", "▁"}));
  EXPECT_EQ(tokens(load(with(config, "normalizer", regex)), "a \t\n b"), (Strings{"a", " ", "b"}));
  EXPECT_EQ(tokens(load(with(config, "normalizer", removal)), "xaxxb"), (Strings{"a", "b"}));
}

TEST(ByteLevel, MapsBytesToPrintableCharacters) {
  const json config =
      bpe({"h", "i", "t", "e", "r", "Ġ", "Ċ", "Ġt", "hi", "iĠ", "Ã", "©"}, {"i Ġ", "h i", "Ġ t"});
  const json regex = {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true}};
  EXPECT_EQ(tokens(load(with(config, "pre_tokenizer", regex)), "hi there\n"),
            (Strings{"hi", "Ġt", "h", "e", "r", "e", "Ċ"}));
  EXPECT_EQ(tokens(load(with(config, "pre_tokenizer", regex)), "é"), (Strings{"Ã", "©"}));

  json no_regex = regex;
  no_regex["use_regex"] = false;
  EXPECT_EQ(tokens(load(with(config, "pre_tokenizer", no_regex)), "hi there"),
            (Strings{"h", "iĠ", "t", "h", "e", "r", "e"}));
}

TEST(ByteLevel, AddsPrefixSpaceToEverySplit) {
  json config = bpe({"h", "i", "Ġ", "hi"}, {"h i"});
  config["pre_tokenizer"] = {
      {"type", "ByteLevel"}, {"add_prefix_space", true}, {"trim_offsets", true}};
  config["added_tokens"] = json::array({added_token("<x>", 4)});
  EXPECT_EQ(tokens(load(config), "hi<x>hi"), (Strings{"Ġ", "hi", "<x>", "Ġ", "hi"}));
  EXPECT_EQ(tokens(load(config), " hi"), (Strings{"Ġ", "hi"}));
}

TEST(Metaspace, PrependSchemesAndSplitting) {
  const json config = bpe({"▁", "a", "b", "▁a", "▁b", "a▁"}, {"a ▁", "▁ a", "▁ b"});
  EXPECT_EQ(tokens(load(with(config, "pre_tokenizer", metaspace("always"))), "a b"),
            (Strings{"▁a", "▁b"}));
  EXPECT_EQ(tokens(load(with(config, "pre_tokenizer", metaspace("always", false))), "a b"),
            (Strings{"▁", "a▁", "b"}));
  EXPECT_EQ(tokens(load(with(config, "pre_tokenizer", metaspace("never"))), "a b"),
            (Strings{"a", "▁b"}));
  EXPECT_EQ(tokens(load(with(config, "pre_tokenizer", metaspace("always"))), " a"),
            (Strings{"▁a"}));
}

TEST(Metaspace, FirstSchemePrefixesOnlyTextAtTheStartOfTheInput) {
  json config = bpe({"▁", "a", "b", "1", "▁a", "▁b"}, {"▁ a", "▁ b"});
  config["added_tokens"] = json::array({added_token("<x>", 6)});
  config["pre_tokenizer"] = metaspace("first");
  EXPECT_EQ(tokens(load(config), "a<x>b"), (Strings{"▁a", "<x>", "b"}));
  EXPECT_EQ(tokens(load(config), "<x>a"), (Strings{"<x>", "a"}));
  config["pre_tokenizer"] = metaspace("always");
  EXPECT_EQ(tokens(load(config), "a<x>b"), (Strings{"▁a", "<x>", "▁b"}));

  // Cut by an earlier pre-tokenizer: only the first piece starts the input.
  config["pre_tokenizer"] = {
      {"type", "Sequence"},
      {"pretokenizers", {{{"type", "Digits"}, {"individual_digits", true}}, metaspace("first")}}};
  EXPECT_EQ(tokens(load(config), "a1b"), (Strings{"▁a", "1", "b"}));
  // Stripped by the normalizer: the text now starts at input offset 2.
  config["pre_tokenizer"] = metaspace("first");
  config["normalizer"] = {{"type", "Strip"}, {"strip_left", true}, {"strip_right", false}};
  EXPECT_EQ(tokens(load(config), "  a b"), (Strings{"a", "▁b"}));
}

TEST(Metaspace, FirstSchemeCountsEveryCharacterMadeFromTheFirstOne) {
  // NFKC makes "1⁄2" of "½": all three come from input offset 0, so each piece gets the prefix.
  json config = bpe({"▁", "1", "⁄", "2", "a", "▁1", "▁⁄", "▁2", "▁a", "\u0301"},
                    {"▁ 1", "▁ ⁄", "▁ 2", "▁ a"});
  config["normalizer"] = {{"type", "NFKC"}};
  config["pre_tokenizer"] = {
      {"type", "Sequence"},
      {"pretokenizers", {{{"type", "Digits"}, {"individual_digits", true}}, metaspace("first")}}};
  EXPECT_EQ(tokens(load(config), "½a"), (Strings{"▁1", "▁⁄", "▁2", "a"}));
  EXPECT_EQ(tokens(load(config), "a½"), (Strings{"▁a", "1", "⁄", "2"}));
  // The accent is normalized together with ½ but stays its own character, at input offset 2.
  EXPECT_EQ(tokens(load(config), "½\u0301a"), (Strings{"▁1", "▁⁄", "▁2", "\u0301", "a"}));
}

TEST(Metaspace, ReadsTheOlderAddPrefixSpace) {
  json pre_tokenizer = {{"type", "Metaspace"}, {"replacement", "▁"}, {"add_prefix_space", true}};
  const json config = bpe({"▁", "a", "▁a"}, {"▁ a"});
  EXPECT_EQ(tokens(load(with(config, "pre_tokenizer", pre_tokenizer)), "a"), (Strings{"▁a"}));
  pre_tokenizer["add_prefix_space"] = false;
  pre_tokenizer["prepend_scheme"] = "never";
  EXPECT_EQ(tokens(load(with(config, "pre_tokenizer", pre_tokenizer)), "a"), (Strings{"a"}));
}

TEST(Split, Behaviors) {
  const json config = bpe({"a", "b", "-", "a-", "-b", "--"}, {"a -", "- b", "- -"});
  const auto cut = [&](const json& pre_tokenizer) {
    return tokens(load(with(config, "pre_tokenizer", pre_tokenizer)), "a--b");
  };
  EXPECT_EQ(tokens(load(config), "a--b"), (Strings{"a-", "-b"}));
  EXPECT_EQ(cut(split(pattern_string("-"), "Isolated")), (Strings{"a", "-", "-", "b"}));
  EXPECT_EQ(cut(split(pattern_string("-"), "Removed")), (Strings{"a", "b"}));
  EXPECT_EQ(cut(split(pattern_string("-"), "MergedWithPrevious")), (Strings{"a-", "-", "b"}));
  EXPECT_EQ(cut(split(pattern_string("-"), "MergedWithNext")), (Strings{"a", "-", "-b"}));
  EXPECT_EQ(cut(split(pattern_string("-"), "Contiguous")), (Strings{"a", "--", "b"}));
  EXPECT_EQ(cut(split(pattern_string("-"), "Removed", true)), (Strings{"-", "-"}));
  EXPECT_EQ(cut(split(pattern_regex("-+"), "Isolated")), (Strings{"a", "--", "b"}));
}

TEST(Split, EmptyRegexMatchesFollowOniguruma) {
  // No empty match right after a match: "x*" on "axxbx" matches at 0 (empty), 1-3 and 4-5.
  const json config = bpe({"a", "x", "b", "xx", "xxb"}, {"x x", "xx b"});
  EXPECT_EQ(
      tokens(load(with(config, "pre_tokenizer", split(pattern_regex("x*"), "MergedWithNext"))),
             "axxbx"),
      (Strings{"a", "xxb", "x"}));
}

// Patterns are Oniguruma's; these are the constructs ICU reads differently.
TEST(Split, RegexDialectIsOniguruma) {
  json config = bpe({"<unk>", "a", "b", "c", "x", "z", " ", "\n", "\r"});
  config["model"]["unk_token"] = "<unk>";
  const auto removed = [&](const std::string& regex, std::string_view text) {
    return tokens(load(with(config, "pre_tokenizer", split(pattern_regex(regex), "Removed"))),
                  text);
  };
  // \s is White_Space: vertical tab, U+0085, no-break space, line separator; not U+200B.
  EXPECT_EQ(removed("\\s", "a\vb\u0085c\u00a0a\u2028b\u200bc"),
            (Strings{"a", "b", "c", "a", "b", "<unk>", "c"}));
  EXPECT_EQ(removed("[^\\s]+", "a\u0085b"), (Strings{"<unk>"}));
  // \h is a hex digit.
  EXPECT_EQ(removed("\\h+", "xaf9 z"), (Strings{"x", " ", "z"}));
  // \w takes every number outside brackets, only decimal digits inside; never a joiner.
  EXPECT_EQ(removed("\\w+", "a²_b\u200dc"), (Strings{"<unk>"}));
  EXPECT_EQ(removed("[\\w]+", "a²b"), (Strings{"<unk>"}));
  EXPECT_EQ(removed("\\W", "a\u200d²"), (Strings{"a", "<unk>"}));
  // Only \n ends a line, for . and for $.
  EXPECT_EQ(removed(".", "a\r\n"), (Strings{"\n"}));
  EXPECT_EQ(removed("b$", "ab\nab\rab"), (Strings{"a", "\n", "a", "b", "\r", "a"}));
}

TEST(Digits, IndividualOrContiguous) {
  const json config = bpe({"a", "1", "2", "12", "²", "1²"}, {"1 2", "1 ²"});
  const json individual = {{"type", "Digits"}, {"individual_digits", true}};
  const json contiguous = {{"type", "Digits"}, {"individual_digits", false}};
  EXPECT_EQ(tokens(load(with(config, "pre_tokenizer", individual)), "a12"),
            (Strings{"a", "1", "2"}));
  EXPECT_EQ(tokens(load(with(config, "pre_tokenizer", contiguous)), "a12"), (Strings{"a", "12"}));
  // Numeric means Rust's char::is_numeric: superscripts too.
  EXPECT_EQ(tokens(load(with(config, "pre_tokenizer", individual)), "1²"), (Strings{"1", "²"}));
  EXPECT_EQ(tokens(load(with(config, "pre_tokenizer", contiguous)), "1²"), (Strings{"1²"}));
}

}  // namespace
}  // namespace tokenizer_test
