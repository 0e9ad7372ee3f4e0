// Runs gguf_reference.py for the GGUF tests. CTest starts one process per test, so each command's
// output is made once per version of the script (and of the corpus it tokenizes) and reused: written
// under a temporary name, then renamed.
#pragma once
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>

#include "tests/io/io_test_util.h"

namespace sparsetune::test {

inline const std::filesystem::path kGgufScript =
    std::filesystem::path(SPARSETUNE_SOURCE_DIR) / "tests" / "io" / "gguf_reference.py";

// True when the project venv can run `python -c CODE`.
inline bool python_can(const std::string& code) {
  if (!std::filesystem::exists(SPARSETUNE_PYTHON)) return false;
  const std::string line = "\"" SPARSETUNE_PYTHON "\" -c \"" + code + "\" > /dev/null 2>&1";
  return std::system(line.c_str()) == 0;
}

struct GgufReference {
  std::filesystem::path dir;  // empty when skipped or failed
  std::string skipped;        // why there is none, when the venv lacks what the command needs
};

// The directory `gguf_reference.py COMMAND DIR` filled, made when no earlier test process made it
// and the venv passes `requirement` (Python code, e.g. "import gguf"); a test failure with the
// script's output when it fails.
inline GgufReference gguf_reference(const std::string& command, const std::string& requirement) {
  namespace fs = std::filesystem;
  const fs::path corpus = fs::path(SPARSETUNE_SOURCE_DIR) / "tests" / "tokenizer" / "corpus.txt";
  const std::string stamp = std::to_string(std::hash<std::string>{}(read_file(kGgufScript) + read_file(corpus)));
  const fs::path out = fs::path(SPARSETUNE_TEST_TMP) / ("gguf_" + command + "_" + stamp);
  if (fs::exists(out / "done")) return {out, ""};
  if (!python_can(requirement)) return {{}, "the project venv (" SPARSETUNE_PYTHON ") cannot run: " + requirement};
  const fs::path tmp = out.string() + ".tmp" + std::to_string(::getpid());
  remove_tree(tmp);
  fs::create_directories(tmp);
  const fs::path log = tmp / "log.txt";
  const std::string line = "HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 OMP_NUM_THREADS=1 \"" SPARSETUNE_PYTHON "\" \"" +
                           kGgufScript.string() + "\" " + command + " \"" + tmp.string() + "\" > \"" + log.string() +
                           "\" 2>&1";
  if (std::system(line.c_str()) != 0) {
    ADD_FAILURE() << line << "\n" << read_file(log);
    return {};
  }
  write_file(tmp / "done", "");
  std::error_code ec;
  fs::rename(tmp, out, ec);  // another test process may have won: its directory is as good
  if (ec) remove_tree(tmp);
  return {out, ""};
}

}  // namespace sparsetune::test
