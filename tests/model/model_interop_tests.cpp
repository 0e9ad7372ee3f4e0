// Logit, hidden-state and generation parity with Hugging Face transformers on tiny random
// checkpoints made by make_reference_models.py, and the other direction: transformers loading
// what CausalLM::save writes (check_saved_model.py).
#include <gtest/gtest.h>

#include <torch/torch.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>
#include <string>
#include <unistd.h>

#include "core/model/causal_lm.h"
#include "core/model/checkpoint.h"
#include "core/model/generation.h"

namespace sparsetune {
namespace {

namespace fs = std::filesystem;

const fs::path kScripts = fs::path(SPARSETUNE_SOURCE_DIR) / "tests" / "model";

// Bounds on max|ours - reference| / max|reference|. float32 differs only by operation order;
// bfloat16 rounds every intermediate to 8 significant bits.
constexpr double kFloat32Bound = 1e-4;
constexpr double kBFloat16Bound = 2e-2;

// Runs `python script args...` through the shell (paths quoted); returns the exit status.
int run_python(const std::vector<std::string>& args) {
  std::ostringstream command;
  command << std::quoted(std::string(SPARSETUNE_PYTHON));
  for (const auto& arg : args) command << ' ' << std::quoted(arg);
  return std::system(command.str().c_str());
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// What decides which kernels transformers' reference forward ran: the CPU and the variables that cap
// ATen's, oneDNN's and MKL's instruction sets (scripts/test.sh sets them). References are bit-exact only
// for the same kernels, so they are made again when any of this changes.
std::string code_path() {
  std::string key;
  for (const char* name : {"ATEN_CPU_CAPABILITY", "ONEDNN_MAX_CPU_ISA", "MKL_ENABLE_INSTRUCTIONS"}) {
    const char* value = std::getenv(name);
    key += std::string(name) + "=" + (value ? value : "") + ";";
  }
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);) {
    if (line.rfind("model name", 0) == 0 || line.rfind("flags", 0) == 0) key += line;
    if (line.empty()) break;  // the first processor's lines are enough
  }
  return key;
}

// Runs make_reference_models.py once per script version and code path; ctest runs each test in its own
// process, so later processes reuse the directory (written under a temporary name, then renamed).
// Returns an empty path (test skipped) when the project's Python lacks transformers.
fs::path reference_dir() {
  static const fs::path dir = [] {
    if (!fs::exists(SPARSETUNE_PYTHON) || run_python({"-c", "import transformers, safetensors"}) != 0) return fs::path();
    const fs::path script = kScripts / "make_reference_models.py";
    const std::string stamp = std::to_string(std::hash<std::string>{}(read_file(script) + code_path()));
    const fs::path out = fs::path(SPARSETUNE_TEST_TMP) / ("model_references_" + stamp);
    if (fs::exists(out / "done")) return out;
    const fs::path tmp = out.string() + ".tmp" + std::to_string(::getpid());
    fs::remove_all(tmp);
    if (run_python({script.string(), tmp.string()}) != 0) throw std::runtime_error(script.string() + " failed");
    std::ofstream(tmp / "done") << stamp << "\n";
    std::error_code ignored;
    fs::rename(tmp, out, ignored);  // another process may have won the race: use its copy
    fs::remove_all(tmp, ignored);
    return out;
  }();
  return dir;
}

std::map<std::string, torch::Tensor> load_reference(const fs::path& file) {
  const auto st = SafetensorsFile::open(file);
  std::map<std::string, torch::Tensor> tensors;
  for (const auto& info : st->tensors()) tensors[info.name] = tensor_from_file(st, info).clone();
  return tensors;
}

std::vector<int64_t> to_vector(const torch::Tensor& t) {
  const auto c = t.to(torch::kLong).contiguous();
  return {c.data_ptr<int64_t>(), c.data_ptr<int64_t>() + c.numel()};
}

// max|a - b| / max|b| over the entries where `select` is true.
double relative_error(const torch::Tensor& a, const torch::Tensor& b, const torch::Tensor& select) {
  const auto x = a.cpu().to(torch::kDouble).index({select}), y = b.to(torch::kDouble).index({select});
  return ((x - y).abs().max() / y.abs().max()).item<double>();
}

struct Case {
  std::string name;
  bool bf16 = false;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class Reference : public ::testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    const auto root = reference_dir();
    if (root.empty()) GTEST_SKIP() << "no transformers in " << SPARSETUNE_PYTHON;
    dir_ = root / GetParam().name;
    ref_ = load_reference(dir_ / "reference.safetensors");
    bound_ = GetParam().bf16 ? kBFloat16Bound : kFloat32Bound;
  }

  // Compares logits and hidden states on the reference batch at the real (non-padding) tokens.
  void expect_matches(CausalLM& model, const std::string& label) {
    torch::NoGradGuard no_grad;
    const auto out = model.forward(ref_.at("input_ids"), ref_.at("attention_mask"), nullptr, true);
    const auto real = ref_.at("attention_mask").to(torch::kBool);
    const double logits_error = relative_error(out.logits, ref_.at("logits"), real);
    double hidden_error = 0;
    const auto& hidden = ref_.at("hidden_states");
    ASSERT_EQ(static_cast<int64_t>(out.hidden_states.size()), hidden.size(0));
    for (int64_t l = 0; l < hidden.size(0); ++l)
      hidden_error = std::max(hidden_error, relative_error(out.hidden_states[l].to(torch::kFloat32), hidden[l], real));
    std::cout << label << ": max relative error logits " << logits_error << ", hidden states " << hidden_error
              << " (bound " << bound_ << ")\n";
    EXPECT_LE(logits_error, bound_);
    EXPECT_LE(hidden_error, bound_);
  }

  fs::path dir_;
  std::map<std::string, torch::Tensor> ref_;
  double bound_ = 0;
};

TEST_P(Reference, LogitsAndHiddenStatesMatch) {
  const auto model = CausalLM::load(dir_);
  EXPECT_EQ(model->dtype(), GetParam().bf16 ? torch::kBFloat16 : torch::kFloat32);
  expect_matches(*model, GetParam().name);
}

TEST_P(Reference, GreedyGenerationMatches) {
  // bfloat16 rounding can flip near-ties between HF and us; generation is compared in float32.
  if (GetParam().bf16) GTEST_SKIP() << "float32 only";
  const auto model = CausalLM::load(dir_);
  GenerationOptions options;
  options.max_new_tokens = ref_.at("generated0").numel();
  for (const auto& [prompt, expected] : {std::pair{"prompt0", "generated0"}, std::pair{"prompt1", "generated1"}})
    EXPECT_EQ(generate(*model, to_vector(ref_.at(prompt)), options), to_vector(ref_.at(expected))) << prompt;
}

TEST_P(Reference, ScoreTokensMatches) {
  const auto model = CausalLM::load(dir_);
  const auto scores = score_tokens(*model, to_vector(ref_.at("prompt0")));
  const auto expected = ref_.at("nll0");
  ASSERT_EQ(static_cast<int64_t>(scores.nll.size()), expected.numel());
  // nll is a difference of logits (≈ ±10 here), so the bound scales with their size.
  const double tolerance = GetParam().bf16 ? 0.2 : 1e-3;
  for (int64_t i = 0; i < expected.numel(); ++i) EXPECT_NEAR(scores.nll[i], expected[i].item<double>(), tolerance) << i;
}

TEST_P(Reference, SavedModelLoadsInTransformers) {
  const auto model = CausalLM::load(dir_);
  const fs::path saved = fs::path(SPARSETUNE_TEST_TMP) / ("saved_" + GetParam().name + "_" + std::to_string(::getpid()));
  fs::remove_all(saved);
  model->save(saved, /*max_shard_bytes=*/20000);  // several shards and an index
  EXPECT_TRUE(fs::exists(saved / "model.safetensors.index.json"));
  // Same weights, same library on the other side: the logits must agree to the last bit or nearly.
  EXPECT_EQ(run_python({(kScripts / "check_saved_model.py").string(), saved.string(),
                        (dir_ / "reference.safetensors").string(), "1e-6"}), 0);
  fs::remove_all(saved);
}

INSTANTIATE_TEST_SUITE_P(Transformers, Reference,
                         ::testing::Values(Case{"llama"}, Case{"llama3"}, Case{"mistral"}, Case{"qwen2"}, Case{"qwen3"},
                                           Case{"gpt2"}, Case{"mpt"}, Case{"llama_bf16", true}, Case{"mpt_bf16", true}),
                         [](const auto& info) { return info.param.name; });

// The float32 checkpoint converted on load matches transformers' bfloat16 copy of it.
TEST(ReferenceConversion, Float32CheckpointLoadedAsBFloat16) {
  const auto root = reference_dir();
  if (root.empty()) GTEST_SKIP() << "no transformers in " << SPARSETUNE_PYTHON;
  for (const std::string name : {"llama", "mpt"}) {
    LoadOptions options;
    options.dtype = torch::kBFloat16;
    const auto model = CausalLM::load(root / name, options);
    const auto converted = model->named_parameters();
    const auto stored = CausalLM::load(root / (name + "_bf16"))->named_parameters();
    ASSERT_EQ(converted.size(), stored.size());
    for (std::size_t i = 0; i < stored.size(); ++i) EXPECT_TRUE(converted[i].second.equal(stored[i].second)) << stored[i].first;
  }
}

// On a GPU machine: the same checkpoints on CUDA against the CPU references.
TEST(ReferenceCuda, LogitsMatchOnGpu) {
  if (!torch::cuda::is_available()) GTEST_SKIP() << "no CUDA device";
  const auto root = reference_dir();
  if (root.empty()) GTEST_SKIP() << "no transformers in " << SPARSETUNE_PYTHON;
  for (const std::string name : {"llama", "llama3", "mistral", "qwen2", "qwen3", "gpt2", "mpt"}) {
    LoadOptions options;
    options.device = torch::Device(torch::kCUDA, 0);
    const auto model = CausalLM::load(root / name, options);
    const auto ref = load_reference(root / name / "reference.safetensors");
    torch::NoGradGuard no_grad;
    const auto out = model->forward(ref.at("input_ids"), ref.at("attention_mask"));
    const auto real = ref.at("attention_mask").to(torch::kBool);
    const double error = relative_error(out.logits, ref.at("logits"), real);
    std::cout << name << " on CUDA: max relative logit error " << error << "\n";
    EXPECT_LE(error, kFloat32Bound) << name;
    GenerationOptions generation;
    generation.max_new_tokens = ref.at("generated0").numel();
    EXPECT_EQ(generate(*model, to_vector(ref.at("prompt0")), generation), to_vector(ref.at("generated0"))) << name;
  }
}

}  // namespace
}  // namespace sparsetune
