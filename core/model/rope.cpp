#include "core/model/rope.h"

#include <cmath>

#include "core/util/error.h"

namespace sparsetune {

namespace {

// Llama 3.1 scaling: long wavelengths are divided by `factor`, short ones kept, and the band in
// between interpolated smoothly (same float32 operations as the reference implementation).
torch::Tensor llama3_scaled(const torch::Tensor& inv_freq, const RopeScaling& s) {
  const double low_freq_wavelen = static_cast<double>(s.original_max_position_embeddings) / s.low_freq_factor;
  const double high_freq_wavelen = static_cast<double>(s.original_max_position_embeddings) / s.high_freq_factor;
  const auto wavelen = (2 * M_PI) / inv_freq;
  const auto scaled = torch::where(wavelen > low_freq_wavelen, inv_freq / s.factor, inv_freq);
  const auto smooth = (static_cast<double>(s.original_max_position_embeddings) / wavelen - s.low_freq_factor) /
                      (s.high_freq_factor - s.low_freq_factor);
  const auto smoothed = (1 - smooth) * scaled / s.factor + smooth * scaled;
  const auto is_medium = (wavelen >= high_freq_wavelen).logical_and(wavelen <= low_freq_wavelen);
  return torch::where(is_medium, smoothed, scaled);
}

}  // namespace

RotaryEmbedding::RotaryEmbedding(const ModelConfig& config, torch::Device device) {
  const int64_t dim = config.head_dim;
  const auto exponents = torch::arange(0, dim, 2, torch::kFloat32) / static_cast<double>(dim);
  inv_freq_ = 1.0 / torch::pow(config.rope_theta, exponents);
  if (config.rope_scaling && config.rope_scaling->type != "default" && !config.rope_scaling->type.empty()) {
    if (config.rope_scaling->type != "llama3")
      throw InputError("config.json", "rope_scaling.rope_type",
                       "unsupported RoPE scaling '" + config.rope_scaling->type + "' (supported: default, llama3)");
    inv_freq_ = llama3_scaled(inv_freq_, *config.rope_scaling);
  }
  inv_freq_ = inv_freq_.to(device);
}

std::pair<torch::Tensor, torch::Tensor> RotaryEmbedding::cos_sin(const torch::Tensor& positions, torch::ScalarType dtype) const {
  const auto freqs = positions.unsqueeze(-1).to(torch::kFloat32) * inv_freq_.to(positions.device());
  const auto angles = torch::cat({freqs, freqs}, -1);
  return {angles.cos().to(dtype), angles.sin().to(dtype)};
}

torch::Tensor apply_rotary(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin) {
  const int64_t half = x.size(-1) / 2;
  const auto rotated = torch::cat({-x.narrow(-1, half, half), x.narrow(-1, 0, half)}, -1);
  return x * cos.unsqueeze(1) + rotated * sin.unsqueeze(1);
}

}  // namespace sparsetune
