#include "core/model/safetensors.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <limits>
#include <set>
#include <string_view>
#include <tuple>

#include <nlohmann/json.hpp>

#include "core/model/model_config.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace sparsetune {

// The format stores little-endian numbers; we read and write them by plain memcpy.
static_assert(std::endian::native == std::endian::little, "safetensors I/O assumes a little-endian host");

namespace {

using nlohmann::json;

// The reference library refuses headers above 100 MB; a real header is a few hundred KB at most.
constexpr uint64_t kMaxHeaderBytes = 100'000'000;

struct DTypeEntry {
  DType dtype;
  const char* name;
  std::size_t size;
};

// In the reference writer's data order: it sorts by its dtype enum, descending, which puts larger
// elements first; ties between equal sizes follow that enum too, so the files come out identical.
constexpr std::array<DTypeEntry, 15> kDTypes{{
    {DType::U64, "U64", 8},
    {DType::I64, "I64", 8},
    {DType::F64, "F64", 8},
    {DType::F32, "F32", 4},
    {DType::U32, "U32", 4},
    {DType::I32, "I32", 4},
    {DType::BF16, "BF16", 2},
    {DType::F16, "F16", 2},
    {DType::U16, "U16", 2},
    {DType::I16, "I16", 2},
    {DType::F8_E4M3, "F8_E4M3", 1},
    {DType::F8_E5M2, "F8_E5M2", 1},
    {DType::I8, "I8", 1},
    {DType::U8, "U8", 1},
    {DType::BOOL, "BOOL", 1},
}};

const DTypeEntry& entry(DType dtype) {
  for (const auto& e : kDTypes) {
    if (e.dtype == dtype) return e;
  }
  throw Error("unknown DType value " + std::to_string(static_cast<int>(dtype)));
}

std::size_t write_rank(DType dtype) {
  for (std::size_t i = 0; i < kDTypes.size(); ++i) {
    if (kDTypes[i].dtype == dtype) return i;
  }
  throw Error("unknown DType value " + std::to_string(static_cast<int>(dtype)));
}

std::string known_dtypes() {
  std::string names;
  for (const auto& e : kDTypes) names += (names.empty() ? "" : ", ") + std::string(e.name);
  return names;
}

std::string shape_string(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

// A JSON integer in [0, 2^63), or nullopt for anything else (negative, fractional, string, ...).
std::optional<int64_t> non_negative_integer(const json& value) {
  if (value.is_number_unsigned()) {
    auto v = value.get<uint64_t>();
    if (v <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return static_cast<int64_t>(v);
  } else if (value.is_number_integer()) {
    auto v = value.get<int64_t>();
    if (v >= 0) return v;
  }
  return std::nullopt;
}

// numel * element size, or nullopt when it does not fit in 64 bits.
std::optional<uint64_t> byte_count(const std::vector<int64_t>& shape, std::size_t element_size) {
  uint64_t n = element_size;
  for (int64_t d : shape) {
    auto dim = static_cast<uint64_t>(d);
    if (dim != 0 && n > std::numeric_limits<uint64_t>::max() / dim) return std::nullopt;
    n *= dim;
  }
  return n;
}

TensorInfo parse_entry(const std::string& file, const std::string& name, const json& value) {
  if (!value.is_object()) throw InputError(file, name, "expected an object with \"dtype\", \"shape\" and \"data_offsets\"");
  TensorInfo info;
  info.name = name;

  auto dtype_it = value.find("dtype");
  if (dtype_it == value.end() || !dtype_it->is_string())
    throw InputError(file, name, std::string("\"dtype\" ") + (dtype_it == value.end() ? "missing" : "is not a string") +
                                     "; expected one of " + known_dtypes());
  auto dtype = parse_dtype(dtype_it->get<std::string>());
  if (!dtype)
    throw InputError(file, name, "unknown dtype \"" + dtype_it->get<std::string>() + "\"; known: " + known_dtypes());
  info.dtype = *dtype;

  auto shape_it = value.find("shape");
  if (shape_it == value.end() || !shape_it->is_array())
    throw InputError(file, name, std::string("\"shape\" ") + (shape_it == value.end() ? "missing" : "is not an array") +
                                     "; expected an array of non-negative integers");
  for (std::size_t i = 0; i < shape_it->size(); ++i) {
    auto dim = non_negative_integer((*shape_it)[i]);
    if (!dim)
      throw InputError(file, name, "\"shape\" dimension " + std::to_string(i) + " is " + (*shape_it)[i].dump() +
                                       "; expected a non-negative integer");
    info.shape.push_back(*dim);
  }
  auto expected_bytes = byte_count(info.shape, dtype_size(info.dtype));
  if (!expected_bytes || info.numel() < 0)
    throw InputError(file, name, "\"shape\" " + shape_string(info.shape) + " has more elements than fit in 64 bits");

  auto offsets_it = value.find("data_offsets");
  const char* offsets_expected = "; expected [begin, end] with non-negative integers, begin <= end";
  if (offsets_it == value.end()) throw InputError(file, name, std::string("\"data_offsets\" missing") + offsets_expected);
  if (!offsets_it->is_array() || offsets_it->size() != 2)
    throw InputError(file, name, "\"data_offsets\" is " + offsets_it->dump() + offsets_expected);
  auto begin = non_negative_integer((*offsets_it)[0]);
  auto end = non_negative_integer((*offsets_it)[1]);
  if (!begin || !end || *begin > *end)
    throw InputError(file, name, "\"data_offsets\" is " + offsets_it->dump() + offsets_expected);
  info.begin = static_cast<uint64_t>(*begin);
  info.end = static_cast<uint64_t>(*end);
  if (info.end - info.begin != *expected_bytes)
    throw InputError(file, name,
                     "\"data_offsets\" " + offsets_it->dump() + " span " + std::to_string(info.end - info.begin) +
                         " bytes, but shape " + shape_string(info.shape) + " of " + dtype_name(info.dtype) + " needs " +
                         std::to_string(*expected_bytes) + " bytes (" + std::to_string(info.numel()) + " elements x " +
                         std::to_string(dtype_size(info.dtype)) + " bytes)");
  return info;
}

std::map<std::string, std::string> parse_metadata(const std::string& file, const json& value) {
  if (!value.is_object()) throw InputError(file, "__metadata__", "expected an object mapping strings to strings");
  std::map<std::string, std::string> metadata;
  for (const auto& [key, v] : value.items()) {
    if (!v.is_string())
      throw InputError(file, "__metadata__." + key, "is " + v.dump() + "; expected a string (metadata maps strings to strings)");
    metadata[key] = v.get<std::string>();
  }
  return metadata;
}

}  // namespace

std::size_t dtype_size(DType dtype) { return entry(dtype).size; }

std::string dtype_name(DType dtype) { return entry(dtype).name; }

std::optional<DType> parse_dtype(const std::string& name) {
  for (const auto& e : kDTypes) {
    if (name == e.name) return e.dtype;
  }
  return std::nullopt;
}

int64_t TensorInfo::numel() const {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d != 0 && n > std::numeric_limits<int64_t>::max() / d) return -1;  // only before validation
    n *= d;
  }
  return n;
}

std::shared_ptr<SafetensorsFile> SafetensorsFile::open(const std::filesystem::path& path) {
  auto result = std::shared_ptr<SafetensorsFile>(new SafetensorsFile());
  result->file_ = MappedFile::open(path);
  const std::string file = path.string();
  const std::byte* bytes = result->file_->data();
  const uint64_t size = result->file_->size();

  if (size < 8)
    throw InputError(file, "header length",
                     "file has " + std::to_string(size) + " bytes; a safetensors file starts with an 8-byte header length");
  uint64_t header_len = 0;
  std::memcpy(&header_len, bytes, 8);
  if (header_len > kMaxHeaderBytes)
    throw InputError(file, "header length",
                     std::to_string(header_len) + " bytes is over the 100 MB limit (not a safetensors file, or corrupt)");
  if (header_len > size - 8)
    throw InputError(file, "header length",
                     std::to_string(header_len) + " bytes runs past the end of the file (" + std::to_string(size - 8) +
                         " bytes follow the length field)");

  json header = parse_json_strict(std::string_view(reinterpret_cast<const char*>(bytes) + 8, header_len), file, "header");
  if (!header.is_object()) throw InputError(file, "header", "is " + std::string(header.type_name()) + "; expected a JSON object");

  result->data_start_ = 8 + header_len;
  const uint64_t data_size = size - result->data_start_;
  for (const auto& [name, value] : header.items()) {
    if (name == "__metadata__") {
      result->metadata_ = parse_metadata(file, value);
      continue;
    }
    TensorInfo info = parse_entry(file, name, value);
    if (info.end > data_size)
      throw InputError(file, name,
                       "\"data_offsets\" end " + std::to_string(info.end) + " is past the end of the data section (" +
                           std::to_string(data_size) + " bytes)");
    result->tensors_.push_back(std::move(info));
  }

  // Packed, in offset order: each tensor must start where the previous one ended.
  auto& tensors = result->tensors_;
  std::sort(tensors.begin(), tensors.end(),
            [](const TensorInfo& a, const TensorInfo& b) { return std::tie(a.begin, a.end) < std::tie(b.begin, b.end); });
  uint64_t expected = 0;
  for (std::size_t i = 0; i < tensors.size(); ++i) {
    const auto& t = tensors[i];
    std::string after = i == 0 ? "the start of the data section" : "tensor \"" + tensors[i - 1].name + "\"";
    if (t.begin < expected)
      throw InputError(file, t.name,
                       "\"data_offsets\" [" + std::to_string(t.begin) + ", " + std::to_string(t.end) + "] overlap " + after +
                           ", which ends at " + std::to_string(expected));
    if (t.begin > expected)
      throw InputError(file, t.name,
                       "\"data_offsets\" begin " + std::to_string(t.begin) + " leaves a hole of " +
                           std::to_string(t.begin - expected) + " unused bytes after " + after +
                           "; tensors must be packed without gaps");
    expected = t.end;
  }
  if (expected != data_size)
    throw InputError(file, "data",
                     std::to_string(data_size - expected) + " unused bytes after the last tensor (data section has " +
                         std::to_string(data_size) + " bytes, tensors end at " + std::to_string(expected) + ")");

  for (std::size_t i = 0; i < tensors.size(); ++i) result->index_[tensors[i].name] = i;
  return result;
}

const TensorInfo* SafetensorsFile::find(const std::string& name) const {
  auto it = index_.find(name);
  return it == index_.end() ? nullptr : &tensors_[it->second];
}

std::byte* SafetensorsFile::data(const TensorInfo& info) { return file_->data() + data_start_ + info.begin; }

void write_safetensors(const std::filesystem::path& path, const std::vector<TensorBytes>& tensors,
                       const std::map<std::string, std::string>& metadata) {
  const std::string file = path.string();
  std::vector<const TensorBytes*> order;
  std::set<std::string> names;
  for (const auto& t : tensors) {
    if (t.name == "__metadata__") throw InputError(file, t.name, "is reserved for the metadata; choose another tensor name");
    if (!names.insert(t.name).second) throw InputError(file, t.name, "tensor name given twice");
    order.push_back(&t);
  }
  std::sort(order.begin(), order.end(), [](const TensorBytes* a, const TensorBytes* b) {
    return std::pair(write_rank(a->dtype), std::string_view(a->name)) < std::pair(write_rank(b->dtype), std::string_view(b->name));
  });

  // ordered_json keeps insertion order, as the reference writer's header does.
  nlohmann::ordered_json header = nlohmann::ordered_json::object();
  if (!metadata.empty()) header["__metadata__"] = metadata;
  std::vector<uint64_t> sizes;
  uint64_t offset = 0;
  for (const TensorBytes* t : order) {
    for (int64_t d : t->shape) {
      if (d < 0) throw InputError(file, t->name, "shape " + shape_string(t->shape) + " has a negative dimension");
    }
    auto bytes = byte_count(t->shape, dtype_size(t->dtype));
    if (!bytes) throw InputError(file, t->name, "shape " + shape_string(t->shape) + " has more elements than fit in 64 bits");
    if (*bytes > 0 && t->data == nullptr) throw InputError(file, t->name, "no data given for a non-empty tensor");
    header[t->name] = {{"dtype", dtype_name(t->dtype)}, {"shape", t->shape}, {"data_offsets", {offset, offset + *bytes}}};
    sizes.push_back(*bytes);
    offset += *bytes;
  }
  std::string text = header.dump();
  text.append((8 - text.size() % 8) % 8, ' ');

  write_file_atomically(path, [&](std::ostream& out) {
    uint64_t header_len = text.size();
    char len[8];
    std::memcpy(len, &header_len, 8);
    out.write(len, 8);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    for (std::size_t i = 0; i < order.size(); ++i) {
      if (sizes[i] > 0) out.write(static_cast<const char*>(order[i]->data), static_cast<std::streamsize>(sizes[i]));
    }
  });
}

}  // namespace sparsetune
