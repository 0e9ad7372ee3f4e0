#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "app/cli/store_options.h"
#include "core/eval/profiler.h"
#include "core/model/causal_lm.h"
#include "core/model/gguf_cache.h"
#include "core/store/run_store.h"
#include "core/util/machine.h"

namespace sparsetune::cli {

// sparsetune profile MODEL: dense vs sparse latency per layer and for greedy decoding on the CPU,
// with the bytes each reads and the bound; stored in the database under the model's fingerprint.
int run_profile(const std::vector<std::string>& argv) {
  Args args(argv, {"db", "threads", "torch-threads", "values", "batch", "prompt-tokens", "new-tokens", "repeats", "min-sparsity"},
            {"json", "no-store"});
  const std::filesystem::path dir = model_directory(args.positional(0, "MODEL (a model directory or .gguf file)"));
  ProfileOptions options;
  options.threads = static_cast<int>(args.integer_or("threads", 0, 1, 1024));
  options.torch_threads = static_cast<int>(args.integer_or("torch-threads", 0, 1, 1024));
  const std::string values = args.value_or("values", "f32");
  try {
    options.values = kernels::parse_value_type(values);
  } catch (const std::invalid_argument&) {
    throw UsageError("--values must be f32, bf16 or i8, got '" + values + "'");
  }
  options.batch = args.integer_or("batch", 1, 1, 16);
  options.prompt_tokens = args.integer_or("prompt-tokens", options.prompt_tokens, 1, 1 << 16);
  options.new_tokens = args.integer_or("new-tokens", options.new_tokens, 0, 1 << 16);
  options.repeats = static_cast<int>(args.integer_or("repeats", options.repeats, 1, 1000));
  options.min_sparsity = args.number_or("min-sparsity", options.min_sparsity, 0.0, 1.0);
  const bool json = args.flag("json");

  LoadOptions load;
  load.device = torch::kCPU;
  load.dtype = torch::kFloat32;
  auto model = CausalLM::load(dir, load);
  const ModelProfile profile = profile_model(*model, options, [&](int64_t done, int64_t total) {
    if (!json) std::fprintf(stderr, "\r\033[Kprofile %lld/%lld", static_cast<long long>(done), static_cast<long long>(total));
  });
  if (!json) std::fputc('\n', stderr);
  const auto records = profile_records(profile);
  std::optional<std::filesystem::path> database;
  if (!args.flag("no-store")) {
    RunStore store(database_path(args));
    store.add_profiles(std::nullopt, model_fingerprint(dir), records);
    database = store.path();
  }

  const auto& d = profile.decode;
  if (json) {
    nlohmann::json layers = nlohmann::json::array();
    for (const auto& t : profile.layers)
      layers.push_back({{"path", t.layer.path}, {"rows", t.layer.rows}, {"cols", t.layer.cols}, {"sparsity", t.layer.sparsity},
                        {"dense_ms", t.dense_ms}, {"sparse_ms", t.sparse_ms}, {"speedup", t.dense_ms / t.sparse_ms},
                        {"dense_bytes", t.layer.dense_bytes}, {"sparse_bytes", t.layer.sparse_bytes},
                        {"bound", t.layer.dense_bytes / t.layer.sparse_bytes}});
    nlohmann::json out = {{"machine", describe_machine()}, {"device", profile.device}, {"isa", profile.isa},
                          {"threads", profile.threads},
                          {"layer_torch_threads", options.torch_threads > 0 ? options.torch_threads : profile.threads},
                          {"values", profile.value_type}, {"layers", layers}};
    if (d.tokens > 0)
      out["decode"] = {{"tokens", d.tokens},
                       {"dense_tokens_per_second", 1000.0 / d.dense_ms_per_token},
                       {"dense_torch_threads", d.dense_torch_threads},
                       {"sparse_tokens_per_second", 1000.0 / d.sparse_ms_per_token},
                       {"speedup", d.dense_ms_per_token / d.sparse_ms_per_token},
                       {"dense_bytes_per_token", d.dense_bytes_per_token},
                       {"sparse_bytes_per_token", d.sparse_bytes_per_token},
                       {"bound", d.dense_bytes_per_token / d.sparse_bytes_per_token},
                       {"same_tokens", d.same_tokens}};
    if (database) out["database"] = database->string();
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  const auto machine = describe_machine();
  std::printf("%s, %d threads (LibTorch %d for the dense layers), %s values, caches %s\n", profile.device.c_str(), profile.threads,
              options.torch_threads > 0 ? options.torch_threads : profile.threads, profile.value_type.c_str(),
              machine.value("caches", std::string("?")).c_str());
  std::printf("  %-44s %11s %8s %10s %10s %8s %6s\n", "layer", "shape", "sparsity", "dense ms", "sparse ms", "speedup", "bound");
  for (const auto& t : profile.layers)
    std::printf("  %-44s %5lldx%-5lld %7.1f%% %10.4f %10.4f %7.2fx %5.2fx\n", t.layer.path.c_str(), static_cast<long long>(t.layer.rows),
                static_cast<long long>(t.layer.cols), 100.0 * t.layer.sparsity, t.dense_ms, t.sparse_ms, t.dense_ms / t.sparse_ms,
                t.layer.dense_bytes / t.layer.sparse_bytes);
  if (profile.layers.empty()) std::printf("  (no layer is at least %.0f %% sparse: nothing to run sparse)\n", 100.0 * options.min_sparsity);
  if (d.tokens > 0)
    std::printf("decode %lld tokens: dense %.1f tokens/s (LibTorch on %d thread%s), sparse %.1f tokens/s, %.2fx (bound %.2fx: %.1f → %.1f MB of weights per token); %s\n",
                static_cast<long long>(d.tokens), 1000.0 / d.dense_ms_per_token, d.dense_torch_threads, d.dense_torch_threads == 1 ? "" : "s", 1000.0 / d.sparse_ms_per_token,
                d.dense_ms_per_token / d.sparse_ms_per_token, d.dense_bytes_per_token / d.sparse_bytes_per_token,
                d.dense_bytes_per_token / 1e6, d.sparse_bytes_per_token / 1e6,
                d.same_tokens ? "same tokens as dense" : "tokens differ from dense");
  if (database) std::printf("stored in %s\n", database->string().c_str());
  return 0;
}

}  // namespace sparsetune::cli
