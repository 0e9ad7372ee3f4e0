#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/util/mapped_file.h"

namespace sparsetune {

// Element types of the safetensors format (names as written in the header).
enum class DType { BOOL, U8, I8, I16, U16, F16, BF16, I32, U32, F32, I64, U64, F64, F8_E4M3, F8_E5M2 };

std::size_t dtype_size(DType dtype);
std::string dtype_name(DType dtype);
std::optional<DType> parse_dtype(const std::string& name);

struct TensorInfo {
  std::string name;
  DType dtype;
  std::vector<int64_t> shape;
  uint64_t begin = 0;  // byte offsets relative to the start of the data section
  uint64_t end = 0;
  int64_t numel() const;
};

// A .safetensors file, memory-mapped and fully validated on open: header length inside the file,
// valid JSON object, known dtypes, non-negative shapes, offsets inside the data section, byte count
// equal to numel * dtype size, no overlapping tensors, no holes, no duplicate names. Any violation
// throws InputError naming the file and the tensor/field.
class SafetensorsFile {
 public:
  static std::shared_ptr<SafetensorsFile> open(const std::filesystem::path& path);

  const std::filesystem::path& path() const { return file_->path(); }
  const std::vector<TensorInfo>& tensors() const { return tensors_; }  // in data-offset order
  const TensorInfo* find(const std::string& name) const;
  const std::map<std::string, std::string>& metadata() const { return metadata_; }
  // Pointer to the first byte of a tensor inside the (copy-on-write) mapping.
  std::byte* data(const TensorInfo& info);
  const std::shared_ptr<MappedFile>& mapping() const { return file_; }

 private:
  std::shared_ptr<MappedFile> file_;
  uint64_t data_start_ = 0;
  std::vector<TensorInfo> tensors_;
  std::map<std::string, std::size_t> index_;
  std::map<std::string, std::string> metadata_;
};

// One tensor to write: raw little-endian bytes, row-major, `shape` and `dtype` as in the header.
struct TensorBytes {
  std::string name;
  DType dtype;
  std::vector<int64_t> shape;
  const void* data;
};

// Writes a .safetensors file through a temporary file renamed into place, laid out as the reference
// writer does: data ordered by element size (largest first, so every tensor is aligned to its element
// size and loads zero-copy), then by name; header keys in data order after "__metadata__"; header
// padded with spaces to a multiple of 8 bytes. With at most one metadata key (transformers writes
// {"format": "pt"}) the bytes are identical; the reference orders several keys at random.
void write_safetensors(const std::filesystem::path& path, const std::vector<TensorBytes>& tensors,
                       const std::map<std::string, std::string>& metadata = {});

}  // namespace sparsetune
