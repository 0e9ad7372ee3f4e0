#include "core/report/run_report.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/util/error.h"

namespace sparsetune {

namespace {

const char* const kStyle = R"(
body { font-family: Helvetica, Arial, sans-serif; color: #222; max-width: 1000px; margin: 2em auto; padding: 0 1em; line-height: 1.4; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; }
h2 { font-size: 1.35em; border-bottom: 1px solid #bbb; padding-bottom: 0.2em; margin-top: 2em; }
h3 { font-size: 1.1em; margin-top: 1.5em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
th, td { border: 1px solid #d4d4d4; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
pre { background: #f7f7f7; border: 1px solid #ddd; padding: 8px; white-space: pre-wrap; font-size: 0.85em; }
figure { margin: 1em 0; page-break-inside: avoid; }
svg, img.chart { max-width: 100%; height: auto; }
.muted { color: #666; }
section.run + section.run, section.comparison + section.run { page-break-before: always; }
)";

std::string esc(std::string_view text) { return escape_xml(text); }

std::string num(double v) {
  if (std::isnan(v)) return "NaN";
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", v);
  return text;
}

std::string fixed(double v, int decimals) {
  if (std::isnan(v)) return "NaN";
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", decimals, v);
  return text;
}

std::string percent(double share) { return fixed(100.0 * share, 2) + " %"; }

std::string local_time(double seconds) {
  const auto t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  localtime_r(&t, &tm);
  char text[40];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S %z", &tm);
  return text;
}

std::string duration(double seconds) {
  const long long s = std::llround(std::max(seconds, 0.0));
  char text[48];
  if (s >= 3600)
    std::snprintf(text, sizeof text, "%lld h %02lld min %02lld s", s / 3600, s % 3600 / 60, s % 60);
  else if (s >= 60)
    std::snprintf(text, sizeof text, "%lld min %02lld s", s / 60, s % 60);
  else
    std::snprintf(text, sizeof text, "%lld s", s);
  return text;
}

std::string duration_of(const RunInfo& r) {
  if (!r.started_at) return "never ran";
  if (!r.finished_at) return "not finished (" + r.status + ")";
  return duration(*r.finished_at - *r.started_at);
}

// Everything a report shows of one run but the metric series, which are read per chart.
struct RunData {
  RunInfo info;
  std::map<std::string, MetricSummary> summaries;
  std::optional<int64_t> latest_step;
  std::vector<EvalResult> evals;
  std::vector<int64_t> sparsity_steps;
  std::vector<LayerSparsity> final_layers;  // at the last mask update
  std::vector<ProfileRecord> profiles;
  std::vector<Artifact> artifacts;
};

RunData load(RunStore& store, int64_t run) {
  RunData d;
  d.info = store.get_run(run);
  d.summaries = store.metric_summaries(run);
  d.latest_step = store.latest_step(run);
  d.evals = store.evals(run);
  d.sparsity_steps = store.layer_sparsity_steps(run);
  if (!d.sparsity_steps.empty()) d.final_layers = store.layer_sparsity_at(run, d.sparsity_steps.back());
  d.profiles = store.profiles(run);
  d.artifacts = store.artifacts(run);
  return d;
}

std::string run_label(const RunInfo& r) { return "run " + std::to_string(r.id) + " \u00b7 " + r.name; }

// The trainer prefixes whole-split evaluations with their phase; the rest ran during training.
struct EvalPhase {
  int order = 2;  // sorts the phases evaluated at one step: dense, one-shot, training, final
  std::string label = "during training";
  std::string task;
};

EvalPhase eval_phase(const std::string& task) {
  static const std::pair<const char*, EvalPhase> kPhases[] = {{"dense/", {0, "dense, before pruning", ""}},
                                                              {"oneshot/", {1, "one-shot pruned, before training", ""}},
                                                              {"final/", {3, "final", ""}}};
  for (const auto& [prefix, phase] : kPhases) {
    const std::string p = prefix;
    if (task.rfind(p, 0) == 0) {
      EvalPhase out = phase;
      out.task = task.substr(p.size());
      return out;
    }
  }
  EvalPhase out;
  out.task = task;
  return out;
}

class Page {
 public:
  explicit Page(const ReportOptions& options) : options_(options) {}

  std::string html;
  std::vector<ReportChart> charts;

  void text(std::string_view s) { html.append(s); }
  void escaped(std::string_view s) { html.append(esc(s)); }
  void element(const char* tag, std::string_view content) {
    html.append("<").append(tag).append(">").append(esc(content)).append("</").append(tag).append(">\n");
  }

  // `numeric[i]` right-aligns column i.
  void table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows,
             const std::vector<bool>& numeric) {
    html.append("<table>\n<tr>");
    for (const auto& h : headers) html.append("<th>").append(esc(h)).append("</th>");
    html.append("</tr>\n");
    for (const auto& row : rows) {
      html.append("<tr>");
      for (std::size_t i = 0; i < row.size(); ++i)
        html.append(i < numeric.size() && numeric[i] ? "<td class=\"n\">" : "<td>").append(esc(row[i])).append("</td>");
      html.append("</tr>\n");
    }
    html.append("</table>\n");
  }

  void key_values(const std::vector<std::pair<std::string, std::string>>& rows) {
    html.append("<table>\n");
    for (const auto& [key, value] : rows)
      html.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    html.append("</table>\n");
  }

  void chart(const ChartDrawing& drawing) {
    if (!options_.include_charts) return;
    html.append("<figure>");
    if (options_.charts_as_images) {
      const std::string name = "chart-" + std::to_string(charts.size() + 1) + ".svg";
      html.append("<img class=\"chart\" src=\"").append(name).append("\" width=\"");
      html.append(std::to_string(std::lround(drawing.width))).append("\" height=\"");
      html.append(std::to_string(std::lround(std::ceil(drawing.height)))).append("\" alt=\"").append(esc(drawing.title)).append("\">");
      charts.push_back({name, drawing});
    } else {
      html.append(to_svg(drawing));
    }
    html.append("</figure>\n");
  }

 private:
  const ReportOptions& options_;
};

SvgSeries metric_series(RunStore& store, int64_t run, const std::string& metric, std::string name, std::string color = "") {
  SvgSeries s;
  s.name = std::move(name);
  s.color = std::move(color);
  for (const auto& p : store.metric_series(run, metric)) {
    s.x.push_back(static_cast<double>(p.step));
    s.y.push_back(p.value);
  }
  return s;
}

// A log scale when every value is positive and they span more than a factor of 30 (losses that
// fall fast, or components of very different size).
bool wants_log_scale(const std::vector<SvgSeries>& series) {
  double lo = INFINITY, hi = 0;
  for (const auto& s : series)
    for (double v : s.y) {
      if (std::isnan(v)) continue;
      if (v <= 0) return false;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  return hi > 30 * lo;
}

bool has_points(const std::vector<SvgSeries>& series) {
  return std::any_of(series.begin(), series.end(), [](const SvgSeries& s) { return !s.x.empty(); });
}

void comparison(Page& page, RunStore& store, const std::vector<RunData>& runs) {
  page.text("<section class=\"comparison\">\n<h2>Comparison</h2>\n");
  auto summary = [](const RunData& r, const char* metric, bool final_value) -> std::string {
    auto it = r.summaries.find(metric);
    if (it == r.summaries.end()) return "\u2014";
    return num(final_value ? it->second.last : it->second.min);
  };
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : runs)
    rows.push_back({std::to_string(r.info.id), r.info.name, r.info.status, r.info.model_path,
                    r.latest_step ? std::to_string(*r.latest_step) : "\u2014", duration_of(r.info),
                    summary(r, "loss/total", true), summary(r, "loss/total", false), summary(r, "sparsity/actual", true)});
  page.table({"Run", "Name", "Status", "Model", "Steps", "Duration", "Final loss/total", "Min loss/total", "Final sparsity/actual"},
             rows, {true, false, false, false, true, false, true, true, true});

  // Each run's latest result per task and metric, side by side.
  std::vector<std::string> keys;
  std::map<std::string, std::map<std::size_t, EvalResult>> latest;
  for (std::size_t i = 0; i < runs.size(); ++i)
    for (const auto& e : runs[i].evals) {
      const std::string key = e.task + " \u00b7 " + e.metric;
      if (!latest.count(key)) keys.push_back(key);
      auto& slot = latest[key];
      if (!slot.count(i) || slot[i].step <= e.step) slot[i] = e;
    }
  if (!keys.empty()) {
    page.text("<h3>Latest evaluations</h3>\n");
    std::vector<std::string> headers = {"Task \u00b7 metric"};
    std::vector<bool> numeric = {false};
    for (const auto& r : runs) {
      headers.push_back(run_label(r.info));
      numeric.push_back(true);
    }
    std::vector<std::vector<std::string>> eval_rows;
    for (const auto& key : keys) {
      std::vector<std::string> row = {key};
      for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto it = latest[key].find(i);
        row.push_back(it == latest[key].end() ? "\u2014" : num(it->second.value) + " (step " + std::to_string(it->second.step) + ")");
      }
      eval_rows.push_back(row);
    }
    page.table(headers, eval_rows, numeric);
  }

  for (const auto& [metric, title] : {std::pair<const char*, const char*>{"loss/total", "Total loss"}, {"sparsity/actual", "Actual sparsity"}}) {
    std::vector<SvgSeries> series;
    for (std::size_t i = 0; i < runs.size(); ++i)
      if (runs[i].summaries.count(metric))
        series.push_back(metric_series(store, runs[i].info.id, metric, run_label(runs[i].info), chart_palette_color(i)));
    if (has_points(series)) page.chart(line_chart(title, "step", metric, series, wants_log_scale(series)));
  }
  page.text("</section>\n");
}

void overview(Page& page, const RunData& r) {
  const RunInfo& i = r.info;
  std::vector<std::pair<std::string, std::string>> rows = {
      {"Status", i.message.empty() ? i.status : i.status + ": " + i.message},
      {"Created", local_time(i.created_at)},
      {"Started", i.started_at ? local_time(*i.started_at) : "\u2014"},
      {"Finished", i.finished_at ? local_time(*i.finished_at) : "\u2014"},
      {"Duration", duration_of(i)},
      {"Steps", r.latest_step ? std::to_string(*r.latest_step) : "none logged"},
      {"Model", i.model_path},
      {"Model fingerprint", i.model_fingerprint}};
  if (i.resumed_from) rows.emplace_back("Resumed from", "run " + std::to_string(*i.resumed_from));
  page.key_values(rows);
}

void metrics_table(Page& page, const RunData& r) {
  if (r.summaries.empty()) return;
  page.text("<h3>Metrics</h3>\n");
  std::vector<std::vector<std::string>> rows;
  for (const auto& [name, s] : r.summaries)
    rows.push_back({name, std::to_string(s.count), num(s.last), std::to_string(s.last_step), num(s.min), num(s.max)});
  page.table({"Metric", "Values", "Final", "At step", "Min", "Max"}, rows, {false, true, true, true, true, true});
}

void evaluations_table(Page& page, const RunData& r) {
  if (r.evals.empty()) return;
  page.text("<h3>Evaluations</h3>\n");
  std::vector<std::string> columns;
  std::map<std::string, std::size_t> column_of;
  std::map<std::pair<int64_t, int>, std::pair<std::string, std::map<std::size_t, double>>> rows_by_key;
  for (const auto& e : r.evals) {
    const EvalPhase phase = eval_phase(e.task);
    const std::string column = phase.task + " \u00b7 " + e.metric;
    if (!column_of.count(column)) {
      column_of[column] = columns.size();
      columns.push_back(column);
    }
    auto& row = rows_by_key[{e.step, phase.order}];
    row.first = phase.label;
    row.second[column_of[column]] = e.value;
  }
  std::vector<std::string> headers = {"Step", "Phase"};
  headers.insert(headers.end(), columns.begin(), columns.end());
  std::vector<bool> numeric(headers.size(), true);
  numeric[1] = false;
  std::vector<std::vector<std::string>> rows;
  for (const auto& [key, row] : rows_by_key) {
    std::vector<std::string> cells = {std::to_string(key.first), row.first};
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const auto it = row.second.find(c);
      cells.push_back(it == row.second.end() ? "" : num(it->second));
    }
    rows.push_back(cells);
  }
  page.table(headers, rows, numeric);
}

void layer_sparsity(Page& page, const RunData& r) {
  if (r.final_layers.empty()) return;
  page.text("<h3>Layer sparsity</h3>\n");
  double sum = 0;
  for (const auto& l : r.final_layers) sum += l.sparsity;
  page.text("<p>");
  page.escaped("At step " + std::to_string(r.sparsity_steps.back()) + ", the last of " + std::to_string(r.sparsity_steps.size()) +
               " mask update" + (r.sparsity_steps.size() == 1 ? "" : "s") + "; mean over " + std::to_string(r.final_layers.size()) +
               " modules " + percent(sum / static_cast<double>(r.final_layers.size())) + ".");
  page.text("</p>\n");
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> categories;
  SvgBars bars{"sparsity", chart_palette_color(0), {}};
  for (const auto& l : r.final_layers) {
    rows.push_back({l.module_path, l.structure, percent(l.sparsity)});
    categories.push_back(l.module_path);
    bars.values.push_back(l.sparsity);
  }
  page.chart(bar_chart("Sparsity per layer at step " + std::to_string(r.sparsity_steps.back()), "share of zeros", categories, {bars}));
  page.table({"Module", "Structure", "Sparsity"}, rows, {false, false, true});
}

void profiles(Page& page, const RunData& r) {
  if (r.profiles.empty()) return;
  page.text("<h3>Profiles</h3>\n");
  auto speedup = [](const ProfileRecord& p) { return p.sparse_ms > 0 ? fixed(p.dense_ms / p.sparse_ms, 2) + "\u00d7" : "\u2014"; };
  auto tokens_per_second = [](double ms) { return ms > 0 ? fixed(1000.0 / ms, 1) : "\u2014"; };
  std::vector<std::vector<std::string>> layers, decode;
  std::vector<std::string> categories;
  std::map<std::string, int> seen;
  SvgBars dense{"dense ms", chart_palette_color(8), {}}, sparse{"sparse ms", chart_palette_color(0), {}};
  for (const auto& p : r.profiles) {
    if (p.layer == "model") {
      decode.push_back({p.device, p.shape, p.value_type, std::to_string(p.threads), percent(p.sparsity), fixed(p.dense_ms, 3),
                        fixed(p.sparse_ms, 3), tokens_per_second(p.dense_ms), tokens_per_second(p.sparse_ms), speedup(p),
                        fixed(p.bound, 2) + "\u00d7"});
      continue;
    }
    layers.push_back({p.device, p.layer, p.shape, std::to_string(p.batch), std::to_string(p.threads), p.value_type,
                      percent(p.sparsity), p.baseline, fixed(p.dense_ms, 4), fixed(p.sparse_ms, 4), speedup(p), fixed(p.bound, 2) + "\u00d7"});
    const int repeat = seen[p.layer]++;
    categories.push_back(repeat == 0 ? p.layer : p.layer + " #" + std::to_string(repeat + 1));
    dense.values.push_back(p.dense_ms);
    sparse.values.push_back(p.sparse_ms);
  }
  if (!decode.empty()) {
    page.text("<p>Greedy decoding of the whole model, per token:</p>\n");
    page.table({"Device", "Measured", "Values", "Threads", "Sparsity", "Dense ms/token", "Sparse ms/token", "Dense tokens/s",
                "Sparse tokens/s", "Speedup", "Bound"},
               decode, {false, false, false, true, true, true, true, true, true, true, true});
  }
  if (!layers.empty()) {
    page.chart(bar_chart("Dense vs sparse time per layer", "ms", categories, {dense, sparse}));
    page.table({"Device", "Layer", "Shape", "Batch", "Threads", "Values", "Sparsity", "Baseline", "Dense ms", "Sparse ms", "Speedup",
                "Bound"},
               layers, {false, false, false, true, true, false, true, false, true, true, true, true});
  }
}

void run_charts(Page& page, RunStore& store, const RunData& r) {
  const int64_t id = r.info.id;
  std::vector<SvgSeries> loss, sparsity, others;
  for (const auto& [name, summary] : r.summaries) {
    if (name.rfind("loss/", 0) == 0)
      loss.push_back(metric_series(store, id, name, name));
    else if (name.rfind("sparsity/", 0) == 0)
      sparsity.push_back(metric_series(store, id, name, name));
  }
  if (has_points(loss)) page.chart(line_chart("Loss components", "step", "loss", loss, wants_log_scale(loss)));
  if (has_points(sparsity)) page.chart(line_chart("Sparsity: target vs actual", "step", "share of zeros", sparsity, false));
  for (const auto& [name, summary] : r.summaries) {
    if (name.rfind("loss/", 0) == 0 || name.rfind("sparsity/", 0) == 0) continue;
    const std::vector<SvgSeries> one = {metric_series(store, id, name, name)};
    if (has_points(one)) page.chart(line_chart(name == "lr" ? "Learning rate" : name, "step", name, one, false));
  }
  // One chart per evaluation metric, a line per task, where it was measured at several steps.
  std::map<std::string, std::map<std::string, SvgSeries>> by_metric;
  for (const auto& e : r.evals) {
    auto& s = by_metric[e.metric][e.task];
    s.name = e.task;
    s.x.push_back(static_cast<double>(e.step));
    s.y.push_back(e.value);
  }
  for (const auto& [metric, tasks] : by_metric) {
    std::vector<SvgSeries> series;
    std::vector<double> steps;
    for (const auto& [task, s] : tasks) {
      series.push_back(s);
      steps.insert(steps.end(), s.x.begin(), s.x.end());
    }
    std::sort(steps.begin(), steps.end());
    if (std::unique(steps.begin(), steps.end()) - steps.begin() < 2) continue;
    page.chart(line_chart("Evaluation: " + metric, "step", metric, series, false));
  }
}

void artifacts(Page& page, const RunData& r) {
  if (r.artifacts.empty()) return;
  page.text("<h3>Artifacts</h3>\n");
  std::vector<std::vector<std::string>> rows;
  for (const auto& a : r.artifacts) rows.push_back({a.kind, std::to_string(a.step), a.path, a.sha256});
  page.table({"Kind", "Step", "Path", "SHA-256"}, rows, {false, true, false, false});
}

void machine(Page& page, const RunData& r, const ReportOptions& options) {
  page.text("<h3>Hardware and software</h3>\n");
  const auto json = nlohmann::json::parse(r.info.machine_json, nullptr, false);
  std::vector<std::pair<std::string, std::string>> rows;
  if (json.is_discarded() || !json.is_object()) {
    page.element("pre", r.info.machine_json);
  } else {
    for (const auto& [key, value] : json.items())
      rows.emplace_back(key, value.is_string() ? value.get<std::string>() : value.is_number_float() ? num(value.get<double>()) : value.dump());
  }
  if (!options.generated_by.empty()) rows.emplace_back("sparsetune (this report)", options.generated_by);
  if (!rows.empty()) page.key_values(rows);
}

void run_section(Page& page, RunStore& store, const RunData& r, const ReportOptions& options) {
  page.text("<section class=\"run\" id=\"run-" + std::to_string(r.info.id) + "\">\n");
  page.element("h2", "Run " + std::to_string(r.info.id) + " \u00b7 " + r.info.name);
  overview(page, r);
  metrics_table(page, r);
  evaluations_table(page, r);
  layer_sparsity(page, r);
  profiles(page, r);
  if (options.include_charts && !r.summaries.empty()) page.text("<h3>Charts</h3>\n");
  run_charts(page, store, r);
  artifacts(page, r);
  page.text("<h3>Recipe</h3>\n");
  page.element("pre", r.info.recipe_yaml);
  machine(page, r, options);
  page.text("</section>\n");
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string shortest(double v) {
  if (std::isnan(v)) return "nan";
  char text[40];
  const auto result = std::to_chars(text, text + sizeof text, v);
  return std::string(text, result.ptr);
}

}  // namespace

RunReport make_run_report(RunStore& store, const std::vector<int64_t>& runs, const ReportOptions& options) {
  if (runs.empty()) throw Error("a report needs at least one run");
  std::vector<RunData> data;
  for (int64_t run : runs) data.push_back(load(store, run));

  std::string title = "sparsetune report: ";
  if (data.size() == 1) {
    title += run_label(data[0].info);
  } else {
    title += "runs";
    for (std::size_t i = 0; i < data.size(); ++i) title.append(i == 0 ? " " : ", ").append(std::to_string(data[i].info.id));
  }
  Page page(options);
  page.text("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
  page.element("title", title);
  page.text("<style>");
  page.text(kStyle);
  page.text("</style>\n</head>\n<body>\n");
  page.element("h1", title);
  std::string generated = "Generated " + local_time(static_cast<double>(std::time(nullptr)));
  if (!options.generated_by.empty()) generated += " by sparsetune " + options.generated_by;
  generated += " from " + store.path().string() + ".";
  page.text("<p class=\"muted\">");
  page.escaped(generated);
  page.text("</p>\n");
  if (data.size() > 1) comparison(page, store, data);
  for (const auto& r : data) run_section(page, store, r, options);
  page.text("</body>\n</html>\n");
  return {std::move(page.html), std::move(page.charts)};
}

std::string run_report_html(RunStore& store, const std::vector<int64_t>& runs, const ReportOptions& options) {
  ReportOptions inline_charts = options;
  inline_charts.charts_as_images = false;
  return make_run_report(store, runs, inline_charts).html;
}

std::string run_metrics_csv(RunStore& store, const std::vector<int64_t>& runs) {
  std::string out = "run_id,run_name,step,wall_seconds,metric,value\r\n";
  for (int64_t run : runs) {
    const RunInfo info = store.get_run(run);
    const std::string prefix = std::to_string(info.id) + "," + csv_field(info.name) + ",";
    for (const auto& metric : store.metric_names(run))
      for (const auto& p : store.metric_series(run, metric))
        out.append(prefix)
            .append(std::to_string(p.step))
            .append(",")
            .append(shortest(p.wall_seconds))
            .append(",")
            .append(csv_field(metric))
            .append(",")
            .append(shortest(p.value))
            .append("\r\n");
    for (const auto& e : store.evals(run))
      out.append(prefix)
          .append(std::to_string(e.step))
          .append(",,")
          .append(csv_field("eval/" + e.task + "/" + e.metric))
          .append(",")
          .append(shortest(e.value))
          .append("\r\n");
  }
  return out;
}

}  // namespace sparsetune
