#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "app/cli/model_options.h"
#include "core/model/model_summary.h"

namespace sparsetune::cli {

int run_info(const std::vector<std::string>& argv) {
  Args args(argv, kModelValueOptions, {"json"});
  const std::filesystem::path dir = args.positional(0, "MODEL (a model directory or .gguf file)");
  auto model = load_model_from_args(dir, args);
  const ModelSummary s = summarize(*model, std::filesystem::absolute(dir).string());

  if (args.flag("json")) {
    nlohmann::json linears = nlohmann::json::array();
    for (const auto& l : s.linears)
      linears.push_back({{"path", l.path}, {"shape", {l.out_features, l.in_features}}, {"bias", l.bias},
                         {"parameters", l.parameters}, {"sparsity", l.sparsity}});
    std::cout << nlohmann::json{{"path", s.path},
                                {"architecture", s.architecture},
                                {"parameters", s.parameters},
                                {"dtype", s.dtype},
                                {"device", s.device},
                                {"layers", s.layers},
                                {"hidden_size", s.hidden_size},
                                {"intermediate_size", s.intermediate_size},
                                {"attention_heads", s.heads},
                                {"kv_heads", s.kv_heads},
                                {"head_dim", s.head_dim},
                                {"vocab_size", s.vocab_size},
                                {"max_position_embeddings", s.context},
                                {"tie_word_embeddings", s.tied_embeddings},
                                {"linears", linears}}
                     .dump(2)
              << "\n";
    return 0;
  }
  std::printf("%s\n  architecture  %s\n  parameters    %lld (%.2f M)\n  dtype         %s\n", s.path.c_str(),
              s.architecture.c_str(), static_cast<long long>(s.parameters), static_cast<double>(s.parameters) / 1e6,
              s.dtype.c_str());
  std::printf("  layers %lld, hidden %lld, ffn %lld, heads %lld (kv %lld, head_dim %lld), vocab %lld, context %lld%s\n",
              static_cast<long long>(s.layers), static_cast<long long>(s.hidden_size),
              static_cast<long long>(s.intermediate_size), static_cast<long long>(s.heads),
              static_cast<long long>(s.kv_heads), static_cast<long long>(s.head_dim), static_cast<long long>(s.vocab_size),
              static_cast<long long>(s.context), s.tied_embeddings ? ", tied embeddings" : "");
  std::printf("\n  %-48s %-14s %12s %9s\n", "linear", "shape [out,in]", "parameters", "sparsity");
  for (const auto& l : s.linears) {
    const std::string shape = std::to_string(l.out_features) + "x" + std::to_string(l.in_features);
    std::printf("  %-48s %-14s %12lld %8.1f%%\n", l.path.c_str(), shape.c_str(), static_cast<long long>(l.parameters),
                100.0 * l.sparsity);
  }
  return 0;
}

}  // namespace sparsetune::cli
