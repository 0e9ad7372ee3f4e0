#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "app/cli/args.h"
#include "core/model/gguf_cache.h"
#include "core/tokenizer/tokenizer.h"
#include "core/util/text_file.h"

namespace sparsetune::cli {

int run_tokenize(const std::vector<std::string>& argv) {
  Args args(argv, {"text-file"}, {"json", "add-special-tokens"});
  const std::filesystem::path source =
      model_directory(args.positional(0, "TOKENIZER_OR_MODEL (tokenizer.json, a model directory or a .gguf file)"));
  auto text_file = args.value("text-file");
  if (!text_file) throw UsageError("--text-file F is required");
  Tokenizer tokenizer = std::filesystem::is_directory(source) ? Tokenizer::from_directory(source) : Tokenizer::from_file(source);
  const std::string text = read_text_file(*text_file);
  const auto ids = tokenizer.encode(text, args.flag("add-special-tokens"));
  if (args.flag("json")) {
    nlohmann::json tokens = nlohmann::json::array();
    for (int32_t id : ids) tokens.push_back(tokenizer.id_to_token(id));
    std::cout << nlohmann::json{{"text_file", *text_file}, {"count", ids.size()}, {"ids", ids}, {"tokens", tokens}}.dump()
              << "\n";
  } else {
    for (std::size_t i = 0; i < ids.size(); ++i) std::cout << (i ? " " : "") << ids[i];
    std::cout << "\n";
  }
  return 0;
}

}  // namespace sparsetune::cli
