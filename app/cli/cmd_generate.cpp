#include <chrono>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "app/cli/model_options.h"
#include "core/data/dataset.h"
#include "core/model/generation.h"
#include "core/model/gguf_cache.h"
#include "core/tokenizer/tokenizer.h"
#include "core/util/text_file.h"

namespace sparsetune::cli {

int run_generate(const std::vector<std::string>& argv) {
  auto value_options = kModelValueOptions;
  value_options.insert({"prompt", "max-new-tokens", "temperature", "top-k", "top-p", "seed"});
  Args args(argv, value_options, {"json", "greedy"});
  const std::filesystem::path dir = model_directory(args.positional(0, "MODEL (a model directory or .gguf file)"));
  auto prompt = args.value("prompt");
  if (!prompt) throw UsageError("--prompt TEXT is required");
  if (auto bad = find_invalid_utf8(*prompt)) throw InputError("--prompt", "utf-8", "invalid UTF-8 at byte " + std::to_string(*bad));

  GenerationOptions options;
  options.max_new_tokens = args.integer_or("max-new-tokens", 64, 1, 1 << 20);
  options.greedy = args.flag("greedy");
  options.temperature = args.number_or("temperature", 1.0, 1e-6, 100.0);
  options.top_k = args.integer_or("top-k", 0, 0, 1 << 30);
  options.top_p = args.number_or("top-p", 1.0, 1e-6, 1.0);
  options.seed = static_cast<uint64_t>(args.integer_or("seed", 0, 0, (1LL << 62)));
  const bool json = args.flag("json");

  Tokenizer tokenizer = Tokenizer::from_directory(dir);
  auto model = load_model_from_args(dir, args);
  const auto prompt32 = encode_prompt(tokenizer, *prompt);
  std::vector<int64_t> prompt_ids(prompt32.begin(), prompt32.end());
  const auto room = model->config().max_position_embeddings - static_cast<int64_t>(prompt_ids.size());
  if (room <= 0)
    throw InputError("--prompt", "length", std::to_string(prompt_ids.size()) + " tokens; the model's context is " +
                                               std::to_string(model->config().max_position_embeddings));
  options.max_new_tokens = std::min(options.max_new_tokens, room);

  // Stream text as it is produced: print only what a decode of all new tokens adds, and hold back
  // while the tail is an incomplete UTF-8 sequence (byte-level tokens can split a character).
  std::vector<int32_t> produced;
  std::string printed;
  if (!json) std::cout << *prompt << std::flush;
  const auto start = std::chrono::steady_clock::now();
  auto on_token = [&](int64_t id) {
    produced.push_back(static_cast<int32_t>(id));
    if (json) return;
    std::string text = tokenizer.decode(produced);
    if (text.size() >= 3 && text.compare(text.size() - 3, 3, "\xEF\xBF\xBD") == 0) return;
    if (text.size() > printed.size() && text.compare(0, printed.size(), printed) == 0) std::cout << text.substr(printed.size()) << std::flush;
    printed = text;
  };
  auto output = generate(*model, prompt_ids, options, on_token);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::string completion = tokenizer.decode(std::vector<int32_t>(output.begin(), output.end()));
  const double tokens_per_second = seconds > 0 ? static_cast<double>(output.size()) / seconds : 0.0;
  if (json) {
    std::cout << nlohmann::json{{"prompt", *prompt},   {"prompt_ids", prompt_ids},         {"output_ids", output},
                                {"text", completion},  {"new_tokens", output.size()},      {"seconds", seconds},
                                {"tokens_per_second", tokens_per_second}}
                     .dump()
              << "\n";
  } else {
    if (printed != completion && completion.size() > printed.size()) std::cout << completion.substr(printed.size());
    std::cout << "\n";
    std::fprintf(stderr, "[%zu new tokens in %.2f s, %.1f tokens/s]\n", output.size(), seconds, tokens_per_second);
  }
  return 0;
}

}  // namespace sparsetune::cli
