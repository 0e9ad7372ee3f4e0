// Interop with the reference Python libraries in the project venv, driven by safetensors_interop.py.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <torch/torch.h>

#include "core/model/checkpoint.h"
#include "tests/io/io_test_util.h"

namespace sparsetune {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test::fresh_dir;

const char* kFamilies[] = {"llama", "mistral", "qwen2", "qwen3", "gpt2", "mpt"};

// Runs `safetensors_interop.py command dir`; fails the test with the script's output unless it exits 0.
void run_python(const std::string& command, const fs::path& dir) {
  const fs::path log = dir / (command + ".log");
  const std::string line = "HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 OMP_NUM_THREADS=1 \"" SPARSETUNE_PYTHON "\" \"" +
                           std::string(SPARSETUNE_SOURCE_DIR) + "/tests/io/safetensors_interop.py\" " + command +
                           " \"" + dir.string() + "\" > \"" + log.string() + "\" 2>&1";
  const int status = std::system(line.c_str());
  ASSERT_EQ(status, 0) << line << "\n" << test::read_file(log);
}

class PythonInterop : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(SPARSETUNE_PYTHON)) GTEST_SKIP() << "no project venv at " SPARSETUNE_PYTHON;
  }
};

std::string hex_of(const void* data, std::size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (std::size_t i = 0; i < n; ++i) {
    const auto b = static_cast<const unsigned char*>(data)[i];
    s += digits[b >> 4];
    s += digits[b & 15];
  }
  return s;
}

TEST_F(PythonInterop, ReadsFilesOfTheReferenceWriter) {
  const auto dir = fresh_dir();
  ASSERT_NO_FATAL_FAILURE(run_python("reference", dir));
  const json expected = json::parse(test::read_file(dir / "reference.json"));
  auto file = SafetensorsFile::open(dir / "reference.safetensors");

  EXPECT_EQ(json(file->metadata()), expected["metadata"]);
  ASSERT_EQ(file->tensors().size(), expected["tensors"].size());
  for (const auto& [name, e] : expected["tensors"].items()) {
    SCOPED_TRACE(name);
    const TensorInfo* info = file->find(name);
    ASSERT_NE(info, nullptr);
    EXPECT_EQ(dtype_name(info->dtype), e["dtype"]);
    EXPECT_EQ(json(info->shape), e["shape"]);
    const torch::Tensor t = tensor_from_file(file, *info);
    EXPECT_EQ(hex_of(t.data_ptr(), t.nbytes()), e["hex"]);
    const auto values = t.to(torch::kFloat64).flatten().contiguous();
    ASSERT_EQ(static_cast<std::size_t>(values.numel()), e["values"].size());
    for (int64_t i = 0; i < values.numel(); ++i) EXPECT_EQ(values[i].item<double>(), e["values"][i].get<double>()) << i;
  }
}

TEST_F(PythonInterop, ReferenceLibraryReadsOurFilesAndTheyAreByteIdentical) {
  const auto dir = fresh_dir();
  ASSERT_NO_FATAL_FAILURE(run_python("reference", dir));
  auto reference = SafetensorsFile::open(dir / "reference.safetensors");
  std::vector<TensorBytes> tensors;
  for (const auto& info : reference->tensors())
    tensors.push_back({info.name, info.dtype, info.shape, reference->data(info)});
  write_safetensors(dir / "ours.safetensors", tensors, reference->metadata());
  write_safetensors(dir / "ours_pt.safetensors", tensors, {{"format", "pt"}});
  ASSERT_NO_FATAL_FAILURE(run_python("check_rewrite", dir));
}

TEST_F(PythonInterop, TransformersLoadsShardedCheckpointsWeSave) {
  const auto dir = fresh_dir();
  ASSERT_NO_FATAL_FAILURE(run_python("make_models", dir));
  for (const char* family : kFamilies) {
    SCOPED_TRACE(family);
    const auto orig = dir / family / "orig";
    const auto config = ModelConfig::from_file(orig / "config.json");
    EXPECT_EQ(config.model_type, family);
    const auto store = WeightStore::open(orig);
    NamedTensors tensors;
    for (const auto& name : store.names()) tensors.emplace_back(name, store.get(name));
    save_checkpoint(dir / family / "resaved", config, tensors, 8 * 1024);
    EXPECT_TRUE(fs::exists(dir / family / "resaved" / "model.safetensors.index.json"));
    // The same config without the file it came from: to_json must write everything transformers needs.
    ModelConfig rebuilt = config;
    rebuilt.raw = nullptr;
    save_checkpoint(dir / family / "rebuilt", rebuilt, tensors);
  }
  ASSERT_NO_FATAL_FAILURE(run_python("check_models", dir));
}

}  // namespace
}  // namespace sparsetune
