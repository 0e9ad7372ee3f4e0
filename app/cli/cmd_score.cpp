#include <cmath>
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

int run_score(const std::vector<std::string>& argv) {
  auto value_options = kModelValueOptions;
  value_options.insert("text-file");
  Args args(argv, value_options, {"json"});
  const std::filesystem::path dir = model_directory(args.positional(0, "MODEL (a model directory or .gguf file)"));
  auto text_file = args.value("text-file");
  if (!text_file) throw UsageError("--text-file F is required");
  const std::string text = read_text_file(*text_file);
  Tokenizer tokenizer = Tokenizer::from_directory(dir);
  auto model = load_model_from_args(dir, args);

  const auto ids32 = encode_prompt(tokenizer, text);
  std::vector<int64_t> ids(ids32.begin(), ids32.end());
  if (ids.size() < 2) throw InputError(*text_file, "text", "needs at least two tokens to score, got " + std::to_string(ids.size()));

  // Texts longer than the context are scored in consecutive windows; each window's first token is
  // the previous window's last, so every token after the first is predicted exactly once.
  const auto window = static_cast<std::size_t>(model->config().max_position_embeddings);
  std::vector<double> nll;
  for (std::size_t start = 0; start + 1 < ids.size(); start += window - 1) {
    const std::size_t end = std::min(ids.size(), start + window);
    std::vector<int64_t> chunk(ids.begin() + static_cast<std::ptrdiff_t>(start), ids.begin() + static_cast<std::ptrdiff_t>(end));
    auto scores = score_tokens(*model, chunk);
    nll.insert(nll.end(), scores.nll.begin(), scores.nll.end());
  }
  double sum = 0;
  for (double v : nll) sum += v;
  const double mean = sum / static_cast<double>(nll.size());
  if (args.flag("json")) {
    std::cout << nlohmann::json{{"text_file", *text_file}, {"tokens", ids.size()}, {"token_ids", ids}, {"nll", nll},
                                {"mean_nll", mean}, {"perplexity", std::exp(mean)}}
                     .dump()
              << "\n";
  } else {
    std::printf("%zu tokens, mean NLL %.4f nats, perplexity %.3f\n", ids.size(), mean, std::exp(mean));
  }
  return 0;
}

}  // namespace sparsetune::cli
