#include "core/model/safetensors.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <numeric>
#include <vector>

#include "tests/io/io_test_util.h"

namespace sparsetune {
namespace {

using test::fresh_dir;
using test::input_error;
using test::safetensors_bytes;
using ::testing::AllOf;
using ::testing::HasSubstr;

// Writes a hand-built file and returns the message of the InputError that opening it throws.
std::string open_error(const std::string& header, const std::string& data = "") {
  const auto path = fresh_dir() / "bad.safetensors";
  test::write_file(path, safetensors_bytes(header, data));
  return input_error([&] { SafetensorsFile::open(path); });
}

// ---- the file and its header -------------------------------------------------------------------

TEST(SafetensorsOpen, FileShorterThanHeaderLength) {
  const auto path = fresh_dir() / "short.safetensors";
  test::write_file(path, "abc");
  EXPECT_THAT(input_error([&] { SafetensorsFile::open(path); }),
              AllOf(HasSubstr("short.safetensors"), HasSubstr("header length"), HasSubstr("file has 3 bytes"),
                    HasSubstr("8-byte header length")));
}

TEST(SafetensorsOpen, EmptyFile) {
  const auto path = fresh_dir() / "empty.safetensors";
  test::write_file(path, "");
  EXPECT_THAT(input_error([&] { SafetensorsFile::open(path); }),
              AllOf(HasSubstr("empty.safetensors"), HasSubstr("header length"), HasSubstr("file has 0 bytes")));
}

TEST(SafetensorsOpen, MissingFile) {
  const auto path = fresh_dir() / "absent.safetensors";
  EXPECT_THAT(input_error([&] { SafetensorsFile::open(path); }),
              AllOf(HasSubstr("absent.safetensors"), HasSubstr("cannot open")));
}

TEST(SafetensorsOpen, HeaderLengthPastEndOfFile) {
  std::string bytes = safetensors_bytes("{}", "");
  uint64_t n = 1000;
  std::memcpy(bytes.data(), &n, 8);
  const auto path = fresh_dir() / "bad.safetensors";
  test::write_file(path, bytes);
  EXPECT_THAT(input_error([&] { SafetensorsFile::open(path); }),
              AllOf(HasSubstr("bad.safetensors"), HasSubstr("header length"), HasSubstr("1000 bytes"),
                    HasSubstr("past the end of the file"), HasSubstr("(2 bytes follow")));
}

TEST(SafetensorsOpen, HeaderLengthAbsurd) {
  std::string bytes = safetensors_bytes("{}", "");
  uint64_t n = uint64_t{1} << 40;
  std::memcpy(bytes.data(), &n, 8);
  const auto path = fresh_dir() / "bad.safetensors";
  test::write_file(path, bytes);
  EXPECT_THAT(input_error([&] { SafetensorsFile::open(path); }),
              AllOf(HasSubstr("bad.safetensors"), HasSubstr("header length"), HasSubstr("100 MB limit")));
}

TEST(SafetensorsOpen, HeaderNotJson) {
  EXPECT_THAT(open_error("{\"w\": nope}   "),
              AllOf(HasSubstr("bad.safetensors"), HasSubstr(": header: "), HasSubstr("not valid JSON")));
}

TEST(SafetensorsOpen, EmptyHeader) {
  EXPECT_THAT(open_error(""), AllOf(HasSubstr("bad.safetensors"), HasSubstr(": header: "), HasSubstr("not valid JSON")));
}

TEST(SafetensorsOpen, HeaderInvalidUtf8) {
  EXPECT_THAT(open_error("{\"w\xff\": {}}"),
              AllOf(HasSubstr("bad.safetensors"), HasSubstr(": header: "), HasSubstr("not valid JSON"), HasSubstr("UTF-8")));
}

TEST(SafetensorsOpen, HeaderNotAnObject) {
  EXPECT_THAT(open_error("[1, 2]  "),
              AllOf(HasSubstr("bad.safetensors"), HasSubstr(": header: "), HasSubstr("is array; expected a JSON object")));
}

TEST(SafetensorsOpen, DuplicateTensorName) {
  // nlohmann alone would keep the second entry and accept the file.
  EXPECT_THAT(open_error(R"({"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},)"
                         R"("w":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}})",
                         "ab"),
              AllOf(HasSubstr("bad.safetensors: w: "), HasSubstr("appears twice")));
}

TEST(SafetensorsOpen, DuplicateKeyInsideEntry) {
  EXPECT_THAT(open_error(R"({"w":{"dtype":"U8","dtype":"F32","shape":[1],"data_offsets":[0,1]}})", "a"),
              AllOf(HasSubstr("bad.safetensors: w.dtype: "), HasSubstr("appears twice")));
}

// ---- tensor entries ----------------------------------------------------------------------------

TEST(SafetensorsOpen, EntryNotAnObject) {
  EXPECT_THAT(open_error(R"({"w": 5})"),
              AllOf(HasSubstr("bad.safetensors: w: "), HasSubstr("expected an object with \"dtype\"")));
}

TEST(SafetensorsOpen, MissingDtype) {
  EXPECT_THAT(open_error(R"({"w":{"shape":[1],"data_offsets":[0,1]}})", "a"),
              AllOf(HasSubstr("bad.safetensors: w: "), HasSubstr("\"dtype\" missing"), HasSubstr("expected one of"),
                    HasSubstr("BF16")));
}

TEST(SafetensorsOpen, DtypeNotAString) {
  EXPECT_THAT(open_error(R"({"w":{"dtype":7,"shape":[1],"data_offsets":[0,1]}})", "a"),
              AllOf(HasSubstr("bad.safetensors: w: "), HasSubstr("\"dtype\" is not a string")));
}

TEST(SafetensorsOpen, UnknownDtypeListsTheKnownOnes) {
  EXPECT_THAT(open_error(R"({"w":{"dtype":"F4","shape":[1],"data_offsets":[0,1]}})", "a"),
              AllOf(HasSubstr("bad.safetensors: w: "), HasSubstr("unknown dtype \"F4\""),
                    HasSubstr("known: U64, I64, F64, F32"), HasSubstr("F8_E4M3"), HasSubstr("BOOL")));
}

TEST(SafetensorsOpen, MissingShape) {
  EXPECT_THAT(open_error(R"({"w":{"dtype":"U8","data_offsets":[0,1]}})", "a"),
              AllOf(HasSubstr("bad.safetensors: w: "), HasSubstr("\"shape\" missing"),
                    HasSubstr("expected an array of non-negative integers")));
}

TEST(SafetensorsOpen, ShapeNotAnArray) {
  EXPECT_THAT(open_error(R"({"w":{"dtype":"U8","shape":"1","data_offsets":[0,1]}})", "a"),
              AllOf(HasSubstr("bad.safetensors: w: "), HasSubstr("\"shape\" is not an array")));
}

TEST(SafetensorsOpen, NegativeDimension) {
  EXPECT_THAT(open_error(R"({"w":{"dtype":"U8","shape":[2,-3],"data_offsets":[0,0]}})"),
              AllOf(HasSubstr("bad.safetensors: w: "), HasSubstr("dimension 1 is -3"),
                    HasSubstr("expected a non-negative integer")));
}

TEST(SafetensorsOpen, FractionalDimension) {
  EXPECT_THAT(open_error(R"({"w":{"dtype":"U8","shape":[1.5],"data_offsets":[0,1]}})", "a"),
              AllOf(HasSubstr("bad.safetensors: w: "), HasSubstr("dimension 0 is 1.5")));
}

TEST(SafetensorsOpen, ShapeOverflow) {
  EXPECT_THAT(open_error(R"({"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}})", "abcd"),
              AllOf(HasSubstr("bad.safetensors: w: "), HasSubstr("more elements than fit in 64 bits")));
}

TEST(SafetensorsOpen, MissingDataOffsets) {
  EXPECT_THAT(open_error(R"({"w":{"dtype":"U8","shape":[1]}})", "a"),
              AllOf(HasSubstr("bad.safetensors: w: "), HasSubstr("\"data_offsets\" missing"),
                    HasSubstr("expected [begin, end]")));
}

TEST(SafetensorsOpen, DataOffsetsWrongLength) {
  EXPECT_THAT(open_error(R"({"w":{"dtype":"U8","shape":[1],"data_offsets":[0]}})", "a"),
              AllOf(HasSubstr("bad.safetensors: w: "), HasSubstr("\"data_offsets\" is [0]"), HasSubstr("expected [begin, end]")));
}

TEST(SafetensorsOpen, DataOffsetsNegative) {
  EXPECT_THAT(open_error(R"({"w":{"dtype":"U8","shape":[1],"data_offsets":[-1,0]}})", "a"),
              AllOf(HasSubstr("bad.safetensors: w: "), HasSubstr("\"data_offsets\" is [-1,0]"),
                    HasSubstr("non-negative integers")));
}

TEST(SafetensorsOpen, DataOffsetsBeginAfterEnd) {
  EXPECT_THAT(open_error(R"({"w":{"dtype":"U8","shape":[0],"data_offsets":[4,2]}})", "abcd"),
              AllOf(HasSubstr("bad.safetensors: w: "), HasSubstr("\"data_offsets\" is [4,2]"), HasSubstr("begin <= end")));
}

TEST(SafetensorsOpen, EndPastDataSection) {
  EXPECT_THAT(open_error(R"({"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})", "12345678"),
              AllOf(HasSubstr("bad.safetensors: w: "), HasSubstr("end 16 is past the end of the data section (8 bytes)")));
}

TEST(SafetensorsOpen, ByteCountDiffersFromShape) {
  EXPECT_THAT(open_error(R"({"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}})", std::string(12, 'x')),
              AllOf(HasSubstr("bad.safetensors: w: "), HasSubstr("span 12 bytes"), HasSubstr("needs 16 bytes"),
                    HasSubstr("4 elements x 4 bytes")));
}

TEST(SafetensorsOpen, OverlappingTensors) {
  EXPECT_THAT(open_error(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                         R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})",
                         std::string(12, 'x')),
              AllOf(HasSubstr("bad.safetensors: b: "), HasSubstr("[4, 12] overlap tensor \"a\""), HasSubstr("ends at 8")));
}

TEST(SafetensorsOpen, HoleBetweenTensors) {
  EXPECT_THAT(open_error(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                         R"("b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}})",
                         std::string(12, 'x')),
              AllOf(HasSubstr("bad.safetensors: b: "), HasSubstr("hole of 4 unused bytes after tensor \"a\""),
                    HasSubstr("packed without gaps")));
}

TEST(SafetensorsOpen, HoleAtStartOfData) {
  EXPECT_THAT(open_error(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", std::string(8, 'x')),
              AllOf(HasSubstr("bad.safetensors: a: "), HasSubstr("hole of 4 unused bytes after the start of the data section")));
}

TEST(SafetensorsOpen, UnusedTrailingBytes) {
  EXPECT_THAT(open_error(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})", std::string(8, 'x')),
              AllOf(HasSubstr("bad.safetensors: data: "), HasSubstr("4 unused bytes after the last tensor"),
                    HasSubstr("data section has 8 bytes, tensors end at 4")));
}

TEST(SafetensorsOpen, DataWithoutTensors) {
  EXPECT_THAT(open_error("{}", "x"), AllOf(HasSubstr("bad.safetensors: data: "), HasSubstr("1 unused bytes")));
}

TEST(SafetensorsOpen, MetadataNotAnObject) {
  EXPECT_THAT(open_error(R"({"__metadata__":"pt"})"),
              AllOf(HasSubstr("bad.safetensors: __metadata__: "), HasSubstr("expected an object mapping strings to strings")));
}

TEST(SafetensorsOpen, MetadataValueNotAString) {
  EXPECT_THAT(open_error(R"({"__metadata__":{"format":"pt","step":3}})"),
              AllOf(HasSubstr("bad.safetensors: __metadata__.step: "), HasSubstr("is 3; expected a string")));
}

// ---- valid files -------------------------------------------------------------------------------

TEST(SafetensorsOpen, ReadsAHandBuiltFile) {
  // Header padded with spaces, scalar and empty tensors, entries in any order, unknown keys ignored.
  const std::string header = R"({"b":{"dtype":"I16","shape":[],"data_offsets":[4,6]},)"
                             R"("a":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"note":1},)"
                             R"("e":{"dtype":"F64","shape":[0,3],"data_offsets":[6,6]},)"
                             R"("__metadata__":{"format":"pt"}}   )";
  float a = 1.5f;
  int16_t b = -7;
  std::string data(6, '\0');
  std::memcpy(data.data(), &a, 4);
  std::memcpy(data.data() + 4, &b, 2);
  const auto path = fresh_dir() / "ok.safetensors";
  test::write_file(path, safetensors_bytes(header, data));

  auto file = SafetensorsFile::open(path);
  ASSERT_EQ(file->tensors().size(), 3u);
  EXPECT_EQ(file->tensors()[0].name, "a");  // data-offset order
  EXPECT_EQ(file->tensors()[1].name, "b");
  EXPECT_EQ(file->metadata(), (std::map<std::string, std::string>{{"format", "pt"}}));
  const TensorInfo* ib = file->find("b");
  ASSERT_NE(ib, nullptr);
  EXPECT_EQ(ib->dtype, DType::I16);
  EXPECT_TRUE(ib->shape.empty());
  EXPECT_EQ(ib->numel(), 1);
  int16_t got_b = 0;
  std::memcpy(&got_b, file->data(*ib), 2);
  EXPECT_EQ(got_b, -7);
  float got_a = 0;
  std::memcpy(&got_a, file->data(*file->find("a")), 4);
  EXPECT_EQ(got_a, 1.5f);
  EXPECT_EQ(file->find("e")->numel(), 0);
  EXPECT_EQ(file->find("missing"), nullptr);
}

TEST(SafetensorsOpen, EmptyHeaderObjectIsValid) {
  const auto path = fresh_dir() / "none.safetensors";
  test::write_file(path, safetensors_bytes("{}      ", ""));
  EXPECT_TRUE(SafetensorsFile::open(path)->tensors().empty());
}

TEST(Safetensors, DtypeNamesAndSizes) {
  const std::vector<std::pair<std::string, std::size_t>> expected = {
      {"BOOL", 1}, {"U8", 1},  {"I8", 1},  {"I16", 2}, {"U16", 2}, {"F16", 2},     {"BF16", 2},   {"I32", 4},
      {"U32", 4},  {"F32", 4}, {"I64", 8}, {"U64", 8}, {"F64", 8}, {"F8_E4M3", 1}, {"F8_E5M2", 1}};
  for (const auto& [name, size] : expected) {
    auto dtype = parse_dtype(name);
    ASSERT_TRUE(dtype) << name;
    EXPECT_EQ(dtype_name(*dtype), name);
    EXPECT_EQ(dtype_size(*dtype), size) << name;
  }
  EXPECT_FALSE(parse_dtype("f32"));
  EXPECT_FALSE(parse_dtype("F4"));
}

// ---- the writer --------------------------------------------------------------------------------

TEST(SafetensorsWrite, RoundTripsEveryDtype) {
  const std::vector<DType> all = {DType::BOOL, DType::U8,  DType::I8,  DType::I16, DType::U16,
                                  DType::F16,  DType::BF16, DType::I32, DType::U32, DType::F32,
                                  DType::I64,  DType::U64, DType::F64, DType::F8_E4M3, DType::F8_E5M2};
  std::vector<std::vector<unsigned char>> buffers;
  std::vector<TensorBytes> tensors;
  for (std::size_t i = 0; i < all.size(); ++i) {
    // Odd element counts so that sizes alone would misalign the next tensor if order were by name.
    std::vector<int64_t> shape = {static_cast<int64_t>(i % 3 + 1), 3};
    std::vector<unsigned char> bytes(static_cast<std::size_t>(shape[0] * shape[1]) * dtype_size(all[i]));
    for (std::size_t b = 0; b < bytes.size(); ++b) bytes[b] = static_cast<unsigned char>((b * 37 + i * 11) & 0xff);
    if (all[i] == DType::BOOL) {
      for (auto& b : bytes) b &= 1;
    }
    buffers.push_back(std::move(bytes));
    tensors.push_back({dtype_name(all[i]) + "_tensor", all[i], shape, buffers.back().data()});
  }
  tensors.push_back({"scalar", DType::F32, {}, buffers[9].data()});
  tensors.push_back({"empty", DType::BF16, {0, 4}, nullptr});
  const auto path = fresh_dir() / "all.safetensors";
  write_safetensors(path, tensors, {{"format", "pt"}, {"note", "round trip"}});

  auto file = SafetensorsFile::open(path);
  EXPECT_EQ(file->metadata().at("note"), "round trip");
  ASSERT_EQ(file->tensors().size(), tensors.size());
  for (const auto& t : tensors) {
    const TensorInfo* info = file->find(t.name);
    ASSERT_NE(info, nullptr) << t.name;
    EXPECT_EQ(info->dtype, t.dtype) << t.name;
    EXPECT_EQ(info->shape, t.shape) << t.name;
    const auto n = static_cast<std::size_t>(info->numel()) * dtype_size(t.dtype);
    EXPECT_EQ(info->end - info->begin, n) << t.name;
    if (n > 0) {
      EXPECT_EQ(std::memcmp(file->data(*info), t.data, n), 0) << t.name;
    }
    // Data start is 8-aligned and tensors are ordered by element size: every tensor is aligned.
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(file->data(*info)) % dtype_size(t.dtype), 0u) << t.name;
  }
}

TEST(SafetensorsWrite, HeaderLayoutMatchesTheReferenceWriter) {
  std::vector<unsigned char> bytes(64, 1);
  const auto path = fresh_dir() / "layout.safetensors";
  write_safetensors(path,
                    {{"z", DType::U8, {3}, bytes.data()},
                     {"b", DType::F32, {2}, bytes.data()},
                     {"a", DType::F32, {1}, bytes.data()},
                     {"m", DType::I64, {1}, bytes.data()}},
                    {{"format", "pt"}});
  const std::string raw = test::read_file(path);
  uint64_t n = 0;
  std::memcpy(&n, raw.data(), 8);
  EXPECT_EQ(n % 8, 0u);
  ASSERT_EQ(raw.size(), 8 + n + 8 + 4 + 8 + 3);
  const std::string header = raw.substr(8, n);
  const std::size_t text_length = header.find_last_not_of(' ') + 1;
  EXPECT_EQ(n, (text_length + 7) / 8 * 8);  // padded with spaces to the next multiple of 8
  EXPECT_EQ(header.substr(0, text_length),
            R"({"__metadata__":{"format":"pt"},)"
            R"("m":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},)"
            R"("a":{"dtype":"F32","shape":[1],"data_offsets":[8,12]},)"
            R"("b":{"dtype":"F32","shape":[2],"data_offsets":[12,20]},)"
            R"("z":{"dtype":"U8","shape":[3],"data_offsets":[20,23]}})");
}

TEST(SafetensorsWrite, NoMetadataWritesNoMetadataKey) {
  const auto path = fresh_dir() / "plain.safetensors";
  write_safetensors(path, {});
  EXPECT_EQ(test::read_file(path).substr(8, 2), "{}");
  EXPECT_TRUE(SafetensorsFile::open(path)->metadata().empty());
}

TEST(SafetensorsWrite, RejectsDuplicateAndReservedNames) {
  const auto dir = fresh_dir();
  float v = 0;
  EXPECT_THAT(input_error([&] {
                write_safetensors(dir / "dup.safetensors", {{"w", DType::F32, {1}, &v}, {"w", DType::F32, {1}, &v}});
              }),
              AllOf(HasSubstr("dup.safetensors: w: "), HasSubstr("given twice")));
  EXPECT_THAT(input_error([&] { write_safetensors(dir / "meta.safetensors", {{"__metadata__", DType::F32, {1}, &v}}); }),
              AllOf(HasSubstr("meta.safetensors: __metadata__: "), HasSubstr("reserved")));
  EXPECT_THAT(input_error([&] { write_safetensors(dir / "neg.safetensors", {{"w", DType::F32, {-1}, &v}}); }),
              AllOf(HasSubstr("neg.safetensors: w: "), HasSubstr("negative dimension")));
  // Nothing is left behind by a rejected write.
  EXPECT_TRUE(std::filesystem::is_empty(dir));
}

TEST(SafetensorsWrite, ReplacesAnExistingFileAtomically) {
  const auto path = fresh_dir() / "w.safetensors";
  uint8_t one = 1, two = 2;
  write_safetensors(path, {{"w", DType::U8, {1}, &one}});
  auto before = SafetensorsFile::open(path);  // still mapped while the file is replaced
  write_safetensors(path, {{"w", DType::U8, {1}, &two}});
  EXPECT_EQ(static_cast<uint8_t>(*before->data(*before->find("w"))), 1);
  auto after = SafetensorsFile::open(path);
  EXPECT_EQ(static_cast<uint8_t>(*after->data(*after->find("w"))), 2);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(path.parent_path()), {}), 1);  // no temporaries
}

}  // namespace
}  // namespace sparsetune
