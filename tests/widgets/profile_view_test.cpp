#include "widgets/profile_view.h"

#include <gtest/gtest.h>

#include <QPushButton>
#include <QSignalSpy>
#include <qcustomplot.h>

#include "tests/widgets/qt_app.h"
#include "widgets/bandwidth_bound.h"

namespace sparsetune::widgets {
namespace {

ProfileRecord layer(const std::string& path, double sparsity, double dense_ms, double sparse_ms) {
  ProfileRecord r;
  r.device = "cpu: Intel Xeon Gold 6338 (avx512)";
  r.layer = path;
  r.shape = "4096x4096";
  r.dense_ms = dense_ms;
  r.sparse_ms = sparse_ms;
  r.baseline = "libtorch";
  r.sparsity = sparsity;
  r.dense_bytes = 4.0 * 4096 * 4096;
  r.sparse_bytes = r.dense_bytes / bitmap_speedup_bound(sparsity, "f32");
  r.bound = r.dense_bytes / r.sparse_bytes;
  r.threads = 2;
  r.value_type = "f32";
  return r;
}

// Three layers and end-to-end decoding at 50 ms (dense) and 25 ms (sparse) per token.
std::vector<ProfileRecord> profile() {
  std::vector<ProfileRecord> records = {layer("model.layers.0.self_attn.q_proj", 0.5, 4.0, 2.5),
                                        layer("model.layers.0.mlp.up_proj", 0.75, 10.0, 4.0),
                                        layer("model.layers.1.mlp.down_proj", 0.9, 6.0, 1.5)};
  ProfileRecord model = layer("model", 0.7, 50.0, 25.0);
  model.shape = "decode 32 tokens";
  model.bound = 3.1;
  records.push_back(model);
  return records;
}

QCPGraph* graph_named(QCustomPlot* plot, const QString& name) {
  for (int i = 0; i < plot->graphCount(); ++i)
    if (plot->graph(i)->name() == name) return plot->graph(i);
  return nullptr;
}

TEST(BandwidthBound, MatchesTheDesignTableForFloat32) {
  EXPECT_NEAR(bitmap_speedup_bound(0.5, "f32"), 1.88, 0.005);
  EXPECT_NEAR(bitmap_speedup_bound(0.7, "f32"), 3.02, 0.005);
  EXPECT_NEAR(bitmap_speedup_bound(0.75, "f32"), 3.56, 0.005);
  EXPECT_NEAR(bitmap_speedup_bound(0.8, "f32"), 4.32, 0.005);
  EXPECT_NEAR(bitmap_speedup_bound(0.9, "f32"), 7.62, 0.005);
}

TEST(BandwidthBound, NarrowValuesAreMeasuredAgainstTheFloat32DenseWeight) {
  // The design table's bf16 row compares with a bf16 dense weight, half the bytes of the f32 one.
  EXPECT_NEAR(bitmap_speedup_bound(0.5, "bf16") / 2, 1.78, 0.005);
  EXPECT_NEAR(bitmap_speedup_bound(0.9, "bf16") / 2, 6.15, 0.005);
  EXPECT_NEAR(bitmap_speedup_bound(0.5, "i8"), 32.0 / 5.0, 1e-12);
  EXPECT_NEAR(bitmap_speedup_bound(0.9, "i8"), 32.0 / 1.8, 1e-12);
}

TEST(BandwidthBound, TheMaskCostsMoreThanItSavesOnADenseWeight) {
  EXPECT_LT(bitmap_speedup_bound(0.0, "f32"), 1.0);
  EXPECT_NEAR(bitmap_speedup_bound(1.0, "f32"), 32.0, 1e-12);
  EXPECT_LT(bitmap_speedup_bound(0.6, "f32"), bitmap_speedup_bound(0.61, "f32"));
  EXPECT_EQ(bitmap_speedup_bound(0.5, "fp8"), 0.0);
}

TEST(SummarizeProfile, ReadsTheDeviceAndTheEndToEndSpeed) {
  const ProfileSummary s = summarize_profile(profile());
  EXPECT_EQ(s.kind, "cpu");
  EXPECT_EQ(s.processor, "Intel Xeon Gold 6338");
  EXPECT_EQ(s.isa, "avx512");
  EXPECT_EQ(s.threads, 2);
  EXPECT_EQ(s.value_type, "f32");
  EXPECT_EQ(s.baseline, "libtorch");
  EXPECT_TRUE(s.has_decode);
  EXPECT_DOUBLE_EQ(s.dense_tokens_per_second, 20.0);
  EXPECT_DOUBLE_EQ(s.sparse_tokens_per_second, 40.0);
  EXPECT_DOUBLE_EQ(s.decode_speedup, 2.0);
  EXPECT_DOUBLE_EQ(s.decode_bound, 3.1);
  EXPECT_DOUBLE_EQ(s.model_sparsity, 0.7);
}

TEST(SummarizeProfile, WeightsTheLayerSpeedupsByDenseTime) {
  const ProfileSummary s = summarize_profile(profile());
  EXPECT_EQ(s.layers, 3);
  // (4 + 10 + 6) / (2.5 + 4 + 1.5), not the plain mean of 1.6, 2.5 and 4.
  EXPECT_DOUBLE_EQ(s.layer_speedup, 20.0 / 8.0);
  const double dense = 3 * 4.0 * 4096 * 4096;
  const double sparse = 4.0 * 4096 * 4096 *
                        (1 / bitmap_speedup_bound(0.5, "f32") + 1 / bitmap_speedup_bound(0.75, "f32") +
                         1 / bitmap_speedup_bound(0.9, "f32"));
  EXPECT_NEAR(s.layer_bound, dense / sparse, 1e-9);
}

TEST(SummarizeProfile, WithoutDecodingOrRecords) {
  std::vector<ProfileRecord> layers_only = profile();
  layers_only.pop_back();
  const ProfileSummary s = summarize_profile(layers_only);
  EXPECT_FALSE(s.has_decode);
  EXPECT_EQ(s.dense_tokens_per_second, 0.0);
  EXPECT_EQ(s.layers, 3);

  const ProfileSummary empty = summarize_profile({});
  EXPECT_EQ(empty.layers, 0);
  EXPECT_EQ(empty.layer_speedup, 0.0);

  ProfileRecord gpu = layer("model.layers.0.mlp.up_proj", 0.5, 1, 0);
  gpu.device = "cuda: NVIDIA H100";
  const ProfileSummary g = summarize_profile({gpu});
  EXPECT_EQ(g.kind, "cuda");
  EXPECT_EQ(g.processor, "NVIDIA H100");
  EXPECT_EQ(g.isa, "");
  EXPECT_EQ(g.layer_speedup, 0.0);  // no sparse time: no ratio rather than infinity
}

TEST(ShortLayerName, StartsAtTheBlockIndex) {
  EXPECT_EQ(shortLayerName("model.layers.12.self_attn.q_proj"), "12.self_attn.q_proj");
  EXPECT_EQ(shortLayerName("model.decoder.layers.3.fc1"), "3.fc1");
  EXPECT_EQ(shortLayerName("lm_head"), "lm_head");
}

class ProfileViewTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { test::qt_app(); }
};

TEST_F(ProfileViewTest, EmptyProfileShowsAMessage) {
  ProfileView view;
  EXPECT_TRUE(view.showsMessage());
  EXPECT_TRUE(view.summaryText().startsWith("No profile yet:"));
  EXPECT_FALSE(view.pinButton()->isEnabled());
  view.setProfile(profile(), "run 3");
  EXPECT_FALSE(view.showsMessage());
  view.setProfile({}, "nothing");
  EXPECT_TRUE(view.showsMessage());
}

TEST_F(ProfileViewTest, CardShowsDeviceAndSpeed) {
  ProfileView view;
  view.setProfile(profile(), "run 3");
  const QString text = view.summaryText();
  EXPECT_TRUE(text.contains("CPU: Intel Xeon Gold 6338")) << text.toStdString();
  EXPECT_TRUE(text.contains("ISA: avx512")) << text.toStdString();
  EXPECT_TRUE(text.contains("Threads: 2")) << text.toStdString();
  EXPECT_TRUE(text.contains("Dense tokens/s: 20.0")) << text.toStdString();
  EXPECT_TRUE(text.contains("Sparse tokens/s: 40.0")) << text.toStdString();
  EXPECT_TRUE(text.contains("End-to-end speedup: 2.00× (bound 3.10×)")) << text.toStdString();
  EXPECT_TRUE(text.contains("2.50× over 3 layer")) << text.toStdString();
  EXPECT_FALSE(text.contains("|"));  // no baseline columns
}

TEST_F(ProfileViewTest, SpeedupPlotHasTheLayersAndTheBoundOnALogAxis) {
  ProfileView view;
  view.setProfile(profile(), "run 3");
  QCustomPlot* plot = view.speedupPlot();
  EXPECT_EQ(plot->yAxis->scaleType(), QCPAxis::stLogarithmic);
  QCPGraph* bound = graph_named(plot, "bandwidth bound, f32 bitmap");
  ASSERT_NE(bound, nullptr);
  const auto at_75 = bound->data()->findBegin(75, false);
  EXPECT_DOUBLE_EQ(at_75->key, 75);
  EXPECT_NEAR(at_75->value, 3.56, 0.005);
  EXPECT_EQ(bound->data()->at(bound->dataCount() - 1)->key, 99);

  QCPGraph* layers = graph_named(plot, "run 3: layers");
  ASSERT_NE(layers, nullptr);
  ASSERT_EQ(layers->dataCount(), 3);
  EXPECT_DOUBLE_EQ(layers->data()->at(0)->key, 50);
  EXPECT_DOUBLE_EQ(layers->data()->at(0)->value, 1.6);
  EXPECT_DOUBLE_EQ(layers->data()->at(2)->key, 90);
  EXPECT_DOUBLE_EQ(layers->data()->at(2)->value, 4.0);
  QCPGraph* decode = graph_named(plot, "run 3: end-to-end decode");
  ASSERT_NE(decode, nullptr);
  EXPECT_DOUBLE_EQ(decode->data()->at(0)->value, 2.0);
  EXPECT_LT(plot->yAxis->range().lower, 1.6);
  EXPECT_GT(plot->yAxis->range().upper, 4.0);
}

TEST_F(ProfileViewTest, LayerBarsShowDenseAndSparseTimes) {
  ProfileView view;
  view.setProfile(profile(), "run 3");
  QCustomPlot* plot = view.layerPlot();
  ASSERT_EQ(plot->plottableCount(), 2);  // dense and sparse; the model record is not a layer
  auto* dense = qobject_cast<QCPBars*>(plot->plottable(0));
  auto* sparse = qobject_cast<QCPBars*>(plot->plottable(1));
  ASSERT_NE(dense, nullptr);
  ASSERT_NE(sparse, nullptr);
  EXPECT_EQ(dense->keyAxis(), plot->yAxis);  // horizontal bars
  ASSERT_EQ(dense->dataCount(), 3);
  EXPECT_DOUBLE_EQ(dense->data()->at(1)->value, 10.0);
  EXPECT_DOUBLE_EQ(sparse->data()->at(1)->value, 4.0);
  auto ticker = plot->yAxis->ticker().dynamicCast<QCPAxisTickerText>();
  ASSERT_FALSE(ticker.isNull());
  EXPECT_EQ(ticker->ticks().value(2), "1.mlp.down_proj");
}

TEST_F(ProfileViewTest, PinnedBaselineIsComparedAgainst) {
  ProfileView view;
  QSignalSpy changed(&view, &ProfileView::baselineChanged);
  view.setProfile(profile(), "run 3");
  view.pinButton()->click();
  EXPECT_TRUE(view.hasBaseline());
  EXPECT_EQ(view.baselineTitle(), "run 3");
  EXPECT_EQ(changed.count(), 1);

  // A faster profile of the same model: 20 ms per sparse token instead of 25.
  std::vector<ProfileRecord> faster = profile();
  faster.back().sparse_ms = 20.0;
  faster[1].sparse_ms = 2.0;
  view.setProfile(faster, "run 4");
  const QString text = view.summaryText();
  EXPECT_TRUE(text.contains("Sparse tokens/s: 50.0 | 40.0 | +25.0 %")) << text.toStdString();
  EXPECT_TRUE(text.contains("Dense tokens/s: 20.0 | 20.0 | +0.0 %")) << text.toStdString();

  QCPGraph* baseline_layers = graph_named(view.speedupPlot(), "run 3: layers");
  ASSERT_NE(baseline_layers, nullptr);
  EXPECT_DOUBLE_EQ(baseline_layers->data()->at(1)->value, 2.5);
  EXPECT_DOUBLE_EQ(graph_named(view.speedupPlot(), "run 4: layers")->data()->at(1)->value, 5.0);
  ASSERT_EQ(view.layerPlot()->plottableCount(), 3);
  EXPECT_DOUBLE_EQ(qobject_cast<QCPBars*>(view.layerPlot()->plottable(2))->data()->at(1)->value, 4.0);

  view.clearBaseline();
  EXPECT_FALSE(view.hasBaseline());
  EXPECT_EQ(changed.count(), 2);
  EXPECT_FALSE(view.summaryText().contains("|"));
  EXPECT_EQ(graph_named(view.speedupPlot(), "run 3: layers"), nullptr);
  EXPECT_EQ(view.layerPlot()->plottableCount(), 2);
}

TEST_F(ProfileViewTest, BaselineOfAnotherValueTypeBringsItsOwnBound) {
  ProfileView view;
  std::vector<ProfileRecord> bf16 = profile();
  for (auto& r : bf16) r.value_type = "bf16";
  view.setBaseline(bf16, "bf16 run");
  view.setProfile(profile(), "f32 run");
  QCPGraph* bound = graph_named(view.speedupPlot(), "bandwidth bound, bf16 bitmap");
  ASSERT_NE(bound, nullptr);
  EXPECT_NEAR(bound->data()->findBegin(50, false)->value, 32.0 / 9.0, 1e-9);
  EXPECT_TRUE(view.summaryText().contains("Sparse values: f32 | bf16 | ")) << view.summaryText().toStdString();
}

}  // namespace
}  // namespace sparsetune::widgets
