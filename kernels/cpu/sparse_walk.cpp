// Batches of sparse weights by walking the non-zeros, for both vector kernels: compiled for AVX2 + FMA, which
// every CPU that runs either of them has.
//
// The bitmap path does one FMA per column and activation row whatever the density, and turns offset tiles
// back into bitmaps. Here the activations are packed by column (the batch's values of column c at c * stride,
// stride 4, 8 or 16, zero-padded), each row first lists its non-zeros (the byte offsets of their columns, from
// a table of set-bit positions per bitmap byte or widened from an offset tile, and their values widened to
// f32), and then each non-zero costs one broadcast FMA over the whole batch.
#include <immintrin.h>

#include <cstring>
#include <vector>

#include "kernels/cpu/sparse_kernels.h"

#define SPARSETUNE_WALK __attribute__((target("avx2,fma,popcnt")))
#define SPARSETUNE_WALK_INLINE SPARSETUNE_WALK __attribute__((always_inline)) inline

namespace sparsetune::kernels::detail {

namespace {

constexpr int kMaxBlock = 16;
// Rows are listed this many at a time and then multiplied, so the lists are not read back while their
// stores may still be waiting to be forwarded.
constexpr int kListRows = 8;


// positions[m]: the positions of the set bits of byte m, lowest first (the rest zero). vpcompressd would do
// the same for 16 columns but costs about 7 cycles per 16 columns on Zen 4.
struct SetBitTable {
  alignas(32) int32_t positions[256][8];
};
constexpr SetBitTable make_set_bit_table() {
  SetBitTable t{};
  for (int m = 0; m < 256; ++m) {
    int n = 0;
    for (int j = 0; j < 8; ++j)
      if ((m >> j) & 1) t.positions[m][n++] = j;
  }
  return t;
}
constexpr SetBitTable kSetBits = make_set_bit_table();

template <int kStride>
constexpr int kStrideShift = kStride == 4 ? 4 : kStride == 8 ? 5 : 6;  // column -> byte offset

// Appends the byte offsets of the set bits of byte `bits` (8 columns from `column`) to where[n...].
template <int kStride>
SPARSETUNE_WALK_INLINE int list_byte(unsigned bits, int64_t column, uint32_t* where, int n) {
  const __m256i positions = _mm256_load_si256(reinterpret_cast<const __m256i*>(kSetBits.positions[bits]));
  const __m256i columns = _mm256_add_epi32(positions, _mm256_set1_epi32(static_cast<int>(column)));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(where + n), _mm256_slli_epi32(columns, kStrideShift<kStride>));
  return n + _mm_popcnt_u32(bits);
}

// Lists the non-zeros of the row at p; returns the stream after the row. Writes up to 7 entries past the
// row's count (the lists' slack).
template <ValueType type, int kStride>
SPARSETUNE_WALK_INLINE const uint8_t* list_row(const uint8_t* p, int64_t cols, uint32_t* where, float* values,
                                               int& n) {
  constexpr int kFull = SparseMatrix::kTileCols;
  n = 0;
  for (int64_t col0 = 0; col0 < cols; col0 += kFull) {
    const int width = cols - col0 >= kFull ? kFull : static_cast<int>(cols - col0);
    const uint8_t header = *p++;
    const int first = n;
    if (header == SparseMatrix::kBitmapTile) {
      for (int col = 0; col < width; col += 8) {
        const int valid = width - col;
        const unsigned bits = valid < 8 ? p[col / 8] & ((1u << valid) - 1) : p[col / 8];
        n = list_byte<kStride>(bits, col0 + col, where, n);
      }
      p += (width + 7) / 8;
    } else {
      const __m256i base = _mm256_set1_epi32(static_cast<int>(col0));
      for (int i = 0; i < header; i += 8) {
        const __m256i columns = _mm256_add_epi32(
            base, _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p + i))));
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(where + n + i), _mm256_slli_epi32(columns, kStrideShift<kStride>));
      }
      n += header;
      p += header;
    }
    for (int i = first; i < n; i += 8) _mm256_storeu_ps(values + i, widen8<type>(p + (i - first) * kValueSize<type>));
    p += (n - first) * kValueSize<type>;
  }
  return p;
}

// kStride sums of one row, kept in one or two registers.
template <int kStride>
struct BatchSum;
template <>
struct BatchSum<4> {
  __m128 v;
  static SPARSETUNE_WALK_INLINE BatchSum zero() { return {_mm_setzero_ps()}; }
  SPARSETUNE_WALK_INLINE void fma(float w, const float* x) { v = _mm_fmadd_ps(_mm_set1_ps(w), _mm_load_ps(x), v); }
  SPARSETUNE_WALK_INLINE void add(const BatchSum& o) { v = _mm_add_ps(v, o.v); }
  SPARSETUNE_WALK_INLINE void store(float* p) const { _mm_storeu_ps(p, v); }
};
template <>
struct BatchSum<8> {
  __m256 v;
  static SPARSETUNE_WALK_INLINE BatchSum zero() { return {_mm256_setzero_ps()}; }
  SPARSETUNE_WALK_INLINE void fma(float w, const float* x) { v = _mm256_fmadd_ps(_mm256_set1_ps(w), _mm256_load_ps(x), v); }
  SPARSETUNE_WALK_INLINE void add(const BatchSum& o) { v = _mm256_add_ps(v, o.v); }
  SPARSETUNE_WALK_INLINE void store(float* p) const { _mm256_storeu_ps(p, v); }
};
template <>
struct BatchSum<16> {
  __m256 lo, hi;
  static SPARSETUNE_WALK_INLINE BatchSum zero() { return {_mm256_setzero_ps(), _mm256_setzero_ps()}; }
  SPARSETUNE_WALK_INLINE void fma(float w, const float* x) {
    const __m256 ws = _mm256_set1_ps(w);
    lo = _mm256_fmadd_ps(ws, _mm256_load_ps(x), lo);
    hi = _mm256_fmadd_ps(ws, _mm256_load_ps(x + 8), hi);
  }
  SPARSETUNE_WALK_INLINE void add(const BatchSum& o) {
    lo = _mm256_add_ps(lo, o.lo);
    hi = _mm256_add_ps(hi, o.hi);
  }
  SPARSETUNE_WALK_INLINE void store(float* p) const {
    _mm256_storeu_ps(p, lo);
    _mm256_storeu_ps(p + 8, hi);
  }
};

template <ValueType type, int kStride>
SPARSETUNE_WALK void walk_rows(const RowRange& range, const float* packed, int64_t b0, int block) {
  using Sum = BatchSum<kStride>;
  const int64_t cols = range.cols;
  const int64_t capacity = cols + 16;
  thread_local std::vector<uint32_t> where;
  thread_local std::vector<float> values;
  where.resize(static_cast<std::size_t>(capacity * kListRows));
  values.resize(static_cast<std::size_t>(capacity * kListRows));
  const auto* x = reinterpret_cast<const uint8_t*>(packed);
  const uint8_t* p = range.stream;
  for (int64_t r0 = range.begin; r0 < range.end; r0 += kListRows) {
    const int rows = static_cast<int>(range.end - r0 < kListRows ? range.end - r0 : kListRows);
    int count[kListRows];
    for (int k = 0; k < rows; ++k)
      p = list_row<type, kStride>(p, cols, where.data() + k * capacity, values.data() + k * capacity, count[k]);
    for (int k = 0; k < rows; ++k) {
      const uint32_t* w = where.data() + k * capacity;
      const float* v = values.data() + k * capacity;
      const int n = count[k];
      // Eight independent sums: one FMA per non-zero would otherwise wait on the previous one's latency.
      Sum acc[8];
#pragma GCC unroll 8
      for (int u = 0; u < 8; ++u) acc[u] = Sum::zero();
      int i = 0;
      for (; i + 8 <= n; i += 8) {
#pragma GCC unroll 8
        for (int u = 0; u < 8; ++u) acc[u].fma(v[i + u], reinterpret_cast<const float*>(x + w[i + u]));
      }
      for (; i < n; ++i) acc[i % 8].fma(v[i], reinterpret_cast<const float*>(x + w[i]));
#pragma GCC unroll 4
      for (int u = 0; u < 4; ++u) acc[u].add(acc[u + 4]);
      acc[0].add(acc[1]);
      acc[2].add(acc[3]);
      acc[0].add(acc[2]);
      alignas(32) float sum[kStride];
      acc[0].store(sum);
      const int64_t r = r0 + k;
      const float scale = range.scales ? range.scales[r - range.begin] : 1.0f;
      const float bias = range.bias ? range.bias[r] : 0.0f;
      for (int b = 0; b < block; ++b) range.y[(b0 + b) * range.rows + r] = sum[b] * scale + bias;
    }
  }
}

// Activation rows b0 .. b0 + block packed by column: the `block` values of column c at c * stride, zero in
// the lanes past `block`; 64-byte aligned.
const float* pack_columns(const RowRange& range, int64_t b0, int block, int stride, std::vector<float>& packed) {
  packed.assign(static_cast<std::size_t>(range.cols * stride + 16), 0.0f);
  float* base = packed.data();
  while (reinterpret_cast<uintptr_t>(base) % 64 != 0) ++base;
  for (int b = 0; b < block; ++b) {
    const float* row = range.x + (b0 + b) * range.cols;
    for (int64_t c = 0; c < range.cols; ++c) base[c * stride + b] = row[c];
  }
  return base;
}

template <ValueType type>
void walk_typed(const RowRange& range) {
  thread_local PackedBlocks packs;
  for (int64_t b0 = 0; b0 < range.batch; b0 += kMaxBlock) {
    const int block = static_cast<int>(range.batch - b0 < kMaxBlock ? range.batch - b0 : kMaxBlock);
    const int stride = block <= 4 ? 4 : block <= 8 ? 8 : 16;
    const float* columns = packs.get(range.product, static_cast<std::size_t>(b0 / kMaxBlock),
                                     [&](std::vector<float>& buffer) {
                                       return pack_columns(range, b0, block, stride, buffer);
                                     });
    if (stride == 4)
      walk_rows<type, 4>(range, columns, b0, block);
    else if (stride == 8)
      walk_rows<type, 8>(range, columns, b0, block);
    else
      walk_rows<type, 16>(range, columns, b0, block);
  }
}

}  // namespace

bool walk_nonzeros(const RowRange& range) {
  if (range.batch < 2 || range.cols * 16 * 4 >= (int64_t{1} << 32)) return false;
  const int block = static_cast<int>(range.batch < kMaxBlock ? range.batch : kMaxBlock);
  return range.density <= 1.0 / 8 || 16 * range.density * 2.8 < 2.4 + block;
}

void multiply_rows_walk(const RowRange& range) {
  switch (range.type) {
    case ValueType::f32: return walk_typed<ValueType::f32>(range);
    case ValueType::bf16: return walk_typed<ValueType::bf16>(range);
    case ValueType::i8: return walk_typed<ValueType::i8>(range);
  }
}

}  // namespace sparsetune::kernels::detail
