#include "kernels/sparse_bitmask.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <vector>

#ifdef SPARSETUNE_HAVE_CUDA_KERNELS
#include <cuda_runtime.h>
#endif

using sparsetune::kernels::BitmaskMatrix;

namespace {

// A random [rows, cols] matrix of `elem_size`-byte elements where each element is non-zero with
// probability 1 - sparsity; non-zero elements have random non-zero bytes.
std::vector<std::byte> random_sparse(int64_t rows, int64_t cols, std::size_t elem_size, double sparsity, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::uniform_int_distribution<int> byte(1, 255);
  std::vector<std::byte> m(static_cast<std::size_t>(rows * cols) * elem_size, std::byte{0});
  for (int64_t i = 0; i < rows * cols; ++i)
    if (u(rng) >= sparsity)
      for (std::size_t b = 0; b < elem_size; ++b) m[i * elem_size + b] = static_cast<std::byte>(byte(rng));
  return m;
}

struct Case {
  int64_t rows, cols;
};
const Case kShapes[] = {{1, 1}, {1, 7}, {3, 8}, {5, 9}, {17, 63}, {33, 257}, {64, 1000}, {7, 4096}, {0, 5}, {4, 0}};
const double kSparsities[] = {0.0, 0.5, 0.75, 0.9, 0.99, 1.0};
const std::size_t kElemSizes[] = {1, 2, 4, 8};

}  // namespace

TEST(SparseBitmask, LayoutMatchesCompressedTensorsDefinition) {
  // Row 0: columns 0, 3 and 9 non-zero; row 1: empty; row 2: column 8 only.
  std::vector<float> dense(3 * 10, 0.f);
  dense[0] = 1.f;
  dense[3] = 2.f;
  dense[9] = 3.f;
  dense[2 * 10 + 8] = 4.f;
  BitmaskMatrix m = sparsetune::kernels::bitmask_compress(dense.data(), 3, 10, sizeof(float));
  ASSERT_EQ(m.bytes_per_row(), 2);
  EXPECT_EQ(m.bitmask, (std::vector<uint8_t>{0b00001001, 0b00000010, 0, 0, 0, 0b00000001}));
  EXPECT_EQ(m.row_offsets, (std::vector<int64_t>{0, 3, 3}));
  ASSERT_EQ(m.nnz(), 4);
  std::vector<float> values(4);
  std::memcpy(values.data(), m.values.data(), m.values.size());
  EXPECT_EQ(values, (std::vector<float>{1.f, 2.f, 3.f, 4.f}));
}

TEST(SparseBitmask, NegativeZeroIsKeptAsAValue) {
  float dense[2] = {-0.0f, 0.0f};
  BitmaskMatrix m = sparsetune::kernels::bitmask_compress(dense, 1, 2, sizeof(float));
  EXPECT_EQ(m.nnz(), 1);
  EXPECT_EQ(m.bitmask[0], 0b01);
}

TEST(SparseBitmask, RoundTripEveryShapeSparsityAndWidth) {
  uint32_t seed = 1;
  for (const Case& shape : kShapes)
    for (double sparsity : kSparsities)
      for (std::size_t width : kElemSizes) {
        auto dense = random_sparse(shape.rows, shape.cols, width, sparsity, seed++);
        BitmaskMatrix m = sparsetune::kernels::bitmask_compress(dense.data(), shape.rows, shape.cols, width);
        std::vector<std::byte> out(dense.size() + width, std::byte{0x5A});  // poisoned, one guard element
        sparsetune::kernels::bitmask_decompress(m, out.data());
        ASSERT_EQ(0, std::memcmp(out.data(), dense.data(), dense.size()))
            << shape.rows << "x" << shape.cols << " sparsity " << sparsity << " width " << width;
        EXPECT_EQ(out[dense.size()], std::byte{0x5A}) << "wrote past the end";
      }
}

TEST(SparseBitmask, RejectsUnsupportedElementSize) {
  char dense[3] = {1, 2, 3};
  EXPECT_THROW(sparsetune::kernels::bitmask_compress(dense, 1, 1, 3), std::invalid_argument);
}

TEST(SparseBitmaskCuda, MatchesCpuOnRandomShapes) {
#ifndef SPARSETUNE_HAVE_CUDA_KERNELS
  GTEST_SKIP() << "this build has no CUDA kernels";
#else
  int devices = 0;
  if (cudaGetDeviceCount(&devices) != cudaSuccess || devices == 0) GTEST_SKIP() << "no CUDA device present";
  uint32_t seed = 100;
  for (const Case& shape : kShapes)
    for (double sparsity : kSparsities)
      for (std::size_t width : kElemSizes) {
        auto dense = random_sparse(shape.rows, shape.cols, width, sparsity, seed++);
        BitmaskMatrix m = sparsetune::kernels::bitmask_compress(dense.data(), shape.rows, shape.cols, width);
        void *d_values = nullptr, *d_mask = nullptr, *d_offsets = nullptr, *d_dense = nullptr;
        ASSERT_EQ(cudaMalloc(&d_values, m.values.size() + 1), cudaSuccess);
        ASSERT_EQ(cudaMalloc(&d_mask, m.bitmask.size() + 1), cudaSuccess);
        ASSERT_EQ(cudaMalloc(&d_offsets, m.row_offsets.size() * sizeof(int64_t) + 8), cudaSuccess);
        ASSERT_EQ(cudaMalloc(&d_dense, dense.size() + 1), cudaSuccess);
        cudaMemcpy(d_values, m.values.data(), m.values.size(), cudaMemcpyHostToDevice);
        cudaMemcpy(d_mask, m.bitmask.data(), m.bitmask.size(), cudaMemcpyHostToDevice);
        cudaMemcpy(d_offsets, m.row_offsets.data(), m.row_offsets.size() * sizeof(int64_t), cudaMemcpyHostToDevice);
        cudaMemset(d_dense, 0x5A, dense.size() + 1);
        sparsetune::kernels::bitmask_decompress_cuda(d_values, static_cast<uint8_t*>(d_mask),
                                                     static_cast<int64_t*>(d_offsets), shape.rows, shape.cols, width,
                                                     d_dense, nullptr);
        std::vector<std::byte> out(dense.size() + 1);
        ASSERT_EQ(cudaMemcpy(out.data(), d_dense, out.size(), cudaMemcpyDeviceToHost), cudaSuccess);
        cudaFree(d_values);
        cudaFree(d_mask);
        cudaFree(d_offsets);
        cudaFree(d_dense);
        ASSERT_EQ(0, std::memcmp(out.data(), dense.data(), dense.size()))
            << shape.rows << "x" << shape.cols << " sparsity " << sparsity << " width " << width;
        EXPECT_EQ(out[dense.size()], std::byte{0x5A}) << "wrote past the end";
      }
#endif
}
