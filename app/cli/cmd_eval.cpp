#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "app/cli/model_options.h"
#include "core/eval/evaluator.h"
#include "core/model/gguf_cache.h"
#include "core/model/sparse_runtime.h"
#include "core/tokenizer/tokenizer.h"

namespace sparsetune::cli {

// sparsetune eval MODEL --data FILE: held-out loss, perplexity and token accuracy over the file's
// targets, and with --task gsm8k (or all) exact match of the "#### N" answers by greedy decoding.
int run_eval(const std::vector<std::string>& argv) {
  auto value_options = kModelValueOptions;
  value_options.insert({"data", "task", "samples", "max-new-tokens", "max-length", "batch-size", "sparse-kernels"});
  Args args(argv, value_options, {"json"});
  const std::filesystem::path dir = model_directory(args.positional(0, "MODEL (a model directory or .gguf file)"));
  const auto data = args.value("data");
  if (!data) throw UsageError("--data FILE is required");
  const std::string task = args.value_or("task", "perplexity");
  if (task != "perplexity" && task != "gsm8k" && task != "all") throw UsageError("--task must be perplexity, gsm8k or all");
  const auto samples = args.integer_or("samples", -1, 1, 1 << 30);
  const Tokenizer tokenizer = Tokenizer::from_directory(dir);
  auto model = load_model_from_args(dir, args);
  nlohmann::json out = {{"model", dir.string()}, {"data", *data}};
  // Score what the sparse runtime computes: every product of the pruned layers, prompts included,
  // through the kernels with the chosen value type (int8 and bf16 quantize the weights).
  if (const auto values = args.value("sparse-kernels")) {
    SparseRuntimeOptions runtime;
    try {
      runtime.values = kernels::parse_value_type(*values);
    } catch (const std::invalid_argument&) {
      throw UsageError("--sparse-kernels must be f32, bf16 or i8, got '" + *values + "'");
    }
    runtime.max_rows = int64_t{1} << 40;
    const auto compiled = use_sparse_kernels(*model, runtime);
    out["sparse_kernels"] = {{"values", *values}, {"layers", compiled.size()}};
  }

  if (task != "gsm8k") {
    const Dataset d = load_dataset(*data, tokenizer, {DataFormat::auto_detect, args.integer_or("max-length", 512, 2, 1 << 20), false});
    const auto s = evaluate_held_out(*model, d, args.integer_or("batch-size", 8, 1, 4096), tokenizer.eos_id().value_or(0), samples);
    out["perplexity"] = {{"loss", s.loss}, {"perplexity", s.perplexity}, {"token_accuracy", s.token_accuracy}, {"targets", s.targets}};
  }
  if (task != "perplexity") {
    const auto problems = load_task_problems(*data, samples);
    const auto s = evaluate_exact_match(*model, tokenizer, problems, args.integer_or("max-new-tokens", 256, 1, 1 << 16),
                                        [&](int64_t done) {
                                          if (!args.flag("json"))
                                            std::fprintf(stderr, "\r\033[Kgsm8k %lld/%zu", static_cast<long long>(done), problems.size());
                                        });
    if (!args.flag("json")) std::fputc('\n', stderr);
    out["gsm8k"] = {{"exact_match", s.exact_match()}, {"correct", s.correct}, {"answered", s.answered}, {"problems", s.problems}};
  }
  if (args.flag("json")) {
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  if (out.contains("perplexity"))
    std::printf("held-out loss %.4f nats, perplexity %.3f, token accuracy %.2f%% (%lld targets)\n", out["perplexity"]["loss"].get<double>(),
                out["perplexity"]["perplexity"].get<double>(), 100.0 * out["perplexity"]["token_accuracy"].get<double>(),
                static_cast<long long>(out["perplexity"]["targets"].get<int64_t>()));
  if (out.contains("gsm8k"))
    std::printf("exact match %.2f%% (%lld of %lld, %lld answered)\n", 100.0 * out["gsm8k"]["exact_match"].get<double>(),
                static_cast<long long>(out["gsm8k"]["correct"].get<int64_t>()), static_cast<long long>(out["gsm8k"]["problems"].get<int64_t>()),
                static_cast<long long>(out["gsm8k"]["answered"].get<int64_t>()));
  return 0;
}

}  // namespace sparsetune::cli
