#include <atomic>
#include <cstdio>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "app/cli/model_options.h"
#include "app/cli/store_options.h"
#include "core/data/dataset.h"
#include "core/eval/sensitivity.h"
#include "core/model/gguf_cache.h"
#include "core/store/run_store.h"
#include "core/tokenizer/tokenizer.h"
#include "core/util/machine.h"

namespace sparsetune::cli {

namespace {

SensitivityMethod parse_method(const std::string& name) {
  if (name == "magnitude") return SensitivityMethod::Magnitude;
  if (name == "wanda") return SensitivityMethod::Wanda;
  throw UsageError("--method must be magnitude or wanda, got '" + name + "'");
}

std::vector<double> parse_sparsities(const std::string& text) {
  std::vector<double> values;
  std::stringstream items(text);
  std::string item;
  while (std::getline(items, item, ',')) {
    std::size_t used = 0;
    double v = -1;
    try {
      v = std::stod(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != item.size() || !(v >= 0.0 && v <= 0.99))
      throw UsageError("--sparsities: '" + item + "' is not a number in [0, 0.99]");
    for (const double seen : values)
      if (seen == v) throw UsageError("--sparsities: " + item + " is given twice");
    values.push_back(v);
  }
  if (values.empty()) throw UsageError("--sparsities: expected a comma-separated list such as 0.3,0.5,0.7,0.9");
  return values;
}

}  // namespace

// sparsetune sensitivity MODEL --data FILE: each Linear of the decoder blocks pruned alone to each
// sparsity and the loss on the first samples of FILE measured; stored under the model's fingerprint,
// where the studio's sparsity slider reads it.
int run_sensitivity(const std::vector<std::string>& argv) {
  auto value_options = kModelValueOptions;
  value_options.insert({"data", "sparsities", "method", "samples", "seq-len", "db"});
  Args args(argv, value_options, {"json", "no-store"});
  const std::filesystem::path dir = model_directory(args.positional(0, "MODEL (a model directory or .gguf file)"));
  const auto data = args.value("data");
  if (!data) throw UsageError("--data FILE (.jsonl or text) is required");
  SensitivityOptions options;
  if (const auto sparsities = args.value("sparsities")) options.sparsities = parse_sparsities(*sparsities);
  options.method = parse_method(args.value_or("method", "magnitude"));
  options.samples = args.integer_or("samples", options.samples, 1, 1 << 20);
  options.seq_len = args.integer_or("seq-len", options.seq_len, 2, 1 << 20);
  const bool json = args.flag("json");

  const Tokenizer tokenizer = Tokenizer::from_directory(dir);
  auto model = load_model_from_args(dir, args);
  const Dataset d = load_dataset(*data, tokenizer, {DataFormat::auto_detect, options.seq_len, false});
  const auto calibration = sensitivity_batches(d, options.samples, options.seq_len);
  if (calibration.empty()) throw InputError(*data, "examples", "no sequence with a target token to measure the loss on");

  const std::atomic<bool> stop{false};  // a CLI run stores nothing until it ends, so Ctrl-C simply ends it
  const SensitivityAnalysis analysis = analyze_sensitivity(
      *model, calibration, options,
      [&](int64_t done, int64_t total, const std::string& path) {
        if (!json) std::fprintf(stderr, "\r\033[Ksensitivity %lld/%lld %s", static_cast<long long>(done), static_cast<long long>(total), path.c_str());
      },
      stop);
  if (!json) std::fputc('\n', stderr);

  std::optional<std::filesystem::path> database;
  if (!args.flag("no-store")) {
    RunStore store(database_path(args));
    store.add_sensitivity(model_fingerprint(dir), analysis);
    database = store.path();
  }

  if (json) {
    auto out = nlohmann::json::parse(sensitivity_to_json(analysis));
    out["model"] = dir.string();
    if (database) out["database"] = database->string();
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::printf("dense loss %.4f nats over %lld target tokens; %s pruning, one layer at a time (increase: at the highest sparsity)\n", analysis.dense_loss,
              static_cast<long long>(analysis.tokens), analysis.method.c_str());
  std::printf("  %-44s %10s", "layer", "params");
  const auto& sparsities = analysis.layers.front().sparsities;
  for (const double s : sparsities) {
    char column[32];
    std::snprintf(column, sizeof column, "loss@%g%%", 100.0 * s);
    std::printf(" %11s", column);
  }
  std::printf(" %9s\n", "increase");
  for (const auto& l : analysis.layers) {
    std::printf("  %-44s %10lld", l.module_path.c_str(), static_cast<long long>(l.parameters));
    for (const double v : l.loss) std::printf(" %11.4f", v);
    std::printf(" %+9.4f\n", l.loss.back() - analysis.dense_loss);
  }
  if (database) std::printf("stored in %s\n", database->string().c_str());
  return 0;
}

}  // namespace sparsetune::cli
