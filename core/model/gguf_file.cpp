#include "core/model/gguf_file.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <limits>

#include "core/util/error.h"
#include "core/util/text_file.h"

namespace sparsetune {

// The format stores little-endian numbers; we read them by plain memcpy.
static_assert(std::endian::native == std::endian::little, "GGUF reading assumes a little-endian host");

namespace {

constexpr uint32_t kMagic = 0x46554747;  // "GGUF" read as a little-endian uint32
constexpr int kMaxDims = 4;              // ggml's GGML_MAX_DIMS
// Arrays of arrays recurse; real files nest at most once, and a bound keeps a crafted file from
// exhausting the stack.
constexpr int kMaxArrayDepth = 8;
// The smallest encodings: a key/value pair is a key length, a type and at least one byte of value; a
// tensor info is a name length, a dimension count, a type and an offset.
constexpr uint64_t kMinKeyValueBytes = 8 + 4 + 1;
constexpr uint64_t kMinTensorInfoBytes = 8 + 4 + 4 + 8;

struct ValueTypeEntry {
  GgufType type;
  const char* name;
  uint64_t size;  // bytes of a scalar; the smallest encoding of a string (its length) or an array
};
constexpr std::array<ValueTypeEntry, 13> kValueTypes{{
    {GgufType::U8, "uint8", 1},   {GgufType::I8, "int8", 1},     {GgufType::U16, "uint16", 2},
    {GgufType::I16, "int16", 2},  {GgufType::U32, "uint32", 4},  {GgufType::I32, "int32", 4},
    {GgufType::F32, "float32", 4}, {GgufType::Bool, "bool", 1},  {GgufType::String, "string", 8},
    {GgufType::Array, "array", 12}, {GgufType::U64, "uint64", 8}, {GgufType::I64, "int64", 8},
    {GgufType::F64, "float64", 8},
}};

const ValueTypeEntry* value_type_entry(uint32_t raw) {
  for (const auto& e : kValueTypes) {
    if (static_cast<uint32_t>(e.type) == raw) return &e;
  }
  return nullptr;
}

struct TensorTypeEntry {
  GgmlType type;
  const char* name;
  int64_t block_size;
  int64_t block_bytes;
};
// Block layouts of ggml (ggml-common.h); QK_K = 256.
constexpr std::array<TensorTypeEntry, 34> kTensorTypes{{
    {GgmlType::F32, "F32", 1, 4},         {GgmlType::F16, "F16", 1, 2},
    {GgmlType::Q4_0, "Q4_0", 32, 18},     {GgmlType::Q4_1, "Q4_1", 32, 20},
    {GgmlType::Q5_0, "Q5_0", 32, 22},     {GgmlType::Q5_1, "Q5_1", 32, 24},
    {GgmlType::Q8_0, "Q8_0", 32, 34},     {GgmlType::Q8_1, "Q8_1", 32, 40},
    {GgmlType::Q2_K, "Q2_K", 256, 84},    {GgmlType::Q3_K, "Q3_K", 256, 110},
    {GgmlType::Q4_K, "Q4_K", 256, 144},   {GgmlType::Q5_K, "Q5_K", 256, 176},
    {GgmlType::Q6_K, "Q6_K", 256, 210},   {GgmlType::Q8_K, "Q8_K", 256, 292},
    {GgmlType::IQ2_XXS, "IQ2_XXS", 256, 66}, {GgmlType::IQ2_XS, "IQ2_XS", 256, 74},
    {GgmlType::IQ3_XXS, "IQ3_XXS", 256, 98}, {GgmlType::IQ1_S, "IQ1_S", 256, 50},
    {GgmlType::IQ4_NL, "IQ4_NL", 32, 18}, {GgmlType::IQ3_S, "IQ3_S", 256, 110},
    {GgmlType::IQ2_S, "IQ2_S", 256, 82},  {GgmlType::IQ4_XS, "IQ4_XS", 256, 136},
    {GgmlType::I8, "I8", 1, 1},           {GgmlType::I16, "I16", 1, 2},
    {GgmlType::I32, "I32", 1, 4},         {GgmlType::I64, "I64", 1, 8},
    {GgmlType::F64, "F64", 1, 8},         {GgmlType::IQ1_M, "IQ1_M", 256, 56},
    {GgmlType::BF16, "BF16", 1, 2},       {GgmlType::TQ1_0, "TQ1_0", 256, 54},
    {GgmlType::TQ2_0, "TQ2_0", 256, 66},  {GgmlType::MXFP4, "MXFP4", 32, 17},
    {GgmlType::NVFP4, "NVFP4", 64, 36},   {GgmlType::Q1_0, "Q1_0", 128, 18},
}};

const TensorTypeEntry* tensor_type_entry(uint32_t raw) {
  for (const auto& e : kTensorTypes) {
    if (static_cast<uint32_t>(e.type) == raw) return &e;
  }
  return nullptr;
}

const TensorTypeEntry& tensor_type_entry(GgmlType type) {
  const auto* e = tensor_type_entry(static_cast<uint32_t>(type));
  if (e == nullptr) throw Error("unknown GgmlType value " + std::to_string(static_cast<uint32_t>(type)));
  return *e;
}

template <class T>
T load(const std::byte* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

bool is_integer_type(GgufType t) {
  switch (t) {
    case GgufType::U8: case GgufType::I8: case GgufType::U16: case GgufType::I16: case GgufType::U32:
    case GgufType::I32: case GgufType::U64: case GgufType::I64: return true;
    default: return false;
  }
}

std::string dims_string(const std::vector<int64_t>& dims) {
  std::string s = "[";
  for (std::size_t i = 0; i < dims.size(); ++i) s += (i ? ", " : "") + std::to_string(dims[i]);
  return s + "]";
}

std::string quoted(std::string_view s) {
  constexpr std::size_t kMax = 60;
  return "\"" + std::string(s.substr(0, kMax)) + (s.size() > kMax ? "...\"" : "\"");
}

}  // namespace

std::string gguf_type_name(GgufType type) {
  const auto* e = value_type_entry(static_cast<uint32_t>(type));
  return e != nullptr ? e->name : "type " + std::to_string(static_cast<uint32_t>(type));
}

std::string ggml_type_name(GgmlType type) { return tensor_type_entry(type).name; }
int64_t ggml_block_size(GgmlType type) { return tensor_type_entry(type).block_size; }
int64_t ggml_block_bytes(GgmlType type) { return tensor_type_entry(type).block_bytes; }

std::optional<int64_t> GgufValue::integer() const {
  switch (type_) {
    case GgufType::U8: return load<uint8_t>(bytes_);
    case GgufType::I8: return load<int8_t>(bytes_);
    case GgufType::U16: return load<uint16_t>(bytes_);
    case GgufType::I16: return load<int16_t>(bytes_);
    case GgufType::U32: return load<uint32_t>(bytes_);
    case GgufType::I32: return load<int32_t>(bytes_);
    case GgufType::I64: return load<int64_t>(bytes_);
    case GgufType::U64: {
      const auto v = load<uint64_t>(bytes_);
      if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return std::nullopt;
      return static_cast<int64_t>(v);
    }
    default: return std::nullopt;
  }
}

std::optional<double> GgufValue::number() const {
  if (type_ == GgufType::F32) return load<float>(bytes_);
  if (type_ == GgufType::F64) return load<double>(bytes_);
  if (type_ == GgufType::U64) return static_cast<double>(load<uint64_t>(bytes_));
  if (auto i = integer()) return static_cast<double>(*i);
  return std::nullopt;
}

std::optional<bool> GgufValue::boolean() const {
  if (type_ != GgufType::Bool) return std::nullopt;
  return load<uint8_t>(bytes_) != 0;
}

std::optional<std::string_view> GgufValue::string() const {
  if (type_ != GgufType::String) return std::nullopt;
  return std::string_view(reinterpret_cast<const char*>(bytes_), count_);
}

GgufValue GgufValue::element(uint64_t index) const {
  if (type_ != GgufType::Array || index >= count_)
    throw Error("GgufValue::element(" + std::to_string(index) + ") of " + describe());
  if (!items_.empty()) return items_[index];
  GgufValue v;
  v.type_ = element_type_;
  v.bytes_ = bytes_ + index * value_type_entry(static_cast<uint32_t>(element_type_))->size;
  return v;
}

std::string GgufValue::describe() const {
  switch (type_) {
    case GgufType::String: return "string " + quoted(*string());
    case GgufType::Array: return "array of " + std::to_string(count_) + " " + gguf_type_name(element_type_);
    case GgufType::Bool: return std::string("bool ") + (*boolean() ? "true" : "false");
    case GgufType::F32:
    case GgufType::F64: return gguf_type_name(type_) + " " + std::to_string(*number());
    case GgufType::U64: return "uint64 " + std::to_string(load<uint64_t>(bytes_));
    default: return gguf_type_name(type_) + " " + std::to_string(*integer());
  }
}

std::vector<int64_t> GgufTensor::shape() const { return {dims.rbegin(), dims.rend()}; }

// Reads the file front to back; every read first checks that its bytes are there.
class GgufParser {
 public:
  explicit GgufParser(GgufFile& file)
      : file_(file), name_(file.path().string()), data_(file.mapping_->data()), size_(file.mapping_->size()) {}

  void parse() {
    if (size_ < 4) fail("magic", "the file has " + std::to_string(size_) + " bytes; a GGUF file starts with \"GGUF\"");
    if (load<uint32_t>(data_) != kMagic) fail("magic", "the file does not start with \"GGUF\"; not a GGUF file");
    pos_ = 4;
    const auto version = read<uint32_t>("version", "the version");
    // A file written on a big-endian machine has its version byte-swapped (3 reads as 0x03000000).
    if (version != 0 && (version & 0xFFFF) == 0)
      fail("version", "the file is big-endian (version reads as " + std::to_string(version) +
                          "); only little-endian GGUF files are supported");
    if (version != 2 && version != 3)
      fail("version", std::to_string(version) + " is not supported; expected 2 or 3" +
                          (version == 1 ? " (version 1 used 32-bit counts and is obsolete)" : ""));
    file_.version_ = version;
    const auto tensor_count = read<uint64_t>("tensor_count", "the tensor count");
    const auto kv_count = read<uint64_t>("kv_count", "the metadata count");
    if (kv_count > left() / kMinKeyValueBytes)
      fail("kv_count", std::to_string(kv_count) + " key/value pairs need at least " +
                           std::to_string(kMinKeyValueBytes) + " bytes each, but only " + std::to_string(left()) +
                           " bytes follow the header: the count runs past the end of the file");
    for (uint64_t i = 0; i < kv_count; ++i) read_key_value(i);
    read_alignment();
    if (tensor_count > left() / kMinTensorInfoBytes)
      fail("tensor_count", std::to_string(tensor_count) + " tensor infos need at least " +
                               std::to_string(kMinTensorInfoBytes) + " bytes each, but only " + std::to_string(left()) +
                               " bytes follow the metadata: the count runs past the end of the file");
    for (uint64_t i = 0; i < tensor_count; ++i) read_tensor_info(i);
    const uint64_t alignment = file_.alignment_;
    file_.data_offset_ = (pos_ + alignment - 1) / alignment * alignment;  // pos_ <= size_ < 2^63: no overflow
    check_tensor_data();
  }

 private:
  [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
    throw InputError(name_, field, problem);
  }
  uint64_t left() const { return size_ - pos_; }

  const std::byte* take(uint64_t n, const std::string& field, const std::string& what) {
    if (n > left())
      fail(field, "the file ends at byte " + std::to_string(size_) + ", inside " + what + " (" + std::to_string(n) +
                      " bytes from offset " + std::to_string(pos_) + "); truncated file");
    const std::byte* p = data_ + pos_;
    pos_ += n;
    return p;
  }
  template <class T>
  T read(const std::string& field, const std::string& what) {
    return load<T>(take(sizeof(T), field, what));
  }

  // A length-prefixed UTF-8 string.
  std::string_view read_string(const std::string& field, const std::string& what) {
    const auto length = read<uint64_t>(field, "the length of " + what);
    if (length > left())
      fail(field, "the length of " + what + " is " + std::to_string(length) + " bytes, past the end of the file (" +
                      std::to_string(left()) + " bytes left at offset " + std::to_string(pos_) + ")");
    const auto* p = reinterpret_cast<const char*>(take(length, field, what));
    std::string_view s(p, length);
    if (auto bad = find_invalid_utf8(s))
      fail(field, what + " is not valid UTF-8 (byte " + std::to_string(*bad) + " of " + std::to_string(length) + ")");
    return s;
  }

  GgufType read_value_type(const std::string& field, const std::string& what) {
    const auto raw = read<uint32_t>(field, what);
    const auto* e = value_type_entry(raw);
    if (e == nullptr) fail(field, what + " is " + std::to_string(raw) + ", not a GGUF value type (0 to 12)");
    return e->type;
  }

  GgufValue read_value(GgufType type, const std::string& field, int depth) {
    GgufValue v;
    v.type_ = type;
    if (type == GgufType::String) {
      const auto s = read_string(field, "a string value");
      v.bytes_ = reinterpret_cast<const std::byte*>(s.data());
      v.count_ = s.size();
    } else if (type == GgufType::Array) {
      if (depth >= kMaxArrayDepth)
        fail(field, "arrays nested deeper than " + std::to_string(kMaxArrayDepth) + " levels");
      v.element_type_ = read_value_type(field, "the element type of an array");
      v.count_ = read<uint64_t>(field, "the length of an array");
      const uint64_t element_size = value_type_entry(static_cast<uint32_t>(v.element_type_))->size;
      if (v.count_ > left() / element_size)
        fail(field, "an array of " + std::to_string(v.count_) + " " + gguf_type_name(v.element_type_) +
                        " needs at least " + std::to_string(element_size) + " bytes per element, but only " +
                        std::to_string(left()) + " bytes are left: the length runs past the end of the file");
      if (v.element_type_ == GgufType::String || v.element_type_ == GgufType::Array) {
        v.items_.reserve(v.count_);  // bounded by the bytes left, checked above
        for (uint64_t i = 0; i < v.count_; ++i) v.items_.push_back(read_value(v.element_type_, field, depth + 1));
      } else {
        v.bytes_ = take(v.count_ * element_size, field, "an array");
        if (v.element_type_ == GgufType::Bool) check_bools(v.bytes_, v.count_, field);
      }
    } else {
      v.bytes_ = take(value_type_entry(static_cast<uint32_t>(type))->size, field, "a " + gguf_type_name(type) + " value");
      if (type == GgufType::Bool) check_bools(v.bytes_, 1, field);
    }
    return v;
  }

  void check_bools(const std::byte* p, uint64_t n, const std::string& field) const {
    for (uint64_t i = 0; i < n; ++i) {
      if (static_cast<uint8_t>(p[i]) > 1)
        fail(field, "a bool is stored as " + std::to_string(static_cast<unsigned>(p[i])) + "; expected 0 or 1");
    }
  }

  void read_key_value(uint64_t index) {
    const std::string where = "metadata[" + std::to_string(index) + "]";
    const std::string key(read_string(where, "the key"));
    const GgufType type = read_value_type(key, "the value type");
    GgufValue value = read_value(type, key, 0);
    if (!file_.metadata_index_.emplace(key, file_.metadata_.size()).second)
      fail(key, "the key appears twice in the metadata; each key must be unique");
    file_.metadata_.emplace_back(key, std::move(value));
  }

  void read_alignment() {
    const GgufValue* v = file_.find("general.alignment");
    if (v == nullptr) return;
    if (v->type() != GgufType::U32)
      fail("general.alignment", "is " + v->describe() + "; expected a uint32 (a power of two)");
    const auto alignment = static_cast<uint64_t>(*v->integer());
    if (alignment == 0 || (alignment & (alignment - 1)) != 0)
      fail("general.alignment", std::to_string(alignment) + " is not a power of two");
    file_.alignment_ = alignment;
  }

  void read_tensor_info(uint64_t index) {
    GgufTensor t;
    t.name = std::string(read_string("tensor_info[" + std::to_string(index) + "]", "the tensor name"));
    const std::string& field = t.name;
    const auto n_dims = read<uint32_t>(field, "the dimension count");
    if (n_dims > kMaxDims)
      fail(field, std::to_string(n_dims) + " dimensions; ggml tensors have at most " + std::to_string(kMaxDims));
    int64_t numel = 1;
    for (uint32_t d = 0; d < n_dims; ++d) {
      const auto dim = read<uint64_t>(field, "dimension " + std::to_string(d));
      if (dim > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        fail(field, "dimension " + std::to_string(d) + " is " + std::to_string(dim) + "; expected less than 2^63");
      t.dims.push_back(static_cast<int64_t>(dim));
      if (__builtin_mul_overflow(numel, static_cast<int64_t>(dim), &numel))
        fail(field, "dimensions " + dims_string(t.dims) + " have more elements than fit in 64 bits");
    }
    t.numel = numel;
    const auto raw_type = read<uint32_t>(field, "the tensor type");
    const auto* type = tensor_type_entry(raw_type);
    if (type == nullptr) fail(field, "tensor type " + std::to_string(raw_type) + " is not a ggml type");
    t.type = type->type;
    const int64_t row = t.dims.empty() ? 1 : t.dims[0];
    if (row % type->block_size != 0)
      fail(field, "rows of " + std::to_string(row) + " elements are not a whole number of " + type->name +
                      " blocks (" + std::to_string(type->block_size) + " elements each)");
    int64_t bytes = 0;
    if (__builtin_mul_overflow(t.numel / type->block_size, type->block_bytes, &bytes))
      fail(field, "dimensions " + dims_string(t.dims) + " of " + type->name + " need more bytes than fit in 64 bits");
    t.bytes = static_cast<uint64_t>(bytes);
    t.offset = read<uint64_t>(field, "the data offset");
    if (!file_.tensor_index_.emplace(t.name, file_.tensors_.size()).second)
      fail(field, "the tensor name appears twice; each tensor must be unique");
    file_.tensors_.push_back(std::move(t));
  }

  void check_tensor_data() const {
    const uint64_t start = file_.data_offset_;
    const uint64_t data_size = start <= size_ ? size_ - start : 0;
    std::vector<const GgufTensor*> order;
    for (const auto& t : file_.tensors_) {
      if (t.offset % file_.alignment_ != 0)
        fail(t.name, "data offset " + std::to_string(t.offset) + " is not a multiple of the alignment (" +
                         std::to_string(file_.alignment_) + ")");
      if (t.offset > data_size || t.bytes > data_size - t.offset)
        fail(t.name, "data [" + std::to_string(t.offset) + ", " + std::to_string(t.offset) + " + " +
                         std::to_string(t.bytes) + ") runs past the end of the data section (" +
                         std::to_string(data_size) + " bytes from offset " + std::to_string(start) + "); truncated file");
      order.push_back(&t);
    }
    std::sort(order.begin(), order.end(), [](const GgufTensor* a, const GgufTensor* b) { return a->offset < b->offset; });
    for (std::size_t i = 1; i < order.size(); ++i) {
      const GgufTensor& before = *order[i - 1];
      if (before.bytes > 0 && order[i]->offset < before.offset + before.bytes)
        fail(order[i]->name, "data at offset " + std::to_string(order[i]->offset) + " overlaps tensor \"" + before.name +
                                 "\", which ends at " + std::to_string(before.offset + before.bytes));
    }
  }

  GgufFile& file_;
  std::string name_;
  const std::byte* data_;
  uint64_t size_;
  uint64_t pos_ = 0;
};

std::shared_ptr<GgufFile> GgufFile::open(const std::filesystem::path& path) {
  auto file = std::shared_ptr<GgufFile>(new GgufFile());
  file->mapping_ = MappedFile::open(path);
  GgufParser(*file).parse();
  return file;
}

const GgufValue* GgufFile::find(std::string_view key) const {
  auto it = metadata_index_.find(key);
  return it == metadata_index_.end() ? nullptr : &metadata_[it->second].second;
}

const GgufTensor* GgufFile::find_tensor(std::string_view name) const {
  auto it = tensor_index_.find(name);
  return it == tensor_index_.end() ? nullptr : &tensors_[it->second];
}

void GgufFile::fail(std::string_view key, const std::string& problem) const {
  throw InputError(path().string(), std::string(key), problem);
}

std::optional<int64_t> GgufFile::integer(std::string_view key, int64_t min) const {
  const GgufValue* v = find(key);
  if (v == nullptr) return std::nullopt;
  const auto i = v->integer();
  if (!i || *i < min)
    fail(key, "is " + v->describe() + "; expected an integer" + (min == 0 ? " >= 0" : " >= " + std::to_string(min)));
  return i;
}

std::optional<double> GgufFile::number(std::string_view key) const {
  const GgufValue* v = find(key);
  if (v == nullptr) return std::nullopt;
  const auto n = v->number();
  if (!n) fail(key, "is " + v->describe() + "; expected a number");
  return n;
}

std::optional<bool> GgufFile::boolean(std::string_view key) const {
  const GgufValue* v = find(key);
  if (v == nullptr) return std::nullopt;
  const auto b = v->boolean();
  if (!b) fail(key, "is " + v->describe() + "; expected a bool");
  return b;
}

std::optional<std::string_view> GgufFile::string(std::string_view key) const {
  const GgufValue* v = find(key);
  if (v == nullptr) return std::nullopt;
  const auto s = v->string();
  if (!s) fail(key, "is " + v->describe() + "; expected a string");
  return s;
}

const GgufValue* GgufFile::array(std::string_view key, GgufType element) const {
  const GgufValue* v = find(key);
  if (v == nullptr) return nullptr;
  const bool ok = v->type() == GgufType::Array &&
                  (v->element_type() == element || (is_integer_type(element) && is_integer_type(v->element_type())));
  if (!ok) fail(key, "is " + v->describe() + "; expected an array of " + gguf_type_name(element));
  return v;
}

}  // namespace sparsetune
