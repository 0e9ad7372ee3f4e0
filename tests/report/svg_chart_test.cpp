#include "core/report/svg_chart.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "tests/report/markup_checks.h"

namespace sparsetune {
namespace {

using test::count_of;
using test::unbalanced_tag;

// The numbers of every points="..." attribute, in order.
std::vector<double> svg_polyline_numbers(const std::string& svg) {
  std::vector<double> numbers;
  for (std::size_t at = svg.find("points=\""); at != std::string::npos; at = svg.find("points=\"", at + 1)) {
    const std::size_t begin = at + 8, end = svg.find('"', begin);
    std::string text = svg.substr(begin, end - begin);
    std::replace(text.begin(), text.end(), ',', ' ');
    std::istringstream in(text);
    for (double v; in >> v;) numbers.push_back(v);
  }
  return numbers;
}

// The width and height of the viewBox "0 0 W H".
std::pair<double, double> view_box(const std::string& svg) {
  const std::size_t at = svg.find("viewBox=\"0 0 ");
  EXPECT_NE(at, std::string::npos);
  std::istringstream in(svg.substr(at + 13));
  double w = 0, h = 0;
  in >> w >> h;
  return {w, h};
}

TEST(SvgChart, LineChartIsWellFormedAndEscapesEveryText) {
  const SvgSeries s{"loss <ce> & \"kd\"", "", {1, 2, 3}, {3, 2, 1}};
  const std::string svg = svg_line_chart("Loss & <friends>", "step", "it's", {s}, false);
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
  EXPECT_EQ(unbalanced_tag(svg), "");
  EXPECT_NE(svg.find("loss &lt;ce&gt; &amp; &quot;kd&quot;"), std::string::npos);
  EXPECT_NE(svg.find("<title>Loss &amp; &lt;friends&gt;</title>"), std::string::npos);
  EXPECT_NE(svg.find("it&#39;s"), std::string::npos);
  EXPECT_EQ(svg.find("<ce>"), std::string::npos);
  EXPECT_EQ(svg.find("<friends>"), std::string::npos);
  EXPECT_EQ(count_of(svg, "<polyline"), 1u);
  EXPECT_EQ(count_of(svg, "<circle"), 3u) << "few points each get a dot";
}

TEST(SvgChart, PointsMapIntoTheViewBoxInOrder) {
  SvgSeries s{"loss", "#123456", {}, {}};
  for (int step = 0; step <= 100; ++step) {
    s.x.push_back(step);
    s.y.push_back(5.0 + std::sin(step * 0.3) * 2.0);
  }
  const std::string svg = svg_line_chart("t", "step", "loss", {s}, false);
  const auto [width, height] = view_box(svg);
  const auto numbers = svg_polyline_numbers(svg);
  ASSERT_EQ(numbers.size(), 2 * s.x.size());
  for (std::size_t i = 0; i < numbers.size(); i += 2) {
    EXPECT_GT(numbers[i], 0.0);
    EXPECT_LT(numbers[i], width);
    EXPECT_GT(numbers[i + 1], 0.0);
    EXPECT_LT(numbers[i + 1], height);
    if (i > 0) {
      EXPECT_GT(numbers[i], numbers[i - 2]) << "later steps lie further right";
    }
  }
  // Larger values lie higher up (smaller y): compare the data's maximum and minimum.
  const auto max_at = std::max_element(s.y.begin(), s.y.end()) - s.y.begin();
  const auto min_at = std::min_element(s.y.begin(), s.y.end()) - s.y.begin();
  EXPECT_LT(numbers[2 * max_at + 1], numbers[2 * min_at + 1]);
  EXPECT_NE(svg.find("stroke=\"#123456\""), std::string::npos);
}

TEST(SvgChart, LogScaleLeavesOutNonPositiveValuesAndBreaksTheLineThere) {
  const SvgSeries s{"ppl", "", {1, 2, 3, 4, 5}, {10, 0, 100, 1000, std::numeric_limits<double>::quiet_NaN()}};
  const ChartDrawing d = line_chart("Perplexity", "step", "perplexity", {s}, true);
  ASSERT_EQ(d.polylines.size(), 1u) << "10 stands alone; 100 and 1000 make a line";
  EXPECT_EQ(d.polylines[0].xy.size(), 4u);
  EXPECT_EQ(d.circles.size(), 3u);
  auto has_text = [&](const std::string& t) {
    return std::any_of(d.texts.begin(), d.texts.end(), [&](const ChartDrawing::Text& x) { return x.text == t; });
  };
  EXPECT_TRUE(has_text("10"));
  EXPECT_TRUE(has_text("100"));
  EXPECT_TRUE(has_text("1000"));
  EXPECT_TRUE(has_text("perplexity (log scale)"));
  // On a log axis 10 → 100 and 100 → 1000 are the same distance.
  const double y10 = d.circles[0].y, y100 = d.circles[1].y, y1000 = d.circles[2].y;
  EXPECT_NEAR(y10 - y100, y100 - y1000, 0.01);
}

TEST(SvgChart, LongSeriesAreThinnedPerPixelColumnButKeepTheirExtremes) {
  SvgSeries s{"loss", "", {}, {}};
  for (int i = 0; i < 100000; ++i) {
    s.x.push_back(i);
    s.y.push_back(1.0 + 0.001 * (i % 7));
  }
  s.y[54321] = 50;  // one spike must survive the thinning
  const ChartDrawing d = line_chart("t", "step", "loss", {s}, false);
  ASSERT_EQ(d.polylines.size(), 1u);
  const auto& xy = d.polylines[0].xy;
  EXPECT_LT(xy.size(), 2u * 4u * 720u);
  EXPECT_TRUE(d.circles.empty());
  double top = d.height;
  for (std::size_t i = 1; i < xy.size(); i += 2) top = std::min(top, xy[i]);
  // The spike is the highest point, far above every other one.
  std::size_t near_top = 0;
  for (std::size_t i = 1; i < xy.size(); i += 2) near_top += xy[i] < top + 1 ? 1 : 0;
  EXPECT_EQ(near_top, 1u);
  double others_top = d.height;
  for (std::size_t i = 1; i < xy.size(); i += 2)
    if (xy[i] >= top + 1) others_top = std::min(others_top, xy[i]);
  EXPECT_GT(others_top - top, 100.0);
}

TEST(SvgChart, BarsStandOnZeroWithHeightsInProportion) {
  const SvgBars bars{"sparsity", "#abcdef", {0.5, 1.0, 0.25}};
  const ChartDrawing d = bar_chart("Sparsity per layer", "share", {"q_proj", "k_proj", "v_proj"}, {bars});
  std::vector<ChartDrawing::Rect> drawn;
  for (const auto& r : d.rects)
    if (r.fill == "#abcdef" && r.width != 14) drawn.push_back(r);  // 14 wide: the legend's swatch
  ASSERT_EQ(drawn.size(), 3u);
  std::sort(drawn.begin(), drawn.end(), [](const auto& a, const auto& b) { return a.x < b.x; });
  EXPECT_NEAR(drawn[1].height, 2 * drawn[0].height, 1e-9);
  EXPECT_NEAR(drawn[1].height, 4 * drawn[2].height, 1e-9);
  for (const auto& r : drawn) EXPECT_NEAR(r.y + r.height, drawn[0].y + drawn[0].height, 1e-9);
  const std::string svg = to_svg(d);
  EXPECT_EQ(unbalanced_tag(svg), "");
  EXPECT_NE(svg.find(">k_proj</text>"), std::string::npos);
  const auto [width, height] = view_box(svg);
  for (const auto& r : d.rects) {
    EXPECT_GE(r.x, 0.0);
    EXPECT_LE(r.x + r.width, width);
    EXPECT_GE(r.y, 0.0);
    EXPECT_LE(r.y + r.height, height);
  }
}

TEST(SvgChart, ManyCategoriesGetEveryNthLabel) {
  std::vector<std::string> names;
  SvgBars bars{"sparsity", "", {}};
  for (int i = 0; i < 224; ++i) {
    names.push_back("model.layers." + std::to_string(i / 7) + ".mlp.proj" + std::to_string(i % 7));
    bars.values.push_back(0.5);
  }
  const ChartDrawing d = bar_chart("Sparsity per layer", "share", names, {bars});
  const auto slanted = std::count_if(d.texts.begin(), d.texts.end(), [](const auto& t) { return t.rotate_degrees == -45; });
  EXPECT_GE(slanted, 20);
  EXPECT_LE(slanted, 60);
}

TEST(SvgChart, AChartWithoutDataSaysSo) {
  const std::string svg = svg_line_chart("Loss", "step", "loss", {SvgSeries{"loss", "", {}, {}}}, true);
  EXPECT_NE(svg.find(">no data</text>"), std::string::npos);
  EXPECT_EQ(svg.find("<polyline"), std::string::npos);
  EXPECT_EQ(unbalanced_tag(svg), "");
}

TEST(SvgChart, EscapesTheFiveXmlSpecials) { EXPECT_EQ(escape_xml("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;"); }

}  // namespace
}  // namespace sparsetune
