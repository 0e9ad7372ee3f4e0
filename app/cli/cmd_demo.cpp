#include <chrono>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "app/cli/model_options.h"
#include "core/data/dataset.h"
#include "core/data/final_answer.h"
#include "core/data/jsonl.h"
#include "core/model/device.h"
#include "core/model/generation.h"
#include "core/tokenizer/tokenizer.h"
#include "core/util/resources.h"

namespace sparsetune::cli {

// The built-in demo: the dense teacher in resources/demo/model answers held-out word problems from
// resources/demo/data/test.jsonl by greedy decoding; its "#### N" answers are checked.
int run_demo(const std::vector<std::string>& argv) {
  auto value_options = kModelValueOptions;
  value_options.insert({"problems", "max-new-tokens"});
  Args args(argv, value_options, {"json"});
  const auto problems = args.integer_or("problems", 8, 1, 100000);
  const auto max_new_tokens = args.integer_or("max-new-tokens", 96, 1, 4096);
  const bool json = args.flag("json");

  const auto model_dir = demo_model_dir();
  const auto test_file = demo_data_dir() / "test.jsonl";
  Tokenizer tokenizer = Tokenizer::from_directory(model_dir);
  auto model = load_model_from_args(model_dir, args);
  const auto records = read_jsonl(test_file);
  if (!json)
    std::printf("sparsetune demo: %s, %.2f M parameters, %s, on %s\n\n", architecture_name(model->config().arch).c_str(),
                static_cast<double>(model->num_parameters()) / 1e6, describe_device(model->device()).c_str(),
                test_file.string().c_str());

  GenerationOptions options;
  options.max_new_tokens = max_new_tokens;
  int correct = 0, answered = 0;
  int64_t new_tokens = 0;
  double seconds = 0;
  nlohmann::json results = nlohmann::json::array();
  for (std::size_t i = 0; i < records.size() && static_cast<int64_t>(i) < problems; ++i) {
    const std::string prompt = string_field(records[i].value, "prompt", test_file, records[i].line);
    const std::string reference = string_field(records[i].value, "completion", test_file, records[i].line);
    const auto p32 = encode_prompt(tokenizer, prompt);
    const auto t0 = std::chrono::steady_clock::now();
    auto out = generate(*model, std::vector<int64_t>(p32.begin(), p32.end()), options);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    new_tokens += static_cast<int64_t>(out.size());
    const std::string completion = tokenizer.decode(std::vector<int32_t>(out.begin(), out.end()));
    const auto got = extract_final_answer(completion);
    const auto want = extract_final_answer(reference);
    const bool ok = got && want && *got == *want;
    correct += ok;
    answered += got.has_value();
    results.push_back({{"prompt", prompt}, {"completion", completion}, {"answer", got ? *got : ""},
                       {"expected", want ? *want : ""}, {"correct", ok}});
    if (!json)
      std::printf("%s%s\n  -> %s  [%s, expected %s]\n\n", prompt.c_str(), completion.c_str(), ok ? "correct" : "wrong",
                  got ? got->c_str() : "no answer", want ? want->c_str() : "?");
  }
  const auto n = static_cast<int>(results.size());
  const double tps = seconds > 0 ? static_cast<double>(new_tokens) / seconds : 0;
  if (json) {
    std::cout << nlohmann::json{{"model", model_dir.string()}, {"problems", n}, {"correct", correct}, {"answered", answered},
                                {"exact_match", n ? static_cast<double>(correct) / n : 0.0}, {"tokens_per_second", tps},
                                {"results", results}}
                     .dump(2)
              << "\n";
  } else {
    std::printf("exact match %d/%d (%.0f%%), %d answered, %.1f tokens/s greedy decoding with KV cache\n", correct, n,
                n ? 100.0 * correct / n : 0.0, answered, tps);
  }
  return 0;
}

}  // namespace sparsetune::cli
