// Ids, decoded text and vocabulary size of the C++ tokenizer against the Hugging Face `tokenizers`
// library, on tokenizers it trains (make_reference.py) and on released Llama 2 / Llama 3 files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "core/tokenizer/tokenizer.h"

namespace fs = std::filesystem;
using sparsetune::Tokenizer;

namespace {

const fs::path kRealTokenizers = fs::path(SPARSETUNE_SHARED_DIR) / "data" / "tokenizers";

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// `s` as one word of a shell command (the paths used here hold no single quote).
std::string shell_word(const std::string& s) {
  std::string word = "'";
  word += s;
  word += '\'';
  return word;
}

// The reference data, made once per test process by make_reference.py.
struct Reference {
  bool python_missing = false;
  std::string error;  // why the script failed
  nlohmann::json expected;
  fs::path dir;

  Reference() {
    if (!fs::exists(SPARSETUNE_PYTHON)) {
      python_missing = true;
      return;
    }
    // One directory per process: ctest runs the tests of this file in parallel processes.
    dir = fs::path(SPARSETUNE_TEST_TMP) / ("reference-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path script =
        fs::path(SPARSETUNE_SOURCE_DIR) / "tests" / "tokenizer" / "make_reference.py";
    std::vector<std::string> words = {SPARSETUNE_PYTHON, script.string(), dir.string()};
    for (const std::string name : {"llama2", "llama3"}) {
      const fs::path file = kRealTokenizers / name / "tokenizer.json";
      if (fs::exists(file)) words.push_back(name + "=" + file.string());
    }
    const fs::path log = dir / "make_reference.log";
    std::string command;
    for (const std::string& word : words) command += shell_word(word) + " ";
    command += "> " + shell_word(log.string()) + " 2>&1";
    if (std::system(command.c_str()) != 0) {
      error = "make_reference.py failed:\n" + command + "\n" + read_text(log);
      return;
    }
    expected = nlohmann::json::parse(read_text(dir / "expected.json"));
  }
  ~Reference() {
    std::error_code ignored;
    if (!dir.empty()) fs::remove_all(dir, ignored);
  }
};

const Reference& reference() {
  static const Reference instance;
  return instance;
}

std::string ids_text(const std::vector<int32_t>& ids) {
  std::string text = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) text += (i ? ", " : "") + std::to_string(ids[i]);
  return text + "]";
}

// Counts lines where `actual` differs from `expected`, describing the first one.
class MismatchLog {
 public:
  explicit MismatchLog(std::string what) : what_(std::move(what)) {}
  void check(std::size_t line, const std::string& text, const std::string& expected,
             const std::string& actual) {
    if (expected == actual) return;
    if (count_++ == 0) {
      first_ = what_ + " differs first on corpus line " + std::to_string(line + 1) + ": " +
               nlohmann::json(text).dump() + "\n  tokenizers: " + expected +
               "\n  C++:        " + actual;
    }
  }
  std::size_t count() const { return count_; }
  const std::string& first() const { return first_; }

 private:
  std::string what_;
  std::size_t count_ = 0;
  std::string first_;
};

class TokenizerInterop : public ::testing::TestWithParam<std::string> {};

TEST_P(TokenizerInterop, MatchesTokenizersLibrary) {
  const std::string name = GetParam();
  const bool real = name == "llama2" || name == "llama3";
  if (real && !fs::exists(kRealTokenizers / name / "tokenizer.json")) {
    GTEST_SKIP() << "no released " << name << " tokenizer in " << kRealTokenizers;
  }
  const Reference& ref = reference();
  if (ref.python_missing) GTEST_SKIP() << "no project venv python at " << SPARSETUNE_PYTHON;
  ASSERT_TRUE(ref.error.empty()) << ref.error;
  ASSERT_TRUE(ref.expected["tokenizers"].contains(name)) << "make_reference.py made no " << name;
  const nlohmann::json& expected = ref.expected["tokenizers"][name];

  const auto start = std::chrono::steady_clock::now();
  const Tokenizer tokenizer = Tokenizer::from_file(expected["path"].get<std::string>());
  const double load_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(tokenizer.vocab_size(), expected["vocab_size"].get<std::size_t>());

  MismatchLog ids("encode(add_special_tokens=false)");
  MismatchLog ids_special("encode(add_special_tokens=true)");
  MismatchLog decoded("decode(skip_special_tokens=true)");
  MismatchLog decoded_special("decode(skip_special_tokens=false)");
  const nlohmann::json& lines = ref.expected["lines"];
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string text = lines[i].get<std::string>();
    const nlohmann::json& want = expected["cases"][i];
    const std::vector<int32_t> got = tokenizer.encode(text);
    const std::vector<int32_t> got_special = tokenizer.encode(text, true);
    ids.check(i, text, ids_text(want["ids"].get<std::vector<int32_t>>()), ids_text(got));
    ids_special.check(i, text, ids_text(want["ids_special"].get<std::vector<int32_t>>()),
                      ids_text(got_special));
    decoded.check(i, text, nlohmann::json(want["decoded"]).dump(),
                  nlohmann::json(tokenizer.decode(got)).dump());
    decoded_special.check(i, text, nlohmann::json(want["decoded_special"]).dump(),
                          nlohmann::json(tokenizer.decode(got_special, false)).dump());
  }
  for (const MismatchLog* log : {&ids, &ids_special, &decoded, &decoded_special}) {
    EXPECT_EQ(log->count(), 0u) << log->first();
  }
  std::printf(
      "[ %s ] %zu corpus lines, identical ids: %zu/%zu (plain), %zu/%zu (special tokens); load "
      "%.3f s\n",
      name.c_str(), lines.size(), lines.size() - ids.count(), lines.size(),
      lines.size() - ids_special.count(), lines.size(), load_s);
}

INSTANTIATE_TEST_SUITE_P(All, TokenizerInterop,
                         ::testing::Values("gpt2_bytelevel", "roberta_style", "llama3_style",
                                           "qwen2_style", "spm_llama2_style", "spm_metaspace",
                                           "bpe_suffix", "llama2", "llama3"),
                         [](const auto& info) { return info.param; });

// The released model directories name their bos/eos tokens in tokenizer_config.json.
TEST(TokenizerInteropDirectory, ReadsBosAndEosFromConfig) {
  for (const auto& [name, bos, eos] :
       {std::tuple{"llama2", 1, 2}, std::tuple{"llama3", 128000, 128001}}) {
    const fs::path dir = kRealTokenizers / name;
    if (!fs::exists(dir / "tokenizer_config.json")) {
      GTEST_SKIP() << "no released " << name << " tokenizer in " << dir;
    }
    const Tokenizer tokenizer = Tokenizer::from_directory(dir);
    EXPECT_EQ(tokenizer.bos_id(), bos) << name;
    EXPECT_EQ(tokenizer.eos_id(), eos) << name;
    EXPECT_TRUE(tokenizer.is_special(bos)) << name;
  }
}

}  // namespace
