// Reports of runs from the run store: one self-contained HTML page (inline CSS and charts) with each
// run's status, results, evaluations, layer sparsities, profiles, charts, recipe and machine, and a
// CSV of the raw metrics for other tools. Both return text; callers write it (atomically).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/report/svg_chart.h"
#include "core/store/run_store.h"

namespace sparsetune {

struct ReportOptions {
  bool include_charts = true;
  std::string generated_by;  // the sparsetune version writing the report, "0.3.0"; empty: not stated
  // Charts as <img src="chart-N.svg"> with their drawings in RunReport::charts instead of inline
  // <svg>, for renderers without SVG (Qt's rich text): draw each one and register it under its name.
  bool charts_as_images = false;
};

struct ReportChart {
  std::string name;  // "chart-1.svg": the <img src> that shows it
  ChartDrawing drawing;
};

struct RunReport {
  std::string html;
  std::vector<ReportChart> charts;  // only with charts_as_images
};

// The report of `runs` in the order given; with more than one run, a comparison (table, evaluations
// side by side, overlaid loss and sparsity curves) comes first. Every text from the store is
// HTML-escaped. Throws the store's InputError (database path, "run N") for a run it does not have,
// and Error when `runs` is empty.
RunReport make_run_report(RunStore& store, const std::vector<int64_t>& runs, const ReportOptions& options);

// make_run_report(...).html with inline SVG charts.
std::string run_report_html(RunStore& store, const std::vector<int64_t>& runs, const ReportOptions& options);

// Every logged metric of `runs` in long format, one row per run, metric and step, with RFC 4180
// quoting and CRLF line ends: "run_id,run_name,step,wall_seconds,metric,value", values in the
// shortest text that reads back as the same double ("nan" for a diverged loss). Each run's
// evaluations follow its metrics as metric "eval/<task>/<metric>" with an empty wall_seconds.
std::string run_metrics_csv(RunStore& store, const std::vector<int64_t>& runs);

}  // namespace sparsetune
