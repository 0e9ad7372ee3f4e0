#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "core/model/gguf_file.h"

namespace sparsetune {

// The tensor types dequantize() converts: F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K.
bool can_dequantize(GgmlType type);
std::string dequantizable_types();  // their names, for messages

// `n` values (a multiple of the type's block size) from the blocks at `src` into `dst` as float32,
// computed as ggml's reference dequantize_row_* and the gguf package compute them, bit for bit:
// float16 scales widened exactly, then one float32 multiply (and one add or subtract) per value.
void dequantize_row(GgmlType type, const std::byte* src, float* dst, int64_t n);

// The whole tensor in row-major order (`out.size()` must be tensor.numel); InputError(file, tensor,
// ...) for a type that cannot be converted.
void dequantize(const GgufFile& file, const GgufTensor& tensor, std::span<float> out);

float half_to_float(uint16_t bits);
// float32 to bfloat16, rounding to nearest even, every NaN to 0x7FC0: as torch's .to(torch.bfloat16).
uint16_t float_to_bfloat16(float value);

}  // namespace sparsetune
