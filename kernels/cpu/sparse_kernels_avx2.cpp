// AVX2 + FMA kernel (Haswell and later, Zen). Compiled with per-function target attributes so the library
// still builds for generic x86-64; SparseMatrix::multiply calls it only when the CPU has them.
//
// AVX2 has no expand instruction: a bitmap byte (8 columns) indexes a table of vpermps lane indices that
// moves the next popcount(byte) values to the lanes of the set bits; the byte itself masks the other lanes.
// Batches of sparse enough weights walk the non-zeros instead (sparse_walk.cpp).
#include <immintrin.h>

#include <array>
#include <cstring>
#include <vector>

#include "kernels/cpu/sparse_kernels.h"

#define SPARSETUNE_AVX2 __attribute__((target("avx2,fma,popcnt")))
#define SPARSETUNE_AVX2_INLINE SPARSETUNE_AVX2 __attribute__((always_inline)) inline

namespace sparsetune::kernels::detail {

namespace {

constexpr int kMaxBatchBlock = 8;


// expand_index[m][lane]: which of the next values lane `lane` takes under bitmap byte m (vpermps reads the
// low 3 bits), with the sign bit set where bit `lane` of m is set, so the index doubles as the lane mask.
constexpr std::array<std::array<int32_t, 8>, 256> make_expand_index() {
  std::array<std::array<int32_t, 8>, 256> table{};
  for (int m = 0; m < 256; ++m) {
    int next = 0;
    for (int lane = 0; lane < 8; ++lane) table[m][lane] = (m >> lane) & 1 ? INT32_MIN | next++ : 0;
  }
  return table;
}
alignas(32) constexpr std::array<std::array<int32_t, 8>, 256> kExpandIndex = make_expand_index();

// Eight all-ones then eight zeros: loading 8 lanes from &kLanePrefix[8 - n] gives a mask of the first n lanes.
alignas(32) constexpr int32_t kLanePrefix[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};

SPARSETUNE_AVX2_INLINE __m256i first_lanes(int n) {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kLanePrefix + 8 - n));
}

SPARSETUNE_AVX2_INLINE __m256 hsum_to_lane0(__m256 v) {
  __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  return _mm256_castps128_ps256(_mm_add_ss(s, _mm_movehdup_ps(s)));
}

// Adds 8 columns whose bitmap bits are `mask` and whose values start at `values`. x points at the chunk's
// activations: 8 floats per activation row, one row after the other (see pack_activations); only
// `valid_columns` of them are read.
template <ValueType type, int NB>
SPARSETUNE_AVX2_INLINE void bitmap_chunk(unsigned mask, int valid_columns, const uint8_t* values, const float* x,
                                         __m256* acc) {
  const __m256i lane_index = _mm256_load_si256(reinterpret_cast<const __m256i*>(kExpandIndex[mask].data()));
  const __m256 w = _mm256_and_ps(_mm256_permutevar8x32_ps(widen8<type>(values), lane_index),
                                 _mm256_castsi256_ps(_mm256_srai_epi32(lane_index, 31)));
#pragma GCC unroll 8
  for (int b = 0; b < NB; ++b) {
    const float* xs = x + 8 * b;
    const __m256 xv =
        valid_columns >= 8 ? _mm256_loadu_ps(xs) : _mm256_maskload_ps(xs, first_lanes(valid_columns));
    acc[b] = _mm256_fmadd_ps(w, xv, acc[b]);
  }
}

// A full tile: 256 columns, 32 chunks spread over the accumulator sets, the bitmap read 64 bits (8 chunks) at
// a time. Each chunk's first value is found from the popcount of the bits below it in the word, and the value
// pointer moves once per word. Returns the end of the values.
template <ValueType type, int NB, int kSets>
SPARSETUNE_AVX2_INLINE const uint8_t* full_bitmap_tile(const uint8_t* bitmap, const uint8_t* values, const float* x,
                                                       __m256 (&acc)[kSets][NB]) {
  for (int word = 0; word < SparseMatrix::kTileCols / 64; ++word) {
    // Two lines per word: at 50 % sparsity (f32) a word's values fill two.
    _mm_prefetch(reinterpret_cast<const char*>(values) + kPrefetchDistance, _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(values) + kPrefetchDistance + 64, _MM_HINT_T0);
    uint64_t bits;
    std::memcpy(&bits, bitmap + 8 * word, 8);
#pragma GCC unroll 8
    for (int part = 0; part < 8; ++part) {
      const int chunk = 8 * word + part;
      const uint64_t before = part == 0 ? 0 : static_cast<uint64_t>(_mm_popcnt_u64(bits << (64 - 8 * part)));
      bitmap_chunk<type, NB>(static_cast<unsigned>(bits >> (8 * part)) & 0xFFu, 8, values + before * kValueSize<type>,
                             x + 8 * NB * chunk, acc[chunk % kSets]);
    }
    values += static_cast<uint64_t>(_mm_popcnt_u64(bits)) * kValueSize<type>;
  }
  return values;
}

// The last tile of a row when cols is not a multiple of 256: `width` < 256 columns, masked at the edge.
template <ValueType type, int NB, int kSets>
SPARSETUNE_AVX2_INLINE const uint8_t* edge_bitmap_tile(const uint8_t* bitmap, const uint8_t* values, const float* x,
                                                       int width, __m256 (&acc)[kSets][NB]) {
  for (int col = 0; col < width; col += 8) {
    bitmap_chunk<type, NB>(bitmap[col / 8], width - col, values, x + NB * col, acc[0]);
    values += _mm_popcnt_u32(bitmap[col / 8]) * kValueSize<type>;
  }
  return values;
}

// An offset tile for one activation row. Scalar on purpose: vgatherdps is microcoded and slow on most AVX2
// CPUs, while a tile holds at most 32 values. Offsets are read 8 per load, so each value costs two loads.
template <ValueType type>
SPARSETUNE_AVX2_INLINE const uint8_t* offset_tile_single(const uint8_t* p, int count, const float* x,
                                                         float (&sums)[4]) {
  const uint8_t* offsets = p;
  const uint8_t* values = p + count;
  // Two lines: at 90 % sparsity (f32) a tile takes about 130 bytes.
  _mm_prefetch(reinterpret_cast<const char*>(p) + kPrefetchDistance, _MM_HINT_T0);
  _mm_prefetch(reinterpret_cast<const char*>(p) + kPrefetchDistance + 64, _MM_HINT_T0);
  int i = 0;
  for (; i + 8 <= count; i += 8) {
    uint64_t eight;
    std::memcpy(&eight, offsets + i, 8);
#pragma GCC unroll 8
    for (int u = 0; u < 8; ++u)
      sums[u % 4] = __builtin_fmaf(load_value<type>(values, i + u), x[(eight >> (8 * u)) & 0xFF], sums[u % 4]);
  }
  uint64_t rest;
  std::memcpy(&rest, offsets + i, 8);  // may read past the offsets: only the first count - i bytes are used
  for (; i < count; ++i, rest >>= 8) sums[0] = __builtin_fmaf(load_value<type>(values, i), x[rest & 0xFF], sums[0]);
  return values + count * kValueSize<type>;
}

// An offset tile for several activation rows: its offsets become a bitmap, and the values (stored in
// column order either way) go through the bitmap path, one permute per 8 columns for all rows.
template <ValueType type, int NB, int kSets>
SPARSETUNE_AVX2_INLINE const uint8_t* offset_tile_batched(const uint8_t* p, int count, const float* x, int width,
                                                          __m256 (&acc)[kSets][NB]) {
  uint8_t bitmap[SparseMatrix::kTileCols / 8] = {};
  for (int i = 0; i < count; ++i) bitmap[p[i] / 8] |= static_cast<uint8_t>(1u << (p[i] % 8));
  if (width == SparseMatrix::kTileCols) return full_bitmap_tile<type, NB, kSets>(bitmap, p + count, x, acc);
  return edge_bitmap_tile<type, NB, kSets>(bitmap, p + count, x, width, acc);
}

// Rows [begin, end) times the activation rows b0 .. b0 + NB, given as x: for NB == 1 the row itself, else
// packed by pack_activations.
template <ValueType type, int NB>
SPARSETUNE_AVX2 void multiply_rows_block(const RowRange& range, const float* x) {
  // Independent accumulator sets hide the FMA latency when few batch rows share a chunk.
  constexpr int kSets = NB == 1 ? 4 : NB <= 4 ? 2 : 1;
  constexpr int kFull = SparseMatrix::kTileCols;
  const int64_t cols = range.cols;
  const uint8_t* p = range.stream;
  for (int64_t r = range.begin; r < range.end; ++r) {
    __m256 acc[kSets][NB];
#pragma GCC unroll 4
    for (int s = 0; s < kSets; ++s)
#pragma GCC unroll 8
      for (int b = 0; b < NB; ++b) acc[s][b] = _mm256_setzero_ps();
    float sums[4] = {0.0f, 0.0f, 0.0f, 0.0f};  // offset tiles, NB == 1
    for (int64_t col0 = 0; col0 < cols; col0 += kFull) {
      const float* x_tile = x + col0 * NB;
      const uint8_t header = *p++;
      if (cols - col0 >= kFull) {
        if (header == SparseMatrix::kBitmapTile)
          p = full_bitmap_tile<type, NB, kSets>(p, p + kFull / 8, x_tile, acc);
        else if constexpr (NB == 1)
          p = offset_tile_single<type>(p, header, x_tile, sums);
        else
          p = offset_tile_batched<type, NB, kSets>(p, header, x_tile, kFull, acc);
      } else {
        const int width = static_cast<int>(cols - col0);
        if (header == SparseMatrix::kBitmapTile)
          p = edge_bitmap_tile<type, NB, kSets>(p, p + (width + 7) / 8, x_tile, width, acc);
        else if constexpr (NB == 1)
          p = offset_tile_single<type>(p, header, x_tile, sums);
        else
          p = offset_tile_batched<type, NB, kSets>(p, header, x_tile, width, acc);
      }
    }
    const float scale = range.scales ? range.scales[r - range.begin] : 1.0f;
    const float bias = range.bias ? range.bias[r] : 0.0f;
    const float offsets_sum = (sums[0] + sums[1]) + (sums[2] + sums[3]);
#pragma GCC unroll 8
    for (int b = 0; b < NB; ++b) {
      __m256 sum = acc[0][b];
#pragma GCC unroll 4
      for (int s = 1; s < kSets; ++s) sum = _mm256_add_ps(sum, acc[s][b]);
      range.y[b * range.rows + r] = (_mm256_cvtss_f32(hsum_to_lane0(sum)) + offsets_sum) * scale + bias;
    }
  }
}

template <ValueType type>
SPARSETUNE_AVX2 void multiply_rows_typed(const RowRange& range) {
  if (walk_nonzeros(range)) return multiply_rows_walk(range);
  thread_local PackedBlocks packs;
  for (int64_t b0 = 0; b0 < range.batch; b0 += kMaxBatchBlock) {
    const int block = static_cast<int>(range.batch - b0 < kMaxBatchBlock ? range.batch - b0 : kMaxBatchBlock);
    const float* x = block == 1 ? range.x + b0 * range.cols
                                : packs.get(range.product, static_cast<std::size_t>(b0 / kMaxBatchBlock),
                                            [&](std::vector<float>& buffer) {
                                              return pack_activations(range, b0, block, 8, buffer);
                                            });
    RowRange block_range = range;
    block_range.y = range.y + b0 * range.rows;
    switch (block) {
      case 1: multiply_rows_block<type, 1>(block_range, x); break;
      case 2: multiply_rows_block<type, 2>(block_range, x); break;
      case 3: multiply_rows_block<type, 3>(block_range, x); break;
      case 4: multiply_rows_block<type, 4>(block_range, x); break;
      case 5: multiply_rows_block<type, 5>(block_range, x); break;
      case 6: multiply_rows_block<type, 6>(block_range, x); break;
      case 7: multiply_rows_block<type, 7>(block_range, x); break;
      default: multiply_rows_block<type, 8>(block_range, x); break;
    }
  }
}

}  // namespace

void multiply_rows_avx2(const RowRange& range) {
  switch (range.type) {
    case ValueType::f32: return multiply_rows_typed<ValueType::f32>(range);
    case ValueType::bf16: return multiply_rows_typed<ValueType::bf16>(range);
    case ValueType::i8: return multiply_rows_typed<ValueType::i8>(range);
  }
}

}  // namespace sparsetune::kernels::detail
