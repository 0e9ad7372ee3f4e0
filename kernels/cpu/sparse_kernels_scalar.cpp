// Portable kernel: the reference for the vector kernels and the fallback on CPUs without AVX2.
#include <cstring>

#include "kernels/cpu/sparse_kernels.h"

namespace sparsetune::kernels::detail {

namespace {

constexpr int kMaxBatchBlock = 16;

// Adds row r of the matrix times x[b0 .. b0 + block) into acc; returns the stream after the row.
template <ValueType type>
const uint8_t* accumulate_row(const uint8_t* p, const RowRange& range, int64_t b0, int block, float* acc) {
  for (int64_t col0 = 0; col0 < range.cols; col0 += SparseMatrix::kTileCols) {
    const int width = static_cast<int>(range.cols - col0 < SparseMatrix::kTileCols ? range.cols - col0
                                                                                    : SparseMatrix::kTileCols);
    const float* x = range.x + b0 * range.cols + col0;
    const uint8_t header = *p++;
    if (header == SparseMatrix::kBitmapTile) {
      const uint8_t* bitmap = p;
      const uint8_t* values = p + (width + 7) / 8;
      int count = 0;
      for (int j = 0; j < width; ++j) {
        if (!((bitmap[j / 8] >> (j % 8)) & 1u)) continue;
        const float w = load_value<type>(values, count++);
        for (int b = 0; b < block; ++b) acc[b] += w * x[b * range.cols + j];
      }
      p = values + count * kValueSize<type>;
    } else {
      const int count = header;
      const uint8_t* offsets = p;
      const uint8_t* values = p + count;
      for (int i = 0; i < count; ++i) {
        const float w = load_value<type>(values, i);
        for (int b = 0; b < block; ++b) acc[b] += w * x[b * range.cols + offsets[i]];
      }
      p = values + count * kValueSize<type>;
    }
  }
  return p;
}

template <ValueType type>
void multiply_rows(const RowRange& range) {
  for (int64_t b0 = 0; b0 < range.batch; b0 += kMaxBatchBlock) {
    const int block = static_cast<int>(range.batch - b0 < kMaxBatchBlock ? range.batch - b0 : kMaxBatchBlock);
    const uint8_t* p = range.stream;
    for (int64_t r = range.begin; r < range.end; ++r) {
      float acc[kMaxBatchBlock] = {};
      p = accumulate_row<type>(p, range, b0, block, acc);
      const float scale = range.scales ? range.scales[r - range.begin] : 1.0f;
      const float bias = range.bias ? range.bias[r] : 0.0f;
      for (int b = 0; b < block; ++b) range.y[(b0 + b) * range.rows + r] = acc[b] * scale + bias;
    }
  }
}

}  // namespace

void multiply_rows_scalar(const RowRange& range) {
  switch (range.type) {
    case ValueType::f32: return multiply_rows<ValueType::f32>(range);
    case ValueType::bf16: return multiply_rows<ValueType::bf16>(range);
    case ValueType::i8: return multiply_rows<ValueType::i8>(range);
  }
}

}  // namespace sparsetune::kernels::detail
