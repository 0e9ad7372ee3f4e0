#include "core/model/causal_lm.h"
#include "core/prune/calibration.h"

#include <ATen/CPUGeneratorImpl.h>

#include "core/model/device.h"
#include "core/model/gpt2_model.h"
#include "core/model/llama_model.h"
#include "core/model/mpt_model.h"
#include "core/model/sparse_runtime.h"
#include "core/model/weight_source.h"
#include "core/util/error.h"

namespace sparsetune {

namespace {

std::unique_ptr<CausalLM> build(ModelConfig config, const WeightSource& weights) {
  switch (config.arch) {
    case Architecture::Llama:
    case Architecture::Mistral:
    case Architecture::Qwen2:
    case Architecture::Qwen3: return std::make_unique<LlamaModel>(std::move(config), weights);
    case Architecture::GPT2: return std::make_unique<Gpt2Model>(std::move(config), weights);
    case Architecture::MPT: return std::make_unique<MptModel>(std::move(config), weights);
  }
  throw Error("unsupported architecture " + config.model_type);
}

// The token embedding: the tensor whose dtype is the model's when LoadOptions keeps the checkpoint's.
std::string embedding_name(Architecture arch) {
  return arch == Architecture::GPT2 || arch == Architecture::MPT ? "transformer.wte.weight" : "model.embed_tokens.weight";
}

// Some checkpoints (e.g. the original "gpt2") store the base model's tensors without its prefix.
std::string stored_name(const WeightStore& store, const std::string& name) {
  if (store.contains(name)) return name;
  for (const std::string prefix : {"model.", "transformer."}) {
    if (name.rfind(prefix, 0) == 0 && store.contains(name.substr(prefix.size()))) return name.substr(prefix.size());
  }
  return name;  // missing: get() reports it under the HF name
}

bool is_float_type(torch::ScalarType t) { return t == torch::kFloat32 || t == torch::kBFloat16 || t == torch::kFloat16; }

}  // namespace

torch::Tensor Linear::forward(const torch::Tensor& x) const {
  // Calibration for Wanda/SparseGPT sees every Linear's input through the thread's observer.
  if (auto* observer = LinearInputObserver::current()) observer->observe(*this, x);
  if (sparse)
    if (auto y = sparse_linear_forward(*sparse, bias, x)) return *y;
  return at::linear(x, weight, bias);
}

std::unique_ptr<CausalLM> CausalLM::load(const std::filesystem::path& model_dir, const LoadOptions& options) {
  auto config = ModelConfig::from_file(model_dir / "config.json");
  const auto store = WeightStore::open(model_dir);
  if (options.dtype && !is_float_type(*options.dtype))
    throw Error(std::string("load: the model dtype must be float32, bfloat16 or float16, not ") + c10::toString(*options.dtype));
  // Without a requested dtype every tensor takes the embedding's (which each family reads first,
  // so a non-float embedding is reported below).
  const auto dtype = options.dtype.value_or(store.get(stored_name(store, embedding_name(config.arch))).scalar_type());
  const WeightSource weights = [&](const std::string& name, const std::vector<int64_t>& shape, Init) {
    const auto stored = stored_name(store, name);
    const auto tensor = store.get(stored, shape);
    if (!is_float_type(tensor.scalar_type()))
      throw InputError(store.file_of(stored), stored, std::string("expected a floating-point tensor, got ") + c10::toString(tensor.scalar_type()));
    // A no-op (the zero-copy mapping is kept) when device and dtype already match.
    return tensor.to(options.device, dtype);
  };
  return build(std::move(config), weights);
}

std::unique_ptr<CausalLM> CausalLM::random(const ModelConfig& config, uint64_t seed, torch::ScalarType dtype) {
  auto generator = at::detail::createCPUGenerator(seed);
  const WeightSource weights = [&](const std::string&, const std::vector<int64_t>& shape, Init init) {
    switch (init) {
      case Init::Ones: return torch::ones(shape, dtype);
      case Init::Zeros: return torch::zeros(shape, dtype);
      case Init::Normal: break;
    }
    return at::normal(0.0, 0.02, shape, generator, torch::kFloat32).to(dtype);
  };
  return build(config, weights);
}

std::vector<std::string> CausalLM::linear_paths() const {
  std::vector<std::string> paths;
  paths.reserve(linears_.size());
  for (const auto& [path, linear] : linears_) paths.push_back(path);
  return paths;
}

Linear& CausalLM::linear(const std::string& module_path) {
  for (auto& [path, linear] : linears_) {
    if (path == module_path) return *linear;
  }
  throw Error("model has no linear layer '" + module_path + "'");
}

int64_t CausalLM::num_parameters() const {
  int64_t n = 0;
  for (const auto& [name, tensor] : named_parameters()) n += tensor.numel();
  return n;
}

// The LM head is the one Linear every family has (the last one registered).
torch::Device CausalLM::device() const { return linears_.back().second->weight.device(); }
torch::ScalarType CausalLM::dtype() const { return linears_.back().second->weight.scalar_type(); }

void CausalLM::save(const std::filesystem::path& model_dir, int64_t max_shard_bytes) const {
  ModelConfig config = config_;
  config.torch_dtype = dtype_display_name(dtype());
  save_checkpoint(model_dir, config, named_parameters(), max_shard_bytes);
}

}  // namespace sparsetune
