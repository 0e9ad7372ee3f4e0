// Small line and bar charts for reports, without any plotting library. A chart is first laid out as
// plain drawing primitives (ChartDrawing), then written as SVG; a QPainter can draw the same
// primitives where SVG cannot be shown (Qt's rich text, which the studio prints to PDF).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sparsetune {

// One curve of a line chart. Points whose x or y is not finite (or, on a log axis, not positive)
// are left out and break the line there. An empty colour takes the palette's colour for its index.
struct SvgSeries {
  std::string name;
  std::string color;  // CSS colour, "#1f77b4"
  std::vector<double> x, y;
};

// One bar per category of a bar chart: values[i] belongs to categories[i]; missing or non-finite
// values draw no bar.
struct SvgBars {
  std::string name;
  std::string color;
  std::vector<double> values;
};

// A chart as primitives on a width × height canvas, y pointing down. Drawn in this order: lines
// (grid and axes, under the bars), rects, polylines, circles, texts.
struct ChartDrawing {
  struct Rect {
    double x = 0, y = 0, width = 0, height = 0;
    std::string fill;
  };
  struct Line {
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    std::string color;
    double width = 1;
  };
  struct Polyline {
    std::vector<double> xy;  // x0, y0, x1, y1, ...
    std::string color;
    double width = 1.5;
  };
  struct Circle {
    double x = 0, y = 0, radius = 0;
    std::string fill;
  };
  enum class Anchor { start, middle, end };
  struct Text {
    double x = 0, y = 0;  // the baseline point the anchor refers to
    std::string text;
    double size = 11;
    Anchor anchor = Anchor::start;
    double rotate_degrees = 0;  // clockwise about (x, y)
    bool bold = false;
    std::string color = "#222";
  };

  double width = 0, height = 0;
  std::string title;
  std::vector<Rect> rects;
  std::vector<Line> lines;
  std::vector<Polyline> polylines;
  std::vector<Circle> circles;
  std::vector<Text> texts;
};

// The palette series and bars fall back to: ten colours that stay apart in print, then repeating.
std::string chart_palette_color(std::size_t index);

// Lines over a linear x axis and a linear or log-10 y axis, with ticks, grid, axis labels and a
// legend below the plot. Series with more points than the plot has pixel columns are drawn through
// each column's first, lowest, highest and last point, which looks the same as drawing them all.
ChartDrawing line_chart(const std::string& title, const std::string& x_label, const std::string& y_label,
                        const std::vector<SvgSeries>& series, bool log_y);

// Grouped vertical bars from zero: one group per category, one bar per series in each group.
// Category labels are slanted and, when there are too many to read, only every n-th is written.
ChartDrawing bar_chart(const std::string& title, const std::string& y_label, const std::vector<std::string>& categories,
                       const std::vector<SvgBars>& series);

// A standalone <svg> element with a viewBox of the drawing's size.
std::string to_svg(const ChartDrawing& drawing);

std::string svg_line_chart(const std::string& title, const std::string& x_label, const std::string& y_label,
                           const std::vector<SvgSeries>& series, bool log_y);
std::string svg_bar_chart(const std::string& title, const std::string& y_label, const std::vector<std::string>& categories,
                          const std::vector<SvgBars>& series);

// &, <, >, " and ' as entities: safe in XML and HTML text and attribute values.
std::string escape_xml(std::string_view text);

}  // namespace sparsetune
