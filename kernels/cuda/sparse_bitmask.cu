#include <cuda_runtime.h>

#include <stdexcept>
#include <string>

#include "kernels/sparse_bitmask.h"

namespace sparsetune::kernels {

namespace {

template <typename T>
__device__ void copy_bits(uint32_t bits, int64_t col0, int64_t cols, const T* values, int64_t pos, T* out_row) {
  for (int b = 0; b < 8 && col0 + b < cols; ++b) {
    if ((bits >> b) & 1u) out_row[col0 + b] = values[pos++];
  }
}

// One warp per row: each lane owns one mask byte (8 columns) of a 32-byte chunk; a warp-wide
// inclusive scan of the bytes' popcounts gives every lane its first value's index in the row.
template <typename T>
__global__ void bitmask_decompress_kernel(const T* values, const uint8_t* bitmask, const int64_t* row_offsets,
                                          int64_t rows, int64_t cols, T* dense) {
  const int lane = threadIdx.x & 31;
  const int64_t row = (static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x) >> 5;
  if (row >= rows) return;
  const int64_t bytes_per_row = (cols + 7) / 8;
  const uint8_t* mask_row = bitmask + row * bytes_per_row;
  T* out_row = dense + row * cols;
  int64_t base = row_offsets[row];
  for (int64_t chunk = 0; chunk < bytes_per_row; chunk += 32) {
    const int64_t byte = chunk + lane;
    const uint32_t bits = byte < bytes_per_row ? mask_row[byte] : 0u;
    const int count = __popc(bits);
    int inclusive = count;
    for (int d = 1; d < 32; d <<= 1) {
      const int up = __shfl_up_sync(0xffffffffu, inclusive, d);
      if (lane >= d) inclusive += up;
    }
    if (byte < bytes_per_row) {
      for (int b = 0; b < 8 && byte * 8 + b < cols; ++b) out_row[byte * 8 + b] = T{};
      copy_bits(bits, byte * 8, cols, values, base + inclusive - count, out_row);
    }
    base += __shfl_sync(0xffffffffu, inclusive, 31);
  }
}

void check(cudaError_t err, const char* what) {
  if (err != cudaSuccess) throw std::runtime_error(std::string("bitmask_decompress_cuda: ") + what + ": " + cudaGetErrorString(err));
}

template <typename T>
void launch(const void* values, const uint8_t* bitmask, const int64_t* row_offsets, int64_t rows, int64_t cols,
            void* dense, cudaStream_t stream) {
  constexpr int threads = 256;
  const int64_t warps_per_block = threads / 32;
  const auto blocks = static_cast<unsigned>((rows + warps_per_block - 1) / warps_per_block);
  bitmask_decompress_kernel<T><<<blocks, threads, 0, stream>>>(static_cast<const T*>(values), bitmask, row_offsets,
                                                                rows, cols, static_cast<T*>(dense));
  check(cudaGetLastError(), "kernel launch");
}

}  // namespace

bool cuda_kernels_built() { return true; }

void bitmask_decompress_cuda(const void* values, const uint8_t* bitmask, const int64_t* row_offsets, int64_t rows,
                             int64_t cols, std::size_t elem_size, void* dense, void* stream) {
  if (rows == 0 || cols == 0) return;
  auto s = static_cast<cudaStream_t>(stream);
  switch (elem_size) {
    case 1: return launch<uint8_t>(values, bitmask, row_offsets, rows, cols, dense, s);
    case 2: return launch<uint16_t>(values, bitmask, row_offsets, rows, cols, dense, s);
    case 4: return launch<uint32_t>(values, bitmask, row_offsets, rows, cols, dense, s);
    case 8: return launch<uint64_t>(values, bitmask, row_offsets, rows, cols, dense, s);
    default: throw std::invalid_argument("bitmask_decompress_cuda: element size must be 1, 2, 4 or 8 bytes");
  }
}

}  // namespace sparsetune::kernels
