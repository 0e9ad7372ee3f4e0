#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/model/gguf_file.h"
#include "core/model/model_config.h"

namespace sparsetune {

// How a GGUF tensor's values are laid out differently from the Hugging Face tensor's.
enum class GgufLayout {
  Same,
  // GPT-2's Conv1D weights: llama.cpp stores them as [out, in], Hugging Face as [in, out].
  Transposed,
  // llama's q_proj/k_proj rows: llama.cpp's converter interleaves the two rotary halves of each head
  // (its RoPE rotates adjacent pairs), Hugging Face keeps them apart (it rotates half against half).
  Interleaved,
};

// One tensor of the Hugging Face checkpoint and the GGUF tensor it comes from.
struct GgufWeight {
  std::string name;            // Hugging Face name
  std::vector<int64_t> shape;  // Hugging Face shape
  const GgufTensor* tensor;
  GgufLayout layout = GgufLayout::Same;
  int64_t heads = 0;  // Interleaved: the heads whose rows are interleaved
};

// The checkpoint tensors of the model `config` (gguf_model_config's, parsed), each with its source
// tensor in `file`, in the file's order. llama.cpp names (token_embd, blk.N.attn_q, ffn_gate, ...,
// output_norm, output; GPT-2's position_embd, attn_qkv) map to the names our loader and transformers
// use. InputError(file, tensor, ...) for a tensor the model has no place for, one the model needs
// that the file lacks, a shape that does not match the config, a type that cannot be converted.
std::vector<GgufWeight> gguf_weights(const GgufFile& file, const ModelConfig& config);

// The weight's values in the Hugging Face layout; `out` has one float per element.
void read_weight(const GgufFile& file, const GgufWeight& weight, std::span<float> out);

}  // namespace sparsetune
