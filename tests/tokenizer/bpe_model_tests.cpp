// The BPE model: merge order, unknown characters, byte fallback, subword affixes, ignore_merges.
#include <thread>

#include "tokenizer_test_util.h"

namespace tokenizer_test {
namespace {

TEST(BpeModel, AppliesTheLowestRankedMergeFirst) {
  const Strings vocab = {"a", "b", "c", "ab", "bc", "abc"};
  EXPECT_EQ(tokens(load(bpe(vocab, {"b c", "a b", "a bc"})), "abc"), (Strings{"abc"}));
  EXPECT_EQ(tokens(load(bpe(vocab, {"a b", "b c"})), "abc"), (Strings{"ab", "c"}));
  EXPECT_EQ(tokens(load(bpe(vocab, {"b c", "a b"})), "abc"), (Strings{"a", "bc"}));
}

TEST(BpeModel, MergesEqualRanksLeftmostFirst) {
  const Tokenizer tokenizer = load(bpe({"a", "aa", "aaaa"}, {"a a", "aa aa"}));
  EXPECT_EQ(tokens(tokenizer, "aaa"), (Strings{"aa", "a"}));
  EXPECT_EQ(tokens(tokenizer, "aaaa"), (Strings{"aaaa"}));
  EXPECT_EQ(tokens(tokenizer, "aaaaa"), (Strings{"aaaa", "a"}));
}

TEST(BpeModel, ReadsMergesAsPairs) {
  const json merges = json::array({json::array({"b", "c"}), json::array({"a", "b"})});
  EXPECT_EQ(tokens(load(bpe({"a", "b", "c", "ab", "bc"}, merges)), "abc"), (Strings{"a", "bc"}));
}

TEST(BpeModel, RepeatedMergeKeepsItsLastRank) {
  const Tokenizer tokenizer = load(bpe({"a", "b", "c", "ab", "bc"}, {"b c", "a b", "b c"}));
  EXPECT_EQ(tokens(tokenizer, "abc"), (Strings{"ab", "c"}));
}

TEST(BpeModel, DropsUnknownCharactersWithoutUnkToken) {
  EXPECT_EQ(tokens(load(bpe({"a"})), "xay"), (Strings{"a"}));
}

TEST(BpeModel, UnknownCharactersBecomeUnkTokens) {
  json config = bpe({"<unk>", "a"});
  config["model"]["unk_token"] = "<unk>";
  EXPECT_EQ(tokens(load(config), "xya"), (Strings{"<unk>", "<unk>", "a"}));
  config["model"]["fuse_unk"] = true;
  EXPECT_EQ(tokens(load(config), "xyaz"), (Strings{"<unk>", "a", "<unk>"}));
}

TEST(BpeModel, UnkTokenMissingFromVocabFailsWhenNeeded) {
  json config = bpe({"a"});
  config["model"]["unk_token"] = "<unk>";
  const Tokenizer tokenizer = load(config);
  EXPECT_EQ(tokens(tokenizer, "a"), (Strings{"a"}));
  try {
    tokenizer.encode("ax");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "model.unk_token");
    EXPECT_NE(e.problem().find("\"<unk>\" is not in model.vocab"), std::string::npos) << e.what();
  }
}

TEST(BpeModel, ByteFallbackSpellsUnknownCharactersAsBytes) {
  json config = bpe({"<unk>", "a", "<0xC3>", "<0xA9>"});
  config["model"]["unk_token"] = "<unk>";
  config["model"]["byte_fallback"] = true;
  config["model"]["fuse_unk"] = true;
  const Tokenizer tokenizer = load(config);
  EXPECT_EQ(tokens(tokenizer, "aé"), (Strings{"a", "<0xC3>", "<0xA9>"}));
  // ü is C3 BC and <0xBC> is missing: unk, fused with its unknown neighbours.
  EXPECT_EQ(tokens(tokenizer, "axüx"), (Strings{"a", "<unk>"}));
  // As in `tokenizers`, a waiting unk is not flushed before byte tokens.
  EXPECT_EQ(tokens(tokenizer, "xéx"), (Strings{"<0xC3>", "<0xA9>", "<unk>"}));
}

TEST(BpeModel, AppliesSubwordPrefixAndWordSuffix) {
  json config = bpe({"a", "##b", "##c</w>", "ab", "abc</w>", "a</w>"}, {"a ##b", "ab ##c</w>"});
  config["model"]["continuing_subword_prefix"] = "##";
  config["model"]["end_of_word_suffix"] = "</w>";
  const Tokenizer tokenizer = load(config);
  EXPECT_EQ(tokens(tokenizer, "abc"), (Strings{"abc</w>"}));
  EXPECT_EQ(tokens(tokenizer, "a"), (Strings{"a</w>"}));
}

TEST(BpeModel, IgnoreMergesTakesWholeWordsFromTheVocab) {
  json config = bpe({"a", "b", "c", "ab", "abc"}, {"a b"});
  EXPECT_EQ(tokens(load(config), "abc"), (Strings{"ab", "c"}));
  config["model"]["ignore_merges"] = true;
  EXPECT_EQ(tokens(load(config), "abc"), (Strings{"abc"}));
  EXPECT_EQ(tokens(load(config), "abab"), (Strings{"ab", "ab"}));
}

TEST(BpeModel, DropoutZeroIsNoDropout) {
  json config = bpe({"a", "b", "ab"}, {"a b"});
  config["model"]["dropout"] = 0.0;
  EXPECT_EQ(tokens(load(config), "ab"), (Strings{"ab"}));
}

TEST(BpeModel, LongWordsAndRepeatsGiveTheSameIds) {
  const Tokenizer tokenizer = load(bpe({"a", "aa"}, {"a a"}));
  const std::string long_word(301, 'a');  // beyond the word cache's length limit
  const std::vector<int32_t> first = tokenizer.encode(long_word);
  EXPECT_EQ(first.size(), 151u);
  EXPECT_EQ(tokenizer.encode(long_word), first);
  EXPECT_EQ(tokens(tokenizer, "aaa"), (Strings{"aa", "a"}));
  EXPECT_EQ(tokens(tokenizer, "aaa"), (Strings{"aa", "a"}));  // from the word cache
}

TEST(BpeModel, EncodesFromManyThreadsAtOnce) {
  const json config = bpe({"a", "b", "c", "ab", "bc", "abc"}, {"a b", "b c", "ab c"});
  const Tokenizer shared = load(config);
  const Tokenizer single_threaded = load(config);
  std::vector<std::string> words;
  std::vector<std::vector<int32_t>> expected;
  for (int i = 0; i < 3000; ++i) {
    words.push_back(std::string(static_cast<std::size_t>(i % 300 + 1), "abc"[i % 3]) + "bca");
    expected.push_back(single_threaded.encode(words.back()));
  }
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t i = 0; i < words.size(); ++i) {
        mismatches[t] += shared.encode(words[i]) != expected[i];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace tokenizer_test
