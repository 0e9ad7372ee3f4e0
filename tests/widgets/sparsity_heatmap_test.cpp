// The sparsity heatmap: values per cell, live partial updates, geometry, colours, clicks and tooltips.
#include <gtest/gtest.h>

#include <QHelpEvent>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

#include <string>
#include <vector>

#include "tests/widgets/qt_app.h"
#include "widgets/sparsity_heatmap.h"

namespace sparsetune::widgets {
namespace {

const char* const kKinds[] = {"self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj",
                              "mlp.gate_proj",    "mlp.up_proj",      "mlp.down_proj"};

std::string path_of(int block, const char* kind) { return "model.layers." + std::to_string(block) + "." + kind; }

// A 4-block Llama after a mask update at `step`: block b, kind k at sparsity (b * 7 + k) / 40.
std::vector<LayerSparsity> llama_update(int64_t step, const std::string& structure) {
  std::vector<LayerSparsity> layers;
  for (int b = 0; b < 4; ++b)
    for (int k = 0; k < 7; ++k) layers.push_back({step, path_of(b, kKinds[k]), (b * 7 + k) / 40.0, structure});
  return layers;
}

class SparsityHeatmapTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { test::qt_app(); }
};

TEST_F(SparsityHeatmapTest, CellsHoldEachModulesSparsity) {
  SparsityHeatmap map;
  map.setLayers(llama_update(40, "unstructured"));
  ASSERT_EQ(map.grid().blocks.size(), 4u);
  ASSERT_EQ(map.grid().kinds.size(), 7u);
  EXPECT_DOUBLE_EQ(*map.sparsityAt(0, 0), 0.0);
  EXPECT_DOUBLE_EQ(*map.sparsityAt(2, 6), 20 / 40.0);  // block 2, down_proj
  EXPECT_EQ(map.pathAt(2, 6), "model.layers.2.mlp.down_proj");
  EXPECT_FALSE(map.sparsityAt(4, 0).has_value());
  EXPECT_FALSE(map.sparsityAt(0, 7).has_value());
  EXPECT_TRUE(map.title().contains("unstructured"));
  EXPECT_TRUE(map.title().contains("40"));
}

TEST_F(SparsityHeatmapTest, LaterUpdatesChangeOnlyTheirModules) {
  SparsityHeatmap map;
  map.setLayers(llama_update(10, "2:4"));
  map.setLayers({{20, path_of(1, "mlp.up_proj"), 0.5, "2:4"}, {20, path_of(3, "self_attn.q_proj"), 0.5, "2:4"}});
  EXPECT_DOUBLE_EQ(*map.sparsityAt(1, 5), 0.5);
  EXPECT_DOUBLE_EQ(*map.sparsityAt(3, 0), 0.5);
  EXPECT_DOUBLE_EQ(*map.sparsityAt(1, 4), 11 / 40.0);  // untouched neighbour keeps its value
  EXPECT_TRUE(map.title().contains("2:4"));
  EXPECT_TRUE(map.title().contains("20"));
  // A module seen for the first time extends the grid without losing the others.
  map.setLayers({{30, path_of(4, "mlp.down_proj"), 0.25, "2:4"}});
  ASSERT_EQ(map.grid().blocks.size(), 5u);
  EXPECT_DOUBLE_EQ(*map.sparsityAt(4, 6), 0.25);
  EXPECT_FALSE(map.sparsityAt(4, 0).has_value());
  EXPECT_DOUBLE_EQ(*map.sparsityAt(1, 5), 0.5);
}

TEST_F(SparsityHeatmapTest, ModulesWithoutDataAreLaidOutAndHatched) {
  SparsityHeatmap map;
  map.resize(600, 300);
  std::vector<std::string> paths;
  for (int b = 0; b < 2; ++b)
    for (const char* kind : kKinds) paths.push_back(path_of(b, kind));
  map.setModules(paths);
  map.setLayers({{5, path_of(0, "self_attn.q_proj"), 0.8, "unstructured"}});
  EXPECT_EQ(map.grid().blocks.size(), 2u);
  EXPECT_FALSE(map.sparsityAt(1, 3).has_value());
  EXPECT_EQ(map.pathAt(1, 3), "model.layers.1.self_attn.o_proj");

  const QImage image = map.grab().toImage();
  const QRect with_data = map.cellRect(0, 0);
  EXPECT_EQ(image.pixelColor(with_data.topLeft() + QPoint(2, 2)), sparsityColour(0.8));
  // No data: grey (light fill or darker hatch line), never a colour of the scale.
  const QColor no_data = image.pixelColor(map.cellRect(1, 3).topLeft() + QPoint(2, 2));
  EXPECT_EQ(no_data.red(), no_data.green());
  EXPECT_EQ(no_data.green(), no_data.blue());
}

TEST_F(SparsityHeatmapTest, CellsTileTheGridAndScaleWithTheWidget) {
  SparsityHeatmap map;
  map.setLayers(llama_update(1, "unstructured"));
  map.resize(500, 300);
  const QRect a = map.cellRect(0, 0), b = map.cellRect(0, 1), c = map.cellRect(1, 0);
  EXPECT_FALSE(a.isEmpty());
  EXPECT_EQ(b.left(), a.right() + 1);
  EXPECT_EQ(c.top(), a.bottom() + 1);
  EXPECT_TRUE(map.rect().contains(map.cellRect(3, 6)));
  EXPECT_TRUE(map.cellRect(4, 0).isEmpty());
  EXPECT_EQ(map.cellAt(map.cellRect(2, 5).center()), std::make_pair(2, 5));
  EXPECT_FALSE(map.cellAt(QPoint(1, 1)).has_value());

  map.resize(1000, 300);
  EXPECT_GT(map.cellRect(0, 0).width(), a.width() * 3 / 2);
  EXPECT_TRUE(map.rect().contains(map.cellRect(3, 6)));
  EXPECT_GT(map.sizeHint().width(), 0);
}

TEST_F(SparsityHeatmapTest, ClickEmitsTheModulePath) {
  SparsityHeatmap map;
  map.setLayers(llama_update(1, "unstructured"));
  map.resize(600, 300);
  QSignalSpy clicked(&map, &SparsityHeatmap::moduleClicked);
  QTest::mouseClick(&map, Qt::LeftButton, {}, map.cellRect(3, 2).center());
  ASSERT_EQ(clicked.count(), 1);
  EXPECT_EQ(clicked.at(0).at(0).toString(), QString("model.layers.3.self_attn.v_proj"));
  QTest::mouseClick(&map, Qt::LeftButton, {}, QPoint(2, 2));  // the title, not a cell
  EXPECT_EQ(clicked.count(), 1);
}

TEST_F(SparsityHeatmapTest, TooltipNamesPathSparsityAndStep) {
  SparsityHeatmap map;
  map.setLayers({{70, path_of(0, "mlp.up_proj"), 0.734, "unstructured"}});
  map.resize(400, 200);
  map.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&map));
  const QPoint at = map.cellRect(0, 0).center();
  QHelpEvent help(QEvent::ToolTip, at, map.mapToGlobal(at));
  QApplication::sendEvent(&map, &help);
  const QString text = QToolTip::text();
  EXPECT_TRUE(text.contains("model.layers.0.mlp.up_proj")) << text.toStdString();
  EXPECT_TRUE(text.contains("73.4 %")) << text.toStdString();
  EXPECT_TRUE(text.contains("70")) << text.toStdString();
  QToolTip::hideText();
}

TEST_F(SparsityHeatmapTest, ClearEmptiesTheGrid) {
  SparsityHeatmap map;
  map.setLayers(llama_update(1, "unstructured"));
  map.clear();
  EXPECT_TRUE(map.grid().blocks.empty());
  EXPECT_FALSE(map.sparsityAt(0, 0).has_value());
  EXPECT_TRUE(map.cellRect(0, 0).isEmpty());
  map.resize(300, 200);
  EXPECT_FALSE(map.grab().isNull());  // paints the empty state without data
}

TEST(SparsityColour, ViridisEndsAndRisingLightness) {
  EXPECT_EQ(sparsityColour(0), QColor(68, 1, 84));
  EXPECT_EQ(sparsityColour(1), QColor(253, 231, 37));
  EXPECT_EQ(sparsityColour(-0.5), sparsityColour(0));
  EXPECT_EQ(sparsityColour(2), sparsityColour(1));
  // Sequential: lightness grows with sparsity, so the map reads correctly in grey too.
  double previous = -1;
  for (int i = 0; i <= 100; ++i) {
    const QColor c = sparsityColour(i / 100.0);
    const double luminance = 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF();
    EXPECT_GT(luminance, previous) << i;
    previous = luminance;
  }
}

}  // namespace
}  // namespace sparsetune::widgets
