// OWL: outlier ratios by hand, the allocation formula, its mean and order, and the clamping.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include <torch/torch.h>

#include "core/prune/owl.h"
#include "core/util/error.h"

namespace sparsetune {
namespace {

double mean(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size()); }

TEST(Owl, OutlierRatioPoolsTheBlocksScores) {
  // Pooled: 9 ones and one 20 → mean 2.9, threshold 5 × 2.9 = 14.5 → one outlier in ten.
  const auto a = torch::tensor({{1.0f, 1.0f, 1.0f}, {1.0f, 20.0f, 1.0f}});
  const auto b = torch::tensor({1.0f, 1.0f, 1.0f, 1.0f});
  EXPECT_DOUBLE_EQ(outlier_ratio({a, b}, 5.0), 0.1);
  // Alone, b has no outliers and a's mean is 25/6, threshold 20.83: none either.
  EXPECT_DOUBLE_EQ(outlier_ratio({b}, 5.0), 0.0);
  EXPECT_DOUBLE_EQ(outlier_ratio({a}, 5.0), 0.0);
  EXPECT_DOUBLE_EQ(outlier_ratio({a}, 4.0), 1.0 / 6);
}

TEST(Owl, AllocationFollowsTheFormula) {
  const std::vector<double> d{0.01, 0.05, 0.02, 0.10};
  const double S = 0.7, lambda = 0.08;
  const auto s = owl_sparsities(d, S, {.lambda = lambda});
  // D' = (D − 0.01) / 0.09 · 0.16; s = 1 − (D' − mean(D') + 0.3)
  std::vector<double> rescaled;
  for (const double v : d) rescaled.push_back((v - 0.01) / 0.09 * 2 * lambda);
  const double m = mean(rescaled);
  ASSERT_EQ(s.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_NEAR(s[i], 1.0 - (rescaled[i] - m + (1.0 - S)), 1e-15) << i;
  EXPECT_NEAR(mean(s), S, 1e-12);
  // More outliers → lower sparsity; the spread is exactly 2λ.
  EXPECT_GT(s[0], s[2]);
  EXPECT_GT(s[2], s[1]);
  EXPECT_GT(s[1], s[3]);
  EXPECT_NEAR(s[0] - s[3], 2 * lambda, 1e-15);
}

TEST(Owl, EqualRatiosGiveUniformSparsity) {
  for (const double v : owl_sparsities({0.03, 0.03, 0.03}, 0.6)) EXPECT_DOUBLE_EQ(v, 0.6);
  EXPECT_TRUE(owl_sparsities({}, 0.6).empty());
}

TEST(Owl, ClampingKeepsTheMeanAndTheOrder) {
  // S close to the upper bound with a wide λ: the low-outlier layers would exceed 0.99.
  const std::vector<double> d{0.0, 0.001, 0.002, 0.05, 0.2, 0.01};
  const double S = 0.95;
  const auto s = owl_sparsities(d, S, {.lambda = 0.2});
  EXPECT_NEAR(mean(s), S, 1e-9);
  for (const double v : s) {
    EXPECT_LE(v, 0.99);
    EXPECT_GE(v, 0.0);
  }
  EXPECT_DOUBLE_EQ(s[0], 0.99);
  for (std::size_t i = 0; i < d.size(); ++i) {
    for (std::size_t j = 0; j < d.size(); ++j) {
      if (d[i] < d[j]) {
        EXPECT_GE(s[i], s[j]) << i << " vs " << j;
      }
    }
  }
  // Near zero: clamped at 0 from below.
  const auto low = owl_sparsities(d, 0.05, {.lambda = 0.2});
  EXPECT_NEAR(mean(low), 0.05, 1e-9);
  EXPECT_DOUBLE_EQ(*std::min_element(low.begin(), low.end()), 0.0);
}

TEST(Owl, RejectsImpossibleTargets) {
  EXPECT_THROW(owl_sparsities({0.1, 0.2}, 0.995), Error);
  EXPECT_THROW(owl_sparsities({0.1, 0.2}, -0.1), Error);
  EXPECT_THROW(owl_sparsities({0.1, 0.2}, 0.5, {.lambda = -1}), Error);
}

}  // namespace
}  // namespace sparsetune
