// The schedule preview: the phases of a recipe and the curves drawn from the trainer's own schedule code.
#include <gtest/gtest.h>

#include <qcustomplot.h>

#include "core/train/recipe_schedule.h"
#include "tests/widgets/qt_app.h"
#include "widgets/schedule_preview.h"

namespace sparsetune::widgets {
namespace {

// Wanda from 10 % at step 10 to 50 % at step 60, masks every 10 steps; SquareHead distillation; 20
// warm-up steps then cosine decay.
Recipe gradual_recipe() {
  Recipe r;
  r.pruning.method = PruningMethod::wanda;
  r.pruning.sparsity = 0.5;
  r.pruning.schedule.kind = ScheduleKind::linear;
  r.pruning.schedule.start_step = 10;
  r.pruning.schedule.end_step = 60;
  r.pruning.schedule.initial_sparsity = 0.1;
  r.pruning.schedule.update_every = 10;
  r.distillation.kd = 0;
  r.distillation.squarehead = 1;
  r.training.steps = 100;
  r.training.lr = 2e-4;
  r.training.warmup_steps = 20;
  r.training.lr_schedule = LrSchedule::cosine;
  return r;
}

const SchedulePhase* find_phase(const std::vector<SchedulePhase>& phases, ScheduleLane lane) {
  for (const auto& p : phases)
    if (p.lane == lane) return &p;
  return nullptr;
}

TEST(SchedulePhases, GradualPruningDistillationWarmupAndDecay) {
  const auto phases = schedule_phases(gradual_recipe(), 100);
  ASSERT_EQ(phases.size(), 4u);
  EXPECT_EQ(phases[0].name, "Pruning");
  EXPECT_EQ(phases[0].start, 10);
  EXPECT_EQ(phases[0].end, 60);
  EXPECT_TRUE(phases[0].detail.contains("wanda"));
  EXPECT_TRUE(phases[0].detail.contains("linear"));
  EXPECT_EQ(phases[1].name, "Distillation");
  EXPECT_EQ(phases[1].start, 0);
  EXPECT_EQ(phases[1].end, 100);
  EXPECT_TRUE(phases[1].detail.contains("SquareHead × 1"));
  EXPECT_FALSE(phases[1].detail.contains("KD"));
  EXPECT_EQ(phases[2].name, "LR warm-up");
  EXPECT_EQ(phases[2].end, 20);
  EXPECT_EQ(phases[3].name, "LR decay");
  EXPECT_EQ(phases[3].start, 20);
  EXPECT_EQ(phases[3].end, 100);
  EXPECT_EQ(phases[3].detail, "cosine");
}

TEST(SchedulePhases, OneShotIsAMomentAndNothingPrunesWithoutAMethod) {
  Recipe r = gradual_recipe();
  r.pruning.schedule.kind = ScheduleKind::oneshot;
  r.pruning.schedule.start_step = 0;
  r.pruning.structure = {2, 4};
  r.distillation.squarehead = 0;
  r.distillation.kd = 0.5;
  r.training.warmup_steps = 0;
  auto phases = schedule_phases(r, 100);
  const SchedulePhase* pruning = find_phase(phases, ScheduleLane::pruning);
  ASSERT_NE(pruning, nullptr);
  EXPECT_EQ(pruning->start, 0);
  EXPECT_EQ(pruning->end, 0);
  EXPECT_TRUE(pruning->detail.contains("2:4"));
  EXPECT_TRUE(find_phase(phases, ScheduleLane::distillation)->detail.contains("KD × 0.5"));
  EXPECT_EQ(find_phase(phases, ScheduleLane::lr_warmup), nullptr);
  EXPECT_EQ(find_phase(phases, ScheduleLane::lr_decay)->start, 0);

  r.pruning.method = PruningMethod::none;
  r.distillation.kd = 0;
  phases = schedule_phases(r, 100);
  EXPECT_EQ(find_phase(phases, ScheduleLane::pruning), nullptr);
  EXPECT_EQ(find_phase(phases, ScheduleLane::distillation), nullptr);
}

TEST(SchedulePhases, PointsSpanTheirStepsAndWarmupIsCutAtTheEnd) {
  Recipe r = gradual_recipe();
  r.pruning.schedule.kind = ScheduleKind::points;
  r.pruning.schedule.points = {{5, 0.2}, {30, 0.4}, {50, 0.5}};
  r.training.warmup_steps = 500;
  const auto phases = schedule_phases(r, 100);
  EXPECT_EQ(find_phase(phases, ScheduleLane::pruning)->start, 5);
  EXPECT_EQ(find_phase(phases, ScheduleLane::pruning)->end, 50);
  EXPECT_EQ(find_phase(phases, ScheduleLane::lr_warmup)->end, 100);
  EXPECT_EQ(find_phase(phases, ScheduleLane::lr_decay), nullptr);
}

class SchedulePreviewTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { test::qt_app(); }
};

TEST_F(SchedulePreviewTest, CurvesAreTheTrainersSchedules) {
  const Recipe r = gradual_recipe();
  SchedulePreview preview;
  preview.resize(700, 450);
  preview.setRecipe(r, 100);
  EXPECT_TRUE(preview.problem().isEmpty());

  const auto schedule = sparsity_schedule_of(r);
  auto sparsity = preview.sparsityGraph()->data();
  ASSERT_EQ(sparsity->size(), 101);  // every step of a short run
  for (int t = 0; t <= 100; ++t) EXPECT_DOUBLE_EQ(sparsity->at(t)->value, schedule.target(t) * 100) << t;
  EXPECT_NEAR(sparsity->at(0)->value, 10, 1e-9);
  EXPECT_NEAR(sparsity->at(35)->value, 30, 1e-9);
  EXPECT_NEAR(sparsity->at(100)->value, 50, 1e-9);

  auto updates = preview.updateStepsGraph()->data();
  ASSERT_EQ(updates->size(), 6);
  for (int i = 0; i < 6; ++i) {
    EXPECT_DOUBLE_EQ(updates->at(i)->key, 10.0 + 10 * i);
    EXPECT_DOUBLE_EQ(updates->at(i)->value, schedule.target(10 + 10 * i) * 100);
  }

  auto lr = preview.learningRateGraph()->data();
  EXPECT_NEAR(lr->at(0)->value, 2e-4 / 20, 1e-15);
  EXPECT_NEAR(lr->at(19)->value, 2e-4, 1e-15);
  EXPECT_DOUBLE_EQ(lr->at(60)->value, learning_rate_at(60, 100, 20, 2e-4, LrSchedule::cosine));
  EXPECT_EQ(preview.phases().size(), 4u);
  EXPECT_GT(preview.plot()->itemCount(), 4);  // spans and their labels
  EXPECT_FALSE(preview.grab().isNull());
}

TEST_F(SchedulePreviewTest, LongRunsAreSampledButKeepTheOneShotJump) {
  Recipe r = gradual_recipe();
  r.pruning.schedule.kind = ScheduleKind::oneshot;
  r.pruning.schedule.start_step = 123457;
  r.pruning.schedule.initial_sparsity = 0;
  r.training.steps = 1000000;
  SchedulePreview preview;
  preview.setRecipe(r, 1000000);
  auto sparsity = preview.sparsityGraph()->data();
  EXPECT_LT(sparsity->size(), 4100);
  const auto before = sparsity->findBegin(123456, false);
  ASSERT_DOUBLE_EQ(before->key, 123456);
  EXPECT_DOUBLE_EQ(before->value, 0);
  EXPECT_DOUBLE_EQ((before + 1)->key, 123457);
  EXPECT_NEAR((before + 1)->value, 50, 1e-9);
  ASSERT_EQ(preview.updateStepsGraph()->data()->size(), 1);
  EXPECT_DOUBLE_EQ(preview.updateStepsGraph()->data()->at(0)->key, 123457);
}

TEST_F(SchedulePreviewTest, InvalidScheduleShowsAMessageInsteadOfACurve) {
  Recipe r = gradual_recipe();
  r.pruning.schedule.end_step = 10;  // not after start_step
  SchedulePreview preview;
  preview.resize(600, 400);
  EXPECT_NO_THROW(preview.setRecipe(r, 100));
  EXPECT_TRUE(preview.problem().contains("end step")) << preview.problem().toStdString();
  EXPECT_TRUE(preview.sparsityGraph()->data()->isEmpty());
  EXPECT_TRUE(preview.updateStepsGraph()->data()->isEmpty());
  EXPECT_EQ(preview.learningRateGraph()->data()->size(), 101);  // the learning rate is still right
  EXPECT_FALSE(preview.grab().isNull());

  preview.setRecipe(gradual_recipe(), 0);
  EXPECT_FALSE(preview.problem().isEmpty());
  EXPECT_TRUE(preview.sparsityGraph()->data()->isEmpty());
  EXPECT_TRUE(preview.learningRateGraph()->data()->isEmpty());

  preview.setRecipe(gradual_recipe(), 100);  // fixed: the curve is back
  EXPECT_TRUE(preview.problem().isEmpty());
  EXPECT_EQ(preview.sparsityGraph()->data()->size(), 101);
}

TEST_F(SchedulePreviewTest, NoUpdateMarkersWhenNothingIsPruned) {
  Recipe r;  // the default: no pruning method, one-shot schedule, no sparsity
  r.training.steps = 50;
  SchedulePreview preview;
  preview.setRecipe(r, 50);
  EXPECT_TRUE(preview.problem().isEmpty());
  EXPECT_EQ(preview.sparsityGraph()->data()->size(), 51);
  EXPECT_TRUE(preview.updateStepsGraph()->data()->isEmpty());
}

}  // namespace
}  // namespace sparsetune::widgets
