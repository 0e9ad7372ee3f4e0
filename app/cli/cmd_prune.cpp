#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "app/cli/model_options.h"
#include "core/data/dataset.h"
#include "core/model/checkpoint.h"
#include "core/model/gguf_cache.h"
#include "core/prune/pruner.h"
#include "core/tokenizer/tokenizer.h"

namespace sparsetune::cli {

namespace {
PruneMethod parse_method(const std::string& name) {
  if (name == "magnitude") return PruneMethod::Magnitude;
  if (name == "wanda") return PruneMethod::Wanda;
  if (name == "sparsegpt") return PruneMethod::SparseGPT;
  throw UsageError("--method must be magnitude, wanda or sparsegpt, got '" + name + "'");
}

NMPattern parse_structure(const std::string& text) {
  const auto colon = text.find(':');
  try {
    if (colon != std::string::npos) {
      NMPattern p{std::stoll(text.substr(0, colon)), std::stoll(text.substr(colon + 1))};
      if (p.n > 0 && p.n < p.m) return p;
    }
  } catch (const std::exception&) {
  }
  throw UsageError("--structure must be N:M with 0 < N < M (e.g. 2:4), got '" + text + "'");
}
}  // namespace

// sparsetune prune MODEL --method … --sparsity … --out DIR: one-shot pruning of every Linear in the
// decoder blocks, calibrated on the first samples of --calibration (Wanda, SparseGPT).
int run_prune(const std::vector<std::string>& argv) {
  auto value_options = kModelValueOptions;
  value_options.insert({"method", "sparsity", "structure", "allocation", "calibration", "samples", "seq-len", "out"});
  Args args(argv, value_options, {"json"});
  const std::filesystem::path dir = model_directory(args.positional(0, "MODEL (a model directory or .gguf file)"));
  const auto out = args.value("out");
  if (!out) throw UsageError("--out DIR is required");
  if (std::filesystem::exists(*out) && std::filesystem::equivalent(*out, dir))
    throw UsageError("--out must differ from the model folder: pruning never overwrites its input");

  PruneOptions options;
  options.method = parse_method(args.value_or("method", "sparsegpt"));
  options.sparsity = args.number_or("sparsity", 0.5, 0.0, 0.99);
  if (auto structure = args.value("structure"); structure && *structure != "unstructured") {
    options.nm = parse_structure(*structure);
    options.sparsity = options.nm->sparsity();
  }
  const std::string allocation = args.value_or("allocation", "uniform");
  if (allocation != "uniform" && allocation != "owl") throw UsageError("--allocation must be uniform or owl");
  options.allocation = allocation == "owl" ? SparsityAllocation::OWL : SparsityAllocation::Uniform;

  auto model = load_model_from_args(dir, args);
  std::vector<torch::Tensor> calibration;
  if (options.method != PruneMethod::Magnitude || options.allocation == SparsityAllocation::OWL) {
    const auto data = args.value("calibration");
    if (!data) throw UsageError("--calibration DATA (.jsonl or text) is required for wanda, sparsegpt and OWL");
    const Tokenizer tokenizer = Tokenizer::from_directory(dir);
    const auto seq_len = args.integer_or("seq-len", 256, 2, 1 << 20);
    const Dataset d = load_dataset(*data, tokenizer, {DataFormat::auto_detect, seq_len, false});
    const auto samples = static_cast<std::size_t>(args.integer_or("samples", 128, 1, 1 << 20));
    for (std::size_t i = 0; i < d.examples.size() && i < samples; ++i) {
      const auto& ids = d.examples[i].ids;
      calibration.push_back(torch::tensor(std::vector<int64_t>(ids.begin(), ids.end()), torch::kInt64).unsqueeze(0).to(model->device()));
    }
  }
  const bool json = args.flag("json");
  const PruneReport report = prune_one_shot(*model, calibration, options, [&](int64_t done, int64_t total, const std::string& path) {
    if (!json) std::fprintf(stderr, "\r\033[Kprune %lld/%lld %s", static_cast<long long>(done), static_cast<long long>(total), path.c_str());
  });
  if (!json) std::fputc('\n', stderr);
  model->save(*out);
  copy_model_side_files(dir, *out);

  nlohmann::json layers = nlohmann::json::array();
  for (const auto& l : report.layers)
    layers.push_back({{"path", l.path}, {"target", l.target_sparsity}, {"sparsity", l.achieved.sparsity()}});
  if (json) {
    std::cout << nlohmann::json{{"out", *out}, {"overall_sparsity", report.overall_sparsity}, {"layers", layers}}.dump(2) << "\n";
  } else {
    for (const auto& l : layers)
      std::printf("  %-48s target %5.1f%%  achieved %5.1f%%\n", l["path"].get<std::string>().c_str(),
                  100.0 * l["target"].get<double>(), 100.0 * l["sparsity"].get<double>());
    std::printf("overall sparsity %.2f%% of the pruned weights; model written to %s\n", 100.0 * report.overall_sparsity, out->c_str());
  }
  return 0;
}

}  // namespace sparsetune::cli
