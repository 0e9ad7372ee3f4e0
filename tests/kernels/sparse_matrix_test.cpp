#include "kernels/sparse_matrix.h"

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "kernels/thread_pool.h"

using sparsetune::kernels::SparseMatrix;
using sparsetune::kernels::ValueType;

namespace {

const float kNaN = std::numeric_limits<float>::quiet_NaN();

// floats that end exactly at a page boundary followed by an inaccessible page, so a kernel that reads or
// writes one element past the end crashes the test instead of passing by luck.
class GuardedFloats {
 public:
  explicit GuardedFloats(std::size_t count) : count_(count) {
    const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    data_bytes_ = (count * sizeof(float) + page - 1) / page * page;
    map_bytes_ = data_bytes_ + page;
    map_ = static_cast<char*>(mmap(nullptr, map_bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    if (map_ == MAP_FAILED) throw std::runtime_error("mmap failed");
    mprotect(map_ + data_bytes_, page, PROT_NONE);
  }
  ~GuardedFloats() { munmap(map_, map_bytes_); }
  GuardedFloats(const GuardedFloats&) = delete;
  GuardedFloats& operator=(const GuardedFloats&) = delete;
  float* data() { return reinterpret_cast<float*>(map_ + data_bytes_) - count_; }
  float& operator[](std::size_t i) { return data()[i]; }

 private:
  std::size_t count_, data_bytes_ = 0, map_bytes_ = 0;
  char* map_ = nullptr;
};

// Sets SPARSETUNE_CPU_ISA for the scope (unsets it for an empty name) and then restores the value the test
// process was started with, which caps supported_cpu_isas() (CI runs the suite again with it set).
class ForcedIsa {
 public:
  explicit ForcedIsa(const std::string& isa) {
    if (const char* value = std::getenv("SPARSETUNE_CPU_ISA")) previous_ = value;
    if (isa.empty())
      unsetenv("SPARSETUNE_CPU_ISA");
    else
      setenv("SPARSETUNE_CPU_ISA", isa.c_str(), 1);
  }
  ~ForcedIsa() {
    if (previous_)
      setenv("SPARSETUNE_CPU_ISA", previous_->c_str(), 1);
    else
      unsetenv("SPARSETUNE_CPU_ISA");
  }
  ForcedIsa(const ForcedIsa&) = delete;
  ForcedIsa& operator=(const ForcedIsa&) = delete;

 private:
  std::optional<std::string> previous_;
};

// SPARSETUNE_CPU_ISA as this process started, before any test sets it.
const std::optional<std::string> kIsaAtStart = [] {
  const char* value = std::getenv("SPARSETUNE_CPU_ISA");
  return value && *value ? std::optional<std::string>(value) : std::nullopt;
}();

bool isa_supported(const std::string& isa) {
  const std::vector<std::string> isas = sparsetune::kernels::supported_cpu_isas();
  return std::find(isas.begin(), isas.end(), isa) != isas.end();
}

struct Shape {
  int64_t rows, cols;
};
// Ragged edges around the 8- and 16-column vectors and the 256-column tile, a single row or column, empty.
const Shape kShapes[] = {{1, 1},    {1, 7},    {3, 8},    {5, 9},    {2, 15},   {4, 16},   {3, 17},  {7, 31},
                         {9, 33},   {1, 255},  {2, 256},  {3, 257},  {5, 300},  {17, 511}, {4, 512}, {6, 513},
                         {33, 700}, {64, 1000}, {3, 4096}, {5, 4103}, {40, 1},  {0, 5},    {4, 0}};
const double kSparsities[] = {0.0, 0.1, 0.5, 0.7, 0.75, 0.8, 0.9, 0.95, 0.99};
const int kBatches[] = {1, 2, 3, 4, 5, 7, 8, 9, 13, 16};

// Each element non-zero with probability 1 - sparsity; every third row of `with_empty_rows` matrices is zero.
// integer: values in [-127, 127] with a +-127 in every non-empty row, so every type stores them exactly.
std::vector<float> random_weights(Shape s, double sparsity, bool integer, bool with_empty_rows, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::uniform_real_distribution<float> real(-1.0f, 1.0f);
  std::uniform_int_distribution<int> whole(-127, 127);
  std::vector<float> w(static_cast<std::size_t>(s.rows * s.cols), 0.0f);
  for (int64_t r = 0; r < s.rows; ++r) {
    if (with_empty_rows && r % 3 == 1) continue;
    bool has_max = false;
    for (int64_t c = 0; c < s.cols; ++c) {
      if (u(rng) < sparsity) continue;
      float value = integer ? static_cast<float>(whole(rng)) : real(rng);
      if (integer && !has_max) value = u(rng) < 0.5 ? 127.0f : -127.0f;
      has_max = true;
      w[r * s.cols + c] = value == 0.0f ? 1.0f : value;
    }
  }
  return w;
}

std::vector<float> random_activations(std::size_t count, bool integer, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> real(-2.0f, 2.0f);
  std::uniform_int_distribution<int> whole(-4, 4);
  std::vector<float> x(count);
  for (float& v : x) v = integer ? static_cast<float>(whole(rng)) : real(rng);
  return x;
}

// y = W x + bias in double, and the sum of |terms| that bounds fp32 rounding.
struct Reference {
  std::vector<double> y, magnitude;
};
Reference dense_reference(const std::vector<float>& w, Shape s, const std::vector<float>& x, int64_t batch,
                          const float* bias) {
  Reference ref;
  ref.y.assign(static_cast<std::size_t>(batch * s.rows), 0.0);
  ref.magnitude.assign(ref.y.size(), 0.0);
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t r = 0; r < s.rows; ++r) {
      double sum = bias ? bias[r] : 0.0, magnitude = bias ? std::fabs(bias[r]) : 0.0;
      for (int64_t c = 0; c < s.cols; ++c) {
        const double term = static_cast<double>(w[r * s.cols + c]) * x[b * s.cols + c];
        sum += term;
        magnitude += std::fabs(term);
      }
      ref.y[b * s.rows + r] = sum;
      ref.magnitude[b * s.rows + r] = magnitude;
    }
  return ref;
}

// Runs m.multiply on guarded, NaN-poisoned output and returns y.
std::vector<float> run_multiply(const SparseMatrix& m, const std::vector<float>& x, int64_t batch, int threads,
                                const float* bias) {
  GuardedFloats guarded_x(x.size()), guarded_y(static_cast<std::size_t>(batch * m.rows()));
  std::copy(x.begin(), x.end(), guarded_x.data());
  std::fill(guarded_y.data(), guarded_y.data() + batch * m.rows(), kNaN);
  m.multiply(guarded_x.data(), batch, guarded_y.data(), threads, bias);
  return std::vector<float>(guarded_y.data(), guarded_y.data() + batch * m.rows());
}

std::string case_name(Shape s, double sparsity, int64_t batch, int threads) {
  return std::to_string(s.rows) + "x" + std::to_string(s.cols) + " sparsity " + std::to_string(sparsity) +
         " batch " + std::to_string(batch) + " threads " + std::to_string(threads);
}

using IsaAndType = std::tuple<std::string, ValueType>;

class SparseMatrixKernel : public testing::TestWithParam<IsaAndType> {
 protected:
  void SetUp() override {
    isa_ = std::get<0>(GetParam());
    type_ = std::get<1>(GetParam());
    if (!isa_supported(isa_)) GTEST_SKIP() << "this process cannot run " << isa_ << " (this CPU, or SPARSETUNE_CPU_ISA as it started)";
  }
  std::string isa_;
  ValueType type_ = ValueType::f32;
};

// fp32 accumulation in any order stays within this fraction of sum |W[r,c] x[c]| for these sizes (about
// sqrt(cols) roundings of 2^-24 each in practice; a wrong or missing term is of the order of one term).
constexpr double kRelativeTolerance = 1e-5;

TEST_P(SparseMatrixKernel, MatchesDenseReferenceOnEveryShapeSparsityBatchAndThreadCount) {
  ForcedIsa forced(isa_);
  ASSERT_EQ(sparsetune::kernels::cpu_isa(), isa_);
  uint32_t seed = 1;
  for (const Shape& s : kShapes) {
    for (double sparsity : kSparsities) {
      const std::vector<float> w = random_weights(s, sparsity, false, seed % 2 == 0, seed);
      const SparseMatrix m = SparseMatrix::from_dense(w.data(), s.rows, s.cols, type_);
      std::vector<float> dequantized(w.size());
      m.to_dense(dequantized.data());
      const std::vector<float> bias = random_activations(static_cast<std::size_t>(s.rows), false, seed + 7);
      for (int64_t batch : kBatches) {
        const std::vector<float> x = random_activations(static_cast<std::size_t>(batch * s.cols), false, seed++);
        const float* maybe_bias = batch % 2 ? bias.data() : nullptr;
        const Reference ref = dense_reference(dequantized, s, x, batch, maybe_bias);
        const Reference original = dense_reference(w, s, x, batch, maybe_bias);
        for (int threads : {1, 2}) {
          SCOPED_TRACE(case_name(s, sparsity, batch, threads));
          const std::vector<float> y = run_multiply(m, x, batch, threads, maybe_bias);
          for (std::size_t i = 0; i < y.size(); ++i) {
            ASSERT_NEAR(y[i], ref.y[i], kRelativeTolerance * ref.magnitude[i] + 1e-30) << "output " << i;
            if (type_ == ValueType::f32) {
              ASSERT_NEAR(y[i], original.y[i], kRelativeTolerance * original.magnitude[i] + 1e-30) << "output " << i;
            }
          }
        }
      }
    }
  }
}

// Integer weights (every row holding a +-127, so the i8 scale is 1) and small integer activations: every
// value is exact in every type and every partial sum is an integer below 2^24, so any summation order must
// give the exact result.
TEST_P(SparseMatrixKernel, IntegerProblemsAreExact) {
  ForcedIsa forced(isa_);
  uint32_t seed = 100;
  for (const Shape& s : kShapes) {
    for (double sparsity : {0.0, 0.5, 0.9, 0.99}) {
      const std::vector<float> w = random_weights(s, sparsity, true, seed % 2 == 1, seed);
      const SparseMatrix m = SparseMatrix::from_dense(w.data(), s.rows, s.cols, type_);
      for (int64_t batch : {1, 4, 16}) {
        const std::vector<float> x = random_activations(static_cast<std::size_t>(batch * s.cols), true, seed++);
        const Reference ref = dense_reference(w, s, x, batch, nullptr);
        SCOPED_TRACE(case_name(s, sparsity, batch, 2));
        const std::vector<float> y = run_multiply(m, x, batch, 2, nullptr);
        for (std::size_t i = 0; i < y.size(); ++i) ASSERT_EQ(y[i], ref.y[i]) << "output " << i;
      }
    }
  }
}

TEST_P(SparseMatrixKernel, AllZeroMatrixGivesTheBias) {
  ForcedIsa forced(isa_);
  const Shape s{37, 600};
  const std::vector<float> w(static_cast<std::size_t>(s.rows * s.cols), 0.0f);
  const SparseMatrix m = SparseMatrix::from_dense(w.data(), s.rows, s.cols, type_);
  EXPECT_EQ(m.nnz(), 0);
  const std::vector<float> bias = random_activations(static_cast<std::size_t>(s.rows), false, 3);
  const std::vector<float> x = random_activations(static_cast<std::size_t>(3 * s.cols), false, 4);
  const std::vector<float> y = run_multiply(m, x, 3, 2, bias.data());
  for (int64_t b = 0; b < 3; ++b)
    for (int64_t r = 0; r < s.rows; ++r) ASSERT_EQ(y[b * s.rows + r], bias[r]);
  const std::vector<float> y_without_bias = run_multiply(m, x, 3, 2, nullptr);
  for (float v : y_without_bias) ASSERT_EQ(v, 0.0f);
}

// Splitting rows among threads must not change any row's arithmetic. Large enough (over 600 KiB even as i8)
// that multiply() really splits it among up to 9 threads rather than keep a small matrix on the calling thread.
TEST_P(SparseMatrixKernel, ThreadCountDoesNotChangeTheResult) {
  ForcedIsa forced(isa_);
  const Shape s{1000, 1500};
  const std::vector<float> w = random_weights(s, 0.5, false, true, 9);
  const SparseMatrix m = SparseMatrix::from_dense(w.data(), s.rows, s.cols, type_);
  const std::vector<float> x = random_activations(static_cast<std::size_t>(5 * s.cols), false, 10);
  const std::vector<float> one_thread = run_multiply(m, x, 5, 1, nullptr);
  for (int threads : {2, 3, 4, 13, 40}) EXPECT_EQ(run_multiply(m, x, 5, threads, nullptr), one_thread) << threads;
}

// A batch of several 16-row blocks on a matrix that multiply() cuts into many chunks: each thread packs the
// activations of each block once per product and reuses them for its later chunks, so a product with new
// activations right after must not see the previous ones. Both batch paths (bitmap at 50 %, walking the
// non-zeros at 90 %).
TEST_P(SparseMatrixKernel, ProductsOfSeveralBlocksMatchTheReferenceOneAfterAnother) {
  ForcedIsa forced(isa_);
  const Shape s{1000, 1500};
  const int64_t batch = 37;
  for (double sparsity : {0.5, 0.9}) {
    const std::vector<float> w = random_weights(s, sparsity, false, false, 21);
    const SparseMatrix m = SparseMatrix::from_dense(w.data(), s.rows, s.cols, type_);
    std::vector<float> dequantized(w.size());
    m.to_dense(dequantized.data());
    for (uint32_t seed : {22u, 23u}) {
      const std::vector<float> x = random_activations(static_cast<std::size_t>(batch * s.cols), false, seed);
      const Reference ref = dense_reference(dequantized, s, x, batch, nullptr);
      for (int threads : {1, 3}) {
        SCOPED_TRACE(case_name(s, sparsity, batch, threads));
        const std::vector<float> y = run_multiply(m, x, batch, threads, nullptr);
        for (std::size_t i = 0; i < y.size(); ++i)
          ASSERT_NEAR(y[i], ref.y[i], kRelativeTolerance * ref.magnitude[i] + 1e-30) << "output " << i;
      }
    }
  }
}

std::string param_name(const testing::TestParamInfo<IsaAndType>& info) {
  return std::get<0>(info.param) + "_" + sparsetune::kernels::to_string(std::get<1>(info.param));
}

INSTANTIATE_TEST_SUITE_P(EveryIsaAndValueType, SparseMatrixKernel,
                         testing::Combine(testing::Values("scalar", "avx2", "avx512"),
                                          testing::Values(ValueType::f32, ValueType::bf16, ValueType::i8)),
                         param_name);

// Scalar, AVX2 and AVX-512 agree within rounding on a real-valued problem.
TEST(SparseMatrixIsa, InstructionSetsAgree) {
  const Shape s{50, 2000};
  for (ValueType type : {ValueType::f32, ValueType::bf16, ValueType::i8}) {
    const std::vector<float> w = random_weights(s, 0.75, false, false, 11);
    const SparseMatrix m = SparseMatrix::from_dense(w.data(), s.rows, s.cols, type);
    const std::vector<float> x = random_activations(static_cast<std::size_t>(2 * s.cols), false, 12);
    std::vector<float> dequantized(w.size());
    m.to_dense(dequantized.data());
    const Reference ref = dense_reference(dequantized, s, x, 2, nullptr);
    for (const std::string& isa : sparsetune::kernels::supported_cpu_isas()) {
      ForcedIsa forced(isa);
      const std::vector<float> y = run_multiply(m, x, 2, 1, nullptr);
      for (std::size_t i = 0; i < y.size(); ++i)
        ASSERT_NEAR(y[i], ref.y[i], kRelativeTolerance * ref.magnitude[i]) << isa << " output " << i;
    }
  }
}

TEST(SparseMatrixIsa, SupportedListStartsWithScalarAndDefaultIsTheBest) {
  const std::vector<std::string> isas = sparsetune::kernels::supported_cpu_isas();
  ASSERT_FALSE(isas.empty());
  EXPECT_EQ(isas.front(), "scalar");
  if (kIsaAtStart) {
    EXPECT_EQ(isas.back(), *kIsaAtStart) << "the value at start caps the list";
  }
  ForcedIsa unforced("");
  EXPECT_EQ(sparsetune::kernels::cpu_isa(), isas.back());
}

TEST(SparseMatrixIsa, ForcingAnUnknownOrUnsupportedIsaThrows) {
  {
    ForcedIsa forced("sse9");
    EXPECT_THROW(sparsetune::kernels::cpu_isa(), std::runtime_error);
  }
  for (const std::string isa : {"avx2", "avx512"}) {
    if (isa_supported(isa)) continue;
    ForcedIsa forced(isa);
    EXPECT_THROW(sparsetune::kernels::cpu_isa(), std::runtime_error) << isa;
  }
}

// SPARSETUNE_CPU_ISA as the process starts caps it for good: in a copy of this test started with "scalar",
// the list is {"scalar"} and forcing AVX2 or AVX-512 later throws, whatever this CPU has.
TEST(SparseMatrixIsa, TheValueAtStartCapsTheWholeProcess) {
  const std::string log = std::string(SPARSETUNE_TEST_TMP) + "/isa_cap.log";
  std::filesystem::create_directories(SPARSETUNE_TEST_TMP);
  const std::string line = "SPARSETUNE_CPU_ISA=scalar /proc/" + std::to_string(getpid()) +
                           "/exe --gtest_filter='SparseMatrixIsa.SupportedList*:SparseMatrixIsa.Forcing*' > " + log + " 2>&1";
  const int status = std::system(line.c_str());
  std::ifstream in(log);
  const std::string output((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("[  PASSED  ] 2 tests"), std::string::npos) << output;
}

TEST(SparseMatrixQuantization, Bf16RoundsToNearestEven) {
  // 1 + 2^-8 is halfway between 1 and the next bf16 (1 + 2^-7): ties go to the even 1.
  // 1 + 3 * 2^-8 is halfway between 1 + 2^-7 (odd) and 1 + 2^-6 (even).
  const float w[4] = {1.0f + 0x1p-8f, 1.0f + 3 * 0x1p-8f, -(1.0f + 0x1p-8f + 0x1p-20f), 3.0f};
  const SparseMatrix m = SparseMatrix::from_dense(w, 1, 4, ValueType::bf16);
  float dense[4];
  m.to_dense(dense);
  EXPECT_EQ(dense[0], 1.0f);
  EXPECT_EQ(dense[1], 1.0f + 0x1p-6f);
  EXPECT_EQ(dense[2], -(1.0f + 0x1p-7f));
  EXPECT_EQ(dense[3], 3.0f);
}

TEST(SparseMatrixQuantization, ErrorsStayWithinTheFormatBounds) {
  const Shape s{64, 700};
  const std::vector<float> w = random_weights(s, 0.5, false, true, 21);
  const SparseMatrix f32 = SparseMatrix::from_dense(w.data(), s.rows, s.cols, ValueType::f32);
  const SparseMatrix bf16 = SparseMatrix::from_dense(w.data(), s.rows, s.cols, ValueType::bf16);
  const SparseMatrix i8 = SparseMatrix::from_dense(w.data(), s.rows, s.cols, ValueType::i8);
  std::vector<float> f32_dense(w.size()), bf16_dense(w.size()), i8_dense(w.size());
  f32.to_dense(f32_dense.data());
  bf16.to_dense(bf16_dense.data());
  i8.to_dense(i8_dense.data());
  EXPECT_EQ(f32_dense, w);
  for (int64_t r = 0; r < s.rows; ++r) {
    float max_abs = 0.0f;
    for (int64_t c = 0; c < s.cols; ++c) max_abs = std::max(max_abs, std::fabs(w[r * s.cols + c]));
    const double scale = max_abs / 127.0;
    for (int64_t c = 0; c < s.cols; ++c) {
      const double exact = w[r * s.cols + c];
      // bf16 keeps 8 significant bits: round to nearest is off by at most 2^-8 relative.
      ASSERT_LE(std::fabs(bf16_dense[r * s.cols + c] - exact), 0x1p-8 * std::fabs(exact)) << r << "," << c;
      // i8: half a quantization step (plus fp32 rounding of w / scale and q * scale).
      ASSERT_LE(std::fabs(i8_dense[r * s.cols + c] - exact), scale * (0.5 + 0x1p-16)) << r << "," << c;
      if (exact == 0.0) {
        ASSERT_EQ(i8_dense[r * s.cols + c], 0.0f);
      }
    }
  }
}

// Bytes per tile as docs/performance.md states them: 1 header byte + (k offsets when k <= ceil(n/8), else
// ceil(n/8) bitmap bytes) + k * value bytes, plus a 4-byte scale per row for i8.
TEST(SparseMatrixFormat, BytesMatchTheFormatDescription) {
  for (const Shape& s : kShapes) {
    for (double sparsity : kSparsities) {
      const std::vector<float> w = random_weights(s, sparsity, false, true, 31);
      for (ValueType type : {ValueType::f32, ValueType::bf16, ValueType::i8}) {
        const SparseMatrix m = SparseMatrix::from_dense(w.data(), s.rows, s.cols, type);
        std::size_t expected = type == ValueType::i8 ? 4 * static_cast<std::size_t>(s.rows) : 0;
        int64_t nnz = 0;
        for (int64_t r = 0; r < s.rows; ++r)
          for (int64_t col0 = 0; col0 < s.cols; col0 += SparseMatrix::kTileCols) {
            const int64_t width = std::min<int64_t>(SparseMatrix::kTileCols, s.cols - col0);
            const int64_t k = std::count_if(w.begin() + r * s.cols + col0, w.begin() + r * s.cols + col0 + width,
                                            [](float v) { return v != 0.0f; });
            const int64_t index_bytes = k <= (width + 7) / 8 ? k : (width + 7) / 8;
            expected += static_cast<std::size_t>(1 + index_bytes +
                                                 k * static_cast<int64_t>(sparsetune::kernels::value_bytes(type)));
            nnz += k;
          }
        EXPECT_EQ(m.bytes(), expected) << s.rows << "x" << s.cols << " " << sparsity;
        EXPECT_EQ(m.nnz(), nnz);
        EXPECT_EQ(m.rows(), s.rows);
        EXPECT_EQ(m.cols(), s.cols);
        EXPECT_EQ(m.value_type(), type);
      }
    }
  }
}

// One row of 300 columns: tile 0 (256 columns) dense enough for a bitmap, tile 1 (44 columns) with two
// non-zeros, stored as offsets.
TEST(SparseMatrixFormat, TileLayoutIsAsDocumented) {
  std::vector<float> w(300, 0.0f);
  for (int c = 0; c < 256; c += 4) w[c] = 1.0f + static_cast<float>(c);  // 64 values > 32 bitmap bytes
  w[256 + 3] = -2.0f;
  w[256 + 40] = 5.0f;
  const SparseMatrix m = SparseMatrix::from_dense(w.data(), 1, 300, ValueType::f32);
  const std::vector<uint8_t> image = m.serialize();
  const std::size_t header = 48;
  ASSERT_EQ(image.size(), header + m.bytes());
  const uint8_t* tile = image.data() + header;
  EXPECT_EQ(tile[0], SparseMatrix::kBitmapTile);
  for (int i = 0; i < 32; ++i) ASSERT_EQ(tile[1 + i], 0b00010001) << i;
  float value;
  std::memcpy(&value, tile + 1 + 32 + 4 * 5, 4);
  EXPECT_EQ(value, 21.0f);  // the sixth non-zero is column 20
  const uint8_t* second = tile + 1 + 32 + 4 * 64;
  EXPECT_EQ(second[0], 2);  // two offsets
  EXPECT_EQ(second[1], 3);
  EXPECT_EQ(second[2], 40);
  std::memcpy(&value, second + 3, 4);
  EXPECT_EQ(value, -2.0f);
  std::memcpy(&value, second + 7, 4);
  EXPECT_EQ(value, 5.0f);
  EXPECT_EQ(m.bytes(), 1 + 32 + 4 * 64 + 1 + 2 + 4 * 2u);
}

// The encoding switches at one value per 8 columns, where offsets stop being smaller: 32 non-zeros in a
// 256-column tile are offsets, 33 a bitmap; in a 40-column edge tile 5 are offsets, 6 a bitmap.
TEST(SparseMatrixFormat, OffsetsUpToOneValuePerEightColumns) {
  for (int k : {32, 33}) {
    std::vector<float> w(296, 0.0f);
    for (int i = 0; i < k; ++i) w[static_cast<std::size_t>(7 * i)] = 1.0f;
    for (int i = 0; i < k - 27; ++i) w[static_cast<std::size_t>(256 + 7 * i)] = 2.0f;
    const SparseMatrix m = SparseMatrix::from_dense(w.data(), 1, 296, ValueType::f32);
    const std::vector<uint8_t> image = m.serialize();
    const uint8_t* first = image.data() + 48;
    const std::size_t first_bytes = k == 32 ? 1 + 32 + 4 * 32 : 1 + 32 + 4 * 33;
    EXPECT_EQ(first[0], k == 32 ? 32 : SparseMatrix::kBitmapTile) << k;
    EXPECT_EQ(first[first_bytes], k == 32 ? 5 : SparseMatrix::kBitmapTile) << k;
    EXPECT_EQ(m.bytes(), first_bytes + (k == 32 ? 1 + 5 + 4 * 5u : 1 + 5 + 4 * 6u)) << k;
  }
}

TEST(SparseMatrixFormat, NegativeZeroIsDroppedLikeZero) {
  const float w[3] = {-0.0f, 0.0f, 2.0f};
  const SparseMatrix m = SparseMatrix::from_dense(w, 1, 3, ValueType::f32);
  EXPECT_EQ(m.nnz(), 1);
}

TEST(SparseMatrixSerialization, RoundTripKeepsEverything) {
  for (const Shape& s : {Shape{0, 0}, Shape{0, 5}, Shape{4, 0}, Shape{1, 1}, Shape{17, 511}, Shape{6, 1030}}) {
    for (ValueType type : {ValueType::f32, ValueType::bf16, ValueType::i8}) {
      const std::vector<float> w = random_weights(s, 0.7, false, true, 41);
      const SparseMatrix m = SparseMatrix::from_dense(w.data(), s.rows, s.cols, type);
      const std::vector<uint8_t> image = m.serialize();
      const SparseMatrix back = SparseMatrix::deserialize(image.data(), image.size());
      EXPECT_EQ(back.rows(), m.rows());
      EXPECT_EQ(back.cols(), m.cols());
      EXPECT_EQ(back.nnz(), m.nnz());
      EXPECT_EQ(back.bytes(), m.bytes());
      EXPECT_EQ(back.value_type(), type);
      EXPECT_EQ(back.serialize(), image);
      std::vector<float> a(w.size()), b(w.size());
      m.to_dense(a.data());
      back.to_dense(b.data());
      EXPECT_EQ(a, b);
      if (s.rows > 0) {
        const std::vector<float> x = random_activations(static_cast<std::size_t>(3 * s.cols), false, 42);
        EXPECT_EQ(run_multiply(back, x, 3, 2, nullptr), run_multiply(m, x, 3, 2, nullptr));
      }
    }
  }
}

void expect_rejected(const std::vector<uint8_t>& image, const std::string& expected_message) {
  try {
    SparseMatrix::deserialize(image.data(), image.size());
    ADD_FAILURE() << "accepted a buffer that should fail with: " << expected_message;
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(expected_message), std::string::npos) << e.what();
  }
}

TEST(SparseMatrixSerialization, RejectsCorruptBuffersNamingWhatWasExpected) {
  std::vector<float> w(3 * 300, 0.0f);
  for (std::size_t i = 0; i < w.size(); i += 3) w[i] = 1.5f;  // bitmap tiles
  for (int c = 256; c < 300; ++c) w[1 * 300 + c] = c == 260 || c == 270 ? 2.0f : 0.0f;  // an offset tile
  const SparseMatrix m = SparseMatrix::from_dense(w.data(), 3, 300, ValueType::i8);
  const std::vector<uint8_t> good = m.serialize();
  ASSERT_NO_THROW(SparseMatrix::deserialize(good.data(), good.size()));

  for (std::size_t length = 0; length < good.size(); ++length) {
    const std::vector<uint8_t> truncated(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(length));
    expect_rejected(truncated, length < 48 ? "truncated header: expected at least 48 bytes" : "size mismatch");
  }
  std::vector<uint8_t> longer = good;
  longer.push_back(0);
  expect_rejected(longer, "size mismatch");

  std::vector<uint8_t> bad = good;
  bad[0] = 'X';
  expect_rejected(bad, "bad magic: expected \"SPTSPMAT\"");
  bad = good;
  bad[8] = 2;
  expect_rejected(bad, "unsupported format version 2, expected 1");
  bad = good;
  bad[12] = 7;
  expect_rejected(bad, "bad value type 7");
  bad = good;
  bad[32] ^= 1;  // nnz
  expect_rejected(bad, "the header announces");
  bad = good;
  bad[16] = 0xFF, bad[23] = 0x7F;  // rows
  expect_rejected(bad, "bad shape");

  // Row 1, tile 1 is an offset tile: header 2, offsets 4 and 14. Make them decrease, then out of range.
  const std::size_t row0_bytes = (1 + 32 + 86) + (1 + 6 + 14);  // two bitmap tiles of i8 values
  const std::size_t row1 = 48 + row0_bytes;
  ASSERT_EQ(good[row1], SparseMatrix::kBitmapTile);
  const std::size_t offsets_tile = row1 + 1 + 32 + 86;
  ASSERT_EQ(good[offsets_tile], 2);
  ASSERT_EQ(good[offsets_tile + 1], 4);
  bad = good;
  bad[offsets_tile + 1] = 14;
  expect_rejected(bad, "row 1, columns from 256: column offsets must increase strictly");
  bad = good;
  bad[offsets_tile + 2] = 44;
  expect_rejected(bad, "stay below the tile width 44");
  // A bitmap bit past the 44-column edge of row 0's last tile.
  const std::size_t row0_tile1 = 48 + 1 + 32 + 86;
  ASSERT_EQ(good[row0_tile1], SparseMatrix::kBitmapTile);
  bad = good;
  bad[row0_tile1 + 6] |= 0x80;
  expect_rejected(bad, "bitmap bits set past the tile width 44");
  // A negative scale.
  bad = good;
  const float negative = -1.0f;
  std::memcpy(bad.data() + bad.size() - 4, &negative, 4);
  expect_rejected(bad, "bad row scale");
}

TEST(SparseMatrixArguments, RejectsBadBatchOrThreads) {
  const float w[4] = {1, 0, 0, 1};
  const SparseMatrix m = SparseMatrix::from_dense(w, 2, 2, ValueType::f32);
  float x[2] = {1, 2}, y[2];
  EXPECT_THROW(m.multiply(x, 0, y, 1), std::invalid_argument);
  EXPECT_THROW(m.multiply(x, 1, y, 0), std::invalid_argument);
  EXPECT_THROW(SparseMatrix::from_dense(w, -1, 2, ValueType::f32), std::invalid_argument);
  EXPECT_THROW(sparsetune::kernels::parse_value_type("f16"), std::invalid_argument);
  EXPECT_EQ(sparsetune::kernels::parse_value_type("bf16"), ValueType::bf16);
}

TEST(SparseMatrixThreads, ConcurrentCallersShareThePool) {
  const Shape s{300, 900};
  const std::vector<float> w = random_weights(s, 0.5, false, false, 51);
  const SparseMatrix m = SparseMatrix::from_dense(w.data(), s.rows, s.cols, ValueType::f32);
  const std::vector<float> x = random_activations(static_cast<std::size_t>(s.cols), false, 52);
  const std::vector<float> expected = run_multiply(m, x, 1, 1, nullptr);
  std::atomic<int> mismatches{0};
  std::vector<std::thread> callers;
  for (int t = 0; t < 4; ++t)
    callers.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        std::vector<float> y(static_cast<std::size_t>(s.rows), kNaN);
        m.multiply(x.data(), 1, y.data(), 1 + (t + i) % 3);
        if (y != expected) ++mismatches;
      }
    });
  for (std::thread& caller : callers) caller.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(ThreadPool, RunsEveryPartExactlyOnce) {
  sparsetune::kernels::ThreadPool pool;
  for (int parts : {1, 2, 5, 3, 8, 1}) {
    std::vector<std::atomic<int>> runs(static_cast<std::size_t>(parts));
    pool.run(parts, [&](int part) { ++runs[static_cast<std::size_t>(part)]; });
    for (int part = 0; part < parts; ++part) EXPECT_EQ(runs[part].load(), 1) << parts << " parts, part " << part;
  }
}

// Workers spin for a while after a run and then sleep: runs that follow at once (caught while spinning) and
// runs that follow after a pause longer than the spin (woken from sleep) must both run every part once.
TEST(ThreadPool, RunsEveryPartOnceWhetherTheWorkersSpinOrSleep) {
  sparsetune::kernels::ThreadPool pool;
  std::vector<std::atomic<int>> runs(3);
  int expected = 0;
  for (int round = 0; round < 2000; ++round) {
    if (round % 500 == 0) std::this_thread::sleep_for(sparsetune::kernels::ThreadPool::kSpin * 20);
    pool.run(3, [&](int part) { ++runs[static_cast<std::size_t>(part)]; });
    ++expected;
    for (int part = 0; part < 3; ++part) ASSERT_EQ(runs[part].load(), expected) << "round " << round << ", part " << part;
  }
}

}  // namespace
