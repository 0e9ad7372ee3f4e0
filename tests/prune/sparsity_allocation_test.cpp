#include "core/prune/sparsity_allocation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>

#include "core/util/error.h"

namespace sparsetune {
namespace {

// A layer whose loss rises by `steepness` · s² over the dense loss 2.0 (a convex curve, as measured
// curves usually are), measured at 0.3, 0.5, 0.7, 0.9.
LayerSensitivity quadratic_layer(const std::string& path, int64_t out, int64_t in, double steepness) {
  LayerSensitivity l;
  l.module_path = path;
  l.out_features = out;
  l.in_features = in;
  l.parameters = out * in;
  for (double s : {0.3, 0.5, 0.7, 0.9}) {
    l.sparsities.push_back(s);
    l.loss.push_back(2.0 + steepness * s * s);
  }
  return l;
}

SensitivityAnalysis analysis_of(std::vector<LayerSensitivity> layers) {
  SensitivityAnalysis a;
  a.method = "magnitude";
  a.dense_loss = 2.0;
  a.tokens = 1000;
  for (const auto& l : layers) a.model_parameters += l.parameters;
  a.model_parameters += 10000;  // embeddings and norms
  a.layers = std::move(layers);
  return a;
}

double weighted_mean(const SensitivityAnalysis& a, const std::vector<double>& s) {
  double pruned = 0, total = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    pruned += s[i] * static_cast<double>(a.layers[i].parameters);
    total += static_cast<double>(a.layers[i].parameters);
  }
  return pruned / total;
}

TEST(SparsityAllocation, EqualCurvesAndSizesGetEqualSparsities) {
  const auto a = analysis_of({quadratic_layer("a", 64, 64, 1.0), quadratic_layer("b", 64, 64, 1.0), quadratic_layer("c", 64, 64, 1.0)});
  for (double target : {0.1, 0.4, 0.6, 0.85}) {
    const auto s = allocate_sparsity(a, target);
    ASSERT_EQ(s.size(), 3u);
    for (double v : s) EXPECT_NEAR(v, target, 1e-9) << "target " << target;
  }
}

TEST(SparsityAllocation, ASteepLayerGetsLessSparsity) {
  const auto a = analysis_of({quadratic_layer("flat", 64, 64, 0.1), quadratic_layer("steep", 64, 64, 5.0)});
  const auto s = allocate_sparsity(a, 0.5);
  EXPECT_GT(s[0], s[1] + 0.2);
  EXPECT_NEAR(weighted_mean(a, s), 0.5, 1e-6);
  // And that is cheaper than pruning both alike.
  EXPECT_LT(estimate_allocation(a, s, kernels::ValueType::f32).predicted_loss,
            estimate_allocation(a, {0.5, 0.5}, kernels::ValueType::f32).predicted_loss);
}

TEST(SparsityAllocation, WeightedMeanIsTheTargetWithinTheBounds) {
  const auto a = analysis_of({quadratic_layer("small-steep", 16, 64, 4.0), quadratic_layer("big-flat", 128, 256, 0.2),
                              quadratic_layer("mid", 64, 64, 1.0), quadratic_layer("odd", 48, 200, 2.5)});
  for (double target = 0.0; target <= 0.9; target += 0.05) {
    const auto s = allocate_sparsity(a, target, 0.9);
    EXPECT_NEAR(weighted_mean(a, s), target, 1e-6) << "target " << target;
    for (double v : s) {
      EXPECT_GE(v, 0.0);
      EXPECT_LE(v, 0.9);
    }
  }
  const auto full = allocate_sparsity(a, 0.9, 0.9);
  for (double v : full) EXPECT_NEAR(v, 0.9, 1e-9);
}

TEST(SparsityAllocation, EachLayersSparsityRisesWithTheTarget) {
  const auto a = analysis_of({quadratic_layer("a", 16, 64, 4.0), quadratic_layer("b", 128, 256, 0.2), quadratic_layer("c", 64, 64, 1.0)});
  std::vector<double> previous(3, 0.0);
  for (double target = 0.0; target <= 0.95; target += 0.01) {
    const auto s = allocate_sparsity(a, target);
    for (std::size_t i = 0; i < s.size(); ++i) EXPECT_GE(s[i], previous[i] - 1e-12) << "layer " << i << " at " << target;
    previous = s;
  }
}

TEST(SparsityAllocation, RefusesTargetsOutsideTheBoundsAndBadCurves) {
  const auto a = analysis_of({quadratic_layer("a", 8, 8, 1.0)});
  EXPECT_THROW(allocate_sparsity(a, 0.96), Error);
  EXPECT_THROW(allocate_sparsity(a, -0.1), Error);
  EXPECT_THROW(allocate_sparsity(a, 0.5, 1.0), Error);
  auto bad = a;
  bad.layers[0].loss.pop_back();
  EXPECT_THROW(allocate_sparsity(bad, 0.5), Error);
  bad = a;
  bad.layers[0].sparsities = {0.5, 0.3, 0.7, 0.9};
  EXPECT_THROW(allocate_sparsity(bad, 0.5), Error);
}

TEST(SparsityAllocation, PredictedIncreaseIsMonotoneAndInterpolated) {
  LayerSensitivity l;
  l.module_path = "noisy";
  l.parameters = 64;
  l.sparsities = {0.25, 0.5, 0.75};
  l.loss = {1.9, 2.4, 2.2};  // below dense at 25 %, then a dip at 75 %: noise
  EXPECT_DOUBLE_EQ(predicted_loss_increase(l, 2.0, 0.0), 0.0);
  EXPECT_DOUBLE_EQ(predicted_loss_increase(l, 2.0, 0.25), 0.0);
  EXPECT_NEAR(predicted_loss_increase(l, 2.0, 0.375), 0.2, 1e-12);
  EXPECT_NEAR(predicted_loss_increase(l, 2.0, 0.75), 0.4, 1e-12);  // held at the running maximum
  EXPECT_NEAR(predicted_loss_increase(l, 2.0, 0.9), 0.4, 1e-12);   // the last segment is flat
  l.loss = {2.1, 2.3, 2.6};
  EXPECT_NEAR(predicted_loss_increase(l, 2.0, 0.875), 0.6 + 0.5 * 0.3, 1e-12);  // extended along the last slope
}

TEST(SparsityAllocation, SparseBytesFollowTheKernelFormat) {
  // One full tile of 256 columns at 50 %: header, 32 bitmap bytes, 128 values.
  EXPECT_DOUBLE_EQ(sparse_weight_bytes(1, 256, 0.5, kernels::ValueType::f32), 1 + 32 + 128 * 4);
  EXPECT_DOUBLE_EQ(sparse_weight_bytes(1, 256, 0.5, kernels::ValueType::bf16), 1 + 32 + 128 * 2);
  // i8 adds one float32 scale per row.
  EXPECT_DOUBLE_EQ(sparse_weight_bytes(3, 256, 0.5, kernels::ValueType::i8), 3 * (1 + 32 + 128) + 3 * 4);
  // 95 %: 12.8 non-zeros ≤ 16, so offsets instead of the bitmap.
  EXPECT_NEAR(sparse_weight_bytes(1, 256, 0.95, kernels::ValueType::f32), 1 + 12.8 + 12.8 * 4, 1e-9);
  // A narrower last tile: 300 columns = 256 + 44.
  EXPECT_NEAR(sparse_weight_bytes(1, 300, 0.5, kernels::ValueType::f32), (1 + 32 + 128 * 4) + (1 + 6 + 22 * 4), 1e-9);
}

TEST(SparsityAllocation, EstimateCountsSizeAndTheBandwidthBound) {
  const auto a = analysis_of({quadratic_layer("a", 256, 256, 1.0), quadratic_layer("b", 256, 256, 1.0)});
  const auto dense = estimate_allocation(a, {0.0, 0.0}, kernels::ValueType::f32);
  EXPECT_EQ(dense.dense_bytes, 4 * a.model_parameters);
  EXPECT_EQ(dense.sparse_bytes, dense.dense_bytes);  // a dense layer is cheaper stored dense
  EXPECT_DOUBLE_EQ(dense.speedup_bound, 1.0);
  EXPECT_DOUBLE_EQ(dense.predicted_loss, 2.0);

  const auto half = estimate_allocation(a, {0.5, 0.5}, kernels::ValueType::f32);
  const double layer_sparse = 256.0 * (1 + 32 + 128 * 4);
  EXPECT_EQ(half.sparse_bytes, 4 * 10000 + static_cast<int64_t>(2 * layer_sparse));
  EXPECT_NEAR(half.speedup_bound, 256.0 * 256 * 4 / layer_sparse, 1e-12);  // ≈ 1.88, ALGORITHMS.md §4
  EXPECT_NEAR(half.predicted_loss, 2.0 + 2 * 0.25, 1e-12);

  // bf16 values halve the value bytes against the float32 dense baseline.
  EXPECT_GT(estimate_allocation(a, {0.5, 0.5}, kernels::ValueType::bf16).speedup_bound, 3.5);
  EXPECT_THROW(estimate_allocation(a, {0.5}, kernels::ValueType::f32), Error);
}

TEST(SparsityAllocation, AnalysisRoundTripsThroughJson) {
  auto a = analysis_of({quadratic_layer("model.layers.0.mlp.up_proj", 48, 32, 1.0)});
  a.layers[0].loss[2] = std::numeric_limits<double>::quiet_NaN();
  const auto back = sensitivity_from_json(sensitivity_to_json(a));
  EXPECT_EQ(back.method, a.method);
  EXPECT_EQ(back.dense_loss, a.dense_loss);
  EXPECT_EQ(back.model_parameters, a.model_parameters);
  EXPECT_EQ(back.tokens, a.tokens);
  ASSERT_EQ(back.layers.size(), 1u);
  EXPECT_EQ(back.layers[0].module_path, a.layers[0].module_path);
  EXPECT_EQ(back.layers[0].out_features, 48);
  EXPECT_EQ(back.layers[0].in_features, 32);
  EXPECT_EQ(back.layers[0].sparsities, a.layers[0].sparsities);
  EXPECT_EQ(back.layers[0].loss[1], a.layers[0].loss[1]);
  EXPECT_TRUE(std::isnan(back.layers[0].loss[2]));
  EXPECT_THROW(sensitivity_from_json(R"({"method": "magnitude"})"), Error);
}

}  // namespace
}  // namespace sparsetune
