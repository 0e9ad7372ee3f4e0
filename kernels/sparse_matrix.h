#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

// A compressed sparse weight for CPU inference (docs/performance.md, "Sparse CPU kernels"). Decoding a token
// reads every weight once, so the format is chosen to read few bytes per product: each row is cut into
// tiles of kTileCols columns, and each tile is stored as
//   header byte 0xFF, then a bitmap (ceil(n/8) bytes, bit j of byte j/8 set where column j of the tile is
//                     non-zero, least significant first), then the non-zeros in column order;   or
//   header byte k,    then k uint8 column offsets (strictly increasing, < n), then the k non-zeros,
// the offsets when k <= ceil(n/8) (density at most 1/8, where they are not larger than the bitmap and the
// AVX-512 kernel gathers them faster than it expands a bitmap), else the bitmap, n being the tile's width.
// All tiles of all rows form one stream read front to back, so a product is one sequential read per thread.
namespace sparsetune::kernels {

enum class ValueType : uint8_t { f32, bf16, i8 };

// "f32", "bf16", "i8"; parse_value_type throws std::invalid_argument on anything else.
std::string to_string(ValueType type);
ValueType parse_value_type(const std::string& name);
// Bytes of one stored value.
std::size_t value_bytes(ValueType type);

class SparseMatrix {
 public:
  static constexpr int kTileCols = 256;
  static constexpr uint8_t kBitmapTile = 0xFF;
  static constexpr uint32_t kFormatVersion = 1;

  SparseMatrix() = default;

  // w is row-major [rows, cols]; exact zeros (+0 and -0) are dropped. bf16 values are rounded to nearest even;
  // i8 values are round(w / scale) with one symmetric scale per row, scale = max|w_row| / 127.
  static SparseMatrix from_dense(const float* w, int64_t rows, int64_t cols, ValueType type);

  int64_t rows() const { return rows_; }
  int64_t cols() const { return cols_; }
  int64_t nnz() const { return nnz_; }
  ValueType value_type() const { return type_; }
  // Bytes one product reads from the matrix: tile headers, bitmaps, column offsets, values and (i8) the row
  // scales. Not counted: the row start table (one entry per thread is read) and the read-ahead padding.
  std::size_t bytes() const;

  // Writes the dequantized dense matrix, row-major [rows, cols].
  void to_dense(float* w) const;

  // y[b*rows + r] = sum_c W[r,c] * x[b*cols + c] (+ bias[r] when bias is non-null) for b < batch, accumulated
  // in fp32. threads >= 1 splits the rows, by stored bytes, among a persistent pool, with at most one thread
  // per 64 KiB of stream (a small matrix runs on the calling thread); concurrent calls from different threads
  // are safe and run one after another. Dispatches to cpu_isa().
  void multiply(const float* x, int64_t batch, float* y, int threads, const float* bias = nullptr) const;

  // Versioned little-endian byte image (magic "SPTSPMAT", version, header, tile stream, scales).
  std::vector<uint8_t> serialize() const;
  // Throws std::runtime_error naming what was expected on a wrong magic or version, a truncated or oversized
  // buffer, or a tile stream that does not describe a valid matrix.
  static SparseMatrix deserialize(const uint8_t* data, std::size_t size);

 private:
  // Walks the tile stream: fills row_begin_ and checks every tile; throws std::runtime_error when invalid.
  void index_rows();

  int64_t rows_ = 0, cols_ = 0, nnz_ = 0;
  ValueType type_ = ValueType::f32;
  std::vector<uint8_t> stream_;      // tiles of row 0, row 1, ...; followed by kReadAheadPadding zero bytes
  std::vector<uint64_t> row_begin_ = {0};  // rows + 1 offsets into stream_
  std::vector<float> scales_;        // i8 only: per row
};

// The instruction set multiply() uses on this CPU: "avx512", "avx2" or "scalar". The best one supported_cpu_isas()
// lists, or the one named by the environment variable SPARSETUNE_CPU_ISA (read at every call), which may only name
// one of those (otherwise std::runtime_error).
std::string cpu_isa();
// The instruction sets this process can run, lowest first, e.g. {"scalar", "avx2", "avx512"}: the CPU's, up to
// the one SPARSETUNE_CPU_ISA named when the process started, so the process behaves as on a CPU without the
// higher ones (std::runtime_error when that value is not one the CPU supports).
std::vector<std::string> supported_cpu_isas();

}  // namespace sparsetune::kernels
