#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

// The compressed-tensors "sparse-bitmask" layout (see ALGORITHMS.md §3) for a [rows, cols] matrix:
// values    — the non-zeros in row-major order;
// bitmask   — uint8 [rows, ceil(cols/8)], bit (j mod 8), least significant first, of byte j/8 set
//             where column j is non-zero;
// row_offsets — int64 [rows], exclusive prefix sum of the per-row non-zero counts.
// Kernels work on raw element bytes (elem_size 1, 2, 4 or 8) so one code path serves every dtype.
namespace sparsetune::kernels {

struct BitmaskMatrix {
  int64_t rows = 0, cols = 0;
  std::size_t elem_size = 0;
  std::vector<std::byte> values;
  std::vector<uint8_t> bitmask;
  std::vector<int64_t> row_offsets;
  int64_t bytes_per_row() const { return (cols + 7) / 8; }
  int64_t nnz() const { return static_cast<int64_t>(values.size() / (elem_size ? elem_size : 1)); }
};

// A value counts as zero when all of its bytes are zero (so -0.0 is kept, as compressed-tensors does).
BitmaskMatrix bitmask_compress(const void* dense, int64_t rows, int64_t cols, std::size_t elem_size);

// Writes the dense matrix; `dense` must hold rows * cols elements.
void bitmask_decompress(const BitmaskMatrix& m, void* dense);

// True when this build contains the CUDA kernels (a GPU may still be absent at run time).
bool cuda_kernels_built();

// Same as bitmask_decompress on device pointers; `stream` is a cudaStream_t (nullptr = default).
// Throws std::runtime_error when CUDA kernels are not built or a CUDA call fails.
void bitmask_decompress_cuda(const void* values, const uint8_t* bitmask, const int64_t* row_offsets, int64_t rows,
                             int64_t cols, std::size_t elem_size, void* dense, void* stream);

}  // namespace sparsetune::kernels
