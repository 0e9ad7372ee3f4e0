#include "core/model/checkpoint.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <torch/torch.h>

#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace sparsetune {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kSingleFile = "model.safetensors";
constexpr const char* kIndexFile = "model.safetensors.index.json";

std::string shape_string(c10::IntArrayRef shape) {
  std::string s = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string(), "file", std::string("cannot open: ") + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw InputError(path.string(), "file", "read failed");
  return text.str();
}

// The weight files of an earlier save_checkpoint (or of transformers' save_pretrained).
bool is_weight_file(const std::string& name) {
  static const std::regex shard(R"(model-\d{5}-of-\d{5}\.safetensors)");
  return name == kSingleFile || name == kIndexFile || std::regex_match(name, shard);
}

std::string shard_name(std::size_t i, std::size_t n) {
  char name[64];
  std::snprintf(name, sizeof name, "model-%05zu-of-%05zu.safetensors", i + 1, n);
  return name;
}

}  // namespace

torch::ScalarType to_scalar_type(DType dtype, const std::string& file, const std::string& tensor) {
  switch (dtype) {
    case DType::BOOL: return torch::kBool;
    case DType::U8: return torch::kUInt8;
    case DType::I8: return torch::kInt8;
    case DType::I16: return torch::kInt16;
    case DType::U16: return torch::kUInt16;
    case DType::F16: return torch::kFloat16;
    case DType::BF16: return torch::kBFloat16;
    case DType::I32: return torch::kInt32;
    case DType::U32: return torch::kUInt32;
    case DType::F32: return torch::kFloat32;
    case DType::I64: return torch::kInt64;
    case DType::U64: return torch::kUInt64;
    case DType::F64: return torch::kFloat64;
    case DType::F8_E4M3: return torch::kFloat8_e4m3fn;
    case DType::F8_E5M2: return torch::kFloat8_e5m2;
  }
  throw InputError(file, tensor, "dtype value " + std::to_string(static_cast<int>(dtype)) + " has no LibTorch type");
}

DType to_dtype(torch::ScalarType type) {
  switch (type) {
    case torch::kBool: return DType::BOOL;
    case torch::kUInt8: return DType::U8;
    case torch::kInt8: return DType::I8;
    case torch::kInt16: return DType::I16;
    case torch::kUInt16: return DType::U16;
    case torch::kFloat16: return DType::F16;
    case torch::kBFloat16: return DType::BF16;
    case torch::kInt32: return DType::I32;
    case torch::kUInt32: return DType::U32;
    case torch::kFloat32: return DType::F32;
    case torch::kInt64: return DType::I64;
    case torch::kUInt64: return DType::U64;
    case torch::kFloat64: return DType::F64;
    case torch::kFloat8_e4m3fn: return DType::F8_E4M3;
    case torch::kFloat8_e5m2: return DType::F8_E5M2;
    default: throw Error(std::string("torch dtype ") + c10::toString(type) + " cannot be stored in safetensors");
  }
}

torch::Tensor tensor_from_file(const std::shared_ptr<SafetensorsFile>& file, const TensorInfo& info) {
  const auto options = torch::TensorOptions().dtype(to_scalar_type(info.dtype, file->path().string(), info.name));
  if (info.numel() == 0) return torch::empty(info.shape, options);
  std::byte* data = file->data(info);
  // Element-aligned data (always, for files from the reference writer or ours) is used in place; the
  // deleter holds the file so the mapping outlives every tensor on it.
  if (reinterpret_cast<std::uintptr_t>(data) % dtype_size(info.dtype) == 0)
    return torch::from_blob(data, info.shape, [file](void*) {}, options);
  auto copy = torch::empty(info.shape, options);
  std::memcpy(copy.data_ptr(), data, info.end - info.begin);
  return copy;
}

WeightStore WeightStore::open(const fs::path& model_dir) {
  WeightStore store;
  auto add_file = [&store](std::shared_ptr<SafetensorsFile> file) {
    for (const auto& info : file->tensors()) {
      auto [it, inserted] = store.where_.try_emplace(info.name, store.files_.size(), &info);
      if (!inserted)
        throw InputError(file->path().string(), info.name,
                         "also in " + store.files_[it->second.first]->path().string() +
                             "; each tensor must be in exactly one shard");
    }
    store.files_.push_back(std::move(file));
  };

  const fs::path single = model_dir / kSingleFile;
  const fs::path index = model_dir / kIndexFile;
  // Like transformers: a single file wins over an index.
  if (fs::exists(single)) {
    store.source_ = single;
    add_file(SafetensorsFile::open(single));
    return store;
  }
  if (!fs::exists(index)) {
    throw InputError(model_dir.string(), "weights",
                     fs::is_directory(model_dir)
                         ? std::string("found neither ") + kSingleFile + " nor " + kIndexFile + "; expected one of them"
                         : "not a directory; expected a model directory with " + std::string(kSingleFile) + " or " +
                               kIndexFile);
  }

  store.source_ = index;
  const std::string index_name = index.string();
  const json root = parse_json_strict(read_text(index), index_name);
  if (!root.is_object()) throw InputError(index_name, "index", "is " + std::string(root.type_name()) + "; expected a JSON object");
  auto map_it = root.find("weight_map");
  if (map_it == root.end() || !map_it->is_object())
    throw InputError(index_name, "weight_map",
                     std::string(map_it == root.end() ? "missing" : "is " + map_it->dump()) +
                         "; expected an object mapping tensor names to shard files");

  std::map<std::string, std::string> listed;  // tensor -> shard file name
  for (const auto& [name, shard] : map_it->items()) {
    if (!shard.is_string()) throw InputError(index_name, name, "shard is " + shard.dump() + "; expected a file name");
    const std::string file = shard.get<std::string>();
    // A plain file name next to the index: nothing else in the directory tree can be reached.
    if (file.empty() || file == "." || file == ".." || file.find('/') != std::string::npos)
      throw InputError(index_name, name, "shard \"" + file + "\" is not a plain file name in the model directory");
    if (!fs::is_regular_file(model_dir / file))
      throw InputError(index_name, name, "shard file \"" + file + "\" does not exist in " + model_dir.string());
    listed[name] = file;
  }
  std::map<std::string, std::size_t> shard_index;
  for (const auto& [name, file] : listed) {
    if (shard_index.try_emplace(file, store.files_.size()).second) add_file(SafetensorsFile::open(model_dir / file));
  }
  for (const auto& [name, file] : listed) {
    if (store.files_[shard_index.at(file)]->find(name) == nullptr)
      throw InputError(index_name, name, "listed for shard \"" + file + "\", but that file has no such tensor");
  }
  return store;
}

bool WeightStore::contains(const std::string& name) const { return where_.count(name) != 0; }

torch::Tensor WeightStore::get(const std::string& name) const {
  auto it = where_.find(name);
  if (it == where_.end()) throw InputError(source_.string(), name, "missing tensor");
  return tensor_from_file(files_[it->second.first], *it->second.second);
}

torch::Tensor WeightStore::get(const std::string& name, const std::vector<int64_t>& expected_shape) const {
  torch::Tensor t = get(name);
  if (t.sizes() != c10::IntArrayRef(expected_shape))
    throw InputError(file_of(name), name,
                     "shape " + shape_string(t.sizes()) + " does not match the config; expected " +
                         shape_string(expected_shape));
  return t;
}

std::vector<std::string> WeightStore::names() const {
  std::vector<std::string> names;
  for (const auto& [name, where] : where_) names.push_back(name);
  return names;
}

std::string WeightStore::file_of(const std::string& name) const {
  auto it = where_.find(name);
  if (it == where_.end()) throw InputError(source_.string(), name, "missing tensor");
  return files_[it->second.first]->path().string();
}

void save_checkpoint(const fs::path& model_dir, const ModelConfig& config, const NamedTensors& tensors,
                     int64_t max_shard_bytes) {
  if (max_shard_bytes <= 0)
    throw Error(model_dir.string() + ": max_shard_bytes is " + std::to_string(max_shard_bytes) + "; expected a positive size");
  std::set<std::string> seen;
  for (const auto& [name, t] : tensors) {
    if (!t.defined()) throw Error(model_dir.string() + ": " + name + ": undefined tensor");
    if (!seen.insert(name).second) throw Error(model_dir.string() + ": " + name + ": tensor name given twice");
    to_dtype(t.scalar_type());  // throws for types safetensors cannot hold, before anything is written
  }

  fs::create_directories(model_dir);
  std::vector<fs::path> previous;
  for (const auto& entry : fs::directory_iterator(model_dir)) {
    if (is_weight_file(entry.path().filename().string())) previous.push_back(entry.path());
  }

  // Shards as huggingface_hub splits them: in the given order, a new shard when the next tensor would
  // push the current one over the limit; a tensor over the limit alone gets a shard of its own.
  std::vector<std::vector<std::size_t>> shards;
  std::vector<std::size_t> open;
  int64_t open_bytes = 0;
  int64_t total = 0;
  for (std::size_t i = 0; i < tensors.size(); ++i) {
    const auto& t = tensors[i].second;
    const int64_t bytes = t.numel() * static_cast<int64_t>(t.element_size());
    total += bytes;
    if (bytes > max_shard_bytes) {
      shards.push_back({i});
      continue;
    }
    if (open_bytes + bytes > max_shard_bytes) {
      shards.push_back(std::move(open));
      open.clear();
      open_bytes = 0;
    }
    open.push_back(i);
    open_bytes += bytes;
  }
  if (!open.empty() || shards.empty()) shards.push_back(std::move(open));

  std::set<std::string> written;
  json weight_map = json::object();
  for (std::size_t s = 0; s < shards.size(); ++s) {
    const std::string file = shards.size() == 1 ? kSingleFile : shard_name(s, shards.size());
    // Contiguous CPU copies (no copy for tensors that already are), one shard at a time.
    std::vector<torch::Tensor> keep;
    std::vector<TensorBytes> bytes;
    for (std::size_t i : shards[s]) {
      const auto& [name, t] = tensors[i];
      keep.push_back(t.detach().to(torch::kCPU).contiguous());
      bytes.push_back({name, to_dtype(t.scalar_type()), keep.back().sizes().vec(), keep.back().data_ptr()});
      weight_map[name] = file;
    }
    write_safetensors(model_dir / file, bytes, {{"format", "pt"}});
    written.insert(file);
  }
  // The index goes last, so it never lists a shard that is not there yet.
  if (shards.size() > 1) {
    json index = {{"metadata", {{"total_size", total}}}, {"weight_map", weight_map}};
    write_file_atomically(model_dir / kIndexFile, [&](std::ostream& out) { out << index.dump(2) << "\n"; });
    written.insert(kIndexFile);
  }
  write_file_atomically(model_dir / "config.json",
                        [&](std::ostream& out) { out << config.to_json().dump(2) << "\n"; });

  // A stale model.safetensors next to a new index would be loaded instead of it: remove what the
  // earlier save left, now that the new files are complete.
  for (const auto& path : previous) {
    if (written.count(path.filename().string()) != 0) continue;
    std::error_code ec;
    fs::remove(path, ec);
    if (ec) throw Error(path.string() + ": cannot remove the previous checkpoint's file: " + ec.message());
  }
}

void copy_model_side_files(const std::filesystem::path& from, const std::filesystem::path& to) {
  for (const char* name : {"tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "generation_config.json"})
    if (std::filesystem::exists(from / name))
      std::filesystem::copy_file(from / name, to / name, std::filesystem::copy_options::overwrite_existing);
}

}  // namespace sparsetune
