// GGUF reading, dequantization and import without LibTorch: files of every tensor and value type
// written by the gguf package (gguf_reference.py types), corrupt files written byte by byte, and
// tiny models imported into Hugging Face directories.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <limits>

#include <nlohmann/json.hpp>

#include "core/model/gguf_cache.h"
#include "core/model/gguf_dequantize.h"
#include "core/model/gguf_file.h"
#include "core/model/gguf_import.h"
#include "core/model/gguf_tokenizer.h"
#include "core/model/model_config.h"
#include "core/model/safetensors.h"
#include "core/tokenizer/byte_level.h"
#include "core/tokenizer/tokenizer.h"
#include "core/tokenizer/utf8.h"
#include "tests/io/gguf_builder.h"
#include "tests/io/gguf_test_util.h"
#include "tests/io/io_test_util.h"

namespace sparsetune {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test::fresh_dir;
using test::GgufBuilder;
using test::input_error;
using ::testing::HasSubstr;

std::vector<uint32_t> float_bits(const float* values, std::size_t n) {
  std::vector<uint32_t> bits(n);
  std::memcpy(bits.data(), values, n * 4);
  return bits;
}

// ---------------------------------------------------------------------------------------------
// Files written by the gguf package

class GgufTypes : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto reference = test::gguf_reference("types", "import gguf");
    if (!reference.skipped.empty()) GTEST_SKIP() << reference.skipped;
    ASSERT_FALSE(reference.dir.empty());
    dir_ = reference.dir;
    description_ = json::parse(test::read_file(dir_ / "types.json"));
  }
  fs::path dir_;
  json description_;
};

TEST_F(GgufTypes, DequantizesEveryTypeBitExactlyAsTheGgufPackage) {
  for (const auto& [file_name, expected] : description_["files"].items()) {
    SCOPED_TRACE(file_name);
    const auto file = GgufFile::open(dir_ / file_name);
    EXPECT_EQ(file->version(), expected["version"].get<uint32_t>());
    EXPECT_EQ(file->alignment(), expected["alignment"].get<uint64_t>());
    EXPECT_EQ(file->data_offset() % file->alignment(), 0u);
    ASSERT_EQ(file->tensors().size(), expected["tensors"].size());
    for (const auto& [name, e] : expected["tensors"].items()) {
      SCOPED_TRACE(name);
      const GgufTensor* t = file->find_tensor(name);
      ASSERT_NE(t, nullptr);
      EXPECT_EQ(ggml_type_name(t->type), e["type"].get<std::string>());
      EXPECT_EQ(json(t->shape()), e["shape"]);
      EXPECT_EQ(t->offset % file->alignment(), 0u);
      std::vector<float> ours(static_cast<std::size_t>(t->numel));
      dequantize(*file, *t, ours);
      const std::string reference = test::read_file(dir_ / (name + ".f32"));
      ASSERT_EQ(reference.size(), ours.size() * 4);
      const auto want = float_bits(reinterpret_cast<const float*>(reference.data()), ours.size());
      const auto got = float_bits(ours.data(), ours.size());
      std::size_t differing = 0;
      for (std::size_t i = 0; i < got.size(); ++i) differing += got[i] != want[i];
      EXPECT_EQ(differing, 0u) << "of " << got.size() << " values";
    }
  }
}

TEST_F(GgufTypes, ReadsEveryMetadataValueType) {
  const auto file = GgufFile::open(dir_ / "types.gguf");
  const json& m = description_["metadata"];
  for (const char* key : {"test.u8", "test.i8", "test.u16", "test.i16", "test.u32", "test.i32", "test.i64"})
    EXPECT_EQ(file->integer(key, std::numeric_limits<int64_t>::min()), m[key].get<int64_t>()) << key;
  // Beyond int64: a number, not an integer.
  EXPECT_EQ(file->find("test.u64")->integer(), std::nullopt);
  EXPECT_EQ(file->number("test.u64"), m["test.u64"].get<double>());
  EXPECT_EQ(file->number("test.f32"), m["test.f32"].get<double>());
  EXPECT_EQ(file->number("test.f64"), 0.1);
  EXPECT_EQ(file->boolean("test.bool"), true);
  EXPECT_EQ(file->string("test.string"), m["test.string"].get<std::string>());

  const GgufValue* ints = file->array("test.array_i32", GgufType::I32);
  ASSERT_NE(ints, nullptr);
  ASSERT_EQ(ints->size(), 3u);
  EXPECT_EQ(ints->element(1).integer(), -2);
  const GgufValue* floats = file->array("test.array_f32", GgufType::F32);
  ASSERT_EQ(floats->size(), 2u);
  EXPECT_EQ(floats->element(1).number(), -1.25);
  const GgufValue* strings = file->array("test.array_string", GgufType::String);
  ASSERT_EQ(strings->size(), 3u);
  EXPECT_EQ(strings->element(1).string(), "");
  EXPECT_EQ(strings->element(2).string(), "\u00fc");
  const GgufValue* nested = file->array("test.array_nested", GgufType::Array);
  ASSERT_EQ(nested->size(), 2u);
  EXPECT_EQ(nested->element(0).size(), 2u);
  EXPECT_EQ(nested->element(0).element(1).integer(), 2);
  EXPECT_EQ(nested->element(1).element(0).integer(), 3);
  // A typed read of another type names the key and both types.
  EXPECT_THAT(input_error([&] { file->string("test.u32"); }), HasSubstr("test.u32: is uint32 4000000000; expected a string"));
  EXPECT_THAT(input_error([&] { file->array("test.array_f32", GgufType::String); }),
              HasSubstr("test.array_f32: is array of 2 float32; expected an array of string"));
}

TEST(GgufDequantize, ConvertsHalfAndBfloat16SpecialValues) {
  EXPECT_EQ(half_to_float(0x3C00), 1.0f);
  EXPECT_EQ(half_to_float(0xC000), -2.0f);
  EXPECT_EQ(half_to_float(0x0001), std::ldexp(1.0f, -24));  // smallest subnormal
  EXPECT_EQ(std::bit_cast<uint32_t>(half_to_float(0x8000)), 0x80000000u);
  EXPECT_EQ(half_to_float(0x7C00), std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(half_to_float(0x7E00)));
  EXPECT_EQ(float_to_bfloat16(1.0f), 0x3F80);
  EXPECT_EQ(float_to_bfloat16(std::bit_cast<float>(0x3F808000u)), 0x3F80);  // a tie goes to even
  EXPECT_EQ(float_to_bfloat16(std::bit_cast<float>(0x3F818000u)), 0x3F82);
  EXPECT_EQ(float_to_bfloat16(std::bit_cast<float>(0x3F808001u)), 0x3F81);
  EXPECT_EQ(float_to_bfloat16(std::bit_cast<float>(0xFFC12345u)), 0x7FC0);
}

// ---------------------------------------------------------------------------------------------
// Corrupt files: one InputError each, naming the file and the field

// A small valid file: a few keys (a string array among them) and two tensors.
GgufBuilder valid_file() {
  GgufBuilder b;
  b.string("general.architecture", "test").strings("test.names", {"a", "bc"}).u32("test.count", 7).i32s("test.none", {});
  b.f32_tensor("first", {4, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
  b.f32_tensor("second", {3}, {9, 10, 11});
  return b;
}

std::string open_error(const fs::path& path, const std::string& bytes) {
  test::write_file(path, bytes);
  return input_error([&] { GgufFile::open(path); });
}

TEST(GgufCorrupt, ValidFileOpens) {
  const auto path = fresh_dir() / "valid.gguf";
  test::write_file(path, valid_file().bytes());
  const auto file = GgufFile::open(path);
  ASSERT_EQ(file->tensors().size(), 2u);
  EXPECT_EQ(json(file->tensors()[0].shape()), json({2, 4}));
  ASSERT_NE(file->array("test.none", GgufType::I32), nullptr);
  EXPECT_EQ(file->find("test.none")->size(), 0u);  // an empty array (the gguf package cannot write one)
  std::vector<float> values(3);
  dequantize(*file, file->tensors()[1], values);
  EXPECT_EQ(values, (std::vector<float>{9, 10, 11}));
}

TEST(GgufCorrupt, EveryTruncationIsOneError) {
  const auto dir = fresh_dir();
  const std::string bytes = valid_file().bytes();
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    const std::string message = open_error(dir / "cut.gguf", bytes.substr(0, n));
    ASSERT_THAT(message, HasSubstr((dir / "cut.gguf").string() + ": ")) << n;
    ASSERT_THAT(message, ::testing::AnyOf(HasSubstr("truncated"), HasSubstr("\"GGUF\""), HasSubstr("past the end")))
        << "cut at " << n << ": " << message;
  }
}

struct CorruptCase {
  const char* name;
  std::function<std::string()> bytes;
  const char* expected;  // "field: problem" (a part of it)
};

std::string with_u64_at(std::string bytes, std::size_t offset, uint64_t v) {
  std::memcpy(bytes.data() + offset, &v, 8);
  return bytes;
}

const std::vector<CorruptCase>& corrupt_cases() {
  static const std::vector<CorruptCase> cases = {
      {"not GGUF", [] { return std::string("GGML") + std::string(20, '\0'); }, "magic: the file does not start with \"GGUF\""},
      {"version 1",
       [] {
         GgufBuilder b = valid_file();
         b.version = 1;
         return b.bytes();
       },
       "version: 1 is not supported; expected 2 or 3"},
      {"version 4",
       [] {
         GgufBuilder b = valid_file();
         b.version = 4;
         return b.bytes();
       },
       "version: 4 is not supported"},
      {"big-endian",
       [] {
         GgufBuilder b = valid_file();
         b.version = 0x03000000;
         return b.bytes();
       },
       "version: the file is big-endian"},
      {"kv_count past the end", [] { return with_u64_at(valid_file().bytes(), 16, uint64_t{1} << 60); },
       "kv_count: 1152921504606846976 key/value pairs need at least 13 bytes each"},
      {"tensor_count past the end", [] { return with_u64_at(valid_file().bytes(), 8, uint64_t{1} << 62); },
       "tensor_count: 4611686018427387904 tensor infos need at least 24 bytes each"},
      {"string length past the end",
       [] { return GgufBuilder().raw("test.s", GgufType::String, test::le64(uint64_t{1} << 40) + "abc").bytes(); },
       "test.s: the length of a string value is 1099511627776 bytes, past the end of the file"},
      {"key length past the end",
       [] {
         GgufBuilder b;
         b.kv_count = 1;
         return b.header() + test::le64(~uint64_t{0}) + std::string(16, 'k');
       },
       "metadata[0]: the length of the key is 18446744073709551615 bytes, past the end of the file"},
      {"array length past the end",
       [] {
         return GgufBuilder()
             .raw("test.a", GgufType::Array, test::le32(static_cast<uint32_t>(GgufType::U32)) + test::le64(uint64_t{1} << 61))
             .bytes();
       },
       "test.a: an array of 2305843009213693952 uint32 needs at least 4 bytes per element"},
      {"string array length past the end",
       [] {
         return GgufBuilder()
             .raw("test.a", GgufType::Array, test::le32(static_cast<uint32_t>(GgufType::String)) + test::le64(1'000'000))
             .bytes();
       },
       "test.a: an array of 1000000 string needs at least 8 bytes per element"},
      {"arrays nested too deep",
       [] {
         std::string value;
         for (int i = 0; i < 9; ++i) value += test::le32(static_cast<uint32_t>(GgufType::Array)) + test::le64(1);
         return GgufBuilder().raw("test.deep", GgufType::Array, value + test::le32(4) + test::le64(0)).bytes();
       },
       "test.deep: arrays nested deeper than 8 levels"},
      {"unknown value type", [] { return GgufBuilder().raw("test.x", static_cast<GgufType>(13), "").bytes(); },
       "test.x: the value type is 13, not a GGUF value type"},
      {"unknown array element type",
       [] { return GgufBuilder().raw("test.x", GgufType::Array, test::le32(99) + test::le64(0)).bytes(); },
       "test.x: the element type of an array is 99, not a GGUF value type"},
      {"bool that is not 0 or 1", [] { return GgufBuilder().raw("test.b", GgufType::Bool, "\x02").bytes(); },
       "test.b: a bool is stored as 2; expected 0 or 1"},
      {"key twice", [] { return GgufBuilder().u32("test.k", 1).u32("test.k", 2).bytes(); },
       "test.k: the key appears twice"},
      {"key not UTF-8", [] { return GgufBuilder().u32("test.\xff", 1).bytes(); }, "metadata[0]: the key is not valid UTF-8"},
      {"string value not UTF-8", [] { return GgufBuilder().string("test.s", "a\xc3(").bytes(); },
       "test.s: a string value is not valid UTF-8"},
      {"alignment not a power of two", [] { return GgufBuilder().u32("general.alignment", 24).bytes(); },
       "general.alignment: 24 is not a power of two"},
      {"alignment not uint32",
       [] { return GgufBuilder().raw("general.alignment", GgufType::U64, test::le64(32)).bytes(); },
       "general.alignment: is uint64 32; expected a uint32"},
      {"unknown tensor type",
       [] { return GgufBuilder().raw_tensor("w", {32}, 4, 0, std::string(64, '\0')).bytes(); },
       "w: tensor type 4 is not a ggml type"},
      {"five dimensions",
       [] { return GgufBuilder().raw_tensor("w", {1, 1, 1, 1, 1}, 0, 0, std::string(4, '\0')).bytes(); },
       "w: 5 dimensions; ggml tensors have at most 4"},
      {"element count overflow",
       [] { return GgufBuilder().raw_tensor("w", {uint64_t{1} << 32, uint64_t{1} << 32}, 0, 0, "").bytes(); },
       "w: dimensions [4294967296, 4294967296] have more elements than fit in 64 bits"},
      {"byte count overflow",
       [] { return GgufBuilder().raw_tensor("w", {uint64_t{1} << 31, uint64_t{1} << 31}, 0, 0, "").bytes(); },
       "w: dimensions [2147483648, 2147483648] of F32 need more bytes than fit in 64 bits"},
      {"dimension of 2^63", [] { return GgufBuilder().raw_tensor("w", {uint64_t{1} << 63}, 0, 0, "").bytes(); },
       "w: dimension 0 is 9223372036854775808; expected less than 2^63"},
      {"row not whole blocks",
       [] { return GgufBuilder().raw_tensor("w", {48, 2}, static_cast<uint32_t>(GgmlType::Q4_0), 0, "").bytes(); },
       "w: rows of 48 elements are not a whole number of Q4_0 blocks (32 elements each)"},
      {"misaligned offset",
       [] { return GgufBuilder().raw_tensor("w", {2}, 0, 4, std::string(8, '\0')).bytes(); },
       "w: data offset 4 is not a multiple of the alignment (32)"},
      {"data past the end", [] { return GgufBuilder().raw_tensor("w", {1024}, 0, 0, std::string(16, '\0')).bytes(); },
       "w: data [0, 0 + 4096) runs past the end of the data section (16 bytes"},
      {"huge tensor past the end",
       [] { return GgufBuilder().raw_tensor("w", {uint64_t{1} << 40}, 0, 0, std::string(16, '\0')).bytes(); },
       "w: data [0, 0 + 4398046511104) runs past the end of the data section"},
      {"overlapping tensors",
       [] {
         return GgufBuilder().raw_tensor("a", {16}, 0, 0, std::string(64, '\1')).raw_tensor("b", {8}, 0, 32, "").bytes();
       },
       "b: data at offset 32 overlaps tensor \"a\", which ends at 64"},
      {"tensor twice",
       [] { return GgufBuilder().f32_tensor("w", {1}, {1}).f32_tensor("w", {1}, {2}).bytes(); },
       "w: the tensor name appears twice"},
  };
  return cases;
}

TEST(GgufCorrupt, EachCaseIsOneClearError) {
  const auto dir = fresh_dir();
  for (const auto& c : corrupt_cases()) {
    SCOPED_TRACE(c.name);
    const fs::path path = dir / "corrupt.gguf";
    EXPECT_THAT(open_error(path, c.bytes()), HasSubstr(path.string() + ": " + c.expected));
  }
}

TEST(GgufCorrupt, UnsupportedTypeIsNamedWhenConverted) {
  const auto path = fresh_dir() / "q2k.gguf";
  test::write_file(path, GgufBuilder().tensor("w", GgmlType::Q2_K, {256}, std::string(84, '\0')).bytes());
  const auto file = GgufFile::open(path);  // the type is known, so the file itself is fine
  std::vector<float> out(256);
  EXPECT_THAT(input_error([&] { dequantize(*file, file->tensors()[0], out); }),
              HasSubstr(path.string() + ": w: type Q2_K cannot be converted; supported: F32, F16, BF16, Q8_0"));
}

// ---------------------------------------------------------------------------------------------
// Import of tiny models built here

constexpr int64_t kHidden = 8, kHeads = 2, kKvHeads = 1, kHeadDim = 4, kInter = 16, kContext = 32;

// A byte-level vocabulary: the 256 byte characters, "he", then <s> and </s> (control tokens).
void add_byte_level_vocab(GgufBuilder& b) {
  std::vector<std::string> tokens;
  for (int i = 0; i < 256; ++i) tokens.push_back(tok::to_utf8(tok::byte_to_char(static_cast<unsigned char>(i))));
  for (const char* t : {"he", "<s>", "</s>"}) tokens.push_back(t);
  std::vector<int32_t> types(tokens.size(), 1);
  types[257] = types[258] = 3;
  b.string("tokenizer.ggml.model", "gpt2").strings("tokenizer.ggml.tokens", tokens).i32s("tokenizer.ggml.token_type", types);
  b.strings("tokenizer.ggml.merges", {"h e"}).u32("tokenizer.ggml.bos_token_id", 257).u32("tokenizer.ggml.eos_token_id", 258);
}
constexpr int64_t kVocab = 259;

// Values that say where they come from: row r, column c of a tensor holds r * 100 + c (+ base).
std::vector<float> indexed(int64_t rows, int64_t cols, float base = 0) {
  std::vector<float> v;
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c) v.push_back(base + static_cast<float>(r * 100 + c));
  return v;
}

// A one-layer llama (GQA 2/1 heads, tied embeddings) with float32 weights, as llama.cpp lays it out;
// without the tensor `skip`.
GgufBuilder tiny_llama(const std::string& skip = "") {
  GgufBuilder b;
  b.string("general.architecture", "llama").u32("llama.block_count", 1).u32("llama.context_length", kContext);
  b.u32("llama.embedding_length", kHidden).u32("llama.feed_forward_length", kInter);
  b.u32("llama.attention.head_count", kHeads).u32("llama.attention.head_count_kv", kKvHeads);
  b.f32("llama.attention.layer_norm_rms_epsilon", 1e-5f).f32("llama.rope.freq_base", 10000.0f);
  b.u32("llama.rope.dimension_count", kHeadDim);
  add_byte_level_vocab(b);
  const auto matrix = [&](const std::string& name, int64_t rows, int64_t cols) {
    if (name != skip) b.f32_tensor(name, {static_cast<uint64_t>(cols), static_cast<uint64_t>(rows)}, indexed(rows, cols));
  };
  const auto vector = [&](const std::string& name) {
    if (name != skip) b.f32_tensor(name, {kHidden}, std::vector<float>(kHidden, 1.0f));
  };
  matrix("token_embd.weight", kVocab, kHidden);
  vector("output_norm.weight");
  vector("blk.0.attn_norm.weight");
  matrix("blk.0.attn_q.weight", kHeads * kHeadDim, kHidden);
  matrix("blk.0.attn_k.weight", kKvHeads * kHeadDim, kHidden);
  matrix("blk.0.attn_v.weight", kKvHeads * kHeadDim, kHidden);
  matrix("blk.0.attn_output.weight", kHidden, kHeads * kHeadDim);
  vector("blk.0.ffn_norm.weight");
  matrix("blk.0.ffn_gate.weight", kInter, kHidden);
  matrix("blk.0.ffn_up.weight", kInter, kHidden);
  matrix("blk.0.ffn_down.weight", kHidden, kInter);
  return b;
}

// The first column of each row of a tensor of the imported model.
std::vector<float> first_column(SafetensorsFile& file, const std::string& name) {
  const TensorInfo* info = file.find(name);
  EXPECT_NE(info, nullptr) << name;
  if (info == nullptr) return {};
  const auto* values = reinterpret_cast<const float*>(file.data(*info));
  std::vector<float> column;
  for (int64_t r = 0; r < info->shape[0]; ++r) column.push_back(values[r * (info->shape.size() > 1 ? info->shape[1] : 1)]);
  return column;
}

TEST(GgufImport, WritesAHuggingFaceLlamaDirectory) {
  const auto dir = fresh_dir();
  test::write_file(dir / "tiny.gguf", tiny_llama().bytes());
  const GgufImportSummary summary = import_gguf(dir / "tiny.gguf", dir / "model");
  EXPECT_EQ(summary.architecture, "llama");
  EXPECT_EQ(summary.tensors, 11);

  const ModelConfig config = ModelConfig::from_file(dir / "model" / "config.json");
  EXPECT_EQ(config.arch, Architecture::Llama);
  EXPECT_EQ(config.vocab_size, kVocab);
  EXPECT_EQ(config.hidden_size, kHidden);
  EXPECT_EQ(config.num_heads, kHeads);
  EXPECT_EQ(config.num_kv_heads, kKvHeads);
  EXPECT_EQ(config.head_dim, kHeadDim);
  EXPECT_EQ(config.max_position_embeddings, kContext);
  EXPECT_EQ(config.norm_eps, static_cast<double>(1e-5f));
  EXPECT_TRUE(config.tie_word_embeddings);
  EXPECT_EQ(config.bos_token_id, 257);
  EXPECT_EQ(config.eos_token_ids, std::vector<int64_t>{258});

  auto weights = SafetensorsFile::open(dir / "model" / "model.safetensors");
  EXPECT_EQ(weights->tensors().size(), 11u);
  EXPECT_EQ(weights->find("lm_head.weight"), nullptr);  // tied
  EXPECT_EQ(weights->find("model.layers.0.mlp.down_proj.weight")->shape, (std::vector<int64_t>{kHidden, kInter}));
  // Each head's interleaved rotary halves (file rows 0 2 | 1 3) are put back apart.
  EXPECT_EQ(first_column(*weights, "model.layers.0.self_attn.q_proj.weight"),
            (std::vector<float>{0, 200, 100, 300, 400, 600, 500, 700}));
  EXPECT_EQ(first_column(*weights, "model.layers.0.self_attn.k_proj.weight"), (std::vector<float>{0, 200, 100, 300}));
  EXPECT_EQ(first_column(*weights, "model.layers.0.self_attn.v_proj.weight"), (std::vector<float>{0, 100, 200, 300}));

  const Tokenizer tokenizer = Tokenizer::from_directory(dir / "model");
  EXPECT_EQ(tokenizer.encode("he<s>h"), (std::vector<int32_t>{256, 257, 'h'}));  // byte b is token b
  EXPECT_EQ(tokenizer.encode("he", true), (std::vector<int32_t>{256}));  // gpt2 vocabularies add no bos by default
  EXPECT_EQ(tokenizer.bos_id(), 257);
  EXPECT_EQ(tokenizer.eos_id(), 258);
  EXPECT_TRUE(tokenizer.is_special(257));
  // Nothing but the finished directory is left.
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"model", "tiny.gguf"}));
}

TEST(GgufImport, WritesBfloat16RoundedToNearestEven) {
  const auto dir = fresh_dir();
  GgufBuilder b = tiny_llama();
  test::write_file(dir / "tiny.gguf", b.bytes());
  import_gguf(dir / "tiny.gguf", dir / "model", GgufImportDType::BFloat16);
  EXPECT_EQ(ModelConfig::from_file(dir / "model" / "config.json").torch_dtype, "bfloat16");
  auto weights = SafetensorsFile::open(dir / "model" / "model.safetensors");
  const TensorInfo* embed = weights->find("model.embed_tokens.weight");
  ASSERT_EQ(embed->dtype, DType::BF16);
  const auto* bits = reinterpret_cast<const uint16_t*>(weights->data(*embed));
  const std::vector<float> values = indexed(kVocab, kHidden);
  for (std::size_t i = 0; i < values.size(); ++i) ASSERT_EQ(bits[i], float_to_bfloat16(values[i])) << i;
}

// A one-layer GPT-2 whose Conv1D weights llama.cpp stores as [out, in].
GgufBuilder tiny_gpt2(bool with_output) {
  GgufBuilder b;
  b.string("general.architecture", "gpt2").u32("gpt2.block_count", 1).u32("gpt2.context_length", kContext);
  b.u32("gpt2.embedding_length", kHidden).u32("gpt2.feed_forward_length", 4 * kHidden).u32("gpt2.attention.head_count", kHeads);
  b.f32("gpt2.attention.layer_norm_epsilon", 1e-5f);
  add_byte_level_vocab(b);
  const auto matrix = [&](const std::string& name, int64_t rows, int64_t cols) {
    b.f32_tensor(name, {static_cast<uint64_t>(cols), static_cast<uint64_t>(rows)}, indexed(rows, cols));
  };
  const auto vector = [&](const std::string& name, int64_t n) { b.f32_tensor(name, {static_cast<uint64_t>(n)}, indexed(n, 1)); };
  matrix("token_embd.weight", kVocab, kHidden);
  matrix("position_embd.weight", kContext, kHidden);
  vector("output_norm.weight", kHidden);
  vector("output_norm.bias", kHidden);
  if (with_output) matrix("output.weight", kVocab, kHidden);
  for (const char* norm : {"attn_norm", "ffn_norm"}) {
    vector(std::string("blk.0.") + norm + ".weight", kHidden);
    vector(std::string("blk.0.") + norm + ".bias", kHidden);
  }
  const std::pair<const char*, std::pair<int64_t, int64_t>> convs[] = {
      {"attn_qkv", {3 * kHidden, kHidden}}, {"attn_output", {kHidden, kHidden}},
      {"ffn_up", {4 * kHidden, kHidden}},  {"ffn_down", {kHidden, 4 * kHidden}}};
  for (const auto& [name, shape] : convs) {
    matrix(std::string("blk.0.") + name + ".weight", shape.first, shape.second);
    vector(std::string("blk.0.") + name + ".bias", shape.first);
  }
  return b;
}

TEST(GgufImport, TransposesGpt2Conv1DWeights) {
  const auto dir = fresh_dir();
  test::write_file(dir / "gpt2.gguf", tiny_gpt2(true).bytes());
  import_gguf(dir / "gpt2.gguf", dir / "model");
  const ModelConfig config = ModelConfig::from_file(dir / "model" / "config.json");
  EXPECT_EQ(config.arch, Architecture::GPT2);
  EXPECT_EQ(config.max_position_embeddings, kContext);
  EXPECT_EQ(config.intermediate_size, 4 * kHidden);
  EXPECT_FALSE(config.tie_word_embeddings);
  auto weights = SafetensorsFile::open(dir / "model" / "model.safetensors");
  const TensorInfo* c_attn = weights->find("transformer.h.0.attn.c_attn.weight");
  ASSERT_NE(c_attn, nullptr);
  EXPECT_EQ(c_attn->shape, (std::vector<int64_t>{kHidden, 3 * kHidden}));
  // Hugging Face [in, out] element (i, o) is llama.cpp's row o, column i: o * 100 + i.
  const auto* values = reinterpret_cast<const float*>(weights->data(*c_attn));
  EXPECT_EQ(values[1], 100.0f);
  EXPECT_EQ(values[3 * kHidden], 1.0f);
  EXPECT_NE(weights->find("lm_head.weight"), nullptr);
  EXPECT_NE(weights->find("transformer.wpe.weight"), nullptr);
}

TEST(GgufImport, RejectsWhatItCannotImportAndLeavesNothing) {
  const auto dir = fresh_dir();
  struct Case {
    const char* name;
    std::function<std::string()> bytes;
    const char* expected;
  };
  const Case cases[] = {
      {"architecture",
       [] {
         GgufBuilder b;
         b.string("general.architecture", "mamba");
         return b.bytes();
       },
       ": general.architecture: \"mamba\" is not supported; supported: llama, qwen2, gpt2"},
      {"missing size",
       [] {
         GgufBuilder b;
         b.string("general.architecture", "llama");
         add_byte_level_vocab(b);
         return b.bytes();
       },
       ": llama.embedding_length: missing; expected a positive integer"},
      {"extra tensor", [] { return tiny_llama().f32_tensor("rope_freqs.weight", {2}, {1, 1}).bytes(); },
       ": rope_freqs.weight: a llama model with this metadata has no such tensor (per-dimension RoPE factors"},
      {"missing tensor", [] { return tiny_llama("blk.0.ffn_down.weight").bytes(); },
       ": blk.0.ffn_down.weight: missing; a llama model with this metadata needs it (as model.layers.0.mlp.down_proj.weight)"},
      {"wrong shape", [] { return tiny_llama().f32_tensor("output.weight", {kHidden, 3}, indexed(3, kHidden)).bytes(); },
       ": output.weight: shape [3, 8] does not match the metadata; expected [259, 8]"},
      {"token id", [] { return tiny_llama().u32("tokenizer.ggml.padding_token_id", 999).bytes(); },
       ": tokenizer.ggml.padding_token_id: 999 is not a token id; expected less than 259"},
      {"rope scaling", [] { return tiny_llama().string("llama.rope.scaling.type", "linear").bytes(); },
       ": llama.rope.scaling.type: RoPE scaling \"linear\" is not supported"},
      {"heads",
       [] {
         GgufBuilder b;
         b.string("general.architecture", "qwen2").u32("qwen2.block_count", 1).u32("qwen2.embedding_length", 6);
         b.u32("qwen2.feed_forward_length", 8).u32("qwen2.attention.head_count", 3).u32("qwen2.attention.head_count_kv", 2);
         add_byte_level_vocab(b);
         return b.bytes();
       },
       " (as config.json): num_key_value_heads: 2 key/value heads do not divide 3 attention heads"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const fs::path gguf = dir / "bad.gguf";
    test::write_file(gguf, c.bytes());
    EXPECT_THAT(input_error([&] { import_gguf(gguf, dir / "model"); }), HasSubstr(gguf.string() + c.expected));
    EXPECT_FALSE(fs::exists(dir / "model"));
  }
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 1u);  // bad.gguf only: no temporary directory left
}

TEST(GgufImport, FillsAnEmptyOutputDirectoryNamedWithASlash) {
  const auto dir = fresh_dir();
  test::write_file(dir / "tiny.gguf", tiny_llama().bytes());
  fs::create_directories(dir / "model");
  import_gguf(dir / "tiny.gguf", (dir / "model").string() + "/");
  EXPECT_TRUE(fs::exists(dir / "model" / "model.safetensors"));
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 2u);
}

TEST(GgufImport, RefusesAnOutputDirectoryWithFiles) {
  const auto dir = fresh_dir();
  test::write_file(dir / "tiny.gguf", tiny_llama().bytes());
  fs::create_directories(dir / "model");
  test::write_file(dir / "model" / "keep.txt", "mine");
  EXPECT_THAT(input_error([&] { import_gguf(dir / "tiny.gguf", dir / "model"); }),
              HasSubstr((dir / "model").string() + ": output: already exists and is not empty"));
  EXPECT_EQ(test::read_file(dir / "model" / "keep.txt"), "mine");
}

// ---------------------------------------------------------------------------------------------
// Tokenizer files

// A SentencePiece vocabulary without merges: transformers derives them from the scores.
GgufBuilder sentencepiece(bool add_bos_key, bool add_bos) {
  GgufBuilder b;
  b.string("tokenizer.ggml.model", "llama");
  b.strings("tokenizer.ggml.tokens", {"<unk>", "<s>", "</s>", "a", "b", "ab", "abb", "bb", "<think>"});
  b.f32s("tokenizer.ggml.scores", {0, 0, 0, -1, -2, -3, -4, -5, 0});
  b.i32s("tokenizer.ggml.token_type", {2, 3, 3, 1, 1, 1, 1, 1, 4});
  b.u32("tokenizer.ggml.bos_token_id", 1).u32("tokenizer.ggml.eos_token_id", 2).u32("tokenizer.ggml.unknown_token_id", 0);
  if (add_bos_key) b.boolean("tokenizer.ggml.add_bos_token", add_bos);
  b.string("tokenizer.chat_template", "{{ messages }}");
  return b;
}

GgufTokenizerFiles tokenizer_of(const fs::path& path, const GgufBuilder& b) {
  test::write_file(path, b.bytes());
  return gguf_tokenizer(*GgufFile::open(path));
}

TEST(GgufTokenizer, DerivesSentencePieceMergesFromScoresAsTransformers) {
  const auto files = tokenizer_of(fresh_dir() / "spm.gguf", sentencepiece(false, false));
  // transformers' generate_merges gives [('a', 'b'), ('ab', 'b'), ('a', 'bb'), ('b', 'b')] here.
  EXPECT_EQ(files.tokenizer["model"]["merges"], json::parse(R"([["a","b"],["ab","b"],["a","bb"],["b","b"]])"));
  EXPECT_EQ(files.tokenizer["model"]["byte_fallback"], true);
  EXPECT_EQ(files.tokenizer["pre_tokenizer"]["type"], "Metaspace");
  // Control and named tokens special, user-defined ones not.
  json added = json::array();
  for (const auto& t : files.tokenizer["added_tokens"]) added.push_back({t["id"], t["content"], t["special"]});
  EXPECT_EQ(added, json::parse(R"([[0,"<unk>",true],[1,"<s>",true],[2,"</s>",true],[8,"<think>",false]])"));
  // SentencePiece vocabularies add <s> unless the file says otherwise.
  EXPECT_EQ(files.tokenizer["post_processor"]["single"][0]["SpecialToken"]["id"], "<s>");
  EXPECT_EQ(files.tokenizer_config["add_bos_token"], true);
  EXPECT_EQ(files.tokenizer_config["add_eos_token"], false);
  EXPECT_EQ(files.tokenizer_config["unk_token"], "<unk>");
  EXPECT_EQ(files.tokenizer_config["pad_token"], nullptr);
  EXPECT_EQ(files.tokenizer_config["chat_template"], "{{ messages }}");
}

TEST(GgufTokenizer, FollowsAddBosToken) {
  const auto files = tokenizer_of(fresh_dir() / "spm.gguf", sentencepiece(true, false));
  EXPECT_EQ(files.tokenizer["post_processor"]["single"].size(), 1u);
  EXPECT_EQ(files.tokenizer_config["add_bos_token"], false);
}

TEST(GgufTokenizer, RespellsTokensOutsideTheByteAlphabet) {
  GgufBuilder c;
  std::vector<std::string> tokens;
  for (int i = 0; i < 256; ++i) tokens.push_back(tok::to_utf8(tok::byte_to_char(static_cast<unsigned char>(i))));
  tokens.push_back("a b");  // a space where the alphabet has \u0120
  c.string("tokenizer.ggml.model", "gpt2").strings("tokenizer.ggml.tokens", tokens).strings("tokenizer.ggml.merges", {});
  c.string("tokenizer.ggml.pre", "qwen2");
  const auto files = tokenizer_of(fresh_dir() / "bpe.gguf", c);
  EXPECT_EQ(files.tokenizer["model"]["vocab"]["a\u0120b"], 256);
  EXPECT_FALSE(files.tokenizer["model"]["vocab"].contains("a b"));
  EXPECT_EQ(files.tokenizer["pre_tokenizer"]["pretokenizers"][0]["type"], "Split");
  EXPECT_EQ(files.tokenizer_config["add_bos_token"], false);
}

TEST(GgufTokenizer, RejectsInconsistentVocabularies) {
  const auto dir = fresh_dir();
  GgufBuilder wrong_model;
  wrong_model.string("tokenizer.ggml.model", "t5").strings("tokenizer.ggml.tokens", {"a"});
  EXPECT_THAT(input_error([&] { tokenizer_of(dir / "t5.gguf", wrong_model); }),
              HasSubstr("tokenizer.ggml.model: \"t5\" is not supported; supported: gpt2 (byte-level BPE), llama (SentencePiece)"));
  GgufBuilder lengths;
  lengths.string("tokenizer.ggml.model", "llama").strings("tokenizer.ggml.tokens", {"a", "b"}).f32s("tokenizer.ggml.scores", {0});
  EXPECT_THAT(input_error([&] { tokenizer_of(dir / "lengths.gguf", lengths); }),
              HasSubstr("tokenizer.ggml.scores: has 1 entries for 2 tokens; expected one per token"));
  GgufBuilder merge;
  merge.string("tokenizer.ggml.model", "gpt2").strings("tokenizer.ggml.tokens", {"a", "b"}).strings("tokenizer.ggml.merges", {"a b"});
  EXPECT_THAT(input_error([&] { tokenizer_of(dir / "merge.gguf", merge); }),
              HasSubstr("tokenizer.ggml.merges: merge 0 \"a b\": \"ab\" is not in tokenizer.ggml.tokens"));
  GgufBuilder no_merges;
  no_merges.string("tokenizer.ggml.model", "llama").strings("tokenizer.ggml.tokens", {"a"});
  EXPECT_THAT(input_error([&] { tokenizer_of(dir / "none.gguf", no_merges); }),
              HasSubstr("tokenizer.ggml.merges: missing, and no tokenizer.ggml.scores to derive the merges from"));
  GgufBuilder bos_missing;
  bos_missing.string("tokenizer.ggml.model", "llama").strings("tokenizer.ggml.tokens", {"a"}).f32s("tokenizer.ggml.scores", {0});
  EXPECT_THAT(input_error([&] { tokenizer_of(dir / "bos.gguf", bos_missing); }),
              HasSubstr("tokenizer.ggml.bos_token_id: missing, but the tokenizer adds a bos token (add_bos_token)"));
}

// ---------------------------------------------------------------------------------------------
// The import cache behind every command's MODEL argument

class GgufCache : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fresh_dir();
    ::setenv("SPARSETUNE_GGUF_CACHE", (dir_ / "cache").c_str(), 1);
  }
  void TearDown() override { ::unsetenv("SPARSETUNE_GGUF_CACHE"); }
  fs::path dir_;
};

TEST_F(GgufCache, ImportsOnceAndAgainWhenTheFileChanges) {
  const fs::path gguf = dir_ / "tiny.gguf";
  test::write_file(gguf, tiny_llama().bytes());
  EXPECT_EQ(model_directory(dir_), dir_);  // a directory is used as it is
  const fs::path first = model_directory(gguf);
  EXPECT_EQ(first.parent_path(), dir_ / "cache");
  EXPECT_THAT(first.filename().string(), ::testing::StartsWith("tiny-"));
  ASSERT_TRUE(fs::exists(first / "model.safetensors"));
  const auto written = fs::last_write_time(first / "config.json");
  EXPECT_EQ(model_directory(gguf), first);
  EXPECT_EQ(fs::last_write_time(first / "config.json"), written);  // reused, not imported again

  // A changed file (another size and time) gets a new import; the stale one goes.
  test::write_file(gguf, tiny_gpt2(true).bytes());
  fs::last_write_time(gguf, fs::last_write_time(gguf) + std::chrono::seconds(5));
  const fs::path second = model_directory(gguf);
  EXPECT_NE(second, first);
  EXPECT_FALSE(fs::exists(first));
  EXPECT_EQ(ModelConfig::from_file(second / "config.json").arch, Architecture::GPT2);
}

TEST_F(GgufCache, ReportsABadFileWithoutLeavingAnImport) {
  const fs::path gguf = dir_ / "bad.gguf";
  test::write_file(gguf, "GGUF");
  EXPECT_THAT(input_error([&] { model_directory(gguf); }), HasSubstr(gguf.string() + ": version:"));
  EXPECT_TRUE(!fs::exists(dir_ / "cache") || fs::is_empty(dir_ / "cache"));
}

}  // namespace
}  // namespace sparsetune
