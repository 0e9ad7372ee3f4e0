#pragma once
// The dense baselines sparsetune-bench compares the sparse kernels against: oneDNN's matmul primitive and
// LibTorch's linear, both with weights of the same value type as the sparse matrix where the library has one.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kernels/sparse_matrix.h"

namespace sparsetune::bench {

// One dense y = W x problem with `copies` independent copies of W and x to rotate through, so repeated runs
// read from memory and not from the last-level cache.
struct DenseProblem {
  const std::vector<float>* weights;  // [rows, cols]
  int64_t rows, cols, batch;
  int copies;
  kernels::ValueType type;
};

class DenseBaseline {
 public:
  virtual ~DenseBaseline() = default;
  // Runs the product on copy `copy` and waits for it.
  virtual void run(int copy) = 0;
};

// nullptr with `why_not` set when the library or the value type is unsupported here.
std::unique_ptr<DenseBaseline> make_onednn_baseline(const DenseProblem& problem, std::string& why_not);
std::unique_ptr<DenseBaseline> make_torch_baseline(const DenseProblem& problem, std::string& why_not);

// "oneDNN 2.6.3" or "not built"; "LibTorch 2.11.0".
std::string onednn_version();
std::string torch_version();
// Sets LibTorch's intra-op threads; oneDNN shares the process's one OpenMP runtime (the wheel's libgomp and
// Debian's have the same soname, so the loader keeps one), so this sets both.
void set_dense_threads(int threads);

// Per-row symmetric int8 (q = round(w / scale), scale = max|w_row| / 127), the rule of SparseMatrix's i8.
void quantize_rows(const std::vector<float>& w, int64_t rows, int64_t cols, std::vector<int8_t>& q,
                   std::vector<float>& scales);
// count uniform values in [-1, 1).
std::vector<float> random_activations(int64_t count, uint32_t seed);

}  // namespace sparsetune::bench
