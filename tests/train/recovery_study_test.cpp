#include "core/train/recovery_study.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace sparsetune {
namespace {

Recipe demo_recipe() { return Recipe::from_yaml_file(std::filesystem::path(SPARSETUNE_SOURCE_DIR) / "resources/demo/recipe.yaml"); }

TEST(RecoveryStudy, ConfigurationsCoverEverySparsitySeedAndLossOnce) {
  RecoveryStudyOptions options;
  options.sparsities = {0.5, 0.9};
  options.seeds = {4, 5};
  options.steps = 7;
  options.samples = 11;
  const auto configs = recovery_configs(demo_recipe(), options);
  ASSERT_EQ(configs.size(), 1u + 2 * 2 * 4);
  EXPECT_EQ(configs[0].arm, RecoveryArm::dense);
  EXPECT_EQ(configs[0].recipe.pruning.method, PruningMethod::none);
  EXPECT_FALSE(configs[0].recipe.trains());

  std::set<std::string> names;
  for (const auto& c : configs) {
    names.insert(c.recipe.name);
    EXPECT_NO_THROW(c.recipe.validate()) << c.recipe.name;
    EXPECT_FALSE(c.recipe.evaluation.before);
    EXPECT_EQ(c.recipe.evaluation.every, 0);
    EXPECT_EQ(c.recipe.evaluation.samples, 11);
    if (c.arm == RecoveryArm::dense) continue;
    EXPECT_EQ(c.recipe.training.seed, c.seed);
    EXPECT_DOUBLE_EQ(c.recipe.pruning.sparsity, c.sparsity);
    EXPECT_EQ(c.recipe.pruning.method, PruningMethod::sparsegpt);
    const auto& d = c.recipe.distillation;
    switch (c.arm) {
      case RecoveryArm::oneshot: EXPECT_FALSE(c.recipe.trains()); break;
      case RecoveryArm::ce: EXPECT_TRUE(d.ce == 1 && d.kd == 0 && d.squarehead == 0); break;
      case RecoveryArm::ce_kd: EXPECT_TRUE(d.ce == 1 && d.kd == 1 && d.squarehead == 0); break;
      case RecoveryArm::ce_squarehead: EXPECT_TRUE(d.ce == 1 && d.kd == 0 && d.squarehead == 1); break;
      default: ADD_FAILURE();
    }
    if (c.arm != RecoveryArm::oneshot) {
      EXPECT_EQ(c.recipe.training.steps, 7);
    }
  }
  EXPECT_EQ(names.size(), configs.size()) << "names identify the runs in the store, so they must be unique";
  EXPECT_TRUE(names.count("recovery/90%/CE+SquareHead/seed 5"));
}

TEST(RecoveryStudy, EstimateIsMeanAndStandardErrorOfTheMean) {
  const Estimate e = estimate({1.0, 2.0, 6.0});
  EXPECT_DOUBLE_EQ(e.mean, 3.0);
  // sample variance ((−2)² + (−1)² + 3²) / 2 = 7, so s.e. = √7 / √3
  EXPECT_NEAR(e.standard_error, std::sqrt(7.0 / 3.0), 1e-12);
  EXPECT_EQ(e.n, 3);
  EXPECT_EQ(estimate({0.25}).standard_error, 0.0);
  EXPECT_EQ(estimate({}).n, 0);
}

TEST(RecoveryStudy, TableGroupsSeedsAndMarkdownJudgesTheClaimsFromTheNumbers) {
  RecoveryStudyOptions options;
  options.sparsities = {0.75, 0.9};
  options.seeds = {1, 2};
  const auto configs = recovery_configs(demo_recipe(), options);
  std::vector<RecoveryMeasurement> measured;
  int64_t run = 100;
  for (const auto& c : configs) {
    RecoveryMeasurement m;
    m.run = run++;
    const double jitter = c.seed == 1 ? -0.001 : 0.001;
    switch (c.arm) {
      case RecoveryArm::dense: m = {0.98, 0.999, 0.002, m.run}; break;
      case RecoveryArm::oneshot: m = {0.50 + jitter, 0.9, 0.2, m.run}; break;
      case RecoveryArm::ce: m = {0.90 + jitter, 0.99, 0.010 + jitter, m.run}; break;
      case RecoveryArm::ce_kd: m = {0.92 + jitter, 0.99, 0.009 + jitter, m.run}; break;
      // At 75 % SquareHead is clearly better than CE; at 90 % it is within noise of it.
      case RecoveryArm::ce_squarehead: m = {0.95 + jitter, 0.995, (c.sparsity < 0.8 ? 0.005 : 0.0105) + jitter, m.run}; break;
    }
    measured.push_back(m);
  }
  const RecoveryTable table = summarize_recovery(configs, measured);
  ASSERT_EQ(table.rows.size(), 1u + 2 * 4);
  EXPECT_EQ(table.rows[0].arm, RecoveryArm::dense);
  const RecoveryRow* sh75 = table.find(RecoveryArm::ce_squarehead, 0.75);
  ASSERT_NE(sh75, nullptr);
  EXPECT_NEAR(sh75->exact_match.mean, 0.95, 1e-12);
  EXPECT_NEAR(sh75->exact_match.standard_error, 0.001, 1e-12);
  EXPECT_EQ(sh75->runs.size(), 2u);

  const std::string md = recovery_markdown(table);
  EXPECT_NE(md.find("| 75% | CE+SquareHead | 95.0 ± 0.1 | 96.9 % |"), std::string::npos) << md;
  EXPECT_NE(md.find("At 75 % CE+SquareHead keeps 96.9 % of the dense model's exact match (goal ≥ 95 %): met"), std::string::npos) << md;
  EXPECT_NE(md.find("At 75% CE+SquareHead beats CE-only on held-out loss"), std::string::npos) << md;
  EXPECT_NE(md.find("At 90% CE+SquareHead is within noise of CE-only"), std::string::npos) << md;

  const auto json = recovery_json(table);
  ASSERT_EQ(json.size(), table.rows.size());
  EXPECT_EQ(json[0]["arm"], "dense");
}

}  // namespace
}  // namespace sparsetune
