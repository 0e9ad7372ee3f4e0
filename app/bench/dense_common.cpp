#include <algorithm>
#include <cmath>
#include <random>

#include "app/bench/dense_baselines.h"

namespace sparsetune::bench {

// Per-row symmetric int8, the same rule as SparseMatrix's i8 values.
void quantize_rows(const std::vector<float>& w, int64_t rows, int64_t cols, std::vector<int8_t>& q,
                   std::vector<float>& scales) {
  q.resize(w.size());
  scales.resize(static_cast<std::size_t>(rows));
  for (int64_t r = 0; r < rows; ++r) {
    float max_abs = 0.0f;
    for (int64_t c = 0; c < cols; ++c) max_abs = std::max(max_abs, std::fabs(w[r * cols + c]));
    scales[r] = max_abs / 127.0f;
    for (int64_t c = 0; c < cols; ++c)
      q[r * cols + c] = static_cast<int8_t>(scales[r] > 0 ? std::nearbyint(w[r * cols + c] / scales[r]) : 0);
  }
}

std::vector<float> random_activations(int64_t count, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::vector<float> x(static_cast<std::size_t>(count));
  for (float& v : x) v = u(rng);
  return x;
}

}  // namespace sparsetune::bench
