#include "widgets/weight_sample.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace sparsetune::widgets {

WeightSample make_weight_sample(const std::string& path, int64_t rows, int64_t cols, const float* weights, int bins, int crop) {
  if (bins < 1) throw std::invalid_argument("make_weight_sample: bins must be at least 1");
  if (crop < 0) throw std::invalid_argument("make_weight_sample: crop must not be negative");
  if (rows < 0 || cols < 0) throw std::invalid_argument("make_weight_sample: negative weight shape");
  WeightSample s;
  s.module_path = path;
  s.rows = rows;
  s.cols = cols;
  const int64_t total = rows * cols;

  int64_t zeros = 0;
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  for (int64_t i = 0; i < total; ++i) {
    const double w = weights[i];
    if (w == 0) {
      ++zeros;
    } else if (std::isfinite(w)) {
      lo = std::min(lo, w);
      hi = std::max(hi, w);
    }
  }
  s.sparsity = total > 0 ? static_cast<double>(zeros) / static_cast<double>(total) : 0.0;

  if (lo <= hi) {
    if (lo == hi) {  // one distinct value: give the single spike a visible width around it
      const double half = std::abs(lo) / 2;
      lo -= half;
      hi += half;
    }
    s.bin_edges.resize(static_cast<std::size_t>(bins) + 1);
    for (int b = 0; b <= bins; ++b) s.bin_edges[static_cast<std::size_t>(b)] = lo + (hi - lo) * b / bins;
    s.bin_edges.back() = hi;  // exact, so the maximum lands in the last bin
    s.counts.assign(static_cast<std::size_t>(bins), 0);
    const double scale = bins / (hi - lo);
    for (int64_t i = 0; i < total; ++i) {
      const double w = weights[i];
      if (w == 0 || !std::isfinite(w)) continue;
      const auto bin = std::clamp(static_cast<int64_t>((w - lo) * scale), int64_t{0}, int64_t{bins} - 1);
      ++s.counts[static_cast<std::size_t>(bin)];
    }
  }

  s.crop_rows = static_cast<int>(std::min<int64_t>(crop, rows));
  s.crop_cols = static_cast<int>(std::min<int64_t>(crop, cols));
  s.crop_kept.reserve(static_cast<std::size_t>(s.crop_rows) * static_cast<std::size_t>(s.crop_cols));
  for (int r = 0; r < s.crop_rows; ++r)
    for (int c = 0; c < s.crop_cols; ++c) s.crop_kept.push_back(weights[r * cols + c] != 0 ? 1 : 0);
  return s;
}

}  // namespace sparsetune::widgets
