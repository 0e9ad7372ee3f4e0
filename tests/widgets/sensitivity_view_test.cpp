// The sensitivity view redistributes sparsity from stored measurements as the slider moves.
#include <QSlider>
#include <QTableWidget>
#include <gtest/gtest.h>

#include <numeric>

#include "tests/widgets/qt_app.h"
#include "widgets/sensitivity_view.h"

namespace {

sparsetune::SensitivityAnalysis three_layers() {
  sparsetune::SensitivityAnalysis a;
  a.method = "magnitude";
  a.dense_loss = 1.0;
  a.model_parameters = 3 * 256 * 256 + 1000;
  a.tokens = 512;
  // Two tolerant layers and one whose loss climbs steeply: the steep one must get less sparsity.
  const double steep[] = {1.05, 1.3, 2.0, 4.0};
  const double flat[] = {1.0, 1.01, 1.03, 1.1};
  for (int i = 0; i < 3; ++i) {
    sparsetune::LayerSensitivity l;
    l.module_path = "model.layers.0.mlp." + std::string(i == 1 ? "down_proj" : i == 0 ? "gate_proj" : "up_proj");
    l.parameters = 256 * 256;
    l.out_features = l.in_features = 256;
    l.sparsities = {0.3, 0.5, 0.7, 0.9};
    const double* loss = i == 1 ? steep : flat;
    l.loss.assign(loss, loss + 4);
    a.layers.push_back(l);
  }
  return a;
}

}  // namespace

TEST(SensitivityView, SliderRedistributesAndEstimates) {
  sparsetune::test::qt_app();
  sparsetune::widgets::SensitivityView view;
  EXPECT_FALSE(view.slider()->isEnabled());
  view.setAnalysis(three_layers());
  EXPECT_TRUE(view.slider()->isEnabled());
  view.setTarget(0.6);
  ASSERT_EQ(view.allocation().size(), 3u);
  const double mean = std::accumulate(view.allocation().begin(), view.allocation().end(), 0.0) / 3.0;
  EXPECT_NEAR(mean, 0.6, 1e-6);
  EXPECT_LT(view.allocation()[1], view.allocation()[0]) << "the steep layer should be pruned less";
  EXPECT_NEAR(view.allocation()[0], view.allocation()[2], 1e-9);
  EXPECT_EQ(view.table()->rowCount(), 3);
  EXPECT_GT(view.estimate().dense_bytes, view.estimate().sparse_bytes);
  EXPECT_GT(view.estimate().speedup_bound, 1.0);
  EXPECT_TRUE(view.estimateText().contains("MB")) << view.estimateText().toStdString();

  const double before = view.estimate().predicted_loss;
  view.setTarget(0.8);
  EXPECT_GT(view.estimate().predicted_loss, before) << "more sparsity cannot predict a lower loss";
  view.clear();
  EXPECT_FALSE(view.slider()->isEnabled());
  EXPECT_TRUE(view.allocation().empty());
}
