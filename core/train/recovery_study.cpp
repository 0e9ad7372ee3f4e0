#include "core/train/recovery_study.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace sparsetune {

namespace {

std::string percent(double share) {
  char text[16];
  std::snprintf(text, sizeof text, "%g%%", std::round(share * 1000.0) / 10.0);
  return text;
}

Recipe arm_recipe(const Recipe& base, RecoveryArm arm, double sparsity, int64_t seed, const RecoveryStudyOptions& options) {
  Recipe r = base;
  r.name = arm == RecoveryArm::dense ? "recovery/dense"
                                     : "recovery/" + percent(sparsity) + "/" + std::string(to_string(arm)) + "/seed " + std::to_string(seed);
  r.training.seed = seed;
  if (!options.device.empty()) r.training.device = options.device;
  const bool trains = arm != RecoveryArm::dense && arm != RecoveryArm::oneshot;
  r.training.steps = trains ? (options.steps > 0 ? options.steps : base.training.steps) : 0;
  r.training.epochs = 0;
  r.training.warmup_steps = std::min(r.training.warmup_steps, r.training.steps);
  r.training.checkpoint_every = 0;
  if (arm == RecoveryArm::dense) {
    r.pruning.method = PruningMethod::none;
    r.pruning.sparsity = 0;
  } else {
    r.pruning.sparsity = sparsity;
    r.pruning.schedule.kind = ScheduleKind::oneshot;
    r.pruning.schedule.start_step = 0;
  }
  switch (arm) {
    case RecoveryArm::ce_kd: r.distillation = {1, 1, 0, 1}; break;
    case RecoveryArm::ce_squarehead: r.distillation = {1, 0, 1, 1}; break;
    default: r.distillation = {1, 0, 0, 1}; break;
  }
  // Only the end state is compared, on the same test problems for every run.
  r.evaluation.every = 0;
  r.evaluation.before = false;
  r.evaluation.samples = options.samples;
  if (std::find(r.evaluation.tasks.begin(), r.evaluation.tasks.end(), "perplexity") == r.evaluation.tasks.end())
    r.evaluation.tasks.push_back("perplexity");
  if (std::find(r.evaluation.tasks.begin(), r.evaluation.tasks.end(), "gsm8k") == r.evaluation.tasks.end())
    r.evaluation.tasks.push_back("gsm8k");
  r.validate();
  return r;
}

std::string estimate_text(const Estimate& e, double scale, int decimals) {
  char text[64];
  if (e.n > 1)
    std::snprintf(text, sizeof text, "%.*f ± %.*f", decimals, e.mean * scale, decimals, e.standard_error * scale);
  else
    std::snprintf(text, sizeof text, "%.*f", decimals, e.mean * scale);
  return text;
}

}  // namespace

std::vector<RecoveryConfig> recovery_configs(const Recipe& base, const RecoveryStudyOptions& options) {
  std::vector<RecoveryConfig> configs;
  const int64_t first_seed = options.seeds.empty() ? base.training.seed : options.seeds.front();
  configs.push_back({RecoveryArm::dense, 0, first_seed, arm_recipe(base, RecoveryArm::dense, 0, first_seed, options)});
  for (double sparsity : options.sparsities)
    for (int64_t seed : options.seeds)
      for (RecoveryArm arm : {RecoveryArm::oneshot, RecoveryArm::ce, RecoveryArm::ce_kd, RecoveryArm::ce_squarehead})
        configs.push_back({arm, sparsity, seed, arm_recipe(base, arm, sparsity, seed, options)});
  return configs;
}

Estimate estimate(const std::vector<double>& values) {
  Estimate e;
  e.n = static_cast<int64_t>(values.size());
  if (values.empty()) return e;
  for (double v : values) e.mean += v;
  e.mean /= static_cast<double>(e.n);
  if (e.n > 1) {
    double squares = 0;
    for (double v : values) squares += (v - e.mean) * (v - e.mean);
    e.standard_error = std::sqrt(squares / static_cast<double>(e.n - 1)) / std::sqrt(static_cast<double>(e.n));
  }
  return e;
}

const RecoveryRow* RecoveryTable::find(RecoveryArm arm, double sparsity) const {
  for (const auto& row : rows)
    if (row.arm == arm && (arm == RecoveryArm::dense || std::abs(row.sparsity - sparsity) < 1e-9)) return &row;
  return nullptr;
}

RecoveryTable summarize_recovery(const std::vector<RecoveryConfig>& configs, const std::vector<RecoveryMeasurement>& measured) {
  struct Samples {
    std::vector<double> exact_match, token_accuracy, loss;
    std::vector<int64_t> runs;
  };
  std::map<std::pair<double, int>, Samples> groups;  // ordered by sparsity (dense at 0), then arm
  for (std::size_t i = 0; i < configs.size() && i < measured.size(); ++i) {
    auto& g = groups[{configs[i].sparsity, static_cast<int>(configs[i].arm)}];
    g.exact_match.push_back(measured[i].exact_match);
    g.token_accuracy.push_back(measured[i].token_accuracy);
    g.loss.push_back(measured[i].loss);
    g.runs.push_back(measured[i].run);
  }
  RecoveryTable table;
  for (const auto& [key, g] : groups)
    table.rows.push_back({static_cast<RecoveryArm>(key.second), key.first, estimate(g.exact_match), estimate(g.token_accuracy),
                          estimate(g.loss), g.runs});
  return table;
}

std::string recovery_markdown(const RecoveryTable& table) {
  const RecoveryRow* dense = table.find(RecoveryArm::dense, 0);
  std::string md =
      "| sparsity | method | exact match (%) | of dense | token accuracy (%) | held-out loss | seeds | runs |\n"
      "|---|---|---|---|---|---|---|---|\n";
  for (const auto& row : table.rows) {
    std::string runs;
    for (auto id : row.runs) runs += (runs.empty() ? "" : ", ") + std::to_string(id);
    char share[32] = "—";
    if (dense && dense->exact_match.mean > 0)
      std::snprintf(share, sizeof share, "%.1f %%", 100.0 * row.exact_match.mean / dense->exact_match.mean);
    md += "| " + (row.arm == RecoveryArm::dense ? std::string("0%") : percent(row.sparsity)) + " | " + std::string(to_string(row.arm)) +
          " | " + estimate_text(row.exact_match, 100, 1) + " | " + share + " | " + estimate_text(row.token_accuracy, 100, 2) + " | " +
          estimate_text(row.loss, 1, 4) + " | " + std::to_string(row.exact_match.n) + " | " + runs + " |\n";
  }

  md += "\nWhat the table says about the paper's two claims (differences are called real when they exceed the combined "
        "standard error √(s₁² + s₂²) twice over):\n\n";
  if (const RecoveryRow* sh75 = table.find(RecoveryArm::ce_squarehead, 0.75); sh75 && dense && dense->exact_match.mean > 0) {
    const double kept = sh75->exact_match.mean / dense->exact_match.mean;
    char line[256];
    std::snprintf(line, sizeof line, "- At 75 %% CE+SquareHead keeps %.1f %% of the dense model's exact match (goal ≥ 95 %%): %s.\n",
                  100.0 * kept, kept >= 0.95 ? "met" : "not met");
    md += line;
  }
  for (const auto& row : table.rows) {
    if (row.arm != RecoveryArm::ce_squarehead || row.sparsity < 0.7 - 1e-9 || row.sparsity > 0.9 + 1e-9) continue;
    const RecoveryRow* ce = table.find(RecoveryArm::ce, row.sparsity);
    const RecoveryRow* kd = table.find(RecoveryArm::ce_kd, row.sparsity);
    if (!ce) continue;
    const double diff = row.loss.mean - ce->loss.mean;
    const double noise = std::sqrt(row.loss.standard_error * row.loss.standard_error + ce->loss.standard_error * ce->loss.standard_error);
    const char* verdict = diff < -2 * noise ? "beats CE-only" : diff > 2 * noise ? "is worse than CE-only" : "is within noise of CE-only";
    char line[320];
    std::snprintf(line, sizeof line, "- At %s CE+SquareHead %s on held-out loss: %.4f vs %.4f (difference %+.4f, combined s.e. %.4f)",
                  percent(row.sparsity).c_str(), verdict, row.loss.mean, ce->loss.mean, diff, noise);
    md += line;
    if (kd) {
      std::snprintf(line, sizeof line, "; CE+KD: %.4f", kd->loss.mean);
      md += line;
    }
    md += ".\n";
  }
  return md;
}

nlohmann::json recovery_json(const RecoveryTable& table) {
  auto est = [](const Estimate& e) { return nlohmann::json{{"mean", e.mean}, {"standard_error", e.standard_error}, {"n", e.n}}; };
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : table.rows)
    rows.push_back({{"arm", std::string(to_string(row.arm))},
                    {"sparsity", row.sparsity},
                    {"exact_match", est(row.exact_match)},
                    {"token_accuracy", est(row.token_accuracy)},
                    {"loss", est(row.loss)},
                    {"runs", row.runs}});
  return rows;
}

}  // namespace sparsetune
