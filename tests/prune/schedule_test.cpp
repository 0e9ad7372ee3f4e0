// Sparsity schedules: the curves' values, shape and update/freeze steps.
#include <gtest/gtest.h>

#include <cmath>

#include "core/prune/schedule.h"
#include "core/util/error.h"

namespace sparsetune {
namespace {

SparsitySchedule gradual(SparsityScheduleKind kind) {
  SparsitySchedule s;
  s.kind = kind;
  s.initial_sparsity = 0.1;
  s.final_sparsity = 0.8;
  s.start_step = 100;
  s.end_step = 1100;
  s.update_every = 100;
  s.validate();
  return s;
}

// Non-decreasing and never above s_f at every step from well before t₀ to well after t₁.
void expect_monotone_bounded(const SparsitySchedule& s, int64_t last_step) {
  double previous = s.target(0);
  for (int64_t t = 0; t <= last_step; ++t) {
    const double v = s.target(t);
    ASSERT_GE(v, previous) << "step " << t;
    ASSERT_LE(v, s.kind == SparsityScheduleKind::Points ? s.points.back().sparsity : s.final_sparsity) << "step " << t;
    previous = v;
  }
}

TEST(SparsitySchedule, CubicFollowsZhuGupta) {
  const auto s = gradual(SparsityScheduleKind::Cubic);
  EXPECT_EQ(s.target(0), 0.1);
  EXPECT_EQ(s.target(100), 0.1);
  // p = 0.5: s_i + (s_f − s_i)(1 − 0.5³) = 0.1 + 0.7 · 0.875
  EXPECT_NEAR(s.target(600), 0.1 + 0.7 * 0.875, 1e-15);
  // p = 0.1: 0.1 + 0.7 · (1 − 0.9³)
  EXPECT_NEAR(s.target(200), 0.1 + 0.7 * (1.0 - 0.729), 1e-15);
  EXPECT_EQ(s.target(1100), 0.8);
  EXPECT_EQ(s.target(5000), 0.8);
  expect_monotone_bounded(s, 2000);
}

TEST(SparsitySchedule, CubicIsFastEarlyAndFlatLateNotTheCubeOfProgress) {
  const auto s = gradual(SparsityScheduleKind::Cubic);
  const double first_tenth = s.target(200) - s.target(100);   // p 0 → 0.1
  const double last_tenth = s.target(1100) - s.target(1000);  // p 0.9 → 1
  EXPECT_GT(first_tenth, 100 * last_tenth);  // 0.271 vs 0.001 of the range
  // Above the linear ramp everywhere inside (t₀, t₁).
  const auto linear = gradual(SparsityScheduleKind::Linear);
  for (int64_t t = 101; t < 1100; ++t) ASSERT_GT(s.target(t), linear.target(t)) << t;
  // (t/T)³, the curve some tools get wrongly, would be at 0.1 + 0.7 · 0.125 halfway.
  EXPECT_GT(s.target(600), 0.1 + 0.7 * 0.5);
  EXPECT_NE(s.target(600), 0.1 + 0.7 * 0.125);
}

TEST(SparsitySchedule, LinearRamp) {
  const auto s = gradual(SparsityScheduleKind::Linear);
  EXPECT_EQ(s.target(100), 0.1);
  EXPECT_NEAR(s.target(600), 0.45, 1e-15);
  EXPECT_NEAR(s.target(350), 0.1 + 0.7 * 0.25, 1e-15);
  EXPECT_EQ(s.target(1100), 0.8);
  expect_monotone_bounded(s, 2000);
}

TEST(SparsitySchedule, GradualUpdateStepsAndFreeze) {
  auto s = gradual(SparsityScheduleKind::Cubic);
  std::vector<int64_t> updates;
  for (int64_t t = 0; t <= 2000; ++t) {
    if (s.is_update_step(t)) updates.push_back(t);
  }
  EXPECT_EQ(updates, (std::vector<int64_t>{100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100}));
  EXPECT_FALSE(s.masks_frozen(0));
  EXPECT_FALSE(s.masks_frozen(1100));
  EXPECT_TRUE(s.masks_frozen(1101));

  // Δt not dividing t₁ − t₀: the last update still happens at t₁, so s_f is reached.
  s.update_every = 300;
  updates.clear();
  for (int64_t t = 0; t <= 2000; ++t) {
    if (s.is_update_step(t)) updates.push_back(t);
  }
  EXPECT_EQ(updates, (std::vector<int64_t>{100, 400, 700, 1000, 1100}));
  EXPECT_EQ(s.target(updates.back()), s.final_sparsity);
}

TEST(SparsitySchedule, OneShotJumpsAtStart) {
  SparsitySchedule s;
  s.kind = SparsityScheduleKind::OneShot;
  s.final_sparsity = 0.6;
  s.start_step = 10;
  s.validate();
  EXPECT_EQ(s.target(0), 0.0);
  EXPECT_EQ(s.target(9), 0.0);
  EXPECT_EQ(s.target(10), 0.6);
  EXPECT_EQ(s.target(1000), 0.6);
  for (int64_t t = 0; t < 100; ++t) EXPECT_EQ(s.is_update_step(t), t == 10) << t;
  EXPECT_FALSE(s.masks_frozen(10));
  EXPECT_TRUE(s.masks_frozen(11));
  expect_monotone_bounded(s, 100);
}

TEST(SparsitySchedule, ConstantHoldsTheExistingMasks) {
  SparsitySchedule s;
  s.kind = SparsityScheduleKind::Constant;
  s.final_sparsity = 0.7;
  s.validate();
  for (int64_t t = 0; t < 50; ++t) {
    EXPECT_EQ(s.target(t), 0.7);
    EXPECT_FALSE(s.is_update_step(t));
    EXPECT_TRUE(s.masks_frozen(t));
  }
}

TEST(SparsitySchedule, PointsArePiecewiseConstant) {
  SparsitySchedule s;
  s.kind = SparsityScheduleKind::Points;
  s.points = {{5, 0.3}, {20, 0.5}, {40, 0.7}};
  s.validate();
  EXPECT_EQ(s.target(0), 0.0);  // initial sparsity before the first point
  EXPECT_EQ(s.target(4), 0.0);
  EXPECT_EQ(s.target(5), 0.3);
  EXPECT_EQ(s.target(19), 0.3);  // held, not interpolated
  EXPECT_EQ(s.target(20), 0.5);
  EXPECT_EQ(s.target(39), 0.5);
  EXPECT_EQ(s.target(40), 0.7);
  EXPECT_EQ(s.target(400), 0.7);
  for (int64_t t = 0; t < 60; ++t) EXPECT_EQ(s.is_update_step(t), t == 5 || t == 20 || t == 40) << t;
  EXPECT_FALSE(s.masks_frozen(40));
  EXPECT_TRUE(s.masks_frozen(41));
  expect_monotone_bounded(s, 60);
}

TEST(SparsitySchedule, ValidateRejectsInconsistentSchedules) {
  auto s = gradual(SparsityScheduleKind::Cubic);
  s.initial_sparsity = 0.9;  // above s_f
  EXPECT_THROW(s.validate(), Error);
  s = gradual(SparsityScheduleKind::Linear);
  s.end_step = s.start_step;
  EXPECT_THROW(s.validate(), Error);
  s = gradual(SparsityScheduleKind::Cubic);
  s.update_every = 0;
  EXPECT_THROW(s.validate(), Error);
  s = gradual(SparsityScheduleKind::Cubic);
  s.final_sparsity = 1.0;
  EXPECT_THROW(s.validate(), Error);
  s.kind = SparsityScheduleKind::Points;
  s.initial_sparsity = 0.0;
  s.points = {{10, 0.5}, {10, 0.6}};
  EXPECT_THROW(s.validate(), Error);
  s.points = {{10, 0.5}, {20, 0.4}};
  EXPECT_THROW(s.validate(), Error);
  s.points.clear();
  EXPECT_THROW(s.validate(), Error);
}

}  // namespace
}  // namespace sparsetune
