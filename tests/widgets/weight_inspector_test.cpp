// The weight sample (histogram and mask crop of a weight) and the inspector that shows it.
#include <gtest/gtest.h>

#include <QCheckBox>
#include <qcustomplot.h>

#include <numeric>
#include <stdexcept>
#include <vector>

#include "tests/widgets/qt_app.h"
#include "widgets/weight_inspector.h"
#include "widgets/weight_sample.h"

namespace sparsetune::widgets {
namespace {

// A 4 × 8 weight pruned 2:4 along each row: in every group of four, positions 1 and 2 are zero.
std::vector<float> two_of_four_weight() {
  const float kept[] = {-0.9f, -0.4f, -0.1f, 0.1f, 0.3f, 0.5f, 0.7f, 0.95f, -0.8f, -0.3f, 0.2f, 0.6f, -0.6f, 0.4f, 0.8f, 0.9f};
  std::vector<float> w(32, 0.0f);
  int next = 0;
  for (int i = 0; i < 32; ++i)
    if (i % 4 == 0 || i % 4 == 3) w[static_cast<std::size_t>(i)] = kept[next++];
  return w;
}

TEST(WeightSample, SparsityHistogramOfNonzerosAndCrop) {
  const auto w = two_of_four_weight();
  const WeightSample s = make_weight_sample("model.layers.0.mlp.up_proj", 4, 8, w.data(), 4, 3);
  EXPECT_EQ(s.module_path, "model.layers.0.mlp.up_proj");
  EXPECT_EQ(s.rows, 4);
  EXPECT_EQ(s.cols, 8);
  EXPECT_DOUBLE_EQ(s.sparsity, 0.5);
  ASSERT_EQ(s.bin_edges.size(), 5u);
  ASSERT_EQ(s.counts.size(), 4u);
  EXPECT_FLOAT_EQ(static_cast<float>(s.bin_edges.front()), -0.9f);
  EXPECT_FLOAT_EQ(static_cast<float>(s.bin_edges.back()), 0.95f);
  // Bins of width 0.4625 from -0.9: [-0.9, -0.4375) [-0.4375, 0.025) [0.025, 0.4875) [0.4875, 0.95].
  EXPECT_EQ(s.counts, (std::vector<int64_t>{3, 3, 4, 6}));
  EXPECT_EQ(std::accumulate(s.counts.begin(), s.counts.end(), int64_t{0}), 16);
  EXPECT_EQ(s.crop_rows, 3);
  EXPECT_EQ(s.crop_cols, 3);
  EXPECT_EQ(s.crop_kept, (std::vector<uint8_t>{1, 0, 0, 1, 0, 0, 1, 0, 0}));
}

TEST(WeightSample, CropNeverExceedsTheWeight) {
  const auto w = two_of_four_weight();
  const WeightSample s = make_weight_sample("w", 4, 8, w.data(), 8, 64);
  EXPECT_EQ(s.crop_rows, 4);
  EXPECT_EQ(s.crop_cols, 8);
  ASSERT_EQ(s.crop_kept.size(), 32u);
  EXPECT_EQ(s.crop_kept[8 + 3], 1);  // row 1, col 3
  EXPECT_EQ(s.crop_kept[8 + 5], 0);  // row 1, col 5
}

TEST(WeightSample, AllZeroAndSingleValueWeights) {
  const std::vector<float> zeros(6, 0.0f);
  const WeightSample empty = make_weight_sample("w", 2, 3, zeros.data(), 10, 2);
  EXPECT_DOUBLE_EQ(empty.sparsity, 1.0);
  EXPECT_TRUE(empty.counts.empty());
  EXPECT_TRUE(empty.bin_edges.empty());
  EXPECT_EQ(empty.crop_kept, (std::vector<uint8_t>{0, 0, 0, 0}));

  const std::vector<float> same = {0.25f, 0.0f, 0.25f, 0.25f};
  const WeightSample spike = make_weight_sample("w", 2, 2, same.data(), 5, 2);
  EXPECT_DOUBLE_EQ(spike.sparsity, 0.25);
  ASSERT_EQ(spike.counts.size(), 5u);
  EXPECT_LT(spike.bin_edges.front(), 0.25);
  EXPECT_GT(spike.bin_edges.back(), 0.25);
  EXPECT_EQ(std::accumulate(spike.counts.begin(), spike.counts.end(), int64_t{0}), 3);
  EXPECT_EQ(spike.counts[2], 3);  // the middle bin holds the value
}

TEST(WeightSample, RejectsBadArguments) {
  const std::vector<float> w(4, 1.0f);
  EXPECT_THROW(make_weight_sample("w", 2, 2, w.data(), 0, 2), std::invalid_argument);
  EXPECT_THROW(make_weight_sample("w", 2, 2, w.data(), 4, -1), std::invalid_argument);
}

class WeightInspectorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { test::qt_app(); }
};

TEST_F(WeightInspectorTest, ShowsHistogramMaskAndCaption) {
  const auto w = two_of_four_weight();
  WeightInspector inspector;
  inspector.resize(700, 400);
  inspector.setSample(make_weight_sample("model.layers.0.mlp.up_proj", 4, 8, w.data(), 4, 8));

  ASSERT_EQ(inspector.histogram()->plottableCount(), 1);
  auto* bars = qobject_cast<QCPBars*>(inspector.histogram()->plottable(0));
  ASSERT_NE(bars, nullptr);
  ASSERT_EQ(bars->data()->size(), 4);
  EXPECT_DOUBLE_EQ(bars->data()->at(3)->value, 6);
  EXPECT_NEAR(bars->data()->at(0)->key, -0.9 + 0.4625 / 2, 1e-6);
  EXPECT_NEAR(bars->width(), 0.4625, 1e-6);

  const QImage mask = inspector.maskImage();
  ASSERT_EQ(mask.size(), QSize(8, 4));
  for (int c = 0; c < 8; ++c) {
    const bool kept = c % 4 == 0 || c % 4 == 3;
    EXPECT_EQ(qGray(mask.pixel(c, 2)) < 64, kept) << c;
    if (!kept) {
      EXPECT_EQ(mask.pixel(c, 2), qRgb(255, 255, 255)) << c;
    }
  }

  const QString caption = inspector.caption();
  EXPECT_TRUE(caption.contains("model.layers.0.mlp.up_proj"));
  EXPECT_TRUE(caption.contains("4 × 8"));
  EXPECT_TRUE(caption.contains("50.0 %"));
  EXPECT_TRUE(caption.contains("4 × 8 weights"));
  EXPECT_FALSE(inspector.grab().isNull());
}

TEST_F(WeightInspectorTest, LogScaleToggle) {
  const auto w = two_of_four_weight();
  WeightInspector inspector;
  inspector.setSample(make_weight_sample("w", 4, 8, w.data(), 4, 4));
  EXPECT_EQ(inspector.histogram()->yAxis->scaleType(), QCPAxis::stLinear);
  inspector.logScaleBox()->setChecked(true);
  EXPECT_EQ(inspector.histogram()->yAxis->scaleType(), QCPAxis::stLogarithmic);
  EXPECT_GT(inspector.histogram()->yAxis->range().lower, 0);
  EXPECT_GE(inspector.histogram()->yAxis->range().upper, 6);
  inspector.logScaleBox()->setChecked(false);
  EXPECT_EQ(inspector.histogram()->yAxis->scaleType(), QCPAxis::stLinear);
}

TEST_F(WeightInspectorTest, AllZeroWeightAndClear) {
  const std::vector<float> zeros(16, 0.0f);
  WeightInspector inspector;
  inspector.setSample(make_weight_sample("w", 4, 4, zeros.data(), 8, 4));
  EXPECT_EQ(inspector.histogram()->plottableCount(), 0);
  EXPECT_EQ(qGray(inspector.maskImage().pixel(0, 0)), 255);
  EXPECT_TRUE(inspector.caption().contains("100.0 %"));
  inspector.clear();
  EXPECT_TRUE(inspector.maskImage().isNull());
  EXPECT_EQ(inspector.histogram()->plottableCount(), 0);
}

}  // namespace
}  // namespace sparsetune::widgets
