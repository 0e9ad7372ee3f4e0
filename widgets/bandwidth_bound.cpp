#include "widgets/bandwidth_bound.h"

#include <algorithm>

namespace sparsetune::widgets {

namespace {

// Bits of one stored value, 0 when the name is not one the kernels know.
double value_bits(const std::string& value_type) {
  if (value_type == "f32") return 32;
  if (value_type == "bf16") return 16;
  if (value_type == "i8") return 8;
  return 0;
}

}  // namespace

double bitmap_speedup_bound(double sparsity, const std::string& value_type) {
  const double bits = value_bits(value_type);
  if (bits == 0) return 0;
  const double density = 1.0 - std::clamp(sparsity, 0.0, 1.0);
  constexpr double kDenseBits = 32;
  constexpr double kMaskBits = 1;
  return kDenseBits / (density * bits + kMaskBits);
}

}  // namespace sparsetune::widgets
