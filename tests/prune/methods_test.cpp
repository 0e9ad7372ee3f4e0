// Single-layer pruning methods and their calibration statistics: Wanda against a hand computation,
// SparseGPT against the closed-form OBS update and against magnitude/Wanda on a layer with
// correlated, unevenly scaled inputs, and N:M validity for every method.
#include <gtest/gtest.h>

#include <cstdio>

#include <torch/torch.h>

#include "core/prune/calibration.h"
#include "core/prune/magnitude.h"
#include "core/prune/sparsegpt.h"
#include "core/prune/wanda.h"
#include "core/util/error.h"
#include "prune_test_util.h"

namespace sparsetune {
namespace {

using test::reconstruction_error;

TEST(CalibrationStats, WandaColumnNormsByHand) {
  // Tokens (rows) of a 3-feature input, fed in two batches of different shapes.
  const auto x = torch::tensor({{1.0f, 0.0f, 1.0f}, {2.0f, 0.0f, 1.0f}, {2.0f, 3.0f, 1.0f}, {0.0f, 4.0f, 1.0f}});
  WandaStats stats;
  stats.add(x.slice(0, 0, 1));
  stats.add(x.slice(0, 1).reshape({1, 3, 3}));
  EXPECT_EQ(stats.tokens(), 4);
  // ‖X_0‖ = √(1 + 4 + 4 + 0) = 3, ‖X_1‖ = √(9 + 16) = 5, ‖X_2‖ = √4 = 2
  EXPECT_TRUE(stats.column_norms().equal(torch::tensor({3.0f, 5.0f, 2.0f})));
}

TEST(CalibrationStats, HessianIsTwiceTheMeanOuterProduct) {
  torch::manual_seed(0);
  const auto x = torch::randn({2, 7, 5}, torch::kFloat64);
  HessianStats stats(torch::kFloat64);
  stats.add(x.slice(1, 0, 3));  // 6 tokens
  stats.add(x.slice(1, 3));     // 8 more: the running average re-weights the first batch
  EXPECT_EQ(stats.tokens(), 14);
  const auto flat = torch::cat({x.slice(1, 0, 3).reshape({-1, 5}), x.slice(1, 3).reshape({-1, 5})});
  EXPECT_TRUE(torch::allclose(stats.hessian(), 2.0 * flat.t().matmul(flat) / 14.0, 1e-12, 1e-12));
}

TEST(Wanda, ScoresAndMaskMatchHandComputation) {
  const auto w = torch::tensor({{1.0f, -2.0f, 3.0f}, {-4.0f, 0.5f, 1.0f}});
  const auto norms = torch::tensor({3.0f, 5.0f, 2.0f});
  // |W_ij| · ‖X_j‖: row 0: 1·3, 2·5, 3·2; row 1: 4·3, 0.5·5, 1·2
  EXPECT_TRUE(wanda_scores(w, norms).equal(torch::tensor({{3.0f, 10.0f, 6.0f}, {12.0f, 2.5f, 2.0f}})));
  // One of three per row: row 0 loses column 0 (score 3), row 1 column 2 (score 2). Magnitude
  // would drop row 1's column 1 (|0.5|) instead: the input scale changes the decision.
  EXPECT_TRUE(wanda_mask(w, norms, 1.0 / 3).equal(torch::tensor({{false, true, true}, {true, true, false}})));
  EXPECT_TRUE(magnitude_mask(w, 1.0 / 3, MagnitudeScope::Row).equal(torch::tensor({{false, true, true}, {true, false, true}})));
  EXPECT_THROW(wanda_scores(w, torch::ones({4})), Error);
}

// With one pruned weight, SparseGPT's update is the optimal-brain-surgeon step
// δ = −w_q / [H⁻¹]_qq · H⁻¹[q, :], computed here from an explicit inverse.
TEST(SparseGpt, SinglePrunedWeightGetsTheObsUpdate) {
  torch::manual_seed(1);
  const auto a = torch::randn({4, 4}, torch::kFloat64);
  const auto h = a.matmul(a.t()) + torch::eye(4, torch::kFloat64);
  const auto w = torch::tensor({{0.01, 1.0, -2.0, 0.5}}, torch::kFloat64);
  const auto result = sparsegpt_prune(w.to(torch::kFloat32), h, {.sparsity = 0.25, .block_size = 4, .dampening = 0.0});
  EXPECT_TRUE(result.mask.equal(torch::tensor({{false, true, true, true}})));
  const auto hinv = torch::inverse(h);
  const auto expected = w - w[0][0] / hinv[0][0] * hinv[0].unsqueeze(0);
  EXPECT_EQ(result.weight[0][0].item<float>(), 0.0f);
  EXPECT_TRUE(torch::allclose(result.weight.to(torch::kFloat64), expected, 1e-5, 1e-6)) << result.weight << expected;
  // The reported loss is the OBS error w_q² / (2 [H⁻¹]_qq).
  EXPECT_NEAR(result.loss, (w[0][0].square() / hinv[0][0] / 2).item<double>(), 1e-8);
}

// Inputs with strongly correlated columns (rank 24 plus a little noise) and column scales spread
// over e^±1.5: Wanda sees the scales but not the correlation; SparseGPT's weight update exploits
// it, so its output error must be far below both.
struct CorrelatedLayer {
  torch::Tensor x, weight, hessian;
  CorrelatedLayer() {
    torch::manual_seed(42);
    const int64_t tokens = 4096, in = 256, out = 64;
    const auto scales = (torch::rand({in}) * 3.0 - 1.5).exp();
    x = (torch::randn({tokens, 24}).matmul(torch::randn({24, in})) + 0.05 * torch::randn({tokens, in})) * scales;
    weight = torch::randn({out, in});
    HessianStats stats;
    for (int64_t i = 0; i < tokens; i += 1000) stats.add(x.slice(0, i, std::min(i + 1000, tokens)));
    hessian = stats.hessian();
  }
  torch::Tensor column_norms() const { return x.square().sum(0).sqrt(); }
};

TEST(SparseGpt, ReconstructsFarBetterThanWandaAndMagnitude) {
  const CorrelatedLayer layer;
  const auto sgpt = sparsegpt_prune(layer.weight, layer.hessian, {.sparsity = 0.5});
  const auto wanda = layer.weight * wanda_mask(layer.weight, layer.column_norms(), 0.5);
  const auto magnitude = layer.weight * magnitude_mask(layer.weight, 0.5);
  const double e_sgpt = reconstruction_error(layer.x, layer.weight, sgpt.weight);
  const double e_wanda = reconstruction_error(layer.x, layer.weight, wanda);
  const double e_mag = reconstruction_error(layer.x, layer.weight, magnitude);
  std::printf("50%% unstructured, relative ||WX - W'X||: SparseGPT %.4f  Wanda %.4f  magnitude %.4f\n", e_sgpt, e_wanda, e_mag);
  EXPECT_LT(e_sgpt, 0.5 * e_wanda);
  EXPECT_LT(e_wanda, e_mag);
  // Exactly half of each 128-column block, and the zeros are the mask's.
  EXPECT_DOUBLE_EQ(sparsity_of(sgpt.weight), 0.5);
  EXPECT_TRUE(sgpt.mask.equal(sgpt.weight != 0));
  for (int64_t b = 0; b < 256; b += 128) EXPECT_EQ(sgpt.mask.slice(1, b, b + 128).logical_not().sum().item<int64_t>(), 64 * 64);
}

TEST(SparseGpt, TwoFourAlsoBeatsWandaAndMagnitude) {
  const CorrelatedLayer layer;
  const NMPattern nm{2, 4};
  const auto sgpt = sparsegpt_prune(layer.weight, layer.hessian, {.nm = nm});
  const auto wanda = layer.weight * wanda_mask_nm(layer.weight, layer.column_norms(), nm);
  const auto magnitude = layer.weight * magnitude_mask_nm(layer.weight, nm);
  const double e_sgpt = reconstruction_error(layer.x, layer.weight, sgpt.weight);
  const double e_wanda = reconstruction_error(layer.x, layer.weight, wanda);
  const double e_mag = reconstruction_error(layer.x, layer.weight, magnitude);
  std::printf("2:4, relative ||WX - W'X||: SparseGPT %.4f  Wanda %.4f  magnitude %.4f\n", e_sgpt, e_wanda, e_mag);
  EXPECT_LT(e_sgpt, 0.5 * e_wanda);
  EXPECT_LT(e_wanda, e_mag);
}

TEST(NMPruning, EveryMethodKeepsExactlyNOfM) {
  const CorrelatedLayer layer;
  for (const NMPattern nm : {NMPattern{2, 4}, NMPattern{4, 8}}) {
    const auto sgpt = sparsegpt_prune(layer.weight, layer.hessian, {.nm = nm});
    const auto wanda = wanda_mask_nm(layer.weight, layer.column_norms(), nm);
    const auto magnitude = magnitude_mask_nm(layer.weight, nm);
    EXPECT_TRUE(is_nm_valid(sgpt.mask, nm)) << nm.n << ":" << nm.m;
    EXPECT_TRUE(is_nm_valid(sgpt.weight != 0, nm)) << nm.n << ":" << nm.m;
    EXPECT_TRUE(is_nm_valid(wanda, nm)) << nm.n << ":" << nm.m;
    EXPECT_TRUE(is_nm_valid(magnitude, nm)) << nm.n << ":" << nm.m;
  }
  EXPECT_THROW(sparsegpt_prune(layer.weight, layer.hessian, {.nm = NMPattern{2, 4}, .block_size = 6}), Error);
}

TEST(SparseGpt, DeadInputsAreZeroedAndNothingIsNaN) {
  torch::manual_seed(5);
  auto x = torch::randn({256, 16});
  x.select(1, 3).zero_();  // feature 3 never fires: H_33 = 0
  HessianStats stats;
  stats.add(x);
  const auto w = torch::randn({8, 16});
  const auto result = sparsegpt_prune(w, stats.hessian(), {.sparsity = 0.25, .block_size = 8});
  EXPECT_TRUE(torch::isfinite(result.weight).all().item<bool>());
  EXPECT_TRUE((result.weight.select(1, 3) == 0).all().item<bool>());
}

TEST(SparseGpt, ZeroSparsityLeavesTheWeightAlone) {
  const CorrelatedLayer layer;
  const auto result = sparsegpt_prune(layer.weight, layer.hessian, {.sparsity = 0.0});
  EXPECT_TRUE(result.weight.equal(layer.weight));
  EXPECT_TRUE(result.mask.all().item<bool>());
  EXPECT_EQ(result.loss, 0.0);
}

TEST(SparseGpt, RaggedLastBlockAndLowPrecisionWeights) {
  torch::manual_seed(6);
  const auto x = torch::randn({512, 40});
  HessianStats stats;
  stats.add(x);
  const auto w = torch::randn({8, 40}).to(torch::kBFloat16);
  const auto result = sparsegpt_prune(w, stats.hessian(), {.sparsity = 0.5, .block_size = 16});
  EXPECT_EQ(result.weight.scalar_type(), torch::kBFloat16);
  // Blocks of 16, 16 and 8 columns, each exactly half pruned.
  EXPECT_EQ(result.mask.slice(1, 0, 16).logical_not().sum().item<int64_t>(), 64);
  EXPECT_EQ(result.mask.slice(1, 16, 32).logical_not().sum().item<int64_t>(), 64);
  EXPECT_EQ(result.mask.slice(1, 32).logical_not().sum().item<int64_t>(), 32);
  EXPECT_TRUE(result.mask.equal(result.weight != 0));
  EXPECT_LT(reconstruction_error(x, w, result.weight), reconstruction_error(x, w, w * magnitude_mask(w, 0.5)));
}

TEST(SparseGpt, RejectsMismatchedShapes) {
  EXPECT_THROW(sparsegpt_prune(torch::randn({4, 8}), torch::eye(7), {}), Error);
  EXPECT_THROW(sparsegpt_prune(torch::randn({4, 8}), torch::eye(8), {.sparsity = 1.0}), Error);
}

}  // namespace
}  // namespace sparsetune
