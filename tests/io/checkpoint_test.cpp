#include "core/model/checkpoint.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <torch/torch.h>

#include "tests/io/io_test_util.h"

namespace sparsetune {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test::fresh_dir;
using test::input_error;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

ModelConfig tiny_config() {
  return ModelConfig::from_json({{"model_type", "llama"},
                                 {"vocab_size", 16},
                                 {"hidden_size", 8},
                                 {"intermediate_size", 12},
                                 {"num_hidden_layers", 1},
                                 {"num_attention_heads", 2}},
                                "tiny/config.json");
}

// Same dtype, shape and bytes (torch::equal lacks kernels for some of the dtypes we store).
void expect_identical(const torch::Tensor& actual, const torch::Tensor& expected, const std::string& what) {
  SCOPED_TRACE(what);
  ASSERT_EQ(actual.scalar_type(), expected.scalar_type());
  ASSERT_EQ(actual.sizes(), expected.sizes());
  auto a = actual.contiguous();
  auto e = expected.contiguous();
  EXPECT_EQ(std::memcmp(a.data_ptr(), e.data_ptr(), static_cast<std::size_t>(e.nbytes())), 0);
}

// Random bytes reinterpreted as `type`, so every bit pattern of every dtype is exercised.
torch::Tensor random_tensor(torch::ScalarType type, std::vector<int64_t> shape) {
  auto t = torch::empty(shape, torch::TensorOptions().dtype(type));
  auto bytes = torch::randint(0, 256, {static_cast<int64_t>(t.nbytes())},
                              torch::TensorOptions().dtype(torch::kUInt8))
                   .contiguous();
  if (t.nbytes() > 0) std::memcpy(t.data_ptr(), bytes.data_ptr(), t.nbytes());
  if (type == torch::kBool) t = (t.view(torch::kUInt8) % 2).to(torch::kBool);
  return t;
}

// ---- dtypes ------------------------------------------------------------------------------------

TEST(Checkpoint, DTypeMappingIsABijection) {
  for (DType d : {DType::BOOL, DType::U8, DType::I8, DType::I16, DType::U16, DType::F16, DType::BF16, DType::I32,
                  DType::U32, DType::F32, DType::I64, DType::U64, DType::F64, DType::F8_E4M3, DType::F8_E5M2}) {
    const auto type = to_scalar_type(d, "f", "t");
    EXPECT_EQ(to_dtype(type), d) << dtype_name(d);
    EXPECT_EQ(static_cast<std::size_t>(c10::elementSize(type)), dtype_size(d)) << dtype_name(d);
  }
  EXPECT_THROW(to_dtype(torch::kComplexFloat), Error);
}

TEST(Checkpoint, RoundTripsEveryDtype) {
  torch::manual_seed(1);
  const std::vector<torch::ScalarType> types = {
      torch::kBool,  torch::kUInt8,  torch::kInt8,    torch::kInt16,   torch::kUInt16,        torch::kFloat16,
      torch::kBFloat16, torch::kInt32, torch::kUInt32, torch::kFloat32, torch::kInt64,      torch::kUInt64,
      torch::kFloat64, torch::kFloat8_e4m3fn, torch::kFloat8_e5m2};
  NamedTensors tensors;
  for (std::size_t i = 0; i < types.size(); ++i) {
    tensors.emplace_back(std::string("w.") + c10::toString(types[i]), random_tensor(types[i], {3, static_cast<int64_t>(i) + 1}));
  }
  tensors.emplace_back("scalar", torch::tensor(2.5f).reshape({}));
  tensors.emplace_back("empty", torch::empty({0, 5}, torch::kBFloat16));
  const auto dir = fresh_dir();
  save_checkpoint(dir, tiny_config(), tensors);

  EXPECT_TRUE(fs::exists(dir / "model.safetensors"));
  EXPECT_FALSE(fs::exists(dir / "model.safetensors.index.json"));
  auto store = WeightStore::open(dir);
  ASSERT_EQ(store.names().size(), tensors.size());
  for (const auto& [name, t] : tensors) expect_identical(store.get(name), t, name);
  EXPECT_EQ(SafetensorsFile::open(dir / "model.safetensors")->metadata(),
            (std::map<std::string, std::string>{{"format", "pt"}}));
}

TEST(Checkpoint, SavesNonContiguousTensorsByValue) {
  auto base = torch::arange(12, torch::kFloat32).reshape({3, 4});
  const auto dir = fresh_dir();
  save_checkpoint(dir, tiny_config(), {{"t", base.t()}, {"slice", base.index({torch::indexing::Slice(1, 3)})}});
  auto store = WeightStore::open(dir);
  EXPECT_TRUE(torch::equal(store.get("t"), base.t().contiguous()));
  EXPECT_TRUE(torch::equal(store.get("slice"), base.index({torch::indexing::Slice(1, 3)})));
}

// ---- zero copy, copy on write, lifetime --------------------------------------------------------

TEST(Checkpoint, AlignedTensorsAreZeroCopyViewsOfTheMapping) {
  const auto dir = fresh_dir();
  save_checkpoint(dir, tiny_config(), {{"a", torch::ones({5}, torch::kBFloat16)}, {"b", torch::randn({4, 4})}});
  auto file = SafetensorsFile::open(dir / "model.safetensors");
  const auto* begin = reinterpret_cast<const char*>(file->mapping()->data());
  const auto* end = begin + file->mapping()->size();
  for (const auto& info : file->tensors()) {
    auto t = tensor_from_file(file, info);
    const auto* p = static_cast<const char*>(t.data_ptr());
    EXPECT_TRUE(p >= begin && p + t.nbytes() <= end) << info.name;
    EXPECT_EQ(p, reinterpret_cast<const char*>(file->data(info))) << info.name;
  }
}

TEST(Checkpoint, MisalignedTensorIsCopied) {
  // U8[2] then F32[1] at data offset 2: the float cannot be viewed in place.
  const std::string header = R"({"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},)"
                             R"("b":{"dtype":"F32","shape":[1],"data_offsets":[2,6]}})";
  std::string padded = header + std::string((8 - header.size() % 8) % 8, ' ');
  float value = 3.25f;
  std::string data = "xy";
  data.append(reinterpret_cast<const char*>(&value), 4);
  const auto path = fresh_dir() / "model.safetensors";
  test::write_file(path, test::safetensors_bytes(padded, data));
  auto file = SafetensorsFile::open(path);
  auto t = tensor_from_file(file, *file->find("b"));
  EXPECT_NE(t.data_ptr(), static_cast<void*>(file->data(*file->find("b"))));
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(t.data_ptr()) % 4, 0u);
  EXPECT_EQ(t.item<float>(), 3.25f);
  auto a = tensor_from_file(file, *file->find("a"));  // 1-byte elements are always aligned
  EXPECT_EQ(a.data_ptr(), static_cast<void*>(file->data(*file->find("a"))));
}

TEST(Checkpoint, WritingToALoadedTensorLeavesTheFileAlone) {
  const auto dir = fresh_dir();
  save_checkpoint(dir, tiny_config(), {{"w", torch::full({64}, 1.0f)}});
  const std::string before = test::read_file(dir / "model.safetensors");
  {
    auto store = WeightStore::open(dir);
    auto w = store.get("w");
    w.zero_();  // e.g. pruning in place
    EXPECT_EQ(w.sum().item<float>(), 0.0f);
    EXPECT_EQ(store.get("w").sum().item<float>(), 0.0f);  // the same private pages
  }
  EXPECT_EQ(test::read_file(dir / "model.safetensors"), before);
  EXPECT_EQ(WeightStore::open(dir).get("w").sum().item<float>(), 64.0f);
}

TEST(Checkpoint, TensorsKeepTheFileMapped) {
  const auto dir = fresh_dir();
  save_checkpoint(dir, tiny_config(), {{"w", torch::arange(6, torch::kFloat32)}});
  torch::Tensor w;
  {
    auto store = WeightStore::open(dir);
    w = store.get("w");
  }
  fs::remove(dir / "model.safetensors");
  EXPECT_TRUE(torch::equal(w, torch::arange(6, torch::kFloat32)));
}

// ---- shards ------------------------------------------------------------------------------------

TEST(Checkpoint, ShardsLikeTransformers) {
  // 16-byte limit, as huggingface_hub splits: [a 8, b 8] | [big 40: alone, right away] | [c 12, d 4] | [e 4]
  NamedTensors tensors = {{"a", torch::full({2}, 1.0f)},  {"b", torch::full({2}, 2.0f)},
                          {"c", torch::full({3}, 3.0f)},  {"big", torch::arange(10, torch::kFloat32)},
                          {"d", torch::full({1}, 4.0f)},  {"e", torch::full({2}, 5, torch::kInt16)}};
  const auto dir = fresh_dir();
  save_checkpoint(dir, tiny_config(), tensors, 16);

  const json index = json::parse(test::read_file(dir / "model.safetensors.index.json"));
  EXPECT_EQ(index["metadata"]["total_size"], 8 + 8 + 12 + 40 + 4 + 4);
  const json& map = index["weight_map"];
  EXPECT_EQ(map["a"], "model-00001-of-00004.safetensors");
  EXPECT_EQ(map["b"], "model-00001-of-00004.safetensors");
  EXPECT_EQ(map["big"], "model-00002-of-00004.safetensors");
  EXPECT_EQ(map["c"], "model-00003-of-00004.safetensors");
  EXPECT_EQ(map["d"], "model-00003-of-00004.safetensors");
  EXPECT_EQ(map["e"], "model-00004-of-00004.safetensors");
  EXPECT_FALSE(fs::exists(dir / "model.safetensors"));

  auto store = WeightStore::open(dir);
  EXPECT_THAT(store.names(), ElementsAre("a", "b", "big", "c", "d", "e"));
  for (const auto& [name, t] : tensors) expect_identical(store.get(name), t, name);
  EXPECT_EQ(fs::path(store.file_of("big")).filename(), "model-00002-of-00004.safetensors");

  const json config = json::parse(test::read_file(dir / "config.json"));
  EXPECT_EQ(config["model_type"], "llama");
  EXPECT_EQ(config["intermediate_size"], 12);
}

TEST(Checkpoint, ResavingRemovesStaleWeightFilesOnly) {
  const auto dir = fresh_dir();
  test::write_file(dir / "tokenizer.json", "{}");
  test::write_file(dir / "model-extra.safetensors", "kept: not a name save_checkpoint writes");
  NamedTensors tensors = {{"a", torch::ones({4})}, {"b", torch::ones({4})}, {"c", torch::ones({4})}};
  save_checkpoint(dir, tiny_config(), tensors, 16);
  EXPECT_TRUE(fs::exists(dir / "model-00003-of-00003.safetensors"));

  save_checkpoint(dir, tiny_config(), tensors);  // one file now: shards and index must go
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  EXPECT_EQ(names, (std::set<std::string>{"config.json", "model.safetensors", "model-extra.safetensors", "tokenizer.json"}));

  save_checkpoint(dir, tiny_config(), tensors, 32);  // and back to shards: the single file must go
  EXPECT_FALSE(fs::exists(dir / "model.safetensors"));
  EXPECT_TRUE(fs::exists(dir / "model.safetensors.index.json"));
  EXPECT_EQ(WeightStore::open(dir).names().size(), 3u);
}

TEST(Checkpoint, ResavingOverTheLoadedFiles) {
  // The usual prune-in-place flow: load from a directory, modify, save back to the same directory.
  const auto dir = fresh_dir();
  save_checkpoint(dir, tiny_config(), {{"w", torch::arange(8, torch::kFloat32)}});
  auto store = WeightStore::open(dir);
  auto w = store.get("w");
  w.mul_(2);
  save_checkpoint(dir, tiny_config(), {{"w", w}});
  EXPECT_TRUE(torch::equal(WeightStore::open(dir).get("w"), torch::arange(8, torch::kFloat32) * 2));
}

TEST(Checkpoint, SaveRejectsBadArguments) {
  const auto dir = fresh_dir();
  EXPECT_THROW(save_checkpoint(dir, tiny_config(), {{"a", torch::ones({1})}, {"a", torch::ones({1})}}), Error);
  EXPECT_THROW(save_checkpoint(dir, tiny_config(), {{"a", torch::Tensor()}}), Error);
  EXPECT_THROW(save_checkpoint(dir, tiny_config(), {{"a", torch::ones({1}, torch::kComplexFloat)}}), Error);
  EXPECT_THROW(save_checkpoint(dir, tiny_config(), {{"a", torch::ones({1})}}, 0), Error);
  EXPECT_TRUE(fs::is_empty(dir));  // nothing written
}

// ---- WeightStore errors ------------------------------------------------------------------------

// A sharded checkpoint with shards s1 = {a, b} and s2 = {c}, and an index written by the test.
fs::path sharded_dir(const json& weight_map) {
  const auto dir = fresh_dir();
  float v[2] = {1, 2};
  write_safetensors(dir / "s1.safetensors", {{"a", DType::F32, {1}, v}, {"b", DType::F32, {1}, v + 1}});
  write_safetensors(dir / "s2.safetensors", {{"c", DType::F32, {2}, v}});
  test::write_file(dir / "model.safetensors.index.json", json{{"metadata", {{"total_size", 16}}}, {"weight_map", weight_map}}.dump());
  return dir;
}

TEST(WeightStoreErrors, NoWeightFiles) {
  const auto dir = fresh_dir();
  EXPECT_THAT(input_error([&] { WeightStore::open(dir); }),
              AllOf(HasSubstr(dir.string() + ": weights: "), HasSubstr("found neither model.safetensors nor model.safetensors.index.json")));
  EXPECT_THAT(input_error([&] { WeightStore::open(dir / "nope"); }),
              AllOf(HasSubstr("nope: weights: not a directory"), HasSubstr("model.safetensors.index.json")));
}

TEST(WeightStoreErrors, ValidIndexLoads) {
  const auto dir = sharded_dir({{"a", "s1.safetensors"}, {"b", "s1.safetensors"}, {"c", "s2.safetensors"}});
  auto store = WeightStore::open(dir);
  EXPECT_THAT(store.names(), ElementsAre("a", "b", "c"));
  EXPECT_EQ(store.get("b").item<float>(), 2.0f);
  EXPECT_EQ(fs::path(store.file_of("c")).filename(), "s2.safetensors");
}

TEST(WeightStoreErrors, ShardFileMissing) {
  const auto dir = sharded_dir({{"a", "s1.safetensors"}, {"b", "s1.safetensors"}, {"c", "s3.safetensors"}});
  EXPECT_THAT(input_error([&] { WeightStore::open(dir); }),
              AllOf(HasSubstr("model.safetensors.index.json: c: "), HasSubstr("shard file \"s3.safetensors\" does not exist")));
}

TEST(WeightStoreErrors, ListedTensorNotInItsShard) {
  const auto dir = sharded_dir({{"a", "s1.safetensors"}, {"b", "s1.safetensors"}, {"c", "s1.safetensors"}});
  EXPECT_THAT(input_error([&] { WeightStore::open(dir); }),
              AllOf(HasSubstr("model.safetensors.index.json: c: "),
                    HasSubstr("listed for shard \"s1.safetensors\", but that file has no such tensor")));
}

TEST(WeightStoreErrors, TensorInTwoShards) {
  const auto dir = sharded_dir({{"a", "s1.safetensors"}, {"c", "s2.safetensors"}});
  float v[2] = {0, 0};
  write_safetensors(dir / "s2.safetensors", {{"c", DType::F32, {1}, v}, {"a", DType::F32, {1}, v}});
  EXPECT_THAT(input_error([&] { WeightStore::open(dir); }),
              AllOf(HasSubstr("s2.safetensors: a: also in "), HasSubstr("s1.safetensors"),
                    HasSubstr("each tensor must be in exactly one shard")));
}

TEST(WeightStoreErrors, NameTwiceInWeightMap) {
  const auto dir = sharded_dir({});
  test::write_file(dir / "model.safetensors.index.json",
                   R"({"weight_map": {"a": "s1.safetensors", "c": "s2.safetensors", "a": "s2.safetensors"}})");
  EXPECT_THAT(input_error([&] { WeightStore::open(dir); }),
              AllOf(HasSubstr("model.safetensors.index.json: weight_map.a: "), HasSubstr("appears twice")));
}

TEST(WeightStoreErrors, MalformedIndex) {
  auto dir = sharded_dir({});
  test::write_file(dir / "model.safetensors.index.json", "{\"weight_map\": ");
  EXPECT_THAT(input_error([&] { WeightStore::open(dir); }),
              AllOf(HasSubstr("model.safetensors.index.json: JSON: not valid JSON")));
  test::write_file(dir / "model.safetensors.index.json", R"({"metadata": {}})");
  EXPECT_THAT(input_error([&] { WeightStore::open(dir); }),
              HasSubstr("model.safetensors.index.json: weight_map: missing; expected an object mapping tensor names to shard files"));
  test::write_file(dir / "model.safetensors.index.json", R"({"weight_map": ["a"]})");
  EXPECT_THAT(input_error([&] { WeightStore::open(dir); }), HasSubstr("weight_map: is [\"a\"]; expected an object"));
  test::write_file(dir / "model.safetensors.index.json", R"({"weight_map": {"a": 1}})");
  EXPECT_THAT(input_error([&] { WeightStore::open(dir); }),
              HasSubstr("model.safetensors.index.json: a: shard is 1; expected a file name"));
  test::write_file(dir / "model.safetensors.index.json", R"({"weight_map": {"a": "../s1.safetensors"}})");
  EXPECT_THAT(input_error([&] { WeightStore::open(dir); }),
              HasSubstr("model.safetensors.index.json: a: shard \"../s1.safetensors\" is not a plain file name"));
}

TEST(WeightStoreErrors, BrokenShardIsReportedByItsFile) {
  const auto dir = sharded_dir({{"a", "s1.safetensors"}, {"b", "s1.safetensors"}, {"c", "s2.safetensors"}});
  test::write_file(dir / "s2.safetensors", "garbage");
  EXPECT_THAT(input_error([&] { WeightStore::open(dir); }), HasSubstr("s2.safetensors: header length: file has 7 bytes"));
}

TEST(WeightStoreErrors, MissingTensorAndWrongShape) {
  const auto dir = fresh_dir();
  save_checkpoint(dir, tiny_config(), {{"w", torch::zeros({2, 3})}});
  auto store = WeightStore::open(dir);
  EXPECT_FALSE(store.contains("v"));
  EXPECT_THAT(input_error([&] { store.get("v"); }), AllOf(HasSubstr("model.safetensors: v: missing tensor")));
  EXPECT_THAT(input_error([&] { store.file_of("v"); }), HasSubstr("model.safetensors: v: missing tensor"));
  EXPECT_THAT(input_error([&] { store.get("w", {3, 2}); }),
              HasSubstr("model.safetensors: w: shape [2, 3] does not match the config; expected [3, 2]"));
  EXPECT_EQ(store.get("w", {2, 3}).sizes(), (std::vector<int64_t>{2, 3}));
}

}  // namespace
}  // namespace sparsetune
