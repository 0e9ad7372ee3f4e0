#include "kernels/sparse_matrix.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "kernels/cpu/sparse_kernels.h"
#include "kernels/thread_pool.h"

namespace sparsetune::kernels {

namespace {

constexpr char kMagic[8] = {'S', 'P', 'T', 'S', 'P', 'M', 'A', 'T'};
// magic, version, value type + 3 reserved bytes, rows, cols, nnz, stream bytes
constexpr std::size_t kHeaderBytes = 8 + 4 + 4 + 8 + 8 + 8 + 8;
// Keeps rows * cols and every stream offset far from overflow.
constexpr int64_t kMaxDimension = int64_t{1} << 31;

int tile_width(int64_t cols, int64_t col0) {
  return static_cast<int>(std::min<int64_t>(SparseMatrix::kTileCols, cols - col0));
}

template <typename T>
void append(std::vector<uint8_t>& out, T value) {
  uint8_t bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.insert(out.end(), bytes, bytes + sizeof(T));
}

template <typename T>
void write_at(std::vector<uint8_t>& out, std::size_t offset, T value) {
  std::memcpy(out.data() + offset, &value, sizeof(T));
}

template <typename T>
T read_at(const uint8_t* data, std::size_t offset) {
  T value;
  std::memcpy(&value, data + offset, sizeof(T));
  return value;
}

[[noreturn]] void corrupt(int64_t row, int64_t col0, const std::string& what) {
  throw std::runtime_error("SparseMatrix::deserialize: corrupt tile stream at row " + std::to_string(row) +
                           ", columns from " + std::to_string(col0) + ": " + what);
}

using RowKernel = void (*)(const detail::RowRange&);

RowKernel kernel_for(const std::string& isa) {
  if (isa == "avx512") return detail::multiply_rows_avx512;
  if (isa == "avx2") return detail::multiply_rows_avx2;
  return detail::multiply_rows_scalar;
}

}  // namespace

std::string to_string(ValueType type) {
  switch (type) {
    case ValueType::f32: return "f32";
    case ValueType::bf16: return "bf16";
    case ValueType::i8: return "i8";
  }
  return "unknown";
}

ValueType parse_value_type(const std::string& name) {
  if (name == "f32") return ValueType::f32;
  if (name == "bf16") return ValueType::bf16;
  if (name == "i8") return ValueType::i8;
  throw std::invalid_argument("value type must be f32, bf16 or i8, got \"" + name + "\"");
}

std::size_t value_bytes(ValueType type) {
  switch (type) {
    case ValueType::f32: return 4;
    case ValueType::bf16: return 2;
    case ValueType::i8: return 1;
  }
  return 0;
}

namespace {

std::vector<std::string> isas_of_this_cpu() {
  std::vector<std::string> isas = {"scalar"};
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("popcnt"))
    isas.push_back("avx2");
  if (isas.size() == 2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
      __builtin_cpu_supports("avx512vl"))
    isas.push_back("avx512");
  return isas;
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

// The process's instruction sets: the CPU's, capped by SPARSETUNE_CPU_ISA as the process started, so a
// test run started with SPARSETUNE_CPU_ISA=avx2 behaves as on a CPU without AVX-512 even where tests set
// the variable themselves. Read during static initialization, before any code can change it; a cap the
// CPU cannot run is reported at the first call instead (an exception here would end the process).
struct ProcessIsas {
  std::vector<std::string> usable;
  std::string error;
  ProcessIsas() : usable(isas_of_this_cpu()) {
    const char* cap = std::getenv("SPARSETUNE_CPU_ISA");
    if (!cap || !*cap) return;
    const auto at = std::find(usable.begin(), usable.end(), cap);
    if (at == usable.end()) {
      error = "SPARSETUNE_CPU_ISA=" + std::string(cap) + ": this CPU supports " + joined(usable);
      return;
    }
    usable.erase(at + 1, usable.end());
  }
};
const ProcessIsas kProcessIsas;

const std::vector<std::string>& process_isas() {
  if (!kProcessIsas.error.empty()) throw std::runtime_error(kProcessIsas.error);
  return kProcessIsas.usable;
}

}  // namespace

std::vector<std::string> supported_cpu_isas() { return process_isas(); }

std::string cpu_isa() {
  const std::vector<std::string>& supported = process_isas();
  const char* forced = std::getenv("SPARSETUNE_CPU_ISA");
  if (!forced || !*forced) return supported.back();
  if (std::find(supported.begin(), supported.end(), forced) != supported.end()) return forced;
  const std::vector<std::string> cpu = isas_of_this_cpu();
  const bool capped = cpu.size() != supported.size();
  throw std::runtime_error("SPARSETUNE_CPU_ISA=" + std::string(forced) + ": this " +
                           (capped ? "process (capped by SPARSETUNE_CPU_ISA=" + supported.back() + " at its start)" : "CPU") +
                           " supports " + joined(supported));
}

SparseMatrix SparseMatrix::from_dense(const float* w, int64_t rows, int64_t cols, ValueType type) {
  if (rows < 0 || cols < 0 || rows >= kMaxDimension || cols >= kMaxDimension)
    throw std::invalid_argument("SparseMatrix::from_dense: rows and cols must be in [0, 2^31), got " +
                                std::to_string(rows) + " x " + std::to_string(cols));
  SparseMatrix m;
  m.rows_ = rows;
  m.cols_ = cols;
  m.type_ = type;
  m.row_begin_.assign(1, 0);
  m.row_begin_.reserve(static_cast<std::size_t>(rows) + 1);
  if (type == ValueType::i8) m.scales_.resize(static_cast<std::size_t>(rows));
  std::vector<uint8_t> offsets;
  std::vector<uint8_t> bitmap;
  for (int64_t r = 0; r < rows; ++r) {
    const float* row = w + r * cols;
    float scale = 1.0f;
    if (type == ValueType::i8) {
      float max_abs = 0.0f;
      for (int64_t c = 0; c < cols; ++c) max_abs = std::max(max_abs, std::fabs(row[c]));
      scale = max_abs / 127.0f;
      m.scales_[r] = scale;
    }
    for (int64_t col0 = 0; col0 < cols; col0 += kTileCols) {
      const int width = tile_width(cols, col0);
      offsets.clear();
      bitmap.assign(static_cast<std::size_t>((width + 7) / 8), 0);
      for (int j = 0; j < width; ++j) {
        if (row[col0 + j] == 0.0f) continue;
        offsets.push_back(static_cast<uint8_t>(j));
        bitmap[j / 8] |= static_cast<uint8_t>(1u << (j % 8));
      }
      // Offsets up to one value per 8 columns, i.e. whenever they are not larger than the bitmap: the
      // AVX-512 kernel gathers an offset tile's activations 16 values per step, which up to 32 values per
      // 256 columns is faster than expanding the bitmap's 16 chunks (docs/performance.md, session 2).
      if (offsets.size() <= static_cast<std::size_t>((width + 7) / 8)) {
        m.stream_.push_back(static_cast<uint8_t>(offsets.size()));
        m.stream_.insert(m.stream_.end(), offsets.begin(), offsets.end());
      } else {
        m.stream_.push_back(kBitmapTile);
        m.stream_.insert(m.stream_.end(), bitmap.begin(), bitmap.end());
      }
      for (uint8_t j : offsets) {
        const float value = row[col0 + j];
        switch (type) {
          case ValueType::f32: append(m.stream_, value); break;
          case ValueType::bf16: append(m.stream_, detail::bf16_bits_from_float(value)); break;
          case ValueType::i8:
            m.stream_.push_back(static_cast<uint8_t>(
                static_cast<int8_t>(std::clamp(std::nearbyint(value / scale), -127.0f, 127.0f))));
            break;
        }
      }
      m.nnz_ += static_cast<int64_t>(offsets.size());
    }
    m.row_begin_.push_back(m.stream_.size());
  }
  m.stream_.resize(m.stream_.size() + detail::kReadAheadPadding, 0);
  return m;
}

std::size_t SparseMatrix::bytes() const { return row_begin_.back() + scales_.size() * sizeof(float); }

void SparseMatrix::to_dense(float* w) const {
  std::fill(w, w + rows_ * cols_, 0.0f);
  const std::size_t value_size = value_bytes(type_);
  const uint8_t* p = stream_.data();
  for (int64_t r = 0; r < rows_; ++r) {
    for (int64_t col0 = 0; col0 < cols_; col0 += kTileCols) {
      const int width = tile_width(cols_, col0);
      const uint8_t header = *p++;
      std::vector<int> columns;
      if (header == kBitmapTile) {
        for (int j = 0; j < width; ++j)
          if ((p[j / 8] >> (j % 8)) & 1u) columns.push_back(j);
        p += (width + 7) / 8;
      } else {
        columns.assign(p, p + header);
        p += header;
      }
      for (int j : columns) {
        float value = 0.0f;
        switch (type_) {
          case ValueType::f32: value = read_at<float>(p, 0); break;
          case ValueType::bf16: value = detail::float_from_bf16_bits(read_at<uint16_t>(p, 0)); break;
          case ValueType::i8: value = static_cast<float>(static_cast<int8_t>(*p)) * scales_[r]; break;
        }
        w[r * cols_ + col0 + j] = value;
        p += value_size;
      }
    }
  }
}

void SparseMatrix::multiply(const float* x, int64_t batch, float* y, int threads, const float* bias) const {
  if (batch < 1 || threads < 1)
    throw std::invalid_argument("SparseMatrix::multiply: batch and threads must be >= 1, got batch " +
                                std::to_string(batch) + ", threads " + std::to_string(threads));
  if (rows_ == 0) return;
  const RowKernel kernel = kernel_for(cpu_isa());
  const double density =
      static_cast<double>(nnz_) / (static_cast<double>(rows_) * static_cast<double>(std::max<int64_t>(cols_, 1)));
  static std::atomic<uint64_t> products{0};
  const uint64_t product = ++products;
  const auto run_rows = [&](int64_t begin, int64_t end) {
    detail::RowRange range;
    range.begin = begin;
    range.end = end;
    range.stream = stream_.data() + row_begin_[begin];
    range.scales = scales_.empty() ? nullptr : scales_.data() + begin;
    range.rows = rows_;
    range.cols = cols_;
    range.type = type_;
    range.x = x;
    range.batch = batch;
    range.y = y;
    range.bias = bias;
    range.density = density;
    range.product = product;
    kernel(range);
  };
  // At least this much stream per thread: waking a pool thread takes microseconds, about what reading 64 KiB
  // takes, and a small model's decoder calls multiply() hundreds of times per token (192x192 f32 at 50 %:
  // 33 us on two threads, 23 us on one). Smaller matrices run on the calling thread without the pool.
  constexpr uint64_t kMinBytesPerThread = 64 * 1024;
  const int parts = static_cast<int>(std::min<int64_t>(
      {threads, rows_, std::max<int64_t>(1, static_cast<int64_t>(row_begin_.back() / kMinBytesPerThread))}));
  if (parts == 1) {
    run_rows(0, rows_);
    return;
  }
  // Rows cut into chunks of about equal stream bytes, kChunksPerThread per thread, which the threads take in
  // turn: on a shared machine one core often runs slower than the other for a while (seen: 1.7 against 1.2
  // ms for the same half of a product), and a fixed half per thread would wait for the slow one.
  constexpr int kChunksPerThread = 4;
  const int chunks = static_cast<int>(std::min<int64_t>(
      {int64_t{parts} * kChunksPerThread, rows_,
       std::max<int64_t>(parts, static_cast<int64_t>(row_begin_.back() / (kMinBytesPerThread / kChunksPerThread)))}));
  std::vector<int64_t> first_row(static_cast<std::size_t>(chunks) + 1, rows_);
  for (int chunk = 0; chunk < chunks; ++chunk) {
    const uint64_t target = row_begin_.back() * static_cast<uint64_t>(chunk) / static_cast<uint64_t>(chunks);
    first_row[chunk] = std::lower_bound(row_begin_.begin(), row_begin_.end() - 1, target) - row_begin_.begin();
  }
  first_row[0] = 0;
  std::atomic<int> next_chunk{0};
  ThreadPool::shared().run(parts, [&](int) {
    for (int chunk = next_chunk++; chunk < chunks; chunk = next_chunk++) {
      const int64_t begin = first_row[chunk];
      const int64_t end = std::max(begin, first_row[chunk + 1]);
      if (begin < end) run_rows(begin, end);
    }
  });
}

std::vector<uint8_t> SparseMatrix::serialize() const {
  const uint64_t stream_bytes = row_begin_.back();
  std::vector<uint8_t> out(kHeaderBytes + bytes(), 0);
  std::memcpy(out.data(), kMagic, sizeof(kMagic));
  write_at(out, 8, kFormatVersion);
  out[12] = static_cast<uint8_t>(type_);
  write_at(out, 16, rows_);
  write_at(out, 24, cols_);
  write_at(out, 32, nnz_);
  write_at(out, 40, stream_bytes);
  std::memcpy(out.data() + kHeaderBytes, stream_.data(), stream_bytes);
  if (!scales_.empty())
    std::memcpy(out.data() + kHeaderBytes + stream_bytes, scales_.data(), scales_.size() * sizeof(float));
  return out;
}

SparseMatrix SparseMatrix::deserialize(const uint8_t* data, std::size_t size) {
  const std::string where = "SparseMatrix::deserialize: ";
  if (size < kHeaderBytes)
    throw std::runtime_error(where + "truncated header: expected at least " + std::to_string(kHeaderBytes) +
                             " bytes, got " + std::to_string(size));
  if (std::memcmp(data, kMagic, sizeof(kMagic)) != 0)
    throw std::runtime_error(where + "bad magic: expected \"SPTSPMAT\" (not a sparsetune sparse matrix)");
  const auto version = read_at<uint32_t>(data, 8);
  if (version != kFormatVersion)
    throw std::runtime_error(where + "unsupported format version " + std::to_string(version) + ", expected " +
                             std::to_string(kFormatVersion));
  const uint8_t type = data[12];
  if (type > static_cast<uint8_t>(ValueType::i8) || data[13] || data[14] || data[15])
    throw std::runtime_error(where + "bad value type " + std::to_string(type) + ": expected 0 (f32), 1 (bf16) or 2 (i8)"
                             " followed by 3 zero bytes");
  SparseMatrix m;
  m.type_ = static_cast<ValueType>(type);
  m.rows_ = read_at<int64_t>(data, 16);
  m.cols_ = read_at<int64_t>(data, 24);
  const auto nnz = read_at<int64_t>(data, 32);
  const auto stream_bytes = read_at<uint64_t>(data, 40);
  if (m.rows_ < 0 || m.cols_ < 0 || m.rows_ >= kMaxDimension || m.cols_ >= kMaxDimension)
    throw std::runtime_error(where + "bad shape " + std::to_string(m.rows_) + " x " + std::to_string(m.cols_) +
                             ": expected rows and cols in [0, 2^31)");
  const std::size_t scale_bytes = m.type_ == ValueType::i8 ? static_cast<std::size_t>(m.rows_) * sizeof(float) : 0;
  if (stream_bytes > size - kHeaderBytes || size - kHeaderBytes - stream_bytes != scale_bytes)
    throw std::runtime_error(where + "size mismatch: the header announces " + std::to_string(stream_bytes) +
                             " stream bytes and " + std::to_string(scale_bytes) + " scale bytes, expected " +
                             std::to_string(kHeaderBytes + stream_bytes + scale_bytes) + " bytes in all, got " +
                             std::to_string(size));
  m.stream_.assign(data + kHeaderBytes, data + kHeaderBytes + stream_bytes);
  m.stream_.resize(m.stream_.size() + detail::kReadAheadPadding, 0);
  m.scales_.resize(scale_bytes / sizeof(float));
  std::memcpy(m.scales_.data(), data + kHeaderBytes + stream_bytes, scale_bytes);
  for (float scale : m.scales_)
    if (!std::isfinite(scale) || scale < 0.0f)
      throw std::runtime_error(where + "bad row scale " + std::to_string(scale) + ": expected finite and >= 0");
  m.index_rows();
  if (m.row_begin_.back() != stream_bytes)
    throw std::runtime_error(where + "the tile stream ends after " + std::to_string(m.row_begin_.back()) +
                             " bytes, expected " + std::to_string(stream_bytes));
  if (m.nnz_ != nnz)
    throw std::runtime_error(where + "the tile stream holds " + std::to_string(m.nnz_) +
                             " values, the header announces " + std::to_string(nnz));
  return m;
}

void SparseMatrix::index_rows() {
  const uint64_t end = stream_.size() - detail::kReadAheadPadding;
  const uint64_t value_size = value_bytes(type_);
  row_begin_.assign(1, 0);
  nnz_ = 0;
  uint64_t at = 0;
  for (int64_t r = 0; r < rows_; ++r) {
    for (int64_t col0 = 0; col0 < cols_; col0 += kTileCols) {
      const int width = tile_width(cols_, col0);
      if (at >= end) corrupt(r, col0, "the stream ends before the tile header");
      const uint8_t header = stream_[at++];
      uint64_t count = 0;
      if (header == kBitmapTile) {
        const uint64_t bitmap_bytes = static_cast<uint64_t>(width + 7) / 8;
        if (end - at < bitmap_bytes) corrupt(r, col0, "the stream ends inside the bitmap");
        for (uint64_t i = 0; i < bitmap_bytes; ++i) count += static_cast<uint64_t>(std::popcount(stream_[at + i]));
        if (width % 8 && stream_[at + bitmap_bytes - 1] >> (width % 8))
          corrupt(r, col0, "bitmap bits set past the tile width " + std::to_string(width));
        at += bitmap_bytes;
      } else {
        count = header;
        if (end - at < count) corrupt(r, col0, "the stream ends inside the column offsets");
        for (uint64_t i = 0; i < count; ++i) {
          if (stream_[at + i] >= width || (i > 0 && stream_[at + i] <= stream_[at + i - 1]))
            corrupt(r, col0, "column offsets must increase strictly and stay below the tile width " +
                                 std::to_string(width));
        }
        at += count;
      }
      if ((end - at) / value_size < count) corrupt(r, col0, "the stream ends inside the values");
      at += count * value_size;
      nnz_ += static_cast<int64_t>(count);
    }
    row_begin_.push_back(at);
  }
}

}  // namespace sparsetune::kernels
