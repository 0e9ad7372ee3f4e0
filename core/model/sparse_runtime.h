// The sparse CPU decode path: a pruned model's Linear layers read a compressed copy of their weight
// (kernels/sparse_matrix.h) instead of the dense one. Decoding is memory-bound, so reading fewer
// bytes per token is what makes a sparse model faster (ALGORITHMS.md §4).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <torch/types.h>

#include "kernels/sparse_matrix.h"

namespace sparsetune {

class CausalLM;

struct SparseLinearWeight {
  kernels::SparseMatrix matrix;
  int threads = 1;
  int64_t max_rows = 16;
};

struct SparseRuntimeOptions {
  kernels::ValueType values = kernels::ValueType::f32;
  int threads = 0;              // 0: LibTorch's intra-op thread count
  int64_t max_rows = 16;        // token rows per call up to which the sparse kernel runs; a longer
                                // prompt's prefill is compute-bound and stays on the dense weight
  double min_sparsity = 0.3;    // layers sparser than this are compiled; denser ones read faster dense
  std::vector<std::string> paths;  // only these linears; empty: every linear (LM head included) that is sparse enough
};

struct SparseLayerInfo {
  std::string path;
  int64_t rows = 0, cols = 0, nnz = 0;
  double sparsity = 0;
  double dense_bytes = 0;   // the weight as the model holds it
  double sparse_bytes = 0;  // what one product reads in the sparse format
};

// Compiles the chosen linears of a float32 CPU model into the sparse format and makes forward() use
// them where it pays (see SparseLinearWeight); returns what was compiled. The dense weights stay,
// for prefill, training and export. Throws Error for a model that is not float32 on the CPU.
std::vector<SparseLayerInfo> use_sparse_kernels(CausalLM& model, const SparseRuntimeOptions& options = {});

// Back to the dense weights everywhere.
void use_dense_kernels(CausalLM& model);

// y = x Wᵀ + bias (bias may be undefined) through the sparse kernel, or nullopt where the dense path must run: autograd
// recording, an input that is not float32 on the CPU, or more than max_rows token rows.
std::optional<torch::Tensor> sparse_linear_forward(const SparseLinearWeight& weight, const torch::Tensor& bias, const torch::Tensor& x);

// While alive, LibTorch runs its own operations (norms, attention, the dense layers) on one thread. Its OpenMP
// threads spin for a while after every parallel region and so hold the cores the kernels' pool needs for the
// next product: decoding a 111 M-parameter Llama at 75 % through the kernels on two threads measured 79-84
// tokens/s with LibTorch on two threads and 98-117 with it on one (docs/performance.md).
class SingleThreadedTorch {
 public:
  SingleThreadedTorch();
  ~SingleThreadedTorch();
  SingleThreadedTorch(const SingleThreadedTorch&) = delete;
  SingleThreadedTorch& operator=(const SingleThreadedTorch&) = delete;

 private:
  int previous_threads_;
};

}  // namespace sparsetune
