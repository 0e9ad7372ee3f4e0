#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <torch/types.h>

#include "core/model/model_config.h"
#include "core/model/safetensors.h"

namespace sparsetune {

torch::ScalarType to_scalar_type(DType dtype, const std::string& file, const std::string& tensor);
DType to_dtype(torch::ScalarType type);

// A tensor on the mapping (zero-copy when aligned; copied otherwise), keeping the file alive.
torch::Tensor tensor_from_file(const std::shared_ptr<SafetensorsFile>& file, const TensorInfo& info);

// All weights of an HF model directory: model.safetensors, or shards listed by
// model.safetensors.index.json (every shard validated, every listed name present, no name twice).
class WeightStore {
 public:
  static WeightStore open(const std::filesystem::path& model_dir);
  bool contains(const std::string& name) const;
  // Throws InputError(<file>, name, "missing tensor") when absent.
  torch::Tensor get(const std::string& name) const;
  // Checks shape and returns the tensor; InputError naming the file, tensor and expected shape.
  torch::Tensor get(const std::string& name, const std::vector<int64_t>& expected_shape) const;
  std::vector<std::string> names() const;
  std::string file_of(const std::string& name) const;

 private:
  std::filesystem::path source_;  // model.safetensors or the index: named by "missing tensor" errors
  std::vector<std::shared_ptr<SafetensorsFile>> files_;
  std::map<std::string, std::pair<std::size_t, const TensorInfo*>> where_;
};

using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

// Writes config.json and the weights in HF layout: one model.safetensors up to `max_shard_bytes`,
// else model-0000i-of-0000n.safetensors + model.safetensors.index.json. Every file goes through a
// temporary name; tensors are written as they are (contiguous CPU copies made per shard).
void save_checkpoint(const std::filesystem::path& model_dir, const ModelConfig& config, const NamedTensors& tensors,
                     int64_t max_shard_bytes = int64_t{5} * 1000 * 1000 * 1000);

// Copies what a model folder has besides config and weights (tokenizer.json, tokenizer_config.json,
// special_tokens_map.json, generation_config.json) so that a saved model is usable on its own.
void copy_model_side_files(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace sparsetune
