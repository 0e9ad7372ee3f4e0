// What the weight inspector shows of one weight matrix: small enough to pass from the worker thread
// to the GUI by value, computed on a CPU float copy of the weight so the widgets never see a tensor.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace sparsetune::widgets {

struct WeightSample {
  std::string module_path;
  int64_t rows = 0, cols = 0;  // the weight's [out_features, in_features]
  double sparsity = 0;         // share of exact zeros in the whole weight
  // Histogram of the nonzero weights: counts[i] in [bin_edges[i], bin_edges[i + 1]) (the last bin
  // includes its right edge); both empty when every weight is zero.
  std::vector<double> bin_edges;
  std::vector<int64_t> counts;
  // The mask of the top-left crop_rows × crop_cols weights, row-major, 1 = kept (nonzero).
  int crop_rows = 0, crop_cols = 0;
  std::vector<uint8_t> crop_kept;
};

// Histogram of the finite nonzero values of the row-major rows × cols `weights` in `bins` equal bins
// over [min, max] of those values (widened around the value when all are equal), and the mask of the
// top-left min(crop, rows) × min(crop, cols) corner. Throws std::invalid_argument for bins < 1,
// crop < 0 or negative dimensions.
WeightSample make_weight_sample(const std::string& path, int64_t rows, int64_t cols, const float* weights, int bins, int crop);

}  // namespace sparsetune::widgets
