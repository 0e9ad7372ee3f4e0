#pragma once
// Small building blocks shared by the model families. Each mirrors the exact operation order of the
// Hugging Face reference so that results agree to rounding, including in bfloat16.
#include <cmath>
#include <string>

#include <torch/types.h>

#include "core/util/error.h"

namespace sparsetune {

// RMSNorm as in Llama/Qwen: normalize in float32, round back to the input dtype, then scale by the
// weight (in the weight's dtype).
inline torch::Tensor rms_norm(const torch::Tensor& x, const torch::Tensor& weight, double eps) {
  const auto xf = x.to(torch::kFloat32);
  const auto normalized = xf * torch::rsqrt(xf.pow(2).mean(-1, /*keepdim=*/true) + eps);
  return weight * normalized.to(x.scalar_type());
}

// LayerNorm over the last dimension; `bias` may be undefined (MPT with no_bias).
inline torch::Tensor layer_norm(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias, double eps) {
  return at::layer_norm(x, {x.size(-1)}, weight, bias, eps);
}

enum class Activation { SiLU, GeluExact, GeluNew, GeluTanh, ReLU };

// Maps an HF activation name to the function it denotes; `field` is the config key it came from.
inline Activation parse_activation(const std::string& name, const std::string& field) {
  if (name == "silu" || name == "swish") return Activation::SiLU;
  if (name == "gelu") return Activation::GeluExact;
  if (name == "gelu_new") return Activation::GeluNew;
  if (name == "gelu_pytorch_tanh") return Activation::GeluTanh;
  if (name == "relu") return Activation::ReLU;
  throw InputError("config.json", field, "unsupported activation '" + name + "' (expected silu, gelu, gelu_new, gelu_pytorch_tanh or relu)");
}

inline torch::Tensor activate(Activation act, const torch::Tensor& x) {
  switch (act) {
    case Activation::SiLU: return at::silu(x);
    case Activation::GeluExact: return at::gelu(x);
    case Activation::GeluNew: {
      // GPT-2's tanh approximation written out op by op like HF's NewGELUActivation (each step
      // rounds in the input dtype, which at::gelu's fused kernel does not).
      const double k = std::sqrt(2.0 / M_PI);
      return 0.5 * x * (1.0 + torch::tanh(k * (x + 0.044715 * torch::pow(x, 3.0))));
    }
    case Activation::GeluTanh: return at::gelu(x, "tanh");
    case Activation::ReLU: return at::relu(x);
  }
  return x;
}

}  // namespace sparsetune
