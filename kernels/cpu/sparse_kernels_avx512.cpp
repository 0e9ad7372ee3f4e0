// AVX-512 kernel (F + BW + VL, i.e. Skylake-SP and later). Compiled with per-function target attributes so
// the library still builds for generic x86-64; SparseMatrix::multiply calls it only when the CPU has them.
//
// Bitmap tiles: one 16-bit mask per 16 columns; vexpandps places the next popcount(mask) values in the lanes
// of the set bits, so a chunk costs one expand and one FMA per batch row. Offset tiles: at batch 1, the
// activations of 16 offsets at a time gathered (vgatherdps) and multiplied with 16 values; the bitmap path
// (offsets turned into a bitmap) for larger batches. Batches of sparse enough weights walk the non-zeros
// instead (sparse_walk.cpp).
#include <immintrin.h>

#include <cstring>
#include <vector>

#include "kernels/cpu/sparse_kernels.h"

// GCC 12's AVX-512 intrinsics (_mm512_cvtepu8_epi32, _mm512_reduce_add_ps, ...) start from a self-initialized
// "undefined" register that -Wmaybe-uninitialized reports (GCC bug 105593, fixed in GCC 13).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#define SPARSETUNE_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl,avx2,fma,popcnt")))
#define SPARSETUNE_AVX512_INLINE SPARSETUNE_AVX512 __attribute__((always_inline)) inline

namespace sparsetune::kernels::detail {

namespace {

constexpr int kMaxBatchBlock = 16;

// 16 values from p widened to fp32 (reads up to 64 bytes: the stream's read-ahead padding covers it).
template <ValueType type>
SPARSETUNE_AVX512_INLINE __m512 widen16(const uint8_t* p) {
  if constexpr (type == ValueType::f32) {
    return _mm512_loadu_ps(p);
  } else if constexpr (type == ValueType::bf16) {
    const __m256i bits = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(bits), 16));
  } else {
    return _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))));
  }
}

// The next popcount(mask) values placed in the lanes of the mask's set bits, zero elsewhere.
template <ValueType type>
SPARSETUNE_AVX512_INLINE __m512 expand_values(__mmask16 mask, const uint8_t* p) {
  if constexpr (type == ValueType::f32)
    return _mm512_maskz_expandloadu_ps(mask, p);
  else
    return _mm512_maskz_expand_ps(mask, widen16<type>(p));
}

// The 16 mask bits at p, loaded straight into a mask register: GCC otherwise loads them into a general
// register and moves them over with kmovw, an extra instruction on port 5, which the expands need.
SPARSETUNE_AVX512_INLINE __mmask16 load_mask(const uint8_t* p) {
  using Bits16 [[gnu::may_alias, gnu::aligned(1)]] = uint16_t;
  __mmask16 mask;
  asm("kmovw %1, %0" : "=k"(mask) : "m"(*reinterpret_cast<const Bits16*>(p)));
  return mask;
}

// Adds 16 columns whose bitmap bits are `mask` (already cut to the `valid` columns) and whose values start
// at `values`. x points at the chunk's activations: 16 floats per activation row, one row after the other
// (see pack_activations).
template <ValueType type, int NB>
SPARSETUNE_AVX512_INLINE void bitmap_chunk(__mmask16 mask, __mmask16 valid, const uint8_t* values, const float* x,
                                           __m512* acc) {
  const __m512 w = expand_values<type>(mask, values);
#pragma GCC unroll 16
  for (int b = 0; b < NB; ++b) acc[b] = _mm512_fmadd_ps(w, _mm512_maskz_loadu_ps(valid, x + 16 * b), acc[b]);
}

// A full tile: 256 columns, 16 chunks, the bitmap read 64 bits (4 chunks) at a time. Each chunk's first value
// is found from popcounts of the bits below it in the word, used as scaled indices, and the value pointer
// moves once per word: about 6 instructions per chunk instead of 11. Returns the end of the values.
template <ValueType type, int NB, int kSets>
SPARSETUNE_AVX512_INLINE const uint8_t* full_bitmap_tile(const uint8_t* bitmap, const uint8_t* values,
                                                         const float* x, __m512 (&acc)[kSets][NB]) {
#pragma GCC unroll 4
  for (int word = 0; word < 4; ++word) {
    // Two lines per word: at 50 % sparsity (f32) a word's values fill two.
    _mm_prefetch(reinterpret_cast<const char*>(values) + kPrefetchDistance, _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(values) + kPrefetchDistance + 64, _MM_HINT_T0);
    uint64_t bits;
    std::memcpy(&bits, bitmap + 8 * word, 8);
    const uint64_t before[4] = {0, static_cast<uint64_t>(_mm_popcnt_u64(bits & 0xFFFFu)),
                                static_cast<uint64_t>(_mm_popcnt_u64(bits & 0xFFFFFFFFu)),
                                static_cast<uint64_t>(_mm_popcnt_u64(bits << 16))};
#pragma GCC unroll 4
    for (int part = 0; part < 4; ++part) {
      const int chunk = 4 * word + part;
      bitmap_chunk<type, NB>(load_mask(bitmap + 2 * chunk), 0xFFFF, values + before[part] * kValueSize<type>,
                             x + 16 * NB * chunk, acc[chunk % kSets]);
    }
    values += static_cast<uint64_t>(_mm_popcnt_u64(bits)) * kValueSize<type>;
  }
  return values;
}

// The last tile of a row when cols is not a multiple of 256: `width` < 256 columns, masked at the edge.
// Reads the bitmap two bytes at a time, so one byte past a bitmap of odd length (`valid` drops it).
template <ValueType type, int NB, int kSets>
SPARSETUNE_AVX512_INLINE const uint8_t* edge_bitmap_tile(const uint8_t* bitmap, const uint8_t* values,
                                                         const float* x, int width, __m512 (&acc)[kSets][NB]) {
  for (int col = 0; col < width; col += 16) {
    const int valid_columns = width - col;
    const __mmask16 valid = valid_columns >= 16 ? 0xFFFF : static_cast<__mmask16>((1u << valid_columns) - 1);
    uint16_t bits;
    std::memcpy(&bits, bitmap + col / 8, 2);
    const auto mask = static_cast<__mmask16>(bits & valid);
    _mm_prefetch(reinterpret_cast<const char*>(values) + kPrefetchDistance, _MM_HINT_T0);
    bitmap_chunk<type, NB>(mask, valid, values, x + NB * col, acc[0]);
    values += _mm_popcnt_u32(mask) * kValueSize<type>;
  }
  return values;
}

// The first `count` (at most 16) values at p widened to fp32, zero in the other lanes.
template <ValueType type>
SPARSETUNE_AVX512_INLINE __m512 load_values(__mmask16 lanes, const uint8_t* p) {
  if constexpr (type == ValueType::f32) {
    return _mm512_maskz_loadu_ps(lanes, p);
  } else if constexpr (type == ValueType::bf16) {
    const __m256i bits = _mm256_maskz_loadu_epi16(lanes, p);
    return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(bits), 16));
  } else {
    return _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(lanes, p)));
  }
}

// 16 offsets at p (those of the `lanes`) turned into their activations and multiplied by their values.
template <ValueType type>
SPARSETUNE_AVX512_INLINE __m512 offset_group(__mmask16 lanes, const uint8_t* offsets, const uint8_t* values,
                                             const float* x, __m512 acc) {
  const __m512i index = _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(offsets)));
  const __m512 xs = _mm512_mask_i32gather_ps(_mm512_setzero_ps(), lanes, index, x, 4);
  return _mm512_fmadd_ps(load_values<type>(lanes, values), xs, acc);
}

// An offset tile for one activation row: 16 values per step, their activations gathered by offset. On
// the AMD EPYC (Zen 5) development VM a 16-lane gather costs about 9 cycles, so a tile of up to 32 values
// (two gathers) takes less than the 16 expands of a bitmap tile (about 1.8 cycles each); the scalar loop
// this replaces took about 2.6 cycles per value. Skylake-SP gathers are slower (microcoded, more so under
// the gather-data-sampling mitigation): not measured there.
template <ValueType type>
SPARSETUNE_AVX512_INLINE const uint8_t* offset_tile_single(const uint8_t* p, int count, const float* x,
                                                           __m512& acc0, __m512& acc1) {
  const uint8_t* values = p + count;
  // Two lines: at 90 % sparsity (f32) a tile takes about 130 bytes.
  _mm_prefetch(reinterpret_cast<const char*>(p) + kPrefetchDistance, _MM_HINT_T0);
  _mm_prefetch(reinterpret_cast<const char*>(p) + kPrefetchDistance + 64, _MM_HINT_T0);
  if (count <= 32) {
    // What the encoder writes (k <= ceil(n/8)): always two gathers, their lanes cut by k, so the tile has no
    // branch on k, whose value varies from tile to tile and would mispredict a loop exit per tile.
    const uint32_t lanes = count == 32 ? 0xFFFFFFFFu : (1u << count) - 1;
    acc0 = offset_group<type>(static_cast<__mmask16>(lanes), p, values, x, acc0);
    acc1 = offset_group<type>(static_cast<__mmask16>(lanes >> 16), p + 16, values + 16 * kValueSize<type>, x, acc1);
    return values + count * kValueSize<type>;
  }
  int i = 0;
  for (; i + 16 <= count; i += 16) acc0 = offset_group<type>(0xFFFF, p + i, values + i * kValueSize<type>, x, acc0);
  if (i < count)
    acc1 = offset_group<type>(static_cast<__mmask16>((1u << (count - i)) - 1), p + i,
                              values + i * kValueSize<type>, x, acc1);
  return values + count * kValueSize<type>;
}

// An offset tile for several activation rows: its offsets become a bitmap, and the values (stored in
// column order either way) go through the bitmap path, one expand per 16 columns for all rows.
template <ValueType type, int NB, int kSets>
SPARSETUNE_AVX512_INLINE const uint8_t* offset_tile_batched(const uint8_t* p, int count, const float* x, int width,
                                                            __m512 (&acc)[kSets][NB]) {
  alignas(8) uint8_t bitmap[SparseMatrix::kTileCols / 8 + 1] = {};
  for (int i = 0; i < count; ++i) bitmap[p[i] / 8] |= static_cast<uint8_t>(1u << (p[i] % 8));
  if (width == SparseMatrix::kTileCols) return full_bitmap_tile<type, NB, kSets>(bitmap, p + count, x, acc);
  return edge_bitmap_tile<type, NB, kSets>(bitmap, p + count, x, width, acc);
}

// Rows [begin, end) times the activation rows b0 .. b0 + NB, given as x: for NB == 1 the row itself, else
// packed by pack_activations.
template <ValueType type, int NB>
SPARSETUNE_AVX512 void multiply_rows_block(const RowRange& range, const float* x) {
  // Independent accumulator sets hide the FMA latency when few batch rows share a chunk.
  constexpr int kSets = NB == 1 ? 4 : NB <= 4 ? 2 : 1;
  constexpr int kFull = SparseMatrix::kTileCols;
  const int64_t cols = range.cols;
  const uint8_t* p = range.stream;
  for (int64_t r = range.begin; r < range.end; ++r) {
    __m512 acc[kSets][NB];
#pragma GCC unroll 4
    for (int s = 0; s < kSets; ++s)
#pragma GCC unroll 16
      for (int b = 0; b < NB; ++b) acc[s][b] = _mm512_setzero_ps();
    __m512 gathered[2] = {_mm512_setzero_ps(), _mm512_setzero_ps()};  // offset tiles, NB == 1
    for (int64_t col0 = 0; col0 < cols; col0 += kFull) {
      const float* x_tile = x + col0 * NB;
      const int width = cols - col0 >= kFull ? kFull : static_cast<int>(cols - col0);
      const uint8_t header = *p++;
      if (header == SparseMatrix::kBitmapTile) {
        const int bitmap_bytes = (width + 7) / 8;
        if (width == kFull)
          p = full_bitmap_tile<type, NB, kSets>(p, p + kFull / 8, x_tile, acc);
        else
          p = edge_bitmap_tile<type, NB, kSets>(p, p + bitmap_bytes, x_tile, width, acc);
      } else if constexpr (NB == 1) {
        p = offset_tile_single<type>(p, header, x_tile, gathered[0], gathered[1]);
      } else {
        p = offset_tile_batched<type, NB, kSets>(p, header, x_tile, width, acc);
      }
    }
    const float scale = range.scales ? range.scales[r - range.begin] : 1.0f;
    const float bias = range.bias ? range.bias[r] : 0.0f;
    const float offsets_sum = NB == 1 ? _mm512_reduce_add_ps(_mm512_add_ps(gathered[0], gathered[1])) : 0.0f;
#pragma GCC unroll 16
    for (int b = 0; b < NB; ++b) {
      __m512 sum = acc[0][b];
#pragma GCC unroll 4
      for (int s = 1; s < kSets; ++s) sum = _mm512_add_ps(sum, acc[s][b]);
      range.y[b * range.rows + r] = (_mm512_reduce_add_ps(sum) + offsets_sum) * scale + bias;
    }
  }
}

template <ValueType type>
SPARSETUNE_AVX512 void multiply_rows_typed(const RowRange& range) {
  if (walk_nonzeros(range)) return multiply_rows_walk(range);
  thread_local PackedBlocks packs;
  for (int64_t b0 = 0; b0 < range.batch; b0 += kMaxBatchBlock) {
    const int block = static_cast<int>(range.batch - b0 < kMaxBatchBlock ? range.batch - b0 : kMaxBatchBlock);
    const float* x = block == 1 ? range.x + b0 * range.cols
                                : packs.get(range.product, static_cast<std::size_t>(b0 / kMaxBatchBlock),
                                            [&](std::vector<float>& buffer) {
                                              return pack_activations(range, b0, block, 16, buffer);
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
      case 8: multiply_rows_block<type, 8>(block_range, x); break;
      case 9: multiply_rows_block<type, 9>(block_range, x); break;
      case 10: multiply_rows_block<type, 10>(block_range, x); break;
      case 11: multiply_rows_block<type, 11>(block_range, x); break;
      case 12: multiply_rows_block<type, 12>(block_range, x); break;
      case 13: multiply_rows_block<type, 13>(block_range, x); break;
      case 14: multiply_rows_block<type, 14>(block_range, x); break;
      case 15: multiply_rows_block<type, 15>(block_range, x); break;
      default: multiply_rows_block<type, 16>(block_range, x); break;
    }
  }
}

}  // namespace

void multiply_rows_avx512(const RowRange& range) {
  switch (range.type) {
    case ValueType::f32: return multiply_rows_typed<ValueType::f32>(range);
    case ValueType::bf16: return multiply_rows_typed<ValueType::bf16>(range);
    case ValueType::i8: return multiply_rows_typed<ValueType::i8>(range);
  }
}

}  // namespace sparsetune::kernels::detail
