#include "core/model/gguf_import.h"

#include <unistd.h>

#include <random>
#include <vector>

#include "core/model/gguf_config.h"
#include "core/model/gguf_dequantize.h"
#include "core/model/gguf_file.h"
#include "core/model/gguf_tokenizer.h"
#include "core/model/gguf_weights.h"
#include "core/model/model_config.h"
#include "core/model/safetensors.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace sparsetune {

namespace {

namespace fs = std::filesystem;

void write_json(const fs::path& path, const nlohmann::json& json) {
  write_file_atomically(path, [&](std::ostream& out) { out << json.dump(2) << "\n"; });
}

// Removes a half-written directory when the import fails before the rename.
class TemporaryDirectory {
 public:
  explicit TemporaryDirectory(const fs::path& beside) {
    std::random_device rd;
    path_ = beside;
    path_ += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(rd());
    fs::create_directories(path_);
  }
  ~TemporaryDirectory() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  const fs::path& path() const { return path_; }
  void release() { path_.clear(); }

 private:
  fs::path path_;
};

bool exists_and_not_empty(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return false;
  return !fs::is_directory(dir, ec) || !fs::is_empty(dir, ec);
}

}  // namespace

GgufImportSummary import_gguf(const fs::path& gguf, const fs::path& out_path, GgufImportDType dtype) {
  // "out/" names the directory "out": the temporary one goes beside it, not into it.
  const fs::path out_dir = out_path.has_filename() ? out_path : out_path.parent_path();
  if (exists_and_not_empty(out_dir))
    throw InputError(out_dir.string(), "output", "already exists and is not empty; expected a new directory");
  const auto file = GgufFile::open(gguf);
  const std::string dtype_name = dtype == GgufImportDType::Float32 ? "float32" : "bfloat16";
  const nlohmann::json config_json = gguf_model_config(*file, dtype_name);
  // Our own checks of the config (head counts that divide, an even head_dim, ...) in the GGUF's name.
  const ModelConfig config = ModelConfig::from_json(config_json, gguf.string() + " (as config.json)");
  const GgufTokenizerFiles tokenizer = gguf_tokenizer(*file);
  const std::vector<GgufWeight> weights = gguf_weights(*file, config);

  GgufImportSummary summary;
  summary.architecture = config.model_type;
  std::vector<std::vector<float>> f32(weights.size());
  std::vector<std::vector<uint16_t>> bf16(dtype == GgufImportDType::BFloat16 ? weights.size() : 0);
  std::vector<TensorBytes> tensors;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const GgufWeight& w = weights[i];
    f32[i].resize(static_cast<std::size_t>(w.tensor->numel));
    read_weight(*file, w, f32[i]);
    summary.parameters += w.tensor->numel;
    if (dtype == GgufImportDType::Float32) {
      tensors.push_back({w.name, DType::F32, w.shape, f32[i].data()});
      continue;
    }
    bf16[i].resize(f32[i].size());
    for (std::size_t j = 0; j < f32[i].size(); ++j) bf16[i][j] = float_to_bfloat16(f32[i][j]);
    std::vector<float>().swap(f32[i]);  // keep one copy of the weights at a time
    tensors.push_back({w.name, DType::BF16, w.shape, bf16[i].data()});
  }
  summary.tensors = static_cast<int64_t>(tensors.size());

  fs::create_directories(fs::absolute(out_dir).parent_path());
  TemporaryDirectory tmp(out_dir);
  write_safetensors(tmp.path() / "model.safetensors", tensors, {{"format", "pt"}});
  write_json(tmp.path() / "config.json", config_json);
  write_json(tmp.path() / "tokenizer.json", tokenizer.tokenizer);
  write_json(tmp.path() / "tokenizer_config.json", tokenizer.tokenizer_config);
  // rename() replaces an empty directory; one that filled up meanwhile makes it fail.
  std::error_code ec;
  fs::rename(tmp.path(), out_dir, ec);
  if (ec) throw Error(out_dir.string() + ": cannot move the imported model into place: " + ec.message());
  tmp.release();
  return summary;
}

}  // namespace sparsetune
