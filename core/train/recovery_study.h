// The recovery study: the paper's table (Kurtic et al. 2023, Table 1) in miniature. One base recipe
// (the demo's) is run at several sparsities with one-shot pruning alone and with fine-tuning under
// each loss, over several seeds; every configuration is an ordinary run in the store, and the table
// is computed from what the runs recorded.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/train/recipe.h"

namespace sparsetune {

enum class RecoveryArm { dense, oneshot, ce, ce_kd, ce_squarehead };
inline constexpr EnumName<RecoveryArm> kRecoveryArms[] = {{RecoveryArm::dense, "dense"},
                                                           {RecoveryArm::oneshot, "one-shot"},
                                                           {RecoveryArm::ce, "CE"},
                                                           {RecoveryArm::ce_kd, "CE+KD"},
                                                           {RecoveryArm::ce_squarehead, "CE+SquareHead"}};
constexpr const auto& enum_names(RecoveryArm) { return kRecoveryArms; }

// The defaults are the paper's sparsities and what 2 CPU cores finish in about an hour (45 runs):
// 200 fine-tuning steps instead of the demo's 300, 200 test problems per evaluation.
struct RecoveryStudyOptions {
  std::vector<double> sparsities = {0.5, 0.7, 0.8, 0.9};
  std::vector<int64_t> seeds = {1, 2, 3};
  int64_t steps = 200;    // fine-tuning steps per run; 0: the base recipe's
  int64_t samples = 200;  // test problems (and sequences) evaluated per run
  std::string device;     // empty: the base recipe's
};

struct RecoveryConfig {
  RecoveryArm arm = RecoveryArm::dense;
  double sparsity = 0;
  int64_t seed = 0;
  Recipe recipe;  // named "recovery/<sparsity>/<arm>/seed <seed>", which identifies the run in the store
};

// The dense model once, then for every sparsity and seed: one-shot only, CE, CE+KD (weight 1,
// temperature 1) and CE+SquareHead (weight 1), each evaluated once at the end on the test split.
// Throws RecipeError when an option makes an invalid recipe.
std::vector<RecoveryConfig> recovery_configs(const Recipe& base, const RecoveryStudyOptions& options);

struct RecoveryMeasurement {
  double exact_match = 0;
  double token_accuracy = 0;  // teacher-forced, on the completion tokens
  double loss = 0;            // held-out cross-entropy on the completion tokens
  int64_t run = 0;
};

struct Estimate {
  double mean = 0;
  double standard_error = 0;  // sample standard deviation / √n; 0 for a single value
  int64_t n = 0;
};
Estimate estimate(const std::vector<double>& values);

struct RecoveryRow {
  RecoveryArm arm = RecoveryArm::dense;
  double sparsity = 0;
  Estimate exact_match, token_accuracy, loss;
  std::vector<int64_t> runs;
};

struct RecoveryTable {
  std::vector<RecoveryRow> rows;  // dense first, then by sparsity and arm
  const RecoveryRow* find(RecoveryArm arm, double sparsity) const;
};

RecoveryTable summarize_recovery(const std::vector<RecoveryConfig>& configs, const std::vector<RecoveryMeasurement>& measured);

// The table as Markdown: exact match (mean ± standard error, and as a share of the dense model's),
// token accuracy and held-out loss per row, then what the numbers say about the paper's two claims.
std::string recovery_markdown(const RecoveryTable& table);
nlohmann::json recovery_json(const RecoveryTable& table);

}  // namespace sparsetune
