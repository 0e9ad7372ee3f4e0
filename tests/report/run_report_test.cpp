#include "core/report/run_report.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <limits>
#include <sstream>

#include "core/util/error.h"
#include "tests/report/markup_checks.h"

namespace sparsetune {
namespace {

using test::count_of;
using test::unbalanced_tag;

const char* const kRunName = "tiny, \"quoted\" run";
constexpr int kSteps = 20;

std::filesystem::path fresh_database() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const auto dir = std::filesystem::path(SPARSETUNE_TEST_TMP) / (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir / "runs.sqlite";
}

// The loss the run below logs at `step`: it falls from 3 to 1.2345678 at the last step.
double loss_at(int step) { return 1.2345678 + 0.1 * (kSteps - step); }

// A finished run with everything a report shows, logged through the store as a real run logs it.
int64_t log_run(RunStore& store, const std::string& name) {
  NewRun n;
  n.name = name;
  n.recipe_yaml = "name: tiny\nnote: <b>bold & brave</b>\npruning:\n  sparsity: 0.5\n";
  n.model_path = "/models/tiny-llama";
  n.model_fingerprint = "fp-tiny";
  n.machine_json = R"({"cpu": "Test CPU <x>", "logical_cores": 2, "memory_gib": 23.4567891})";
  const int64_t run = store.create_run(n);
  store.set_status(run, "running");
  std::vector<StepMetrics> steps;
  for (int step = 1; step <= kSteps; ++step) {
    StepMetrics m;
    m.step = step;
    m.wall_seconds = 0.25 * step;
    m.values = {{"loss/total", loss_at(step)},
                {"loss/ce", loss_at(step) * 0.5},
                {"sparsity/target", std::min(0.5, 0.05 * step)},
                {"sparsity/actual", std::min(0.5, 0.05 * step)},
                {"grad_norm", step == 5 ? std::numeric_limits<double>::quiet_NaN() : 1.0 / step}};
    steps.push_back(m);
  }
  store.add_metrics(run, steps);
  store.add_layer_sparsity(run, {{10, "model.layers.0.mlp.down_proj", 0.25, "2:4"}, {10, "model.layers.0.self_attn.q_proj", 0.3, "unstructured"}});
  store.add_layer_sparsity(run, {{20, "model.layers.0.mlp.down_proj", 0.5, "2:4"}, {20, "model.layers.0.self_attn.q_proj", 0.625, "unstructured"}});
  store.add_eval(run, {0, "dense/perplexity:test", "loss", 0.75});
  store.add_eval(run, {0, "oneshot/perplexity:test", "loss", 2.5});
  store.add_eval(run, {10, "perplexity:validation", "loss", 1.5});
  store.add_eval(run, {20, "final/perplexity:test", "loss", 0.875});
  ProfileRecord layer;
  layer.device = "cpu: Test CPU (avx2)";
  layer.layer = "model.layers.0.mlp.down_proj";
  layer.shape = "64x128";
  layer.dense_ms = 0.4;
  layer.sparse_ms = 0.2;
  layer.baseline = "libtorch";
  layer.bound = 2.5;
  layer.sparsity = 0.5;
  layer.threads = 2;
  layer.value_type = "f32";
  ProfileRecord model = layer;
  model.layer = "model";
  model.shape = "decode 8 tokens";
  model.dense_ms = 20;
  model.sparse_ms = 8;
  store.add_profiles(run, n.model_fingerprint, {layer, model});
  store.add_artifact(run, {"model", "/out/tiny/model", "abc123", kSteps});
  store.set_status(run, "finished");
  return run;
}

TEST(RunReport, HtmlShowsEveryPartOfTheRunEscaped) {
  RunStore store(fresh_database());
  const int64_t run = log_run(store, kRunName);
  ReportOptions options;
  options.generated_by = "9.9.9";
  const std::string html = run_report_html(store, {run}, options);

  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(unbalanced_tag(html), "");
  EXPECT_NE(html.find("<title>sparsetune report: run 1 \u00b7 tiny, &quot;quoted&quot; run</title>"), std::string::npos);
  EXPECT_NE(html.find("note: &lt;b&gt;bold &amp; brave&lt;/b&gt;"), std::string::npos) << "the recipe, escaped";
  EXPECT_EQ(html.find("<b>bold"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"n\">1.23457</td>"), std::string::npos) << "the final loss";
  EXPECT_NE(html.find("<td>finished</td>"), std::string::npos);
  EXPECT_NE(html.find("by sparsetune 9.9.9"), std::string::npos);
  EXPECT_NE(html.find(store.path().string()), std::string::npos);

  // Evaluations: one row per step and phase, the dense and one-shot ones first at step 0.
  const auto dense = html.find("<td>dense, before pruning</td>");
  const auto oneshot = html.find("<td>one-shot pruned, before training</td>");
  const auto training = html.find("<td>during training</td>");
  const auto final_row = html.find("<td>final</td>");
  ASSERT_NE(dense, std::string::npos);
  EXPECT_LT(dense, oneshot);
  EXPECT_LT(oneshot, training);
  EXPECT_LT(training, final_row);
  EXPECT_NE(html.find("<th>perplexity:test \u00b7 loss</th>"), std::string::npos);

  // Layer sparsity as of the last mask update.
  EXPECT_NE(html.find("At step 20, the last of 2 mask updates; mean over 2 modules 56.25 %."), std::string::npos);
  EXPECT_NE(html.find("<td>model.layers.0.self_attn.q_proj</td><td>unstructured</td><td class=\"n\">62.50 %</td>"), std::string::npos);

  // Profiles: the layer's speedup, and decoding in tokens per second.
  EXPECT_NE(html.find("<td class=\"n\">0.4000</td><td class=\"n\">0.2000</td><td class=\"n\">2.00\u00d7</td>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"n\">50.0</td><td class=\"n\">125.0</td><td class=\"n\">2.50\u00d7</td>"), std::string::npos);

  EXPECT_NE(html.find("<td>/out/tiny/model</td>"), std::string::npos);
  EXPECT_NE(html.find("<td>Test CPU &lt;x&gt;</td>"), std::string::npos);
  EXPECT_NE(html.find("<td>23.4568</td>"), std::string::npos);

  // Charts: per-layer sparsity, dense vs sparse ms, losses, sparsity, grad_norm, evaluation loss.
  EXPECT_EQ(count_of(html, "<svg "), 6u);
  EXPECT_NE(html.find("<title>Sparsity: target vs actual</title>"), std::string::npos);
  EXPECT_NE(html.find("<title>Evaluation: loss</title>"), std::string::npos);
}

TEST(RunReport, ChartsCanBeLeftOutOrLinkedAsImages) {
  RunStore store(fresh_database());
  const int64_t run = log_run(store, "plain");
  ReportOptions options;
  options.include_charts = false;
  const RunReport without = make_run_report(store, {run}, options);
  EXPECT_EQ(without.html.find("<svg"), std::string::npos);
  EXPECT_TRUE(without.charts.empty());

  options.include_charts = true;
  options.charts_as_images = true;
  const RunReport linked = make_run_report(store, {run}, options);
  EXPECT_EQ(linked.html.find("<svg"), std::string::npos);
  ASSERT_EQ(linked.charts.size(), 6u);
  EXPECT_EQ(count_of(linked.html, "<img class=\"chart\""), 6u);
  for (const auto& chart : linked.charts) {
    EXPECT_NE(linked.html.find("src=\"" + chart.name + "\""), std::string::npos) << chart.name;
    EXPECT_GT(chart.drawing.height, 0.0);
  }
  EXPECT_EQ(linked.charts[0].name, "chart-1.svg");
  EXPECT_EQ(unbalanced_tag(linked.html), "");
}

TEST(RunReport, SeveralRunsAreComparedFirst) {
  RunStore store(fresh_database());
  const int64_t a = log_run(store, "first");
  const int64_t b = log_run(store, "second");
  const std::string html = run_report_html(store, {b, a}, {});
  const auto comparison = html.find("<h2>Comparison</h2>");
  ASSERT_NE(comparison, std::string::npos);
  EXPECT_LT(comparison, html.find("<h2>Run 2 \u00b7 second</h2>"));
  EXPECT_LT(html.find("<h2>Run 2 \u00b7 second</h2>"), html.find("<h2>Run 1 \u00b7 first</h2>")) << "in the order asked";
  EXPECT_NE(html.find("<th>run 2 \u00b7 second</th><th>run 1 \u00b7 first</th>"), std::string::npos);
  EXPECT_NE(html.find("<td>final/perplexity:test \u00b7 loss</td><td class=\"n\">0.875 (step 20)</td>"), std::string::npos);
  EXPECT_NE(html.find("<title>Total loss</title>"), std::string::npos);
  EXPECT_EQ(unbalanced_tag(html), "");
}

TEST(RunReport, ARunThatNeverRanHasOverviewRecipeAndMachineOnly) {
  RunStore store(fresh_database());
  NewRun n;
  n.name = "queued";
  n.recipe_yaml = "name: queued\n";
  n.machine_json = "not json <at all>";
  const int64_t run = store.create_run(n);
  ReportOptions options;
  options.generated_by = "1.2.3";
  const std::string html = run_report_html(store, {run}, options);
  EXPECT_EQ(unbalanced_tag(html), "");
  EXPECT_NE(html.find("<td>never ran</td>"), std::string::npos);
  EXPECT_NE(html.find("<td>none logged</td>"), std::string::npos);
  EXPECT_NE(html.find("<pre>not json &lt;at all&gt;</pre>"), std::string::npos);
  EXPECT_NE(html.find("<tr><th>sparsetune (this report)</th><td>1.2.3</td></tr>"), std::string::npos);
  EXPECT_EQ(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("<h3>Metrics</h3>"), std::string::npos);
  EXPECT_EQ(run_metrics_csv(store, {run}), "run_id,run_name,step,wall_seconds,metric,value\r\n");
}

TEST(RunReport, UnknownRunNamesTheDatabaseAndTheRun) {
  RunStore store(fresh_database());
  log_run(store, "only");
  try {
    run_report_html(store, {1, 7}, {});
    ADD_FAILURE() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), store.path().string());
    EXPECT_EQ(e.field(), "run 7");
  }
  EXPECT_THROW(run_metrics_csv(store, {7}), InputError);
  EXPECT_THROW(make_run_report(store, {}, {}), Error);
}

std::vector<std::string> csv_lines(const std::string& csv) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end = csv.find("\r\n"); end != std::string::npos; end = csv.find("\r\n", start)) {
    lines.push_back(csv.substr(start, end - start));
    start = end + 2;
  }
  EXPECT_EQ(start, csv.size()) << "every line ends in CRLF";
  return lines;
}

TEST(RunMetricsCsv, OneQuotedRowPerMetricAndStepThenTheEvaluations) {
  RunStore store(fresh_database());
  const int64_t run = log_run(store, kRunName);
  const auto lines = csv_lines(run_metrics_csv(store, {run}));
  ASSERT_EQ(lines.size(), 1u + 5u * kSteps + 4u);
  EXPECT_EQ(lines[0], "run_id,run_name,step,wall_seconds,metric,value");
  const std::string prefix = "1,\"tiny, \"\"quoted\"\" run\",";
  for (std::size_t i = 1; i < lines.size(); ++i) EXPECT_EQ(lines[i].rfind(prefix, 0), 0u) << lines[i];
  // Metrics by name, then step: grad_norm, loss/ce, loss/total, sparsity/actual, sparsity/target.
  EXPECT_EQ(lines[1], prefix + "1,0.25,grad_norm,1");
  EXPECT_EQ(lines[5], prefix + "5,1.25,grad_norm,nan");
  const std::string last_loss = lines[3 * kSteps];
  EXPECT_EQ(last_loss.rfind(prefix + "20,5,loss/total,", 0), 0u) << last_loss;
  const std::string value = last_loss.substr(last_loss.rfind(',') + 1);
  double parsed = 0;
  std::from_chars(value.data(), value.data() + value.size(), parsed);
  EXPECT_EQ(parsed, loss_at(kSteps)) << "values read back exactly";
  EXPECT_EQ(lines[5 * kSteps + 1], prefix + "0,,eval/dense/perplexity:test/loss,0.75");
  EXPECT_EQ(lines.back(), prefix + "20,,eval/final/perplexity:test/loss,0.875");
}

TEST(RunMetricsCsv, RunsFollowEachOtherWithOneHeader) {
  RunStore store(fresh_database());
  const int64_t a = log_run(store, "a");
  const int64_t b = log_run(store, "b");
  const auto lines = csv_lines(run_metrics_csv(store, {a, b}));
  ASSERT_EQ(lines.size(), 1u + 2u * (5u * kSteps + 4u));
  EXPECT_EQ(lines[1].rfind("1,a,", 0), 0u);
  EXPECT_EQ(lines.back().rfind("2,b,", 0), 0u);
}

}  // namespace
}  // namespace sparsetune
