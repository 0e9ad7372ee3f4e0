#include "core/report/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <utility>

namespace sparsetune {

namespace {

constexpr double kWidth = 720;
constexpr double kLeft = 72;  // room for tick labels and the rotated y label
constexpr double kRight = 20;
constexpr double kTop = 40;   // room for the title
constexpr double kPlotHeight = 240;
constexpr double kLegendColumn = 226;  // three legend entries per row
constexpr double kLegendRow = 18;
constexpr std::size_t kLegendChars = 34;
constexpr std::size_t kMarkersUpTo = 30;  // points per series that still get a dot each
const char* const kGridColor = "#e3e3e3";
const char* const kAxisColor = "#555";

std::string format_number(double v) {
  if (v == 0) return "0";
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", v);
  return text;
}

std::string shortened(const std::string& text, std::size_t max_chars, bool keep_end) {
  if (text.size() <= max_chars) return text;
  // "…" is three bytes; cut on a UTF-8 character boundary so no half character is left.
  auto is_continuation = [&](std::size_t i) { return (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80; };
  if (keep_end) {
    std::size_t start = text.size() - (max_chars - 1);
    while (start < text.size() && is_continuation(start)) ++start;
    return "\u2026" + text.substr(start);
  }
  std::size_t end = max_chars - 1;
  while (end > 0 && is_continuation(end)) --end;
  std::string out = text.substr(0, end);
  out.append("\u2026");
  return out;
}

// Round steps (1, 2 or 5 × 10^k) over [lo, hi], about `target` of them.
double nice_step(double range, int target) {
  const double raw = range / target;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double norm = raw / magnitude;
  const double m = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
  return m * magnitude;
}

struct Axis {
  double lo = 0, hi = 1;  // in axis units (log10 of the value on a log axis)
  bool log = false;
  std::vector<std::pair<double, std::string>> ticks;  // position in axis units, label
};

std::vector<std::pair<double, std::string>> linear_ticks(double lo, double hi, double step) {
  std::vector<std::pair<double, std::string>> ticks;
  const auto first = static_cast<long long>(std::ceil(lo / step - 1e-9));
  const auto last = static_cast<long long>(std::floor(hi / step + 1e-9));
  for (long long i = first; i <= last; ++i) {
    double v = static_cast<double>(i) * step;
    if (std::abs(v) < step * 1e-9) v = 0;
    ticks.emplace_back(v, format_number(v));
  }
  return ticks;
}

// A linear axis over [lo, hi], widened to whole steps; a degenerate range is padded.
Axis linear_axis(double lo, double hi, bool from_zero) {
  if (from_zero) {
    lo = std::min(lo, 0.0);
    hi = std::max(hi, 0.0);
  }
  if (!(hi > lo)) {
    if (from_zero) {  // every value is zero
      hi = 1;
    } else {
      const double pad = lo == 0 ? 1 : std::abs(lo) * 0.1;
      lo -= pad;
      hi += pad;
    }
  }
  Axis axis;
  const double step = nice_step(hi - lo, 5);
  axis.lo = std::floor(lo / step + 1e-9) * step;
  axis.hi = std::ceil(hi / step - 1e-9) * step;
  axis.ticks = linear_ticks(axis.lo, axis.hi, step);
  return axis;
}

// A log-10 axis over the positive [lo, hi]: ticks at 1, 2, 5 × 10^k, thinned to decades on wide
// ranges and filled in with every digit, or with plain round steps, on narrow ones.
Axis log_axis(double lo, double hi) {
  Axis axis;
  axis.log = true;
  axis.lo = std::log10(lo);
  axis.hi = std::log10(hi);
  if (!(axis.hi > axis.lo)) {
    axis.lo -= 0.1;
    axis.hi += 0.1;
  }
  auto candidates = [&](const std::vector<int>& mantissas) {
    std::vector<std::pair<double, std::string>> ticks;
    for (int k = static_cast<int>(std::floor(axis.lo)); k <= static_cast<int>(std::ceil(axis.hi)); ++k)
      for (int m : mantissas) {
        const double value = m * std::pow(10.0, k);
        const double position = std::log10(value);
        if (position >= axis.lo - 1e-9 && position <= axis.hi + 1e-9) ticks.emplace_back(position, format_number(value));
      }
    return ticks;
  };
  axis.ticks = candidates({1, 2, 5});
  if (axis.ticks.size() > 8) {
    axis.ticks = candidates({1});
    const std::size_t every = (axis.ticks.size() + 7) / 8;
    std::vector<std::pair<double, std::string>> thinned;
    for (std::size_t i = 0; i < axis.ticks.size(); i += every) thinned.push_back(axis.ticks[i]);
    axis.ticks = thinned;
  }
  if (axis.ticks.size() < 2) axis.ticks = candidates({1, 2, 3, 4, 5, 6, 7, 8, 9});
  if (axis.ticks.size() < 2) {
    const double vlo = std::pow(10.0, axis.lo), vhi = std::pow(10.0, axis.hi);
    axis.ticks.clear();
    for (const auto& [value, label] : linear_ticks(vlo, vhi, nice_step(vhi - vlo, 4)))
      if (value > 0) axis.ticks.emplace_back(std::log10(value), label);
  }
  return axis;
}

struct Frame {
  double left = kLeft, top = kTop, width = kWidth - kLeft - kRight, height = kPlotHeight;
  double bottom() const { return top + height; }
  double right() const { return left + width; }
};

ChartDrawing::Text text(double x, double y, std::string s, double size, ChartDrawing::Anchor anchor) {
  ChartDrawing::Text t;
  t.x = x;
  t.y = y;
  t.text = std::move(s);
  t.size = size;
  t.anchor = anchor;
  return t;
}

void add_title_and_y_axis(ChartDrawing& d, const Frame& f, const std::string& title, const std::string& y_label,
                          const Axis& y) {
  auto heading = text(d.width / 2, 22, title, 14, ChartDrawing::Anchor::middle);
  heading.bold = true;
  d.texts.push_back(heading);
  auto label = text(16, f.top + f.height / 2, y_label, 11, ChartDrawing::Anchor::middle);
  label.rotate_degrees = -90;
  d.texts.push_back(label);
  for (const auto& [position, tick] : y.ticks) {
    const double py = f.bottom() - (position - y.lo) / (y.hi - y.lo) * f.height;
    d.lines.push_back({f.left, py, f.right(), py, kGridColor, 1});
    d.texts.push_back(text(f.left - 6, py + 4, tick, 10, ChartDrawing::Anchor::end));
  }
}

void add_frame(ChartDrawing& d, const Frame& f) {
  d.lines.push_back({f.left, f.bottom(), f.right(), f.bottom(), kAxisColor, 1});
  d.lines.push_back({f.left, f.top, f.left, f.bottom(), kAxisColor, 1});
}

// Legend entries in rows of three from `top`; returns the height used.
double add_legend(ChartDrawing& d, double top, const std::vector<std::pair<std::string, std::string>>& entries) {
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const double x = kLeft + static_cast<double>(i % 3) * kLegendColumn;
    const double y = top + static_cast<double>(i / 3) * kLegendRow;
    d.rects.push_back({x, y - 8, 14, 8, entries[i].second});
    d.texts.push_back(text(x + 20, y, shortened(entries[i].first, kLegendChars, false), 11, ChartDrawing::Anchor::start));
  }
  return static_cast<double>((entries.size() + 2) / 3) * kLegendRow;
}

std::string color_of(const std::string& color, std::size_t index) { return color.empty() ? chart_palette_color(index) : color; }

// Indices of one run of valid points worth drawing: all of them, or per pixel column the first,
// lowest, highest and last.
std::vector<std::size_t> visible_points(const std::vector<std::pair<double, double>>& px, double columns) {
  std::vector<std::size_t> keep;
  if (static_cast<double>(px.size()) <= 2 * columns) {
    for (std::size_t i = 0; i < px.size(); ++i) keep.push_back(i);
    return keep;
  }
  std::size_t start = 0;
  while (start < px.size()) {
    const double column = std::floor(px[start].first);
    std::size_t end = start, low = start, high = start;
    while (end < px.size() && std::floor(px[end].first) == column) {
      if (px[end].second > px[low].second) low = end;  // y points down: the lowest value has the largest y
      if (px[end].second < px[high].second) high = end;
      ++end;
    }
    std::vector<std::size_t> group = {start, low, high, end - 1};
    std::sort(group.begin(), group.end());
    group.erase(std::unique(group.begin(), group.end()), group.end());
    keep.insert(keep.end(), group.begin(), group.end());
    start = end;
  }
  return keep;
}

void append_attr(std::string& out, const char* name, double v) {
  char text[40];
  std::snprintf(text, sizeof text, " %s=\"%.1f\"", name, v);
  out.append(text);
}

void append_attr(std::string& out, const char* name, const std::string& v) {
  out.append(" ").append(name).append("=\"").append(escape_xml(v)).append("\"");
}

}  // namespace

std::string chart_palette_color(std::size_t index) {
  static const char* const kPalette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                                         "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};
  return kPalette[index % (sizeof kPalette / sizeof kPalette[0])];
}

ChartDrawing line_chart(const std::string& title, const std::string& x_label, const std::string& y_label,
                        const std::vector<SvgSeries>& series, bool log_y) {
  auto valid = [&](double x, double y) { return std::isfinite(x) && std::isfinite(y) && (!log_y || y > 0); };
  double xlo = std::numeric_limits<double>::infinity(), xhi = -xlo, ylo = xlo, yhi = -xlo;
  for (const auto& s : series)
    for (std::size_t i = 0; i < std::min(s.x.size(), s.y.size()); ++i)
      if (valid(s.x[i], s.y[i])) {
        xlo = std::min(xlo, s.x[i]);
        xhi = std::max(xhi, s.x[i]);
        ylo = std::min(ylo, s.y[i]);
        yhi = std::max(yhi, s.y[i]);
      }
  const bool empty = !(xlo <= xhi);
  if (empty) {
    xlo = 0;
    xhi = 1;
    ylo = 1;
    yhi = 10;
  }

  ChartDrawing d;
  d.title = title;
  d.width = kWidth;
  Frame f;
  const Axis x = linear_axis(xlo, xhi, false);
  const Axis y = log_y ? log_axis(ylo, yhi) : linear_axis(ylo, yhi, false);
  add_title_and_y_axis(d, f, title, log_y ? y_label + " (log scale)" : y_label, y);
  for (const auto& [position, tick] : x.ticks) {
    const double px = f.left + (position - x.lo) / (x.hi - x.lo) * f.width;
    d.lines.push_back({px, f.bottom(), px, f.bottom() + 4, kAxisColor, 1});
    d.texts.push_back(text(px, f.bottom() + 16, tick, 10, ChartDrawing::Anchor::middle));
  }
  d.texts.push_back(text(f.left + f.width / 2, f.bottom() + 34, x_label, 11, ChartDrawing::Anchor::middle));
  add_frame(d, f);
  if (empty) d.texts.push_back(text(f.left + f.width / 2, f.top + f.height / 2, "no data", 12, ChartDrawing::Anchor::middle));

  std::vector<std::pair<std::string, std::string>> legend;
  for (std::size_t si = 0; si < series.size(); ++si) {
    const auto& s = series[si];
    const std::string color = color_of(s.color, si);
    legend.emplace_back(s.name, color);
    std::vector<std::vector<std::pair<double, double>>> runs(1);
    std::size_t points = 0;
    for (std::size_t i = 0; i < std::min(s.x.size(), s.y.size()); ++i) {
      if (!valid(s.x[i], s.y[i])) {
        if (!runs.back().empty()) runs.emplace_back();
        continue;
      }
      const double yv = log_y ? std::log10(s.y[i]) : s.y[i];
      runs.back().emplace_back(f.left + (s.x[i] - x.lo) / (x.hi - x.lo) * f.width, f.bottom() - (yv - y.lo) / (y.hi - y.lo) * f.height);
      ++points;
    }
    for (const auto& run : runs) {
      if (run.size() == 1 || (points <= kMarkersUpTo && !run.empty()))
        for (const auto& [px, py] : run) d.circles.push_back({px, py, 2.5, color});
      if (run.size() < 2) continue;
      ChartDrawing::Polyline line;
      line.color = color;
      for (std::size_t i : visible_points(run, f.width)) {
        line.xy.push_back(run[i].first);
        line.xy.push_back(run[i].second);
      }
      d.polylines.push_back(std::move(line));
    }
  }
  const double legend_top = f.bottom() + 56;
  d.height = legend_top + add_legend(d, legend_top, legend) + 4;
  return d;
}

ChartDrawing bar_chart(const std::string& title, const std::string& y_label, const std::vector<std::string>& categories,
                       const std::vector<SvgBars>& series) {
  constexpr std::size_t kLabelChars = 28;
  constexpr double kLabelSpacing = 14;  // pixels between slanted labels of 10 px text
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const auto& s : series)
    for (std::size_t i = 0; i < std::min(s.values.size(), categories.size()); ++i)
      if (std::isfinite(s.values[i])) {
        lo = std::min(lo, s.values[i]);
        hi = std::max(hi, s.values[i]);
      }
  const bool empty = !(lo <= hi);
  if (empty) {
    lo = 0;
    hi = 1;
  }

  ChartDrawing d;
  d.title = title;
  d.width = kWidth;
  Frame f;
  // The first slanted label reaches left of its bar by about n × 6 × sin 45° for n characters of
  // 10 px text: widen the left margin so it stays on the canvas.
  if (!categories.empty()) {
    f.left = std::max(kLeft, static_cast<double>(shortened(categories[0], kLabelChars, true).size()) * 4.3 + 4);
    f.width = kWidth - f.left - kRight;
  }
  const Axis y = linear_axis(lo, hi, true);
  add_title_and_y_axis(d, f, title, y_label, y);
  auto to_py = [&](double v) { return f.bottom() - (v - y.lo) / (y.hi - y.lo) * f.height; };
  const double zero = to_py(0);

  const double group = categories.empty() ? f.width : f.width / static_cast<double>(categories.size());
  const double bar = group * 0.8 / static_cast<double>(std::max<std::size_t>(series.size(), 1));
  for (std::size_t si = 0; si < series.size(); ++si) {
    const std::string color = color_of(series[si].color, si);
    for (std::size_t i = 0; i < std::min(series[si].values.size(), categories.size()); ++i) {
      const double v = series[si].values[i];
      if (!std::isfinite(v)) continue;
      const double x = f.left + group * static_cast<double>(i) + group * 0.1 + bar * static_cast<double>(si);
      d.rects.push_back({x, std::min(zero, to_py(v)), bar, std::abs(to_py(v) - zero), color});
    }
  }
  std::size_t longest = 0;
  const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(static_cast<double>(categories.size()) * kLabelSpacing / f.width)));
  for (std::size_t i = 0; i < categories.size(); i += every) {
    const std::string label = shortened(categories[i], kLabelChars, true);
    longest = std::max(longest, label.size());
    auto t = text(f.left + group * (static_cast<double>(i) + 0.5) + 3, f.bottom() + 10, label, 10, ChartDrawing::Anchor::end);
    t.rotate_degrees = -45;
    d.texts.push_back(t);
  }
  add_frame(d, f);
  if (y.lo < 0) d.lines.push_back({f.left, zero, f.right(), zero, kAxisColor, 1});
  if (empty) d.texts.push_back(text(f.left + f.width / 2, f.top + f.height / 2, "no data", 12, ChartDrawing::Anchor::middle));

  std::vector<std::pair<std::string, std::string>> legend;
  for (std::size_t si = 0; si < series.size(); ++si) legend.emplace_back(series[si].name, color_of(series[si].color, si));
  // Slanted labels reach as far below the axis (n × 6 × sin 45° for n characters).
  const double legend_top = f.bottom() + 30 + static_cast<double>(std::min(longest, kLabelChars)) * 4.3;
  d.height = legend_top + add_legend(d, legend_top, legend) + 4;
  return d;
}

std::string to_svg(const ChartDrawing& d) {
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\"";
  out.append(" viewBox=\"0 0 ");
  out.append(format_number(d.width)).append(" ").append(format_number(std::ceil(d.height))).append("\"");
  append_attr(out, "width", d.width);
  append_attr(out, "height", std::ceil(d.height));
  out.append(" font-family=\"Helvetica, Arial, sans-serif\" role=\"img\">");
  out.append("<title>").append(escape_xml(d.title)).append("</title>\n");
  for (const auto& l : d.lines) {
    out.append("<line");
    append_attr(out, "x1", l.x1);
    append_attr(out, "y1", l.y1);
    append_attr(out, "x2", l.x2);
    append_attr(out, "y2", l.y2);
    append_attr(out, "stroke", l.color);
    append_attr(out, "stroke-width", l.width);
    out.append("/>\n");
  }
  for (const auto& r : d.rects) {
    out.append("<rect");
    append_attr(out, "x", r.x);
    append_attr(out, "y", r.y);
    append_attr(out, "width", r.width);
    append_attr(out, "height", r.height);
    append_attr(out, "fill", r.fill);
    out.append("/>\n");
  }
  for (const auto& p : d.polylines) {
    out.append("<polyline fill=\"none\" stroke-linejoin=\"round\"");
    append_attr(out, "stroke", p.color);
    append_attr(out, "stroke-width", p.width);
    out.append(" points=\"");
    char pair[48];
    for (std::size_t i = 0; i + 1 < p.xy.size(); i += 2) {
      std::snprintf(pair, sizeof pair, i == 0 ? "%.1f,%.1f" : " %.1f,%.1f", p.xy[i], p.xy[i + 1]);
      out.append(pair);
    }
    out.append("\"/>\n");
  }
  for (const auto& c : d.circles) {
    out.append("<circle");
    append_attr(out, "cx", c.x);
    append_attr(out, "cy", c.y);
    append_attr(out, "r", c.radius);
    append_attr(out, "fill", c.fill);
    out.append("/>\n");
  }
  for (const auto& t : d.texts) {
    out.append("<text");
    append_attr(out, "x", t.x);
    append_attr(out, "y", t.y);
    append_attr(out, "font-size", t.size);
    if (t.anchor != ChartDrawing::Anchor::start) out.append(t.anchor == ChartDrawing::Anchor::middle ? " text-anchor=\"middle\"" : " text-anchor=\"end\"");
    if (t.bold) out.append(" font-weight=\"bold\"");
    if (t.rotate_degrees != 0) {
      char transform[96];
      std::snprintf(transform, sizeof transform, " transform=\"rotate(%.1f %.1f %.1f)\"", t.rotate_degrees, t.x, t.y);
      out.append(transform);
    }
    append_attr(out, "fill", t.color);
    out.append(">").append(escape_xml(t.text)).append("</text>\n");
  }
  out.append("</svg>");
  return out;
}

std::string svg_line_chart(const std::string& title, const std::string& x_label, const std::string& y_label,
                           const std::vector<SvgSeries>& series, bool log_y) {
  return to_svg(line_chart(title, x_label, y_label, series, log_y));
}

std::string svg_bar_chart(const std::string& title, const std::string& y_label, const std::vector<std::string>& categories,
                          const std::vector<SvgBars>& series) {
  return to_svg(bar_chart(title, y_label, categories, series));
}

std::string escape_xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out.append("&amp;"); break;
      case '<': out.append("&lt;"); break;
      case '>': out.append("&gt;"); break;
      case '"': out.append("&quot;"); break;
      case '\'': out.append("&#39;"); break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace sparsetune
