#include "core/model/device.h"

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <ATen/cuda/CUDAContext.h>
#include <ATen/detail/CUDAHooksInterface.h>
#include <torch/cuda.h>

#include <cstdio>

#include "core/util/error.h"

namespace sparsetune {

std::string cuda_unavailable_reason() {
  // isBuilt: libtorch_cuda registered its hooks; hasCUDA additionally needs a driver and a device.
  if (!at::detail::getCUDAHooks().isBuilt()) return "this LibTorch was built without CUDA";
  if (!at::globalContext().hasCUDA() || torch::cuda::device_count() == 0)
    return "no CUDA device is visible (no GPU, or no NVIDIA driver loaded)";
  return {};
}

torch::Device parse_device(const std::string& spec) {
  if (spec == "cpu") return torch::kCPU;
  if (spec == "auto") return cuda_unavailable_reason().empty() ? torch::Device(torch::kCUDA, 0) : torch::Device(torch::kCPU);
  if (spec == "cuda" || spec.rfind("cuda:", 0) == 0) {
    if (auto why = cuda_unavailable_reason(); !why.empty()) throw Error("device '" + spec + "' requested but CUDA is not available: " + why);
    torch::Device device(spec == "cuda" ? std::string("cuda:0") : spec);
    if (device.index() >= static_cast<int>(torch::cuda::device_count()))
      throw Error("device '" + spec + "' requested but only " + std::to_string(torch::cuda::device_count()) + " CUDA device(s) exist");
    return device;
  }
  throw Error("unknown device '" + spec + "'; expected cpu, cuda, cuda:N or auto");
}

std::string describe_device(const torch::Device& device) {
  if (device.is_cpu()) return "CPU (" + std::to_string(at::get_num_threads()) + " threads)";
  const auto* props = at::cuda::getDeviceProperties(device.index());
  char memory[32];
  std::snprintf(memory, sizeof(memory), "%.1f GiB", static_cast<double>(props->totalGlobalMem) / (1024.0 * 1024 * 1024));
  return "CUDA:" + std::to_string(device.index()) + " " + props->name + " (" + memory + ")";
}

torch::ScalarType parse_dtype_name(const std::string& name) {
  if (name == "float32" || name == "fp32") return torch::kFloat32;
  if (name == "bfloat16" || name == "bf16") return torch::kBFloat16;
  if (name == "float16" || name == "fp16") return torch::kFloat16;
  throw Error("unknown dtype '" + name + "'; expected float32, bfloat16 or float16");
}

std::string dtype_display_name(torch::ScalarType type) {
  switch (type) {
    case torch::kFloat32: return "float32";
    case torch::kBFloat16: return "bfloat16";
    case torch::kFloat16: return "float16";
    default: return c10::toString(type);
  }
}

}  // namespace sparsetune
