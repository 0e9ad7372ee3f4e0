#include "core/eval/sensitivity.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <torch/torch.h>

#include "tests/prune/prune_test_util.h"

namespace sparsetune {
namespace {

// Sequences counting up by one (mod the vocabulary) from random starts: easy to learn, so pruning a
// trained layer has something to lose.
std::vector<torch::Tensor> counting_ids(int64_t count, int64_t batch, int64_t seq, uint64_t seed) {
  torch::manual_seed(seed);
  std::vector<torch::Tensor> batches;
  for (int64_t i = 0; i < count; ++i) {
    const auto starts = torch::randint(test::kVocab, {batch, 1}, torch::kInt64);
    batches.push_back((starts + torch::arange(seq, torch::kInt64).unsqueeze(0)).remainder(test::kVocab));
  }
  return batches;
}

// Every token after the first scored.
std::vector<SensitivityBatch> scored_everywhere(const std::vector<torch::Tensor>& ids) {
  std::vector<SensitivityBatch> batches;
  for (const auto& t : ids) batches.push_back({t});
  return batches;
}

// The tiny Llama of the pruning tests, fitted to the counting task.
std::unique_ptr<CausalLM> trained_tiny_llama() {
  auto model = test::tiny_llama(3);
  std::vector<torch::Tensor> parameters;
  for (auto& [name, tensor] : model->named_parameters()) parameters.push_back(tensor.requires_grad_(true));
  torch::optim::Adam optimizer(parameters, torch::optim::AdamOptions(1e-2));
  const auto batches = counting_ids(8, 8, 16, 11);
  for (int step = 0; step < 120; ++step) {
    const auto& ids = batches[static_cast<std::size_t>(step) % batches.size()];
    const auto logits = model->forward(ids).logits;
    const auto loss = torch::nn::functional::cross_entropy(logits.slice(1, 0, -1).reshape({-1, test::kVocab}), ids.slice(1, 1).reshape({-1}));
    optimizer.zero_grad();
    loss.backward();
    optimizer.step();
  }
  for (auto& tensor : parameters) tensor.requires_grad_(false);
  return model;
}

std::vector<torch::Tensor> snapshot(const CausalLM& model) {
  std::vector<torch::Tensor> copies;
  for (const auto& [name, tensor] : model.named_parameters()) copies.push_back(tensor.detach().clone());
  return copies;
}

// Bitwise: equal() would call -0.0 and 0.0 the same.
bool bit_identical(const CausalLM& model, const std::vector<torch::Tensor>& before) {
  const auto now = model.named_parameters();
  if (now.size() != before.size()) return false;
  for (std::size_t i = 0; i < now.size(); ++i) {
    const auto a = now[i].second.detach().contiguous(), b = before[i].contiguous();
    if (a.sizes() != b.sizes() || a.scalar_type() != b.scalar_type() ||
        std::memcmp(a.data_ptr(), b.data_ptr(), static_cast<std::size_t>(a.numel()) * a.element_size()) != 0)
      return false;
  }
  return true;
}

const std::atomic<bool> kNoStop{false};

class SensitivityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    model_ = trained_tiny_llama().release();
    calibration_ = new std::vector<SensitivityBatch>(scored_everywhere(counting_ids(3, 4, 16, 5)));
  }
  static void TearDownTestSuite() {
    delete model_;
    delete calibration_;
  }
  static CausalLM* model_;
  static std::vector<SensitivityBatch>* calibration_;
};
CausalLM* SensitivityTest::model_ = nullptr;
std::vector<SensitivityBatch>* SensitivityTest::calibration_ = nullptr;

TEST_F(SensitivityTest, MagnitudeLossesStartAtDenseAndRiseWithSparsity) {
  const auto before = snapshot(*model_);
  SensitivityOptions options;
  options.sparsities = {0.9, 0.0, 0.5};  // measured in ascending order whatever the order given
  int64_t calls = 0, last_done = 0, last_total = 0;
  const auto a = analyze_sensitivity(*model_, *calibration_, options,
                                     [&](int64_t done, int64_t total, const std::string&) {
                                       ++calls;
                                       last_done = done;
                                       last_total = total;
                                     },
                                     kNoStop);
  EXPECT_TRUE(bit_identical(*model_, before));
  EXPECT_EQ(a.method, "magnitude");
  EXPECT_LT(a.dense_loss, 1.0) << "the model must have learned the task for this test to mean anything";
  EXPECT_EQ(a.tokens, 3 * 4 * 15);
  EXPECT_EQ(a.model_parameters, model_->num_parameters());
  ASSERT_EQ(a.layers.size(), 2u * 7u);  // q k v o gate up down per block; not lm_head
  EXPECT_EQ(a.layers[0].module_path, "model.layers.0.self_attn.q_proj");
  EXPECT_EQ(a.layers[0].parameters, 32 * 32);
  EXPECT_EQ(a.layers[0].out_features, 32);
  EXPECT_EQ(a.layers[5].in_features, 32);   // up_proj [48, 32]
  EXPECT_EQ(a.layers[6].in_features, 48);   // down_proj [32, 48]
  EXPECT_EQ(calls, 14 * 3);
  EXPECT_EQ(last_done, last_total);
  EXPECT_EQ(last_total, 14 * 3);

  double mean_half = 0, mean_most = 0;
  int rising = 0;
  for (const auto& l : a.layers) {
    ASSERT_EQ(l.sparsities, (std::vector<double>{0.0, 0.5, 0.9}));
    ASSERT_EQ(l.loss.size(), 3u);
    EXPECT_DOUBLE_EQ(l.loss[0], a.dense_loss) << l.module_path;  // pruning nothing changes nothing
    mean_half += (l.loss[1] - a.dense_loss) / 14.0;
    mean_most += (l.loss[2] - a.dense_loss) / 14.0;
    if (l.loss[2] > l.loss[1] && l.loss[1] >= a.dense_loss - 1e-3) ++rising;
  }
  EXPECT_GT(mean_half, 0.0);
  EXPECT_GT(mean_most, mean_half);
  EXPECT_GE(rising, 11) << "nearly every layer loses more at 90 % than at 50 %";

  // The analysis is usable for allocation as it comes.
  const auto s = allocate_sparsity(a, 0.5);
  EXPECT_EQ(s.size(), a.layers.size());
}

TEST_F(SensitivityTest, WandaRestoresTheModelAndAgreesAtZero) {
  const auto before = snapshot(*model_);
  SensitivityOptions options;
  options.sparsities = {0.0, 0.7};
  options.method = SensitivityMethod::Wanda;
  options.samples = 2;  // the first two batches only
  options.seq_len = 8;  // cut to 8 tokens
  const auto a = analyze_sensitivity(*model_, *calibration_, options, {}, kNoStop);
  EXPECT_TRUE(bit_identical(*model_, before));
  EXPECT_EQ(a.method, "wanda");
  EXPECT_EQ(a.tokens, 2 * 4 * 7);
  for (const auto& l : a.layers) {
    EXPECT_DOUBLE_EQ(l.loss[0], a.dense_loss) << l.module_path;
    EXPECT_TRUE(std::isfinite(l.loss[1]));
  }
}

TEST_F(SensitivityTest, ScoresOnlyTheTargetTokens) {
  // The same text scored on its second half only: fewer tokens, and a loss of its own.
  std::vector<SensitivityBatch> halves;
  for (const auto& b : *calibration_) {
    auto targets = torch::zeros(b.input_ids.sizes(), torch::kBool);
    targets.slice(1, 8).fill_(true);
    halves.push_back({b.input_ids, targets});
  }
  SensitivityOptions options;
  options.sparsities = {0.0, 0.9};
  options.targets.include = {"model.layers.0.mlp.*"};
  const auto all = analyze_sensitivity(*model_, *calibration_, options, {}, kNoStop);
  const auto half = analyze_sensitivity(*model_, halves, options, {}, kNoStop);
  EXPECT_EQ(half.tokens, 3 * 4 * 8);
  EXPECT_NE(half.dense_loss, all.dense_loss);
  ASSERT_EQ(half.layers.size(), 3u);  // gate, up, down of block 0
  EXPECT_DOUBLE_EQ(half.layers[0].loss[0], half.dense_loss);

  // From a dataset: one-row batches carrying the examples' target flags, cut to seq_len.
  Dataset data;
  data.examples.push_back({{1, 2, 3, 4, 5, 6}, {0, 0, 0, 1, 1, 1}});
  data.examples.push_back({{1, 2, 3, 4}, {0, 0, 0, 0}});  // nothing to score: skipped
  data.examples.push_back({{7, 8, 9}, {0, 1, 1}});
  const auto batches = sensitivity_batches(data, 8, 5);
  ASSERT_EQ(batches.size(), 2u);
  EXPECT_EQ(batches[0].input_ids.sizes(), (std::vector<int64_t>{1, 5}));
  EXPECT_EQ(batches[0].targets.sum().item<int64_t>(), 2);
  EXPECT_EQ(batches[1].input_ids.sizes(), (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(sensitivity_batches(data, 1, 5).size(), 1u);
  EXPECT_EQ(analyze_sensitivity(*model_, batches, options, {}, kNoStop).tokens, 2 + 2);
}

TEST_F(SensitivityTest, CancellingMidwayThrowsAndRestoresThePrunedLayer) {
  const auto before = snapshot(*model_);
  std::atomic<bool> stop{false};
  SensitivityOptions options;
  options.sparsities = {0.5, 0.9};
  // Set after the first measurement: the second finds the layer pruned to 90 % and stops there.
  EXPECT_THROW(analyze_sensitivity(*model_, *calibration_, options, [&](int64_t, int64_t, const std::string&) { stop = true; }, stop),
               SensitivityCancelled);
  EXPECT_TRUE(bit_identical(*model_, before));
  stop = true;
  EXPECT_THROW(analyze_sensitivity(*model_, *calibration_, options, {}, stop), SensitivityCancelled);
}

TEST_F(SensitivityTest, RefusesBadOptions) {
  SensitivityOptions options;
  options.sparsities = {1.0};
  EXPECT_THROW(analyze_sensitivity(*model_, *calibration_, options, {}, kNoStop), Error);
  options.sparsities = {0.5, 0.5};
  EXPECT_THROW(analyze_sensitivity(*model_, *calibration_, options, {}, kNoStop), Error);
  options.sparsities = {0.5};
  EXPECT_THROW(analyze_sensitivity(*model_, {}, options, {}, kNoStop), Error);
  options.targets.include = {"nothing.*"};
  EXPECT_THROW(analyze_sensitivity(*model_, *calibration_, options, {}, kNoStop), Error);
}

TEST(Sensitivity, RestoresGpt2sTransposedWeightsExactly) {
  // GPT-2's Conv1D weights are transposed views: pruning and restoring go through the stored tensor.
  auto model = test::tiny_gpt2(5);
  const auto before = snapshot(*model);
  SensitivityOptions options;
  options.sparsities = {0.5};
  const auto a = analyze_sensitivity(*model, scored_everywhere(test::random_batches(2, 2, 8)), options, {}, kNoStop);
  EXPECT_TRUE(bit_identical(*model, before));
  ASSERT_FALSE(a.layers.empty());
  EXPECT_EQ(a.layers[0].module_path, "transformer.h.0.attn.c_attn");
  EXPECT_EQ(a.layers[0].out_features, 96);  // q, k, v of 32 each
  EXPECT_EQ(a.layers[0].in_features, 32);
}

}  // namespace
}  // namespace sparsetune
