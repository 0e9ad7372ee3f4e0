#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "app/cli/console_sink.h"
#include "app/cli/job.h"
#include "app/cli/store_options.h"
#include "core/util/resources.h"

namespace sparsetune::cli {

// The main job on the built-in demo (resources/demo/recipe.yaml): evaluate the dense teacher, prune a
// copy one-shot to 75 % with SparseGPT, fine-tune it with CE + SquareHead against the teacher with the
// mask fixed, evaluate again, save the sparse model, and print what each stage scored. Everything is
// recorded in the run database.
int run_demo(const std::vector<std::string>& argv) {
  Args args(argv, {"db", "output", "steps", "samples", "device"}, {"json", "quiet"});
  Recipe recipe = Recipe::from_yaml_file(resource_dir() / "demo" / "recipe.yaml");
  recipe.training.steps = args.integer_or("steps", recipe.training.steps, 0, 1000000);
  recipe.evaluation.samples = args.integer_or("samples", recipe.evaluation.samples, 1, 1000000);
  recipe.training.device = args.value_or("device", recipe.training.device);
  // A shortened run (--steps) keeps the recipe consistent: warm-up, evaluation and checkpoints
  // fit inside it.
  recipe.training.warmup_steps = std::min(recipe.training.warmup_steps, recipe.training.steps);
  if (recipe.evaluation.every > recipe.training.steps) recipe.evaluation.every = 0;
  if (recipe.training.checkpoint_every > recipe.training.steps) recipe.training.checkpoint_every = 0;
  recipe.validate();
  RunStore store(database_path(args));
  const auto start = std::chrono::steady_clock::now();
  const JobResult job = run_job(recipe, store, std::nullopt, args.value_or("output", ""), args.flag("quiet") || args.flag("json"));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // stage ("dense", "oneshot", "final") → metric → value, from what the run recorded.
  std::map<std::string, std::map<std::string, double>> stages;
  for (const auto& e : store.evals(job.run_id)) {
    const auto slash = e.task.find('/');
    if (slash == std::string::npos) continue;
    stages[e.task.substr(0, slash)][e.task.substr(slash + 1, e.task.find(':') - slash - 1) + "/" + e.metric] = e.value;
  }
  auto value = [&](const char* stage, const char* metric) {
    auto s = stages.find(stage);
    if (s == stages.end()) return -1.0;
    auto m = s->second.find(metric);
    return m == s->second.end() ? -1.0 : m->second;
  };
  // The end-of-run CPU profile (evaluation.profile): greedy decoding, dense vs sparse kernels.
  std::optional<ProfileRecord> decode;
  for (const auto& p : store.profiles(job.run_id))
    if (p.layer == "model") decode = p;
  if (args.flag("json")) {
    nlohmann::json out = {{"run", job.run_id}, {"database", job.database.string()}, {"status", job.outcome.status},
                          {"model", job.outcome.model_dir.string()}, {"seconds", seconds},
                          {"sparsity", recipe.final_sparsity()}, {"steps", job.outcome.steps_done}};
    for (const char* stage : {"dense", "oneshot", "final"})
      out[stage] = {{"exact_match", value(stage, "gsm8k/exact_match")}, {"loss", value(stage, "perplexity/loss")},
                    {"token_accuracy", value(stage, "perplexity/token_accuracy")}};
    if (decode)
      out["decode"] = {{"dense_tokens_per_second", 1000.0 / decode->dense_ms},
                       {"sparse_tokens_per_second", 1000.0 / decode->sparse_ms},
                       {"bound", decode->bound},
                       {"threads", decode->threads}};
    std::cout << out.dump(2) << "\n";
    return job.outcome.status == "cancelled" ? 130 : 0;
  }
  std::printf("\nsparsetune demo — %s, %.0f %% unstructured sparsity, %lld fine-tuning steps, %s\n",
              recipe.pruning.method == PruningMethod::sparsegpt ? "SparseGPT" : "pruned", 100.0 * recipe.final_sparsity(),
              static_cast<long long>(job.outcome.steps_done), format_duration(seconds).c_str());
  std::printf("  %-34s %12s %14s %14s\n", "", "exact match", "held-out loss", "token acc.");
  const std::pair<const char*, const char*> rows[] = {
      {"dense", "dense teacher"}, {"oneshot", "one-shot pruned"}, {"final", "after CE + SquareHead"}};
  for (const auto& [stage, label] : rows)
    std::printf("  %-34s %11.1f%% %14.4f %13.2f%%\n", label, 100.0 * value(stage, "gsm8k/exact_match"),
                value(stage, "perplexity/loss"), 100.0 * value(stage, "perplexity/token_accuracy"));
  const double dense = value("dense", "gsm8k/exact_match"), final_em = value("final", "gsm8k/exact_match");
  if (dense > 0) std::printf("  recovery: %.1f %% of the dense teacher's exact match\n", 100.0 * final_em / dense);
  if (decode)
    std::printf("  CPU decoding (%lld threads): dense %.0f tokens/s, sparse kernels %.0f tokens/s (%.2fx; bandwidth bound %.2fx)\n",
                static_cast<long long>(decode->threads), 1000.0 / decode->dense_ms, 1000.0 / decode->sparse_ms,
                decode->dense_ms / decode->sparse_ms, decode->bound);
  std::printf("  sparse model (Hugging Face layout, zeros in place): %s\n  run %lld in %s — `sparsetune show %lld`\n",
              job.outcome.model_dir.string().c_str(), static_cast<long long>(job.run_id), job.database.string().c_str(),
              static_cast<long long>(job.run_id));
  return job.outcome.status == "cancelled" ? 130 : 0;
}

}  // namespace sparsetune::cli
