#include "kernels/sparse_bitmask.h"

#include <cstring>
#include <stdexcept>

namespace sparsetune::kernels {

namespace {
bool all_zero(const std::byte* p, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    if (p[i] != std::byte{0}) return false;
  return true;
}
void check_elem_size(std::size_t elem_size) {
  if (elem_size != 1 && elem_size != 2 && elem_size != 4 && elem_size != 8)
    throw std::invalid_argument("bitmask: element size must be 1, 2, 4 or 8 bytes, got " + std::to_string(elem_size));
}
}  // namespace

BitmaskMatrix bitmask_compress(const void* dense, int64_t rows, int64_t cols, std::size_t elem_size) {
  check_elem_size(elem_size);
  BitmaskMatrix m;
  m.rows = rows;
  m.cols = cols;
  m.elem_size = elem_size;
  m.bitmask.assign(static_cast<std::size_t>(rows * m.bytes_per_row()), 0);
  m.row_offsets.resize(static_cast<std::size_t>(rows));
  const auto* src = static_cast<const std::byte*>(dense);
  int64_t nnz = 0;
  for (int64_t r = 0; r < rows; ++r) {
    m.row_offsets[r] = nnz;
    uint8_t* mask_row = m.bitmask.data() + r * m.bytes_per_row();
    for (int64_t c = 0; c < cols; ++c) {
      const std::byte* v = src + (r * cols + c) * elem_size;
      if (all_zero(v, elem_size)) continue;
      mask_row[c / 8] |= static_cast<uint8_t>(1u << (c % 8));
      m.values.insert(m.values.end(), v, v + elem_size);
      ++nnz;
    }
  }
  return m;
}

void bitmask_decompress(const BitmaskMatrix& m, void* dense) {
  check_elem_size(m.elem_size);
  auto* dst = static_cast<std::byte*>(dense);
  std::memset(dst, 0, static_cast<std::size_t>(m.rows * m.cols) * m.elem_size);
  for (int64_t r = 0; r < m.rows; ++r) {
    const uint8_t* mask_row = m.bitmask.data() + r * m.bytes_per_row();
    const std::byte* v = m.values.data() + m.row_offsets[r] * m.elem_size;
    for (int64_t c = 0; c < m.cols; ++c) {
      if ((mask_row[c / 8] >> (c % 8)) & 1u) {
        std::memcpy(dst + (r * m.cols + c) * m.elem_size, v, m.elem_size);
        v += m.elem_size;
      }
    }
  }
}

#ifndef SPARSETUNE_HAVE_CUDA_KERNELS
bool cuda_kernels_built() { return false; }

void bitmask_decompress_cuda(const void*, const uint8_t*, const int64_t*, int64_t, int64_t, std::size_t, void*, void*) {
  throw std::runtime_error("bitmask_decompress_cuda: this build has no CUDA kernels (no matching CUDA toolkit at build time)");
}
#endif

}  // namespace sparsetune::kernels
