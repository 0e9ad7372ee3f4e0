// Whole-model pruning on tiny random models: calibration through the LinearInputObserver hook,
// one-shot magnitude/Wanda/SparseGPT (unstructured and N:M, sequential or not), OWL allocation and
// gradual mask updates.
#include <gtest/gtest.h>

#include <cstdio>
#include <numeric>

#include <torch/torch.h>

#include "core/prune/calibration.h"
#include "core/prune/pruner.h"
#include "core/util/error.h"
#include "prune_test_util.h"

namespace sparsetune {
namespace {

// Weights of every Linear, copied.
std::map<std::string, torch::Tensor> snapshot(CausalLM& model) {
  std::map<std::string, torch::Tensor> weights;
  for (const auto& path : model.linear_paths()) weights[path] = model.linear(path).weight.clone();
  return weights;
}

// max |logits − dense logits| / max |dense logits| on held-out batches.
double logit_error(CausalLM& model, const std::vector<torch::Tensor>& batches, const std::vector<torch::Tensor>& dense_logits) {
  torch::NoGradGuard no_grad;
  double worst = 0;
  for (std::size_t i = 0; i < batches.size(); ++i) {
    const auto logits = model.forward(batches[i]).logits;
    worst = std::max(worst, ((logits - dense_logits[i]).norm() / dense_logits[i].norm()).item<double>());
  }
  return worst;
}

TEST(Calibration, EveryTargetSeesEveryToken) {
  const auto model = test::tiny_llama();
  const auto targets = select_targets(model->linear_paths(), {});
  const auto batches = test::random_batches(3, 2, 8);
  const auto stats = collect_input_stats(*model, targets, batches, {.column_norms = true, .hessian = true});
  ASSERT_EQ(stats.size(), targets.size());
  for (const auto& [path, s] : stats) {
    EXPECT_EQ(s.wanda->tokens(), 3 * 2 * 8) << path;
    EXPECT_EQ(s.hessian->tokens(), 3 * 2 * 8) << path;
    const auto& h = s.hessian->hessian();
    // H = 2/n XᵀX in float32: a GEMM may sum H[i][j] and H[j][i] in other orders (MKL's AVX2 code does),
    // so each may be off by the dot product's rounding bound, γ Σ|x_i x_j| ≤ γ √(H_ii H_jj) with
    // γ = (tokens + batches) · 2^-24 (a rounding per term and per rescaling of the running mean).
    const double gamma = (48 + 3) * 0x1p-24;
    const auto diagonal = h.diagonal().to(torch::kDouble);
    const auto bound = 2 * gamma * torch::outer(diagonal, diagonal).sqrt();
    EXPECT_TRUE((h - h.t()).abs().to(torch::kDouble).le(bound).all().item<bool>())
        << path << ": H is symmetric up to rounding; max |H - Hᵀ| " << (h - h.t()).abs().max().item<double>();
    // diag H = 2/n Σ x_j² = 2 ‖X_j‖² / n
    EXPECT_TRUE(torch::allclose(h.diagonal(), 2 * s.wanda->column_norms().square() / 48.0, 1e-4)) << path;
  }
  // q, k and v multiply the same normalized hidden state.
  const auto& q = stats.at("model.layers.1.self_attn.q_proj");
  EXPECT_TRUE(q.wanda->column_norms().equal(stats.at("model.layers.1.self_attn.v_proj").wanda->column_norms()));
  EXPECT_FALSE(q.wanda->column_norms().equal(stats.at("model.layers.1.self_attn.o_proj").wanda->column_norms()));
  // Nothing stays installed after the call.
  EXPECT_EQ(LinearInputObserver::current(), nullptr);
  EXPECT_THROW(collect_input_stats(*model, targets, {}, {.column_norms = true}), Error);
}

TEST(Pruner, MagnitudeOneShotHitsEveryLayerAndSparesTheHead) {
  const auto model = test::tiny_llama();
  const auto head = model->linear("lm_head").weight.clone();
  std::vector<std::string> progress;
  const auto report = prune_one_shot(*model, {}, {.method = PruneMethod::Magnitude, .sparsity = 0.5},
                                     [&](int64_t done, int64_t total, const std::string& path) {
                                       EXPECT_EQ(total, 14);
                                       EXPECT_EQ(done, static_cast<int64_t>(progress.size()) + 1);
                                       progress.push_back(path);
                                     });
  EXPECT_EQ(progress.size(), 14u);
  ASSERT_EQ(report.layers.size(), 14u);
  for (const auto& layer : report.layers) {
    EXPECT_DOUBLE_EQ(layer.achieved.sparsity(), 0.5) << layer.path;
    EXPECT_EQ(layer.block, layer.path.find("layers.0.") != std::string::npos ? 0 : 1);
    EXPECT_TRUE(report.masks.at(layer.path).equal(model->linear(layer.path).weight != 0)) << layer.path;
  }
  EXPECT_DOUBLE_EQ(report.overall_sparsity, 0.5);
  EXPECT_TRUE(model->linear("lm_head").weight.equal(head));
}

class CalibratedPruning : public ::testing::TestWithParam<std::tuple<PruneMethod, bool /*2:4*/, bool /*sequential*/>> {};

TEST_P(CalibratedPruning, EveryLayerAtTargetAndTheModelStillWorks) {
  const auto [method, nm, sequential] = GetParam();
  const auto model = test::tiny_llama();
  const auto dense = snapshot(*model);
  PruneOptions options{.method = method, .sparsity = 0.5, .sequential = sequential};
  if (nm) options.nm = NMPattern{2, 4};
  const auto report = prune_one_shot(*model, test::random_batches(4, 2, 16), options);
  ASSERT_EQ(report.layers.size(), 14u);
  bool updated = false;
  for (const auto& layer : report.layers) {
    const auto& weight = model->linear(layer.path).weight;
    const auto& mask = report.masks.at(layer.path);
    EXPECT_DOUBLE_EQ(layer.achieved.sparsity(), 0.5) << layer.path;
    EXPECT_TRUE(mask.equal(weight != 0)) << layer.path;
    if (nm) {
      EXPECT_TRUE(is_nm_valid(mask, {2, 4})) << layer.path;
    }
    // Wanda only masks; SparseGPT also moves the weights it keeps.
    const auto kept_changed = (weight != dense.at(layer.path)).logical_and(mask).any().item<bool>();
    if (method == PruneMethod::Wanda) {
      EXPECT_FALSE(kept_changed) << layer.path;
    }
    updated = updated || kept_changed;
  }
  EXPECT_EQ(updated, method == PruneMethod::SparseGPT);
  torch::NoGradGuard no_grad;
  EXPECT_TRUE(torch::isfinite(model->forward(test::random_batches(1, 2, 8, 9)[0]).logits).all().item<bool>());
}

INSTANTIATE_TEST_SUITE_P(Methods, CalibratedPruning,
                         ::testing::Combine(::testing::Values(PruneMethod::Wanda, PruneMethod::SparseGPT), ::testing::Bool(),
                                            ::testing::Bool()));

// Sequential calibration feeds block 1 the output of the pruned block 0: block 0's result cannot
// change, block 1's must.
TEST(Pruner, SequentialCalibrationSeesThePrunedEarlierBlocks) {
  const auto batches = test::random_batches(4, 2, 16);
  const auto sequential = test::tiny_llama();
  const auto one_pass = test::tiny_llama();
  prune_one_shot(*sequential, batches, {.method = PruneMethod::SparseGPT, .sequential = true});
  prune_one_shot(*one_pass, batches, {.method = PruneMethod::SparseGPT, .sequential = false});
  for (const auto& path : select_targets(sequential->linear_paths(), {})) {
    const bool same = sequential->linear(path).weight.equal(one_pass->linear(path).weight);
    EXPECT_EQ(same, block_index(path) == 0) << path;
  }
}

TEST(Pruner, SparseGptKeepsTheModelCloserToDenseThanMagnitude) {
  const auto calibration = test::random_batches(8, 4, 32);
  const auto held_out = test::random_batches(2, 4, 32, 99);
  const auto reference = test::tiny_llama();
  std::vector<torch::Tensor> dense_logits;
  {
    torch::NoGradGuard no_grad;
    for (const auto& b : held_out) dense_logits.push_back(reference->forward(b).logits);
  }
  std::map<PruneMethod, double> errors;
  for (const auto method : {PruneMethod::Magnitude, PruneMethod::Wanda, PruneMethod::SparseGPT}) {
    const auto model = test::tiny_llama();
    prune_one_shot(*model, calibration, {.method = method, .sparsity = 0.6});
    errors[method] = logit_error(*model, held_out, dense_logits);
  }
  std::printf("tiny Llama at 60%%, relative logit error on held-out tokens: SparseGPT %.4f  Wanda %.4f  magnitude %.4f\n",
              errors[PruneMethod::SparseGPT], errors[PruneMethod::Wanda], errors[PruneMethod::Magnitude]);
  EXPECT_LT(errors[PruneMethod::SparseGPT], errors[PruneMethod::Magnitude]);
}

TEST(Pruner, SparseGptWritesGpt2StoredWeights) {
  const auto model = test::tiny_gpt2();
  const auto report = prune_one_shot(*model, test::random_batches(2, 2, 16), {.method = PruneMethod::SparseGPT});
  EXPECT_DOUBLE_EQ(report.overall_sparsity, 0.5);
  for (const auto& [name, tensor] : model->named_parameters()) {
    if (name.find(".weight") != std::string::npos && name.find("attn.c_attn") != std::string::npos) {
      EXPECT_DOUBLE_EQ(sparsity_of(tensor), 0.5) << name;
    }
  }
}

TEST(Pruner, OwlKeepsTheMeanAndSparesTheOutlierBlock) {
  const auto model = test::tiny_llama();
  // A few very large weights in every Linear of block 1: many |W|·‖X‖ outliers there.
  torch::manual_seed(11);
  for (const auto& path : model->linear_paths()) {
    if (block_index(path) != 1) continue;
    auto& w = model->linear(path).weight;
    w.mul_(torch::where(torch::rand(w.sizes()) < 0.03, 40.0, 1.0));
  }
  const double S = 0.6;
  const auto report = prune_one_shot(*model, test::random_batches(4, 2, 16),
                                     {.method = PruneMethod::Wanda, .sparsity = S, .allocation = SparsityAllocation::OWL});
  std::map<int64_t, double> block_target;
  for (const auto& layer : report.layers) {
    block_target[layer.block] = layer.target_sparsity;
    EXPECT_NEAR(layer.achieved.sparsity(), layer.target_sparsity, 1.0 / 32) << layer.path;  // per-row rounding
  }
  ASSERT_EQ(block_target.size(), 2u);
  std::printf("OWL at S = 0.6: block 0 %.4f, block 1 (outliers) %.4f\n", block_target[0], block_target[1]);
  EXPECT_NEAR((block_target[0] + block_target[1]) / 2, S, 1e-9);
  EXPECT_LT(block_target[1], block_target[0]);
  EXPECT_NEAR(block_target[0] - block_target[1], 2 * 0.08, 1e-12);  // two blocks: the full 2λ spread
}

TEST(Pruner, GradualUpdatesOnlyShrinkTheKeptSet) {
  const auto model = test::tiny_llama();
  const auto targets = select_targets(model->linear_paths(), {});
  auto masks = dense_masks(*model, targets);
  update_masks_gradual(*model, masks, 0.3);
  const auto first = masks;
  for (const auto& layer : measure_sparsity(*model, targets)) EXPECT_NEAR(layer.sparsity(), 0.3, 0.5 / layer.numel) << layer.path;

  // Weights drift (as in training) so that some pruned positions would now win on magnitude.
  {
    torch::NoGradGuard no_grad;
    for (const auto& path : targets) model->linear(path).weight.add_(torch::randn_like(model->linear(path).weight) * 0.05);
  }
  update_masks_gradual(*model, masks, 0.6);
  for (const auto& path : targets) {
    EXPECT_FALSE(masks.at(path).logical_and(first.at(path).logical_not()).any().item<bool>()) << path;  // no regrowth
    EXPECT_TRUE(masks.at(path).equal(model->linear(path).weight != 0)) << path;
  }
  for (const auto& layer : measure_sparsity(*model, targets)) EXPECT_NEAR(layer.sparsity(), 0.6, 0.5 / layer.numel) << layer.path;

  // A lower target restores nothing.
  const auto second = masks;
  update_masks_gradual(*model, masks, 0.4);
  for (const auto& path : targets) EXPECT_TRUE(masks.at(path).equal(second.at(path))) << path;
}

TEST(Pruner, RejectsInconsistentOptions) {
  const auto model = test::tiny_llama();
  const auto batches = test::random_batches(1, 1, 8);
  EXPECT_THROW(prune_one_shot(*model, {}, {.method = PruneMethod::Wanda}), Error);
  EXPECT_THROW(prune_one_shot(*model, {}, {.method = PruneMethod::Magnitude, .allocation = SparsityAllocation::OWL}), Error);
  EXPECT_THROW(prune_one_shot(*model, batches, {.nm = NMPattern{2, 4}, .allocation = SparsityAllocation::OWL}), Error);
  EXPECT_THROW(prune_one_shot(*model, batches, {.targets = {.include = {"nothing.*"}}}), Error);
  EXPECT_THROW(prune_one_shot(*model, batches, {.method = PruneMethod::Magnitude, .nm = NMPattern{2, 5}}), Error);
}

}  // namespace
}  // namespace sparsetune
