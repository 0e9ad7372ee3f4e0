#include "core/model/model_summary.h"

#include "core/model/causal_lm.h"
#include "core/model/device.h"

namespace sparsetune {

ModelSummary summarize(const CausalLM& model, const std::string& path) {
  const ModelConfig& c = model.config();
  ModelSummary s;
  s.path = path;
  s.architecture = architecture_name(c.arch);
  s.dtype = dtype_display_name(model.dtype());
  s.device = describe_device(model.device());
  s.parameters = model.num_parameters();
  s.layers = c.num_layers;
  s.hidden_size = c.hidden_size;
  s.intermediate_size = c.intermediate_size;
  s.heads = c.num_heads;
  s.kv_heads = c.num_kv_heads;
  s.head_dim = c.head_dim;
  s.vocab_size = c.vocab_size;
  s.context = c.max_position_embeddings;
  s.tied_embeddings = c.tie_word_embeddings;
  auto& mutable_model = const_cast<CausalLM&>(model);
  for (const auto& name : model.linear_paths()) {
    const Linear& l = mutable_model.linear(name);
    LinearSummary ls;
    ls.path = name;
    ls.out_features = l.weight.size(0);
    ls.in_features = l.weight.size(1);
    ls.bias = l.bias.defined();
    ls.parameters = l.weight.numel();
    const int64_t nonzero = l.weight.count_nonzero().item<int64_t>();
    ls.sparsity = ls.parameters ? static_cast<double>(ls.parameters - nonzero) / static_cast<double>(ls.parameters) : 0.0;
    s.linears.push_back(std::move(ls));
  }
  return s;
}

}  // namespace sparsetune
