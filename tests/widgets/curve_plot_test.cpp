#include "widgets/curve_plot.h"

#include <QClipboard>
#include <QTest>
#include <QWheelEvent>
#include <gtest/gtest.h>
#include <qcustomplot.h>

#include "tests/widgets/qt_app.h"
#include "widgets/ema_smoothing.h"

namespace sparsetune::widgets {
namespace {

class CurvePlotTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { test::qt_app(); }

  // Steps 10, 20, 30, ...; wall time 2.5 s per step of 10.
  static std::vector<MetricPoint> points(const std::vector<double>& values, int64_t first_step = 10) {
    std::vector<MetricPoint> result;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const auto step = first_step + static_cast<int64_t>(i) * 10;
      result.push_back({step, static_cast<double>(step) / 4, values[i]});
    }
    return result;
  }

  static std::vector<double> keys(const QCPGraph* graph) {
    std::vector<double> result;
    for (const auto& d : *graph->data()) result.push_back(d.key);
    return result;
  }

  static std::vector<double> values(const QCPGraph* graph) {
    std::vector<double> result;
    for (const auto& d : *graph->data()) result.push_back(d.value);
    return result;
  }

  // Lets the coalesced redraw (and its auto-fit) happen.
  static void settle() { QTest::qWait(2 * CurvePlot::kReplotDelayMs + 20); }
};

TEST_F(CurvePlotTest, SeriesAreCreatedRelabelledAndRemoved) {
  CurvePlot chart;
  chart.setSeries("ce", "CE", Qt::red);
  EXPECT_FALSE(chart.plot()->legend->visible());
  chart.setSeries("kd", "KD", Qt::blue);
  EXPECT_EQ(chart.seriesKeys(), QStringList({"ce", "kd"}));
  EXPECT_TRUE(chart.plot()->legend->visible());
  // Raw and smoothed graph per series; only the smoothed one in the legend.
  EXPECT_EQ(chart.plot()->graphCount(), 4);
  EXPECT_EQ(chart.plot()->legend->itemCount(), 2);
  EXPECT_EQ(chart.rawGraph("ce")->pen().color().alpha(), 60);
  EXPECT_EQ(chart.rawGraph("ce")->pen().color().rgb(), QColor(Qt::red).rgb());

  chart.setSeries("ce", "cross entropy", Qt::green);
  EXPECT_EQ(chart.seriesKeys().size(), 2);
  EXPECT_EQ(chart.smoothedGraph("ce")->name(), "cross entropy");
  EXPECT_EQ(chart.smoothedGraph("ce")->pen().color(), QColor(Qt::green));

  chart.removeSeries("ce");
  EXPECT_EQ(chart.seriesKeys(), QStringList({"kd"}));
  EXPECT_EQ(chart.plot()->graphCount(), 2);
  EXPECT_FALSE(chart.plot()->legend->visible());
  EXPECT_EQ(chart.rawGraph("ce"), nullptr);

  chart.appendPoints("lr", points({1e-4}));
  EXPECT_EQ(chart.seriesKeys(), QStringList({"kd", "lr"}));
  chart.clear();
  EXPECT_TRUE(chart.seriesKeys().isEmpty());
  EXPECT_EQ(chart.plot()->graphCount(), 0);
}

TEST_F(CurvePlotTest, AppendedPointsAreSmoothedLikeTheWholeSeries) {
  CurvePlot chart;
  chart.setSmoothing(0.8);
  const std::vector<double> loss = {9.1, 7.4, 6.8, 6.9, 5.2, 5.5, 4.8, 4.9, 4.1};
  chart.appendPoints("loss", points({loss.begin(), loss.begin() + 2}));
  chart.appendPoints("loss", points({loss.begin() + 2, loss.begin() + 3}, 30));
  chart.appendPoints("loss", points({loss.begin() + 3, loss.end()}, 40));
  EXPECT_EQ(chart.smoothedValues("loss"), debiased_ema(loss, 0.8));
  EXPECT_EQ(values(chart.smoothedGraph("loss")), debiased_ema(loss, 0.8));
  EXPECT_EQ(values(chart.rawGraph("loss")), loss);
  EXPECT_EQ(keys(chart.smoothedGraph("loss")).back(), 90.0);

  chart.setSmoothing(0.3);
  EXPECT_EQ(chart.smoothedValues("loss"), debiased_ema(loss, 0.3));
  EXPECT_EQ(values(chart.smoothedGraph("loss")), debiased_ema(loss, 0.3));

  chart.setPoints("loss", points({2, 4}));
  EXPECT_EQ(chart.smoothedValues("loss"), debiased_ema({2, 4}, 0.3));
  EXPECT_EQ(chart.smoothedGraph("loss")->dataCount(), 2);
  EXPECT_TRUE(chart.smoothedValues("unknown").empty());
}

TEST_F(CurvePlotTest, SmoothingIsClampedAndAnnounced) {
  CurvePlot chart;
  EXPECT_DOUBLE_EQ(chart.smoothing(), 0.6);
  double announced = -1;
  QObject::connect(&chart, &CurvePlot::smoothingChanged, [&](double w) { announced = w; });
  chart.setSmoothing(2.0);
  EXPECT_DOUBLE_EQ(chart.smoothing(), kMaxSmoothingWeight);
  EXPECT_DOUBLE_EQ(announced, kMaxSmoothingWeight);
  chart.setSmoothing(-1.0);
  EXPECT_DOUBLE_EQ(chart.smoothing(), 0.0);
  EXPECT_DOUBLE_EQ(announced, 0.0);
}

TEST_F(CurvePlotTest, LogAxesAreTrueLogAxesAndLeaveOutNonPositivePoints) {
  CurvePlot chart;
  chart.setSmoothing(0);
  chart.setPoints("ratio", {{0, 0, 3.0}, {1, 1, -1.0}, {2, 2, 0.0}, {3, 3, 0.5}, {4, 4, 2.0}});
  chart.setLogX(true);
  chart.setLogY(true);
  EXPECT_TRUE(chart.logX());
  EXPECT_TRUE(chart.logY());
  EXPECT_EQ(chart.plot()->xAxis->scaleType(), QCPAxis::stLogarithmic);
  EXPECT_EQ(chart.plot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
  EXPECT_NE(dynamic_cast<QCPAxisTickerLog*>(chart.plot()->xAxis->ticker().data()), nullptr);
  EXPECT_NE(dynamic_cast<QCPAxisTickerLog*>(chart.plot()->yAxis->ticker().data()), nullptr);
  // Step 0 cannot sit on a log x-axis, -1 and 0 not on a log y-axis; the rest keep their values.
  EXPECT_EQ(keys(chart.rawGraph("ratio")), (std::vector<double>{3, 4}));
  EXPECT_EQ(values(chart.rawGraph("ratio")), (std::vector<double>{0.5, 2.0}));
  EXPECT_EQ(values(chart.smoothedGraph("ratio")), (std::vector<double>{0.5, 2.0}));
  settle();
  EXPECT_GT(chart.plot()->xAxis->range().lower, 0);
  EXPECT_GT(chart.plot()->yAxis->range().lower, 0);

  chart.setLogX(false);
  EXPECT_EQ(chart.plot()->xAxis->scaleType(), QCPAxis::stLinear);
  // y is still logarithmic: step 0 is back, values -1 and 0 are still left out.
  EXPECT_EQ(keys(chart.rawGraph("ratio")), (std::vector<double>{0, 3, 4}));
  chart.setLogY(false);
  EXPECT_EQ(chart.plot()->yAxis->scaleType(), QCPAxis::stLinear);
  EXPECT_EQ(values(chart.rawGraph("ratio")), (std::vector<double>{3.0, -1.0, 0.0, 0.5, 2.0}));
}

TEST_F(CurvePlotTest, CsvHasEveryPointWithItsSmoothedValue) {
  CurvePlot chart;
  chart.setSmoothing(0.5);
  chart.setSeries("total", "loss, total", Qt::black);
  chart.appendPoints("total", {{1, 0.5, 2.0}, {2, 1.25, 5.0}});
  chart.appendPoints("lr", {{1, 0.5, 1e-4}});
  // Smoothed second point: 2 + (5 - 2) / 1.5 = 4.
  EXPECT_EQ(chart.toCsv().toStdString(),
            "series,step,wall_seconds,value,smoothed\n"
            "\"loss, total\",1,0.5,2,2\n"
            "\"loss, total\",2,1.25,5,4\n"
            "lr,1,0.5,1e-04,1e-04\n");  // shortest text that reads back exactly
  chart.copyCsv();
  EXPECT_EQ(QApplication::clipboard()->text(), chart.toCsv());
}

TEST_F(CurvePlotTest, ReferenceLineIsDrawnAtItsYAndKeptInView) {
  CurvePlot chart;
  chart.appendPoints("acc", points({0.31, 0.42, 0.5}));
  chart.setReferenceLine("teacher", "dense teacher", 0.82, Qt::darkGray);
  EXPECT_EQ(chart.referenceLineKeys(), QStringList({"teacher"}));

  const auto find_line = [&]() -> QCPItemStraightLine* {
    for (int i = 0; i < chart.plot()->itemCount(); ++i) {
      if (auto* line = qobject_cast<QCPItemStraightLine*>(chart.plot()->item(i))) return line;
    }
    return nullptr;
  };
  const auto find_text = [&]() -> QCPItemText* {
    for (int i = 0; i < chart.plot()->itemCount(); ++i) {
      if (auto* text = qobject_cast<QCPItemText*>(chart.plot()->item(i))) return text;
    }
    return nullptr;
  };
  QCPItemStraightLine* line = find_line();
  ASSERT_NE(line, nullptr);
  EXPECT_DOUBLE_EQ(line->point1->coords().y(), 0.82);
  EXPECT_DOUBLE_EQ(line->point2->coords().y(), 0.82);
  EXPECT_EQ(line->pen().style(), Qt::DashLine);
  ASSERT_NE(find_text(), nullptr);
  EXPECT_EQ(find_text()->text(), "dense teacher");
  settle();
  EXPECT_GT(chart.plot()->yAxis->range().upper, 0.82);
  EXPECT_LT(chart.plot()->yAxis->range().lower, 0.31);

  chart.setReferenceLine("teacher", "dense teacher (fp16)", 0.8, Qt::darkGray);
  EXPECT_EQ(chart.plot()->itemCount(), 2);
  EXPECT_DOUBLE_EQ(find_line()->point1->coords().y(), 0.8);
  EXPECT_EQ(find_text()->text(), "dense teacher (fp16)");

  chart.setReferenceLine("start", "one-shot start", -0.1, Qt::gray);
  chart.setLogY(true);
  int drawn = 0;
  for (int i = 0; i < chart.plot()->itemCount(); ++i) drawn += chart.plot()->item(i)->visible() ? 1 : 0;
  EXPECT_EQ(drawn, 2);  // the teacher's line and label; the line at -0.1 has no place on a log axis

  chart.clearReferenceLines();
  EXPECT_TRUE(chart.referenceLineKeys().isEmpty());
  EXPECT_EQ(chart.plot()->itemCount(), 0);
}

TEST_F(CurvePlotTest, ManyAppendsAreCoalescedIntoOneRedraw) {
  CurvePlot chart;
  chart.setSeries("loss", "loss", Qt::red);
  settle();
  const int before = chart.replotCount();
  for (int i = 0; i < 200; ++i) chart.appendPoints("loss", {{i, i * 0.1, 5.0 - i * 0.01}});
  QTest::qWait(100);
  const int redraws = chart.replotCount() - before;
  EXPECT_GE(redraws, 1);
  EXPECT_LE(redraws, 2);
  EXPECT_EQ(chart.rawGraph("loss")->dataCount(), 200);
}

TEST_F(CurvePlotTest, WallTimeAxisUsesWallSecondsAsKeys) {
  CurvePlot chart;
  chart.setPoints("loss", {{10, 3.5, 2.0}, {20, 7.25, 1.5}});
  chart.setXAxisWallTime(true);
  EXPECT_TRUE(chart.xAxisWallTime());
  EXPECT_EQ(keys(chart.rawGraph("loss")), (std::vector<double>{3.5, 7.25}));
  EXPECT_EQ(keys(chart.smoothedGraph("loss")), (std::vector<double>{3.5, 7.25}));
  EXPECT_NE(dynamic_cast<QCPAxisTickerTime*>(chart.plot()->xAxis->ticker().data()), nullptr);
  chart.appendPoints("loss", {{30, 11.0, 1.2}});
  EXPECT_EQ(keys(chart.rawGraph("loss")).back(), 11.0);
  chart.setXAxisWallTime(false);
  EXPECT_EQ(keys(chart.rawGraph("loss")), (std::vector<double>{10, 20, 30}));
}

TEST_F(CurvePlotTest, AutoFitFollowsLiveDataUntilTheUserZooms) {
  CurvePlot chart;
  chart.resize(600, 400);
  chart.show();
  chart.appendPoints("loss", points({4, 3, 2}));
  settle();
  EXPECT_GE(chart.plot()->xAxis->range().upper, 30);
  chart.appendPoints("loss", points({1.5}, 100));
  settle();
  EXPECT_GE(chart.plot()->xAxis->range().upper, 100);

  const QPointF centre = chart.plot()->axisRect()->center();
  QWheelEvent wheel(centre, chart.plot()->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                    Qt::NoScrollPhase, false);
  QApplication::sendEvent(chart.plot(), &wheel);
  EXPECT_FALSE(chart.autoFit());
  const QCPRange zoomed = chart.plot()->xAxis->range();
  chart.appendPoints("loss", points({1.2}, 1000));
  settle();
  EXPECT_EQ(chart.plot()->xAxis->range(), zoomed);

  chart.fit();
  settle();
  EXPECT_TRUE(chart.autoFit());
  EXPECT_GE(chart.plot()->xAxis->range().upper, 1000);
}

TEST_F(CurvePlotTest, LegendClickTogglesTheSeries) {
  CurvePlot chart;
  chart.resize(600, 400);
  chart.show();
  chart.appendPoints("a", points({1, 2}));
  chart.appendPoints("b", points({3, 4}));
  settle();
  auto* item = chart.plot()->legend->itemWithPlottable(chart.smoothedGraph("b"));
  ASSERT_NE(item, nullptr);
  QTest::mouseClick(chart.plot(), Qt::LeftButton, Qt::NoModifier, item->rect().center());
  EXPECT_FALSE(chart.isSeriesVisible("b"));
  EXPECT_FALSE(chart.smoothedGraph("b")->visible());
  EXPECT_FALSE(chart.rawGraph("b")->visible());
  EXPECT_TRUE(chart.isSeriesVisible("a"));
  QTest::mouseClick(chart.plot(), Qt::LeftButton, Qt::NoModifier, item->rect().center());
  EXPECT_TRUE(chart.isSeriesVisible("b"));
}

TEST_F(CurvePlotTest, ReadoutShowsAtMostFourSeriesAtTheNearestStep) {
  CurvePlot chart;
  chart.setSmoothing(0);
  for (int s = 0; s < 5; ++s) {
    chart.setSeries(QString::number(s), QStringLiteral("run %1").arg(s), Qt::blue);
    chart.setPoints(QString::number(s), points({1.0 + s, 2.0 + s, 3.0 + s}));
  }
  // x = 22 is nearest step 20 (wall time 5 s).
  const QStringList lines = chart.readoutAt(22).split('\n');
  ASSERT_EQ(lines.size(), 6);
  EXPECT_TRUE(lines[0].contains("step 20")) << lines[0].toStdString();
  EXPECT_TRUE(lines[0].contains("0:00:05")) << lines[0].toStdString();
  EXPECT_EQ(lines[1], "run 0: 2 (2)");
  EXPECT_EQ(lines[4], "run 3: 5 (5)");
  EXPECT_TRUE(lines[5].contains('1')) << lines[5].toStdString();

  chart.setSeriesVisible("0", false);
  const QStringList four = chart.readoutAt(29).split('\n');
  ASSERT_EQ(four.size(), 5);
  EXPECT_EQ(four[1], "run 1: 4 (4)");

  chart.setSmoothing(0.5);
  EXPECT_EQ(chart.readoutAt(20).split('\n')[1], QStringLiteral("run 1: %1 (3)").arg(QString::number(2 + 1 / 1.5, 'g', 5)));
  chart.clear();
  EXPECT_TRUE(chart.readoutAt(20).isEmpty());
}

}  // namespace
}  // namespace sparsetune::widgets
