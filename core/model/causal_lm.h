#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/model/activation_checkpoint.h"
#include "core/model/checkpoint.h"
#include "core/model/model_config.h"

namespace sparsetune {

// A linear layer as pruning, masks, profiles and exports see it: weight is always [out, in] (for
// GPT-2's Conv1D it is a transposed view of the stored [in, out] tensor, so nothing is copied).
// The tensors share storage with the model's parameters: change them in place (masks, pruning),
// which every family's forward sees; a tensor assigned to `weight` instead would be ignored by
// GPT-2's Conv1D layers and by tied LM heads.
struct SparseLinearWeight;  // core/model/sparse_runtime.h
struct Linear {
  torch::Tensor weight;
  torch::Tensor bias;  // undefined when the layer has none
  // Set by use_sparse_kernels(): the compressed copy of `weight` that inference on the CPU reads
  // instead (decode-sized inputs, float32, no autograd); everything else still uses `weight`.
  std::shared_ptr<const SparseLinearWeight> sparse;
  torch::Tensor forward(const torch::Tensor& x) const;
};

// Keys and values of every layer for incremental decoding: [batch, kv_heads, seq, head_dim].
struct KVCache {
  std::vector<torch::Tensor> keys, values;
  int64_t length() const;  // tokens cached so far
};

struct ForwardOutput {
  torch::Tensor logits;                       // [batch, seq, vocab], float32
  // Outputs of decoder blocks 1..L (the embedding output is not included); the last entry is the
  // final-norm output, as HF's output_hidden_states[1:] and as SquareHead needs.
  std::vector<torch::Tensor> hidden_states;
};

struct LoadOptions {
  torch::Device device = torch::kCPU;
  // Compute dtype; undefined (default) keeps the checkpoint's dtype.
  std::optional<torch::ScalarType> dtype;
};

// A decoder-only language model of one of the supported families with HF-compatible weights.
class CausalLM {
 public:
  virtual ~CausalLM() = default;
  // linears_ points into the family's own members, so a model is never copied.
  CausalLM(const CausalLM&) = delete;
  CausalLM& operator=(const CausalLM&) = delete;

  static std::unique_ptr<CausalLM> load(const std::filesystem::path& model_dir, const LoadOptions& options = {});
  // A freshly initialized model (normal(0, 0.02) weights, ones for norms) for tests and tools.
  static std::unique_ptr<CausalLM> random(const ModelConfig& config, uint64_t seed, torch::ScalarType dtype = torch::kFloat32);

  const ModelConfig& config() const { return config_; }

  // input_ids [batch, seq] int64. attention_mask [batch, past + seq] (1 = token, 0 = padding),
  // optional. With a cache, positions continue after cache->length() and the cache is extended.
  // With a mask, positions count only real tokens (as HF's generate does), so a left- or
  // right-padded row gives the logits of the unpadded sequence at its real tokens.
  virtual ForwardOutput forward(const torch::Tensor& input_ids, const torch::Tensor& attention_mask = {},
                                KVCache* cache = nullptr, bool output_hidden_states = false) = 0;

  // Every Linear inside the decoder blocks and the LM head, by HF module path
  // ("model.layers.3.mlp.down_proj", "transformer.h.0.attn.c_attn", "lm_head").
  std::vector<std::string> linear_paths() const;
  Linear& linear(const std::string& module_path);
  // Every parameter under its HF checkpoint name (tied weights once), as saved. These are the very
  // tensors forward() reads, so setting requires_grad on them makes them trainable.
  virtual NamedTensors named_parameters() const = 0;
  int64_t num_parameters() const;
  torch::Device device() const;
  torch::ScalarType dtype() const;

  // Recompute each decoder block's activations in the backward pass instead of keeping them
  // (training memory falls from one set of activations per block to one block's; a step costs about
  // one extra forward). Off by default; no effect without autograd.
  void set_activation_checkpointing(bool on) { activation_checkpointing_ = on; }

  // Writes the model in HF layout (see save_checkpoint); the saved directory loads back identically.
  void save(const std::filesystem::path& model_dir, int64_t max_shard_bytes = int64_t{5} * 1000 * 1000 * 1000) const;

 protected:
  explicit CausalLM(ModelConfig config) : config_(std::move(config)) {}
  // Each family runs its decoder blocks through this, so checkpointing is decided in one place.
  // `block` must capture by value what it reads besides model members (see checkpointed()).
  torch::Tensor run_block(BlockFunction block, const torch::Tensor& x) const {
    return activation_checkpointing_ ? checkpointed(std::move(block), x) : block(x);
  }
  ModelConfig config_;
  bool activation_checkpointing_ = false;
  std::vector<std::pair<std::string, Linear*>> linears_;  // filled by each family, in module order
};

}  // namespace sparsetune
