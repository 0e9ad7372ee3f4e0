#pragma once
#include <string>

#include <torch/types.h>

namespace sparsetune {

// "cpu", "cuda", "cuda:N" or "auto" (CUDA when available, else CPU). Asking for CUDA where it is not
// available throws Error with a plain reason instead of falling back silently.
torch::Device parse_device(const std::string& spec);

// "CPU (N threads)" or "CUDA:0 NVIDIA H100 80GB HBM3 (79.1 GiB)".
std::string describe_device(const torch::Device& device);

// Why CUDA cannot be used here, or an empty string when it can.
std::string cuda_unavailable_reason();

torch::ScalarType parse_dtype_name(const std::string& name);  // float32|bfloat16|float16 (and fp32/bf16/fp16)
std::string dtype_display_name(torch::ScalarType type);

}  // namespace sparsetune
