#pragma once
// Small tokenizer.json files for the unit tests, written to disk and loaded through the public API.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/tokenizer/tokenizer.h"
#include "core/util/error.h"

namespace tokenizer_test {

namespace fs = std::filesystem;
using json = nlohmann::json;
using sparsetune::InputError;
using sparsetune::Tokenizer;

// A directory of this process's files, removed when the tests end.
inline const fs::path& temp_dir() {
  struct Dir {
    fs::path path = fs::path(SPARSETUNE_TEST_TMP) / ("unit-" + std::to_string(::getpid()));
    Dir() { fs::create_directories(path); }
    ~Dir() {
      std::error_code ignored;
      fs::remove_all(path, ignored);
    }
  };
  static const Dir dir;
  return dir.path;
}

inline fs::path write_file(const fs::path& path, const std::string& contents) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << contents;
  return path;
}

// A tokenizer.json with a BPE model over `tokens` (ids in this order) and nothing else.
inline json bpe(const std::vector<std::string>& tokens, const json& merges = json::array()) {
  json vocab = json::object();
  for (std::size_t i = 0; i < tokens.size(); ++i) vocab[tokens[i]] = i;
  return {{"version", "1.0"},
          {"truncation", nullptr},
          {"padding", nullptr},
          {"added_tokens", json::array()},
          {"normalizer", nullptr},
          {"pre_tokenizer", nullptr},
          {"post_processor", nullptr},
          {"decoder", nullptr},
          {"model",
           {{"type", "BPE"},
            {"dropout", nullptr},
            {"unk_token", nullptr},
            {"continuing_subword_prefix", nullptr},
            {"end_of_word_suffix", nullptr},
            {"fuse_unk", false},
            {"byte_fallback", false},
            {"vocab", vocab},
            {"merges", merges}}}};
}

struct TokenOptions {
  bool special = true;
  bool normalized = false;
  bool lstrip = false;
  bool rstrip = false;
  bool single_word = false;
};

inline json added_token(const std::string& content, int id, TokenOptions options = {}) {
  return {{"id", id},
          {"content", content},
          {"single_word", options.single_word},
          {"lstrip", options.lstrip},
          {"rstrip", options.rstrip},
          {"normalized", options.normalized},
          {"special", options.special}};
}

inline json pattern_string(const std::string& s) { return {{"String", s}}; }
inline json pattern_regex(const std::string& s) { return {{"Regex", s}}; }

inline fs::path write_config(const json& config) {
  static int count = 0;
  return write_file(temp_dir() / ("tokenizer" + std::to_string(count++) + ".json"), config.dump());
}

inline Tokenizer load(const json& config) { return Tokenizer::from_file(write_config(config)); }

// The tokens of encode(text), as strings.
inline std::vector<std::string> tokens(const Tokenizer& tokenizer, std::string_view text,
                                       bool add_special_tokens = false) {
  std::vector<std::string> result;
  for (const int32_t id : tokenizer.encode(text, add_special_tokens)) {
    result.push_back(tokenizer.id_to_token(id));
  }
  return result;
}

using Strings = std::vector<std::string>;

// Loading `config` must fail with an InputError for `field` whose problem mentions `problem`.
inline void expect_load_error(const json& config, const std::string& field,
                              const std::string& problem) {
  const fs::path file = write_config(config);
  try {
    Tokenizer::from_file(file);
    ADD_FAILURE() << "loaded without error; expected " << field << ": " << problem;
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), file.string());
    EXPECT_EQ(e.field(), field) << e.what();
    EXPECT_NE(e.problem().find(problem), std::string::npos) << e.what();
  }
}

}  // namespace tokenizer_test
