#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/util/mapped_file.h"

namespace sparsetune {

// Metadata value types of the GGUF format, numbered as in the file.
enum class GgufType : uint32_t {
  U8 = 0, I8 = 1, U16 = 2, I16 = 3, U32 = 4, I32 = 5, F32 = 6, Bool = 7, String = 8, Array = 9, U64 = 10,
  I64 = 11, F64 = 12,
};
std::string gguf_type_name(GgufType type);  // "uint32", "string", "array", ...

// ggml's tensor types, numbered as in the file. Only the ones gguf_dequantize.h converts are used
// for weights; the rest are known so that their sizes can be checked and they can be named.
enum class GgmlType : uint32_t {
  F32 = 0, F16 = 1, Q4_0 = 2, Q4_1 = 3, Q5_0 = 6, Q5_1 = 7, Q8_0 = 8, Q8_1 = 9, Q2_K = 10, Q3_K = 11,
  Q4_K = 12, Q5_K = 13, Q6_K = 14, Q8_K = 15, IQ2_XXS = 16, IQ2_XS = 17, IQ3_XXS = 18, IQ1_S = 19,
  IQ4_NL = 20, IQ3_S = 21, IQ2_S = 22, IQ4_XS = 23, I8 = 24, I16 = 25, I32 = 26, I64 = 27, F64 = 28,
  IQ1_M = 29, BF16 = 30, TQ1_0 = 34, TQ2_0 = 35, MXFP4 = 39, NVFP4 = 40, Q1_0 = 41,
};
std::string ggml_type_name(GgmlType type);  // "Q4_K", ...
// Elements per block and bytes per block (1 and the element size for the plain types).
int64_t ggml_block_size(GgmlType type);
int64_t ggml_block_bytes(GgmlType type);

// One metadata value, pointing into the file's mapping. Arrays of numbers are not unpacked (a
// vocabulary's scores stay in the file); arrays of strings and of arrays hold one value per element.
class GgufValue {
 public:
  GgufType type() const { return type_; }
  // Scalars. integer(): any integer type whose value fits int64; number(): any integer or float type.
  std::optional<int64_t> integer() const;
  std::optional<double> number() const;
  std::optional<bool> boolean() const;
  std::optional<std::string_view> string() const;
  // Arrays: the element type (of the first level) and the number of elements.
  GgufType element_type() const { return element_type_; }
  uint64_t size() const { return type_ == GgufType::Array ? count_ : 0; }
  GgufValue element(uint64_t index) const;
  // For messages: "uint32 7", "string \"gpt2\"", "array of 3 float32".
  std::string describe() const;

 private:
  friend class GgufParser;
  GgufType type_ = GgufType::U8;
  GgufType element_type_ = GgufType::U8;
  const std::byte* bytes_ = nullptr;  // a scalar's bytes, a string's characters, an array's elements
  uint64_t count_ = 0;                // a string's bytes, an array's elements
  std::vector<GgufValue> items_;      // elements of arrays of strings and of arrays
};

// One entry of the tensor table. dims[0] is ggml's ne[0], the length of a row (the contiguous
// direction, along which the blocks of a quantized type run).
struct GgufTensor {
  std::string name;
  GgmlType type = GgmlType::F32;
  std::vector<int64_t> dims;
  uint64_t offset = 0;  // from the start of the data section
  uint64_t bytes = 0;
  int64_t numel = 0;
  // Row-major shape, as numpy, torch and Hugging Face checkpoints see it: dims reversed.
  std::vector<int64_t> shape() const;
};

// A GGUF file (version 2 or 3, little-endian), memory-mapped and fully validated on open: magic,
// version, counts bounded by the bytes left, every string and array inside the file, known value and
// tensor types, valid UTF-8 keys and strings, no key or tensor name twice, general.alignment a power
// of two, at most 4 dimensions, element and byte counts that fit in 64 bits, rows a whole number of
// blocks, offsets aligned, tensors inside the file and not overlapping. Any violation throws one
// InputError naming the file and the key, tensor or header field; nothing is allocated from a count
// before the bytes it promises are known to be there.
class GgufFile {
 public:
  static std::shared_ptr<GgufFile> open(const std::filesystem::path& path);

  const std::filesystem::path& path() const { return mapping_->path(); }
  uint32_t version() const { return version_; }
  uint64_t alignment() const { return alignment_; }
  uint64_t data_offset() const { return data_offset_; }  // absolute offset of the data section

  const std::vector<std::pair<std::string, GgufValue>>& metadata() const { return metadata_; }  // file order
  const GgufValue* find(std::string_view key) const;
  const std::vector<GgufTensor>& tensors() const { return tensors_; }  // file order
  const GgufTensor* find_tensor(std::string_view name) const;
  const std::byte* data(const GgufTensor& tensor) const { return mapping_->data() + data_offset_ + tensor.offset; }

  // Typed metadata, nullopt when the key is absent; InputError(file, key, ...) when it holds another
  // type (integers: any integer type, a value in [min, 2^63); numbers: any integer or float type).
  std::optional<int64_t> integer(std::string_view key, int64_t min = 0) const;
  std::optional<double> number(std::string_view key) const;
  std::optional<bool> boolean(std::string_view key) const;
  std::optional<std::string_view> string(std::string_view key) const;
  // An array whose elements all have type `element` (for integer elements: any integer type).
  const GgufValue* array(std::string_view key, GgufType element) const;
  [[noreturn]] void fail(std::string_view key, const std::string& problem) const;

 private:
  friend class GgufParser;
  std::shared_ptr<MappedFile> mapping_;
  uint32_t version_ = 0;
  uint64_t alignment_ = 32;
  uint64_t data_offset_ = 0;
  std::vector<std::pair<std::string, GgufValue>> metadata_;
  std::map<std::string, std::size_t, std::less<>> metadata_index_;
  std::vector<GgufTensor> tensors_;
  std::map<std::string, std::size_t, std::less<>> tensor_index_;
};

}  // namespace sparsetune
