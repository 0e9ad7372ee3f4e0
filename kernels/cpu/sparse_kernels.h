#pragma once
// Internal to sparsetune_kernels: the per-instruction-set row kernels behind SparseMatrix::multiply.
#include <immintrin.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "kernels/sparse_matrix.h"

namespace sparsetune::kernels::detail {

// Zero bytes after the tile stream so vector kernels may load a whole register past the last value.
constexpr std::size_t kReadAheadPadding = 64;

// How far ahead in the tile stream the vector kernels prefetch: about what one core has in flight from memory
// (4 KiB measured faster than 1 and 2 KiB at 50 and 75 % sparsity on Skylake-SP; 1-32 KiB alike on Zen 4).
// Without it the AVX2 kernel read 11008x4096 at 50 % at 14 GB/s on two Zen 4 cores, where on data in L2 it
// runs as fast as the AVX-512 one.
constexpr int kPrefetchDistance = 4096;

struct RowRange {
  const uint8_t* stream;  // the tiles of row `begin`
  const float* scales;    // i8: scale of row `begin`; otherwise null
  int64_t begin, end;     // rows [begin, end)
  int64_t rows, cols;
  ValueType type;
  const float* x;  // [batch, cols]
  int64_t batch;
  float* y;           // [batch, rows]
  const float* bias;  // [rows] or null
  double density;     // nnz / (rows * cols): the batch path is picked by it (walk_nonzeros)
  uint64_t product;   // distinct for every multiply() call (see PackedBlocks)
};

void multiply_rows_scalar(const RowRange& range);
// Batches by walking the non-zeros, one FMA over the whole batch per non-zero (sparse_walk.cpp; needs AVX2 +
// FMA). walk_nonzeros() says whether that is faster than the vector kernels' bitmap path: measured on
// 11008x4096 (AVX-512, Zen 4, two threads), a 16-column chunk of the bitmap path costs about 2.4 + block units
// and a non-zero about 2.8 (listing it, then one FMA), so walking pays when 16 * density * 2.8 < 2.4 + block
// (block = the batch, at most 16): at 75 % sparsity for 16 rows (9.5 against 15.5 ms), not for 2-8 (8-10
// against 3.7-9 ms); and always at 87.5 % and above, where most tiles hold offsets, which the bitmap path turns
// back into a bitmap (90 %: 3.2-4.0 against 5.1-18 ms). Never for batch 1, or when byte offsets into the
// packed columns would not fit 32 bits.
bool walk_nonzeros(const RowRange& range);
void multiply_rows_walk(const RowRange& range);
void multiply_rows_avx2(const RowRange& range);
void multiply_rows_avx512(const RowRange& range);

// Activation rows b0 .. b0 + block re-laid for the vector kernels: for each group of `lanes` columns, the
// `lanes` floats of every activation row in turn, zero past cols. A chunk of columns then reads one contiguous
// block for all rows, instead of `block` lines a multiple of 4 KiB apart that evict each other from L1.
inline const float* pack_activations(const RowRange& range, int64_t b0, int block, int lanes,
                                     std::vector<float>& packed) {
  const int64_t groups = (range.cols + lanes - 1) / lanes;
  packed.assign(static_cast<std::size_t>(groups * block * lanes), 0.0f);
  for (int b = 0; b < block; ++b) {
    const float* row = range.x + (b0 + b) * range.cols;
    for (int64_t c = 0; c < range.cols; ++c) packed[((c / lanes) * block + b) * lanes + c % lanes] = row[c];
  }
  return packed.data();
}

// One thread's packed activation blocks, kept for the rest of a product: a thread takes several chunks of a
// product's rows (SparseMatrix::multiply), and packing the activations again for every chunk took as long
// as the multiplication itself for a 1024x4096 matrix at batch 16 (0.28 against 0.42-0.47 ms).
class PackedBlocks {
 public:
  // Block `index` of `product` (RowRange::product): pack(buffer) fills `buffer` and returns where the packed
  // block starts in it, unless this thread has already packed that block of that product.
  template <typename Pack>
  const float* get(uint64_t product, std::size_t index, Pack pack) {
    if (product != product_) {
      product_ = product;
      packed_.assign(packed_.size(), nullptr);
    }
    if (index >= buffers_.size()) {
      buffers_.resize(index + 1);  // moving a vector keeps its heap block, so packed_ stays valid
      packed_.resize(index + 1, nullptr);
    }
    if (!packed_[index]) packed_[index] = pack(buffers_[index]);
    return packed_[index];
  }

 private:
  uint64_t product_ = 0;
  std::vector<std::vector<float>> buffers_;
  std::vector<const float*> packed_;
};

inline uint16_t bf16_bits_from_float(float value) {
  uint32_t bits;
  __builtin_memcpy(&bits, &value, 4);
  if ((bits & 0x7FFFFFFFu) > 0x7F800000u) return static_cast<uint16_t>((bits >> 16) | 0x0040u);  // quiet NaN
  bits += 0x7FFFu + ((bits >> 16) & 1u);  // round to nearest, ties to even
  return static_cast<uint16_t>(bits >> 16);
}

inline float float_from_bf16_bits(uint16_t bf16) {
  const uint32_t bits = static_cast<uint32_t>(bf16) << 16;
  float value;
  __builtin_memcpy(&value, &bits, 4);
  return value;
}

// Bytes of one stored value of `type`.
template <ValueType type>
constexpr int kValueSize = type == ValueType::f32 ? 4 : type == ValueType::bf16 ? 2 : 1;

// 8 values from p widened to fp32 (reads up to 32 bytes: the stream's read-ahead padding covers it); for the
// AVX2 code of the vector kernels.
template <ValueType type>
__attribute__((target("avx2"), always_inline)) inline __m256 widen8(const uint8_t* p) {
  if constexpr (type == ValueType::f32) {
    return _mm256_loadu_ps(reinterpret_cast<const float*>(p));
  } else if constexpr (type == ValueType::bf16) {
    const __m128i bits = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(bits), 16));
  } else {
    return _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p))));
  }
}

// Value `index` of a tile's packed values, widened to fp32 (the per-row int8 scale is applied later).
// Without a target attribute, so every ISA's kernels inline the same code.
template <ValueType type>
__attribute__((always_inline)) inline float load_value(const uint8_t* values, int index) {
  if constexpr (type == ValueType::f32) {
    float value;
    std::memcpy(&value, values + 4 * index, 4);
    return value;
  } else if constexpr (type == ValueType::bf16) {
    uint16_t bits;
    std::memcpy(&bits, values + 2 * index, 2);
    return float_from_bf16_bits(bits);
  } else {
    return static_cast<float>(static_cast<int8_t>(values[index]));
  }
}

}  // namespace sparsetune::kernels::detail
