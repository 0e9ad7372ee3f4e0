#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

namespace sparsetune {

enum class GgufImportDType { Float32, BFloat16 };

struct GgufImportSummary {
  std::string architecture;  // the Hugging Face model_type
  int64_t tensors = 0;
  int64_t parameters = 0;
};

// Converts a GGUF file into a Hugging Face model directory: config.json (gguf_config.h),
// model.safetensors (every tensor dequantized, in the Hugging Face names and layouts of
// gguf_weights.h, float32 or rounded to bfloat16), tokenizer.json and tokenizer_config.json
// (gguf_tokenizer.h). Everything is checked and written into a temporary directory beside `out_dir`,
// which is renamed into place at the end: `out_dir` then appears complete or not at all. `out_dir`
// must not exist or be an empty directory. InputError for anything the file holds that cannot be
// imported; nothing is left behind on failure.
GgufImportSummary import_gguf(const std::filesystem::path& gguf, const std::filesystem::path& out_dir,
                              GgufImportDType dtype = GgufImportDType::Float32);

}  // namespace sparsetune
