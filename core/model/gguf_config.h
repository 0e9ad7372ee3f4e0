#pragma once
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/model/gguf_file.h"

namespace sparsetune {

// The GGUF architectures (general.architecture) import handles.
inline constexpr const char* kGgufArchitectures = "llama, qwen2, gpt2";

// config.json for the model in `file`, from its general.architecture, <arch>.* and tokenizer.ggml.*
// keys, as transformers builds it from the same file (AutoConfig.from_pretrained(dir, gguf_file=...)):
// the same fields with the same values, and the same class defaults where the file says nothing.
// Where transformers keeps a class default that contradicts the file (GPT-2's n_positions and
// n_inner), the file's value is written, as the weights have its shapes. `dtype` is the weights'.
// InputError(file, key, ...) for an unsupported architecture, a missing size or a mistyped key.
nlohmann::json gguf_model_config(const GgufFile& file, const std::string& dtype);

// The number of tokens of tokenizer.ggml.tokens; InputError when the key is missing.
int64_t gguf_token_count(const GgufFile& file);

}  // namespace sparsetune
