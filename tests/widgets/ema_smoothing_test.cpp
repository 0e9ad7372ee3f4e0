#include "widgets/ema_smoothing.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace sparsetune::widgets {
namespace {

// Expected values are worked out by hand with TensorBoard's formula:
// last = weight·last + (1 - weight)·value, smoothed = last / (1 - weight^n).

TEST(DebiasedEma, MatchesTensorBoardByHand) {
  // weight 0.5: last 0.5, 1.25, 2.125; debias 0.5, 0.75, 0.875.
  const auto s = debiased_ema({1, 2, 3}, 0.5);
  ASSERT_EQ(s.size(), 3U);
  EXPECT_DOUBLE_EQ(s[0], 1.0);
  EXPECT_DOUBLE_EQ(s[1], 5.0 / 3.0);
  EXPECT_DOUBLE_EQ(s[2], 17.0 / 7.0);
}

TEST(DebiasedEma, HeavyWeightStillStartsAtTheFirstValue) {
  // weight 0.9: last 1, 0.9 after (10, 0); debias 0.1, 0.19.
  const auto s = debiased_ema({10, 0}, 0.9);
  EXPECT_DOUBLE_EQ(s[0], 10.0);
  EXPECT_DOUBLE_EQ(s[1], 0.9 / 0.19);
}

TEST(DebiasedEma, WeightZeroIsRaw) {
  const std::vector<double> values = {3.5, -1.25, 7, 0.1};
  EXPECT_EQ(debiased_ema(values, 0.0), values);
}

TEST(DebiasedEma, ConstantSeriesStaysExactlyConstant) {
  const std::vector<double> values(5000, 0.1);
  for (double weight : {0.3, 0.6, 0.99, 0.999}) {
    for (double s : debiased_ema(values, weight)) {
      if (s != 0.1) {
        ADD_FAILURE() << "weight " << weight << " gave " << s;
        break;
      }
    }
  }
}

TEST(DebiasedEma, NonFiniteValuesPassThroughWithoutPoisoning) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  // The 3 after the NaN is the second finite value: 1 + (3 - 1) / 1.5 = 7/3; the 5 the third.
  const auto s = debiased_ema({1, nan, 3, inf, 5}, 0.5);
  EXPECT_DOUBLE_EQ(s[0], 1.0);
  EXPECT_TRUE(std::isnan(s[1]));
  EXPECT_DOUBLE_EQ(s[2], 7.0 / 3.0);
  EXPECT_EQ(s[3], inf);
  // The 5 is the third finite value: weights 0.25, 0.5, 1 on 1, 3, 5 → 6.75 / 1.75.
  EXPECT_DOUBLE_EQ(s[4], 6.75 / 1.75);
}

TEST(DebiasedEma, WeightIsClampedToItsRange) {
  const std::vector<double> values = {4, 8, 1, 9};
  EXPECT_EQ(debiased_ema(values, -0.5), values);
  EXPECT_EQ(debiased_ema(values, 1.5), debiased_ema(values, kMaxSmoothingWeight));
  // 1.5 must not act as "frozen at the first value".
  EXPECT_NE(debiased_ema(values, 1.5)[1], 4.0);
}

TEST(DebiasedEma, IncrementalEqualsWholeSeries) {
  const std::vector<double> values = {2.5, 2.1, 2.3, 1.9, 1.7, 1.8, 1.5};
  DebiasedEma ema(0.7);
  const auto whole = debiased_ema(values, 0.7);
  for (std::size_t i = 0; i < values.size(); ++i) EXPECT_EQ(ema.add(values[i]), whole[i]);
}

}  // namespace
}  // namespace sparsetune::widgets
