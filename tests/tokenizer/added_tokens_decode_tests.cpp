// Added tokens, post-processors and decoders.
#include "tokenizer_test_util.h"

namespace tokenizer_test {
namespace {

const Strings kChars = {"a", "b", " ", "<", "m", ">"};

TEST(AddedTokens, LongestMatchFirstAndIdsAsTokenizersGivesThem) {
  json config = bpe(kChars);
  // The ids in the file are not used: like `tokenizers`, a token gets the next free id.
  config["added_tokens"] = json::array({added_token("<a>", 42), added_token("<a><b>", 3)});
  const Tokenizer tokenizer = load(config);
  EXPECT_EQ(tokenizer.encode("<a><b><a>"), (std::vector<int32_t>{7, 6}));
  EXPECT_EQ(tokenizer.token_to_id("<a>"), 6);
  EXPECT_EQ(tokenizer.id_to_token(7), "<a><b>");
  EXPECT_EQ(tokenizer.vocab_size(), 8u);
  EXPECT_TRUE(tokenizer.is_special(6));
  EXPECT_FALSE(tokenizer.is_special(0));
}

TEST(AddedTokens, TokenOfTheModelKeepsItsId) {
  json config = bpe(kChars);
  config["added_tokens"] = json::array({added_token("<", 99)});
  const Tokenizer tokenizer = load(config);
  EXPECT_EQ(tokenizer.token_to_id("<"), 3);
  EXPECT_EQ(tokenizer.vocab_size(), 6u);
  EXPECT_TRUE(tokenizer.is_special(3));
}

TEST(AddedTokens, StripOptionsTakeWhitespace) {
  json config = bpe(kChars);
  config["added_tokens"] = json::array({added_token("<m>", 6, {.lstrip = true})});
  EXPECT_EQ(tokens(load(config), "a  <m>  b"), (Strings{"a", "<m>", " ", " ", "b"}));
  config["added_tokens"] = json::array({added_token("<m>", 6, {.rstrip = true})});
  EXPECT_EQ(tokens(load(config), "a  <m>  b"), (Strings{"a", " ", " ", "<m>", "b"}));
  // Whitespace taken by one token is not taken again by the next.
  config["added_tokens"] = json::array({added_token("<m>", 6, {.lstrip = true, .rstrip = true})});
  EXPECT_EQ(load(config).encode("<m> <m>"), (std::vector<int32_t>{6, 6}));
}

TEST(AddedTokens, SingleWordTokensOnlyBetweenNonWordCharacters) {
  json config = bpe(kChars);
  config["added_tokens"] = json::array({added_token("<m>", 6, {.single_word = true})});
  EXPECT_EQ(tokens(load(config), "a<m> <m> <m>b"),
            (Strings{"a", "<", "m", ">", " ", "<m>", " ", "<", "m", ">", "b"}));
}

TEST(AddedTokens, NormalizedTokensMatchTheNormalizedText) {
  json config = bpe({"a", " ", "h", "e", "l", "o"});
  config["normalizer"] = {{"type", "Lowercase"}};
  config["added_tokens"] =
      json::array({added_token("hello", 6, {.special = false, .normalized = true}),
                   added_token("AB", 7, {.special = false, .normalized = false})});
  const Tokenizer tokenizer = load(config);
  EXPECT_EQ(tokens(tokenizer, "HeLLo a"), (Strings{"hello", " ", "a"}));
  // A non-normalized token is looked for in the raw text only.
  EXPECT_EQ(tokens(tokenizer, "AB ab"), (Strings{"AB", " ", "a"}));
}

TEST(AddedTokens, AreCutOutBeforeNormalization) {
  json config = bpe({"▁", "a", "b"});
  config["normalizer"] = {
      {"type", "Sequence"},
      {"normalizers",
       {{{"type", "Prepend"}, {"prepend", "▁"}},
        {{"type", "Replace"}, {"pattern", pattern_string(" ")}, {"content", "▁"}}}}};
  config["added_tokens"] = json::array({added_token("<s>", 3)});
  EXPECT_EQ(tokens(load(config), "a <s> b"), (Strings{"▁", "a", "▁", "<s>", "▁", "▁", "b"}));
}

TEST(AddedTokens, NormalizedSpecialTokenDecodesAsItsNormalizedText) {
  // `tokenizers` decodes it as "aa" and, the text not being the special token's content, keeps it.
  json config = bpe({"a", "aa"}, {"a a"});
  config["normalizer"] = {{"type", "Lowercase"}};
  config["added_tokens"] = json::array({added_token("AA", 2, {.normalized = true})});
  const Tokenizer tokenizer = load(config);
  EXPECT_EQ(tokenizer.encode("aAAa"), (std::vector<int32_t>{2, 2}));
  EXPECT_EQ(tokenizer.decode({2, 0}), "aa a");
  EXPECT_TRUE(tokenizer.is_special(2));
}

TEST(PostProcessors, TemplateAddsSpecialTokensOnRequest) {
  json config = bpe({"<s>", "</s>", "a", "b"});
  config["added_tokens"] = json::array({added_token("<s>", 0), added_token("</s>", 1)});
  config["post_processor"] = {
      {"type", "TemplateProcessing"},
      {"single",
       {{{"SpecialToken", {{"id", "<s>"}, {"type_id", 0}}}},
        {{"Sequence", {{"id", "A"}, {"type_id", 0}}}},
        {{"SpecialToken", {{"id", "pair"}, {"type_id", 0}}}}}},
      {"pair", json::array()},
      {"special_tokens",
       {{"<s>", {{"id", "<s>"}, {"ids", json::array({0})}, {"tokens", json::array({"<s>"})}}},
        {"pair",
         {{"id", "pair"},
          {"ids", json::array({1, 1})},
          {"tokens", json::array({"</s>", "</s>"})}}}}}};
  const Tokenizer tokenizer = load(config);
  EXPECT_EQ(tokenizer.encode("ab", true), (std::vector<int32_t>{0, 2, 3, 1, 1}));
  EXPECT_EQ(tokenizer.encode("ab", false), (std::vector<int32_t>{2, 3}));
}

TEST(PostProcessors, RobertaBertAndSequence) {
  json config = bpe({"<s>", "</s>", "a"});
  config["post_processor"] = {{"type", "RobertaProcessing"},
                              {"sep", json::array({"</s>", 1})},
                              {"cls", json::array({"<s>", 0})},
                              {"trim_offsets", true},
                              {"add_prefix_space", true}};
  EXPECT_EQ(load(config).encode("a", true), (std::vector<int32_t>{0, 2, 1}));
  config["post_processor"] = {{"type", "BertProcessing"},
                              {"sep", json::array({"</s>", 1})},
                              {"cls", json::array({"<s>", 0})}};
  EXPECT_EQ(load(config).encode("a", true), (std::vector<int32_t>{0, 2, 1}));
  config["post_processor"] = {
      {"type", "Sequence"},
      {"processors",
       {{{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", false}},
        {{"type", "BertProcessing"},
         {"sep", json::array({"</s>", 1})},
         {"cls", json::array({"<s>", 0})}}}}};
  EXPECT_EQ(load(config).encode("a", true), (std::vector<int32_t>{0, 2, 1}));
  config["post_processor"] = nullptr;
  EXPECT_EQ(load(config).encode("a", true), (std::vector<int32_t>{2}));
}

TEST(Decoders, ByteLevel) {
  json config = bpe({"Ġ", "h", "i", "Ã", "©", "â"});
  config["decoder"] = {{"type", "ByteLevel"}, {"add_prefix_space", true}, {"trim_offsets", true}};
  config["added_tokens"] = json::array(
      {added_token("<é>", 6, {.special = false}), added_token(" x ", 7, {.special = false})});
  const Tokenizer tokenizer = load(config);
  EXPECT_EQ(tokenizer.decode({0, 1, 2}), " hi");
  EXPECT_EQ(tokenizer.decode({3, 4}), "é");
  EXPECT_EQ(tokenizer.decode({5}), "\uFFFD");  // 0xE2 alone is not UTF-8
  // An added token is decoded too: é is in the byte alphabet (0xE9), the space is not.
  EXPECT_EQ(tokenizer.decode({6}), "<\uFFFD>");
  EXPECT_EQ(tokenizer.decode({1, 7, 2}), "h x i");
}

TEST(Decoders, MetaspaceDropsReplacementsOfTheFirstToken) {
  json config = bpe({"▁a▁b", "▁c"});
  config["decoder"] = {
      {"type", "Metaspace"}, {"replacement", "▁"}, {"prepend_scheme", "always"}, {"split", true}};
  EXPECT_EQ(load(config).decode({0, 1}), "ab c");
  config["decoder"]["prepend_scheme"] = "never";
  EXPECT_EQ(load(config).decode({0, 1}), " a b c");
}

TEST(Decoders, SentencePieceChain) {
  json config = bpe({"▁H", "i", "<0x21>", "<0xE2>", "<0x82>", "<s>"});
  config["added_tokens"] = json::array({added_token("<s>", 5)});
  config["decoder"] = {{"type", "Sequence"},
                       {"decoders",
                        {{{"type", "Replace"}, {"pattern", pattern_string("▁")}, {"content", " "}},
                         {{"type", "ByteFallback"}},
                         {{"type", "Fuse"}},
                         {{"type", "Strip"}, {"content", " "}, {"start", 1}, {"stop", 0}}}}};
  const Tokenizer tokenizer = load(config);
  EXPECT_EQ(tokenizer.decode({5, 0, 1, 2}), "Hi!");
  EXPECT_EQ(tokenizer.decode({5, 0, 1, 2}, false), "<s> Hi!");
  // A run of byte tokens that is not UTF-8 gives one U+FFFD per byte.
  EXPECT_EQ(tokenizer.decode({0, 3, 4, 1}), "H\uFFFD\uFFFDi");
}

TEST(Decoders, StripReplaceAndNone) {
  json config = bpe({"aaba", "ab", "b"});
  config["decoder"] = {{"type", "Strip"}, {"content", "a"}, {"start", 2}, {"stop", 1}};
  EXPECT_EQ(load(config).decode({0, 1, 2}), "bbb");
  config["decoder"] = {{"type", "Replace"}, {"pattern", pattern_regex("a+")}, {"content", "x"}};
  EXPECT_EQ(load(config).decode({0, 1}), "xbxxb");
  // Without a decoder the tokens are joined with spaces; unknown ids are skipped.
  config["decoder"] = nullptr;
  EXPECT_EQ(load(config).decode({0, 99, 1, -1}), "aaba ab");
}

}  // namespace
}  // namespace tokenizer_test
