// A GGUF writer for tests: valid files byte by byte, with every count, length and offset open to
// tampering, so each corrupt case is exactly one wrong field.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/gguf_file.h"

namespace sparsetune::test {

inline std::string le32(uint32_t v) { return std::string(reinterpret_cast<const char*>(&v), 4); }
inline std::string le64(uint64_t v) { return std::string(reinterpret_cast<const char*>(&v), 8); }
inline std::string gguf_string(std::string_view s) { return le64(s.size()) + std::string(s); }
inline std::string f32_bytes(const std::vector<float>& values) {
  return std::string(reinterpret_cast<const char*>(values.data()), values.size() * 4);
}

class GgufBuilder {
 public:
  uint32_t version = 3;
  uint64_t alignment = 32;  // how tensor data is laid out; general.alignment is a key like any other
  // Written as they are: tests overwrite them to make the counts lie.
  uint64_t kv_count = 0;
  uint64_t tensor_count = 0;

  // A key/value pair whose value bytes are given raw (after the type).
  GgufBuilder& raw(std::string_view key, GgufType type, const std::string& value) {
    kv_ += gguf_string(key) + le32(static_cast<uint32_t>(type)) + value;
    ++kv_count;
    return *this;
  }
  GgufBuilder& u32(std::string_view key, uint32_t v) { return raw(key, GgufType::U32, le32(v)); }
  GgufBuilder& i32(std::string_view key, int32_t v) { return raw(key, GgufType::I32, le32(static_cast<uint32_t>(v))); }
  GgufBuilder& f32(std::string_view key, float v) {
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    return raw(key, GgufType::F32, le32(bits));
  }
  GgufBuilder& boolean(std::string_view key, bool v) { return raw(key, GgufType::Bool, std::string(1, v ? '\1' : '\0')); }
  GgufBuilder& string(std::string_view key, std::string_view v) { return raw(key, GgufType::String, gguf_string(v)); }
  GgufBuilder& strings(std::string_view key, const std::vector<std::string>& v) {
    std::string bytes = le32(static_cast<uint32_t>(GgufType::String)) + le64(v.size());
    for (const auto& s : v) bytes += gguf_string(s);
    return raw(key, GgufType::Array, bytes);
  }
  GgufBuilder& i32s(std::string_view key, const std::vector<int32_t>& v) {
    std::string bytes = le32(static_cast<uint32_t>(GgufType::I32)) + le64(v.size());
    for (int32_t x : v) bytes += le32(static_cast<uint32_t>(x));
    return raw(key, GgufType::Array, bytes);
  }
  GgufBuilder& f32s(std::string_view key, const std::vector<float>& v) {
    return raw(key, GgufType::Array, le32(static_cast<uint32_t>(GgufType::F32)) + le64(v.size()) + f32_bytes(v));
  }

  // A tensor info with raw fields, its data placed at `offset` of the data section.
  GgufBuilder& raw_tensor(std::string_view name, const std::vector<uint64_t>& dims, uint32_t type, uint64_t offset,
                          const std::string& data) {
    infos_ += gguf_string(name) + le32(static_cast<uint32_t>(dims.size()));
    for (uint64_t d : dims) infos_ += le64(d);
    infos_ += le32(type) + le64(offset);
    if (data_.size() < offset + data.size()) data_.resize(offset + data.size(), '\0');
    data_.replace(offset, data.size(), data);
    ++tensor_count;
    return *this;
  }
  // A tensor with `dims` in ggml order (dims[0] is the row length), after the previous one, aligned.
  GgufBuilder& tensor(std::string_view name, GgmlType type, const std::vector<uint64_t>& dims, const std::string& data) {
    const uint64_t offset = (data_.size() + alignment - 1) / alignment * alignment;
    return raw_tensor(name, dims, static_cast<uint32_t>(type), offset, data);
  }
  GgufBuilder& f32_tensor(std::string_view name, const std::vector<uint64_t>& dims, const std::vector<float>& values) {
    return tensor(name, GgmlType::F32, dims, f32_bytes(values));
  }

  std::string header() const { return "GGUF" + le32(version) + le64(tensor_count) + le64(kv_count); }
  // Header, metadata and tensor infos: where the data section's padding starts.
  std::string prefix() const { return header() + kv_ + infos_; }
  std::string bytes() const {
    std::string out = prefix();
    out.resize((out.size() + alignment - 1) / alignment * alignment, '\0');
    return out + data_;
  }

 private:
  std::string kv_;
  std::string infos_;
  std::string data_;
};

}  // namespace sparsetune::test
