// The `sparsetune` executable as a script sees it: JSON output, exit codes, one clear error per bad input.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/model/causal_lm.h"
#include "core/store/run_store.h"
#include "core/util/machine.h"
#include "core/tokenizer/tokenizer.h"
#include "core/util/resources.h"

namespace fs = std::filesystem;
using sparsetune::CausalLM;
using sparsetune::ModelConfig;

namespace {

struct Result {
  int code = -1;
  std::string out;  // stdout and stderr together
};

Result run(const std::string& args) {
  Result r;
  const std::string command = std::string(SPARSETUNE_CLI) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buffer{};
  while (auto n = fread(buffer.data(), 1, buffer.size(), pipe)) r.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// Built with append: GCC 12 at -O3 reports a false stringop-overflow for "'" + string.
std::string quoted(const fs::path& p) {
  std::string q(1, '\'');
  q.append(p.string()).push_back('\'');
  return q;
}

nlohmann::json json_of(const Result& r) {
  const auto start = r.out.find('{');
  EXPECT_NE(start, std::string::npos) << r.out;
  return nlohmann::json::parse(r.out.substr(start == std::string::npos ? 0 : start));
}

void write(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary) << bytes;
}

// A tiny random Llama with the demo's tokenizer, written to disk once for the whole suite.
class CliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // CTest runs every test as its own process, two at a time: each process gets its own folder.
    dir_ = fs::path(SPARSETUNE_TEST_TMP) / ("cli-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    model_ = dir_ / "tiny-llama";
    fs::create_directories(model_);
    const fs::path demo = sparsetune::demo_model_dir();
    fs::copy_file(demo / "tokenizer.json", model_ / "tokenizer.json");
    if (fs::exists(demo / "tokenizer_config.json")) fs::copy_file(demo / "tokenizer_config.json", model_ / "tokenizer_config.json");
    const auto tokenizer = sparsetune::Tokenizer::from_file(model_ / "tokenizer.json");
    nlohmann::json config = {{"model_type", "llama"},       {"vocab_size", tokenizer.vocab_size()},
                             {"hidden_size", 64},           {"intermediate_size", 128},
                             {"num_hidden_layers", 2},      {"num_attention_heads", 4},
                             {"num_key_value_heads", 2},    {"max_position_embeddings", 128},
                             {"rms_norm_eps", 1e-5},        {"tie_word_embeddings", false},
                             {"torch_dtype", "float32"}};
    auto model = CausalLM::random(ModelConfig::from_json(config, "config.json"), 7);
    model->save(model_);
    text_ = dir_ / "text.txt";
    write(text_, "Question: Ana has 3 boxes of 4 pens. How many pens does she have?\nAnswer: 3*4=12.\n#### 12\n");
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  static fs::path dir_, model_, text_;
};
fs::path CliTest::dir_, CliTest::model_, CliTest::text_;

}  // namespace

TEST_F(CliTest, InfoListsEveryLinearWithItsShape) {
  auto r = run("info " + quoted(model_) + " --json");
  ASSERT_EQ(r.code, 0) << r.out;
  auto j = json_of(r);
  EXPECT_EQ(j["architecture"], "llama");
  EXPECT_EQ(j["layers"], 2);
  const auto& linears = j["linears"];
  ASSERT_EQ(linears.size(), 2u * 7u + 1u);  // q k v o gate up down per block, and lm_head
  EXPECT_EQ(linears[0]["path"], "model.layers.0.self_attn.q_proj");
  EXPECT_EQ(linears[0]["shape"], (nlohmann::json{64, 64}));
  EXPECT_EQ(linears[1]["shape"], (nlohmann::json{32, 64}));  // k_proj: 2 kv heads × 16
}

TEST_F(CliTest, TokenizeMatchesTheLibrary) {
  auto r = run("tokenize " + quoted(model_) + " --text-file " + quoted(text_) + " --json");
  ASSERT_EQ(r.code, 0) << r.out;
  const auto tokenizer = sparsetune::Tokenizer::from_directory(model_);
  std::ifstream in(text_);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(json_of(r)["ids"].get<std::vector<int32_t>>(), tokenizer.encode(text));
}

TEST_F(CliTest, ScoreGivesOneNllPerPredictedToken) {
  auto r = run("score " + quoted(model_) + " --text-file " + quoted(text_) + " --json");
  ASSERT_EQ(r.code, 0) << r.out;
  auto j = json_of(r);
  const auto nll = j["nll"].get<std::vector<double>>();
  EXPECT_EQ(nll.size() + 1, j["tokens"].get<std::size_t>());
  double sum = 0;
  for (double v : nll) {
    EXPECT_TRUE(std::isfinite(v));
    EXPECT_GE(v, 0.0);
    sum += v;
  }
  EXPECT_NEAR(j["mean_nll"].get<double>(), sum / static_cast<double>(nll.size()), 1e-9);
  EXPECT_NEAR(j["perplexity"].get<double>(), std::exp(j["mean_nll"].get<double>()), 1e-6);
}

TEST_F(CliTest, GreedyGenerationIsDeterministicAndBounded) {
  const std::string args = "generate " + quoted(model_) + " --prompt 'Question: 2+2?' --max-new-tokens 12 --greedy --json";
  auto a = run(args), b = run(args);
  ASSERT_EQ(a.code, 0) << a.out;
  ASSERT_EQ(b.code, 0) << b.out;
  const auto ids = json_of(a)["output_ids"].get<std::vector<int64_t>>();
  EXPECT_EQ(ids, json_of(b)["output_ids"].get<std::vector<int64_t>>());
  EXPECT_GE(ids.size(), 1u);
  EXPECT_LE(ids.size(), 12u);
}

TEST_F(CliTest, SeededSamplingIsReproducible) {
  const std::string args = "generate " + quoted(model_) + " --prompt 'Question:' --max-new-tokens 8 --seed 5 --top-k 20 --json";
  auto a = run(args), b = run(args);
  ASSERT_EQ(a.code, 0) << a.out;
  EXPECT_EQ(json_of(a)["output_ids"], json_of(b)["output_ids"]);
}

TEST_F(CliTest, DemoRunsTheWholeJobAndRecordsEveryStage) {
  // A shortened demo: the real recipe, model and data, few steps and problems.
  auto r = run("demo --steps 4 --samples 8 --json --db " + quoted(dir_ / "demo.sqlite") + " --output " + quoted(dir_ / "demo-out"));
  ASSERT_EQ(r.code, 0) << r.out;
  auto j = json_of(r);
  EXPECT_EQ(j["status"], "finished");
  EXPECT_EQ(j["steps"], 4);
  EXPECT_DOUBLE_EQ(j["sparsity"].get<double>(), 0.75);
  for (const char* stage : {"dense", "oneshot", "final"}) {
    EXPECT_GE(j[stage]["exact_match"].get<double>(), 0.0) << stage;
    EXPECT_GT(j[stage]["loss"].get<double>(), 0.0) << stage;
  }
  EXPECT_GE(j["dense"]["exact_match"].get<double>(), 0.6) << "the built-in teacher must be good at its task";
  EXPECT_TRUE(fs::exists(fs::path(j["model"].get<std::string>()) / "model.safetensors"));
}

TEST_F(CliTest, RecoveryStudyRunsEveryConfigurationOnceAndReusesFinishedRuns) {
  // The study's own recipe is the demo's (minutes of CPU); this one is the same job in miniature.
  std::ifstream demo_test(sparsetune::demo_data_dir() / "test.jsonl");
  std::ofstream problems(dir_ / "problems.jsonl");
  std::string line;
  for (int i = 0; i < 12 && std::getline(demo_test, line); ++i) problems << line << "\n";
  problems.close();
  write(dir_ / "study.yaml", "name: tiny-study\nmodel: tiny-llama\nteacher: tiny-llama\ndata:\n  train: problems.jsonl\n"
                              "  test: problems.jsonl\n  max_length: 64\npruning:\n  method: sparsegpt\n  sparsity: 0.5\n"
                              "  calibration: {samples: 4, seq_len: 32}\ntraining:\n  steps: 2\n  batch_size: 2\n  grad_accum: 1\n"
                              "  lr: 0.001\n  warmup_steps: 1\n  device: cpu\nevaluation:\n  tasks: [perplexity, gsm8k]\n"
                              "  max_new_tokens: 4\n");
  const std::string db = " --db " + quoted(dir_ / "study.sqlite");
  const std::string study = "study recovery --recipe " + quoted(dir_ / "study.yaml") +
                            " --sparsities 0.9 --seeds 3 --steps 2 --samples 3 --json" + db;
  auto first = run(study + " --report " + quoted(dir_ / "recovery.md"));
  ASSERT_EQ(first.code, 0) << first.out;
  const auto rows = json_of(first)["rows"];
  ASSERT_EQ(rows.size(), 5u) << "dense, then one-shot, CE, CE+KD and CE+SquareHead at 90 %";
  EXPECT_EQ(rows[0]["arm"], "dense");
  for (const auto& row : rows) {
    EXPECT_EQ(row["runs"].size(), 1u);
    EXPECT_GT(row["loss"]["mean"].get<double>(), 0.0);
  }
  // Pruning 90 % of a model's weights one-shot changes what it predicts.
  EXPECT_NE(rows[1]["loss"]["mean"].get<double>(), rows[0]["loss"]["mean"].get<double>());
  std::ifstream report(dir_ / "recovery.md");
  const std::string md((std::istreambuf_iterator<char>(report)), std::istreambuf_iterator<char>());
  EXPECT_NE(md.find("| 90% | CE+SquareHead |"), std::string::npos) << md;

  // Run again: every configuration is found finished in the database, so the table is the same.
  auto again = run(study);
  ASSERT_EQ(again.code, 0) << again.out;
  EXPECT_EQ(json_of(again)["rows"], rows);
  const auto listed = nlohmann::json::parse(run("runs --json" + db).out);
  EXPECT_EQ(listed.size(), 5u);

  // --no-run only reads: a study with other settings has nothing finished yet.
  EXPECT_EQ(json_of(run(study + " --no-run"))["rows"], rows);
  EXPECT_EQ(run("study recovery --recipe " + quoted(dir_ / "study.yaml") + " --steps 3 --no-run" + db).code, 2);
  EXPECT_EQ(run("study sideways" + db).code, 2);
  EXPECT_EQ(run("study recovery --sparsities 0.5,1.5" + db).code, 2);
  EXPECT_EQ(run("study recovery --recipe " + quoted(dir_ / "missing.yaml") + db).code, 3);
}

TEST_F(CliTest, ProfileComparesDenseAndSparseKernelsAndStoresTheRecords) {
  const auto pruned = dir_ / "pruned-75";
  ASSERT_EQ(run("prune " + quoted(model_) + " --method magnitude --sparsity 0.75 --json --out " + quoted(pruned)).code, 0);
  const auto db = dir_ / "profile.sqlite";
  auto r = run("profile " + quoted(pruned) + " --json --repeats 1 --new-tokens 3 --db " + quoted(db));
  ASSERT_EQ(r.code, 0) << r.out;
  const auto j = json_of(r);
  ASSERT_FALSE(j["layers"].empty());
  for (const auto& layer : j["layers"]) {
    EXPECT_NEAR(layer["sparsity"].get<double>(), 0.75, 0.01);
    EXPECT_GT(layer["bound"].get<double>(), 1.0);
  }
  EXPECT_TRUE(j["decode"]["same_tokens"].get<bool>());
  EXPECT_GT(j["decode"]["sparse_tokens_per_second"].get<double>(), 0.0);
  sparsetune::RunStore store(db);
  const auto stored = store.model_profiles(sparsetune::model_fingerprint(pruned));
  EXPECT_EQ(stored.size(), j["layers"].size() + 1);

  EXPECT_EQ(run("profile " + quoted(pruned) + " --values f16 --no-store").code, 2);
}

TEST_F(CliTest, UsageErrorsExitWithTwo) {
  EXPECT_EQ(run("").code, 2);
  EXPECT_EQ(run("frobnicate").code, 2);
  auto r = run("info " + quoted(model_) + " --jsn");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("unknown option --jsn"), std::string::npos) << r.out;
  r = run("show abc --db " + quoted(dir_ / "usage.sqlite"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("RUN must be a run id"), std::string::npos) << r.out;
  r = run("generate " + quoted(model_) + " --prompt x --max-new-tokens zero");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("--max-new-tokens"), std::string::npos) << r.out;
}

TEST_F(CliTest, NonUtf8TextNamesFileAndByte) {
  const fs::path bad = dir_ / "latin1.txt";
  write(bad, "caf\xE9 au lait");
  auto r = run("tokenize " + quoted(model_) + " --text-file " + quoted(bad));
  EXPECT_EQ(r.code, 3) << r.out;
  EXPECT_NE(r.out.find(bad.string()), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("invalid UTF-8 at byte 3"), std::string::npos) << r.out;
}

TEST_F(CliTest, MissingTextFileIsAnInputError) {
  auto r = run("score " + quoted(model_) + " --text-file " + quoted(dir_ / "nope.txt"));
  EXPECT_EQ(r.code, 3) << r.out;
  EXPECT_NE(r.out.find("nope.txt"), std::string::npos) << r.out;
}

TEST_F(CliTest, TruncatedWeightsNameTheFile) {
  const fs::path broken = dir_ / "broken";
  fs::remove_all(broken);
  fs::copy(model_, broken);
  const auto weights = broken / "model.safetensors";
  fs::resize_file(weights, fs::file_size(weights) / 2);
  auto r = run("info " + quoted(broken));
  EXPECT_EQ(r.code, 3) << r.out;
  EXPECT_NE(r.out.find(weights.string()), std::string::npos) << r.out;
}

// import-gguf and a .gguf model path: usage errors exit 2; a file that is no GGUF exits 3 naming it, and
// leaves no output folder behind.
TEST_F(CliTest, ImportGgufRefusesBadArgumentsAndFiles) {
  const fs::path fake = dir_ / "fake.gguf";
  write(fake, "GGUF but nothing after the magic");
  auto r = run("import-gguf " + quoted(fake));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("--out DIR is required"), std::string::npos) << r.out;
  r = run("import-gguf " + quoted(fake) + " --out " + quoted(dir_ / "x") + " --dtype int4");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("--dtype"), std::string::npos) << r.out;
  const fs::path out = dir_ / "fake-import";
  r = run("import-gguf " + quoted(fake) + " --out " + quoted(out));
  EXPECT_EQ(r.code, 3) << r.out;
  EXPECT_NE(r.out.find(fake.string()), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(out));
  // The CLI imports a .gguf model into this cache (inherited by the child process), never the user's.
  setenv("SPARSETUNE_GGUF_CACHE", (dir_ / "gguf-cache").c_str(), 1);
  r = run("info " + quoted(fake));
  unsetenv("SPARSETUNE_GGUF_CACHE");
  EXPECT_EQ(r.code, 3) << r.out;
  EXPECT_NE(r.out.find(fake.string()), std::string::npos) << r.out;
}

TEST_F(CliTest, MissingConfigFieldIsNamed) {
  const fs::path broken = dir_ / "no-hidden";
  fs::remove_all(broken);
  fs::copy(model_, broken);
  auto config = nlohmann::json::parse(std::ifstream(broken / "config.json"));
  config.erase("hidden_size");
  write(broken / "config.json", config.dump());
  auto r = run("info " + quoted(broken));
  EXPECT_EQ(r.code, 3) << r.out;
  EXPECT_NE(r.out.find("config.json"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("hidden_size"), std::string::npos) << r.out;
}

TEST_F(CliTest, CudaRequestWithoutGpuSaysWhy) {
  if (run("info " + quoted(model_) + " --device cuda --json").code == 0) GTEST_SKIP() << "a CUDA device is present";
  auto r = run("info " + quoted(model_) + " --device cuda");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("CUDA is not available"), std::string::npos) << r.out;
}

// Regression: with libtorch ahead of libstdc++ in the NEEDED list, std::filesystem::remove_all bound
// to libtorch's copy and crashed on a non-empty folder (see the root CMakeLists.txt).
TEST(TorchLinkedBinary, FilesystemRemoveAllWorksOnNonEmptyFolders) {
  const fs::path top = fs::path(SPARSETUNE_TEST_TMP) / ("remove-all-" + std::to_string(::getpid()));
  fs::create_directories(top / "a" / "b");
  write(top / "a" / "b" / "f.txt", "x");
  EXPECT_GT(fs::remove_all(top), 2u);
}

TEST_F(CliTest, RunLogsToTheDatabaseAndRunsListsIt) {
  const fs::path db = dir_ / "runs.sqlite";
  const fs::path recipe = dir_ / "tiny.yaml";
  std::ifstream demo_train(sparsetune::demo_data_dir() / "train.jsonl");
  std::ofstream train(dir_ / "train.jsonl");
  std::string line;
  for (int i = 0; i < 16 && std::getline(demo_train, line); ++i) train << line << "\n";
  train.close();
  write(recipe, "name: tiny-cli\nmodel: tiny-llama\nteacher: tiny-llama\ndata:\n  train: train.jsonl\n  validation: train.jsonl\n"
                "  max_length: 64\npruning:\n  method: magnitude\n  sparsity: 0.5\ntraining:\n  steps: 3\n  batch_size: 2\n"
                "  grad_accum: 1\n  lr: 0.001\n  warmup_steps: 1\n  device: cpu\nevaluation:\n  tasks: [perplexity]\n  samples: 4\n");
  auto r = run("run " + quoted(recipe) + " --db " + quoted(db) + " --json");
  ASSERT_EQ(r.code, 0) << r.out;
  const auto result = json_of(r);
  EXPECT_EQ(result["status"], "finished");
  const int64_t id = result["run"];

  r = run("runs --db " + quoted(db) + " --json");
  ASSERT_EQ(r.code, 0) << r.out;
  const auto runs = nlohmann::json::parse(r.out.substr(r.out.find('[')));
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0]["id"], id);
  EXPECT_EQ(runs[0]["status"], "finished");

  r = run("show " + std::to_string(id) + " --db " + quoted(db) + " --json");
  ASSERT_EQ(r.code, 0) << r.out;
  const auto shown = json_of(r);
  EXPECT_EQ(shown["metrics"]["loss/total"]["count"], 3);
  EXPECT_NEAR(shown["metrics"]["sparsity/actual"]["last"].get<double>(), 0.5, 0.01);
  bool dense = false, oneshot = false, final_eval = false;
  for (const auto& e : shown["evals"]) {
    const std::string task = e["task"];
    dense |= task.rfind("dense/", 0) == 0;
    oneshot |= task.rfind("oneshot/", 0) == 0;
    final_eval |= task.rfind("final/", 0) == 0;
  }
  EXPECT_TRUE(dense && oneshot && final_eval) << shown["evals"].dump();
}

TEST_F(CliTest, BadRecipeValueNamesFileAndField) {
  const fs::path recipe = dir_ / "bad.yaml";
  write(recipe, "model: tiny-llama\npruning:\n  method: magnitude\n  sparsity: 1.5\n");
  auto r = run("run " + quoted(recipe) + " --db " + quoted(dir_ / "bad.sqlite"));
  EXPECT_EQ(r.code, 3) << r.out;
  EXPECT_NE(r.out.find("bad.yaml"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("pruning.sparsity"), std::string::npos) << r.out;
}

TEST_F(CliTest, PruneWritesAModelWithTheAskedSparsity) {
  const fs::path out = dir_ / "pruned-2of4";
  auto r = run("prune " + quoted(model_) + " --method wanda --structure 2:4 --calibration " + quoted(text_) +
               " --samples 1 --out " + quoted(out) + " --json");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NEAR(json_of(r)["overall_sparsity"].get<double>(), 0.5, 1e-9);
  r = run("info " + quoted(out) + " --json");
  ASSERT_EQ(r.code, 0) << r.out;
  for (const auto& l : json_of(r)["linears"])
    EXPECT_NEAR(l["sparsity"].get<double>(), l["path"] == "lm_head" ? 0.0 : 0.5, 0.01) << l["path"];
  EXPECT_TRUE(fs::exists(out / "tokenizer.json"));
  EXPECT_EQ(run("prune " + quoted(model_) + " --method sparsegpt --out " + quoted(dir_ / "x")).code, 2)
      << "SparseGPT without calibration data is a usage error";
}

TEST_F(CliTest, EvalReportsHeldOutScores) {
  const fs::path data = dir_ / "eval.jsonl";
  write(data, "{\"prompt\": \"Question: 1+1?\\nAnswer:\", \"completion\": \" 1+1=2.\\n#### 2\"}\n"
              "{\"prompt\": \"Question: 2+2?\\nAnswer:\", \"completion\": \" 2+2=4.\\n#### 4\"}\n"
              "{\"prompt\": \"Question: 3+3?\\nAnswer:\", \"completion\": \" 3+3=6.\\n#### 6\"}\n");
  auto r = run("eval " + quoted(model_) + " --data " + quoted(data) + " --task all --samples 3 --max-new-tokens 4 --json");
  ASSERT_EQ(r.code, 0) << r.out;
  const auto j = json_of(r);
  EXPECT_GT(j["perplexity"]["loss"].get<double>(), 0.0);
  EXPECT_EQ(j["gsm8k"]["problems"], 3);
}

TEST_F(CliTest, SensitivityMeasuresEveryLayerOfTheDemoAndStoresIt) {
  const fs::path demo = sparsetune::demo_model_dir();
  const fs::path data = sparsetune::demo_data_dir() / "test.jsonl";
  const std::string db = " --db " + quoted(dir_ / "sensitivity.sqlite");
  auto r = run("sensitivity " + quoted(demo) + " --data " + quoted(data) + " --sparsities 0.9,0 --samples 2 --seq-len 48 --json" + db);
  ASSERT_EQ(r.code, 0) << r.out;
  const auto j = json_of(r);
  EXPECT_EQ(j["method"], "magnitude");
  const double dense = j["dense_loss"].get<double>();
  EXPECT_GT(dense, 0.0);
  ASSERT_EQ(j["layers"].size(), 4u * 7u);  // the demo's 4 blocks × q k v o gate up down
  double increase = 0;
  for (const auto& l : j["layers"]) {
    EXPECT_EQ(l["sparsities"], (nlohmann::json{0.0, 0.9}));
    EXPECT_DOUBLE_EQ(l["loss"][0].get<double>(), dense) << l["module_path"];
    increase += l["loss"][1].get<double>() - dense;
  }
  EXPECT_GT(increase, 0.0) << "pruning the trained teacher's layers to 90 % must cost loss";

  sparsetune::RunStore store(dir_ / "sensitivity.sqlite");
  const auto stored = store.latest_sensitivity(sparsetune::model_fingerprint(demo));
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->layers.size(), 28u);
  EXPECT_EQ(stored->dense_loss, dense);

  const std::string args = "sensitivity " + quoted(demo) + " --data " + quoted(data) + " --no-store";
  EXPECT_EQ(run(args + " --sparsities 0.5,1.5").code, 2);
  EXPECT_EQ(run(args + " --method sparsegpt").code, 2);
  EXPECT_EQ(run("sensitivity " + quoted(demo) + " --no-store").code, 2) << "--data is required";
  EXPECT_EQ(run("sensitivity " + quoted(demo) + " --data " + quoted(dir_ / "missing.jsonl") + " --no-store").code, 3);
}

TEST(CliReport, WritesHtmlAndCsvOfStoredRunsAndNamesAnUnknownRun) {
  const fs::path dir = fs::path(SPARSETUNE_TEST_TMP) / ("report-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path db = dir / "runs.sqlite";
  {
    sparsetune::RunStore store(db);
    sparsetune::NewRun n;
    n.name = "a, \"b\" <c>";
    n.recipe_yaml = "name: a\n";
    n.machine_json = sparsetune::describe_machine().dump();
    const int64_t id = store.create_run(n);
    store.add_metrics(id, {{1, 0.5, {{"loss/total", 2.5}}}, {2, 1.0, {{"loss/total", 2.0}}}});
    store.set_status(id, "finished");
  }
  const fs::path html = dir / "report.html", csv = dir / "metrics.csv";
  auto r = run("report 1 --db " + quoted(db) + " --html " + quoted(html) + " --csv " + quoted(csv));
  ASSERT_EQ(r.code, 0) << r.out;
  std::ifstream html_in(html), csv_in(csv);
  const std::string page((std::istreambuf_iterator<char>(html_in)), std::istreambuf_iterator<char>());
  const std::string table((std::istreambuf_iterator<char>(csv_in)), std::istreambuf_iterator<char>());
  EXPECT_NE(page.find("a, &quot;b&quot; &lt;c&gt;"), std::string::npos);
  EXPECT_NE(page.find("<svg"), std::string::npos);
  std::string version = run("--version").out;  // "sparsetune X.Y.Z\n"
  version.pop_back();
  EXPECT_NE(page.find("by " + version), std::string::npos) << version;
  EXPECT_EQ(table, "run_id,run_name,step,wall_seconds,metric,value\r\n1,\"a, \"\"b\"\" <c>\",1,0.5,loss/total,2.5\r\n"
                   "1,\"a, \"\"b\"\" <c>\",2,1,loss/total,2\r\n");

  r = run("report 1 7 --db " + quoted(db) + " --html " + quoted(dir / "other.html"));
  EXPECT_EQ(r.code, 3) << r.out;
  EXPECT_NE(r.out.find(db.string() + ": run 7: no such run"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir / "other.html"));
  EXPECT_EQ(run("report 1 --db " + quoted(db)).code, 2) << "--html or --csv is required";
  EXPECT_EQ(run("report --db " + quoted(db) + " --csv " + quoted(csv)).code, 2) << "a run is required";
  r = run("report 1 --db " + quoted(dir / "none.sqlite") + " --csv " + quoted(csv));
  EXPECT_EQ(r.code, 3) << r.out;
  EXPECT_FALSE(fs::exists(dir / "none.sqlite"));
  fs::remove_all(dir);
}
