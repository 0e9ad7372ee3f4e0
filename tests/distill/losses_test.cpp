// Fine-tuning losses against values worked out by hand on tiny tensors.
#include <gtest/gtest.h>

#include <cmath>

#include <torch/torch.h>

#include "core/distill/losses.h"
#include "core/util/error.h"

namespace sparsetune {
namespace {

const double ln2 = std::log(2.0), ln3 = std::log(3.0);

// One sequence of 3 positions over a 2-token vocabulary:
//   position 0: logits (0, 0)    → p = (1/2, 1/2)
//   position 1: logits (ln 3, 0) → p = (3/4, 1/4)
//   position 2: logits (5, −5)   (predicts past the end: never scored by CE)
torch::Tensor hand_logits() {
  return torch::tensor({0.0, 0.0, ln3, 0.0, 5.0, -5.0}, torch::kFloat32).reshape({1, 3, 2});
}

TEST(NextTokenCrossEntropy, NextTokenByHand) {
  // Labels (·, 1, 0): position 0 is scored on token 1, position 1 on token 0.
  const auto labels = torch::tensor({{7, 1, 0}});
  // (−ln 1/2 − ln 3/4) / 2
  EXPECT_NEAR(next_token_cross_entropy(hand_logits(), labels).item<double>(), (ln2 + std::log(4.0 / 3.0)) / 2, 1e-6);
  // Ignoring the first target leaves −ln 3/4 alone (the mean is over the remaining one).
  EXPECT_NEAR(next_token_cross_entropy(hand_logits(), torch::tensor({{7, -100, 0}})).item<double>(), std::log(4.0 / 3.0), 1e-6);
  // No target at all: 0, not NaN.
  EXPECT_EQ(next_token_cross_entropy(hand_logits(), torch::tensor({{7, -100, -100}})).item<double>(), 0.0);
  EXPECT_THROW(next_token_cross_entropy(hand_logits(), torch::tensor({{1, 0}})), Error);
}

TEST(NextTokenCrossEntropy, EqualsTorchOnShiftedLogits) {
  torch::manual_seed(0);
  const auto logits = torch::randn({2, 5, 7}).to(torch::kBFloat16);
  auto labels = torch::randint(7, {2, 5});
  labels[0][2] = -100;
  labels[1][4] = -100;
  const auto expected = torch::nn::functional::cross_entropy(logits.slice(1, 0, -1).reshape({-1, 7}).to(torch::kFloat32),
                                                             labels.slice(1, 1).reshape({-1}));
  const auto loss = next_token_cross_entropy(logits, labels);
  EXPECT_EQ(loss.scalar_type(), torch::kFloat32);
  EXPECT_NEAR(loss.item<double>(), expected.item<double>(), 1e-6);
}

TEST(LogitKd, KlByHandWithTemperatureSquared) {
  // Teacher (ln 3, 0), student (0, 0), one position.
  const auto teacher = torch::tensor({ln3, 0.0}, torch::kFloat32).reshape({1, 1, 2});
  const auto student = torch::zeros({1, 1, 2});
  const auto mask = torch::ones({1, 1}, torch::kBool);
  // T = 1: KL((3/4, 1/4) ‖ (1/2, 1/2)) = 3/4 ln(3/2) + 1/4 ln(1/2)
  const double kl1 = 0.75 * std::log(1.5) + 0.25 * std::log(0.5);
  EXPECT_NEAR(logit_kd_loss(student, teacher, mask, 1.0).item<double>(), kl1, 1e-6);
  // T = 2: the teacher becomes softmax(ln 3 / 2, 0) = (√3, 1)/(√3 + 1), the student stays uniform,
  // and the KL is scaled by T² = 4.
  const double p = std::sqrt(3.0) / (std::sqrt(3.0) + 1), q = 1 - p;
  const double kl2 = p * std::log(p / 0.5) + q * std::log(q / 0.5);
  EXPECT_NEAR(logit_kd_loss(student, teacher, mask, 2.0).item<double>(), 4 * kl2, 1e-6);
  EXPECT_EQ(logit_kd_loss(teacher, teacher, mask, 2.0).item<double>(), 0.0);
  EXPECT_THROW(logit_kd_loss(student, teacher, mask, 0.0), Error);
}

TEST(LogitKd, AveragesOverTargetPositionsOnly) {
  // Position 0 as above; position 1 would add a large KL but is masked out.
  const auto teacher = torch::tensor({ln3, 0.0, 10.0, -10.0}, torch::kFloat32).reshape({1, 2, 2});
  const auto student = torch::tensor({0.0, 0.0, -10.0, 10.0}, torch::kFloat32).reshape({1, 2, 2});
  const double kl1 = 0.75 * std::log(1.5) + 0.25 * std::log(0.5);
  EXPECT_NEAR(logit_kd_loss(student, teacher, torch::tensor({{true, false}}), 1.0).item<double>(), kl1, 1e-6);
  EXPECT_GT(logit_kd_loss(student, teacher, torch::tensor({{true, true}}), 1.0).item<double>(), 5.0);
  EXPECT_EQ(logit_kd_loss(student, teacher, torch::tensor({{false, false}}), 1.0).item<double>(), 0.0);
}

TEST(SquareHead, PooledPerLayerByHand) {
  // Batch 1, two tokens (the second is padding), three channels, two layers.
  //   layer 0: teacher (1, 2, 2), student (1, 2, 0): Σ(h_T − h_S)² = 4, Σ h_T² = 9 → 4/9
  //   layer 1: teacher (0, 3, 4), student (0, 0, 4): 9 / 25
  // The padding token differs wildly and must not count.
  const auto teacher0 = torch::tensor({1.0, 2.0, 2.0, 100.0, 0.0, 0.0}, torch::kFloat32).reshape({1, 2, 3});
  const auto student0 = torch::tensor({1.0, 2.0, 0.0, -100.0, 7.0, 0.0}, torch::kFloat32).reshape({1, 2, 3});
  const auto teacher1 = torch::tensor({0.0, 3.0, 4.0, 50.0, 50.0, 50.0}, torch::kFloat32).reshape({1, 2, 3});
  const auto student1 = torch::tensor({0.0, 0.0, 4.0, 0.0, 0.0, 0.0}, torch::kFloat32).reshape({1, 2, 3});
  const auto mask = torch::tensor({{1, 0}});
  const auto loss = squarehead_loss({student0, student1}, {teacher0, teacher1}, mask, 0.0);
  EXPECT_NEAR(loss.total.item<double>(), 4.0 / 9 + 9.0 / 25, 1e-6);
  ASSERT_EQ(loss.per_layer.numel(), 2);
  EXPECT_NEAR(loss.per_layer[0].item<double>(), 4.0 / 9, 1e-6);
  EXPECT_NEAR(loss.per_layer[1].item<double>(), 9.0 / 25, 1e-6);
  // eps enters the denominator only.
  EXPECT_NEAR(squarehead_loss({student0}, {teacher0}, mask, 1.0).total.item<double>(), 4.0 / 10, 1e-6);
  // Without a mask every token counts: layer 0 becomes (4 + 200² + 49) / (9 + 100²).
  EXPECT_NEAR(squarehead_loss({student0}, {teacher0}, {}, 0.0).total.item<double>(), (4.0 + 40000 + 49) / (9 + 10000), 1e-5);
  EXPECT_THROW(squarehead_loss({student0}, {teacher0, teacher1}, mask), Error);
}

TEST(SquareHead, Bf16InputsFloat32ResultGradientOnlyToStudent) {
  const auto teacher = torch::tensor({1.0, 2.0, 2.0}).reshape({1, 1, 3}).to(torch::kBFloat16).requires_grad_(true);
  const auto student = torch::tensor({1.0, 2.0, 0.0}).reshape({1, 1, 3}).to(torch::kBFloat16).requires_grad_(true);
  const auto loss = squarehead_loss({student}, {teacher}, {}, 0.0);
  EXPECT_EQ(loss.total.scalar_type(), torch::kFloat32);
  loss.total.backward();
  // d/dh_S Σ(h_T − h_S)²/9 = −2(h_T − h_S)/9 → (0, 0, −4/9)
  EXPECT_NEAR(student.grad()[0][0][2].item<double>(), -4.0 / 9, 1e-2);
  EXPECT_FALSE(teacher.grad().defined());
}

TEST(DistillationLoss, WeightedSumOfComponents) {
  torch::manual_seed(1);
  ForwardOutput student, teacher;
  student.logits = torch::randn({2, 4, 5}).requires_grad_(true);
  teacher.logits = torch::randn({2, 4, 5});
  for (int l = 0; l < 3; ++l) {
    student.hidden_states.push_back(torch::randn({2, 4, 6}).requires_grad_(true));
    teacher.hidden_states.push_back(torch::randn({2, 4, 6}));
  }
  // Sequence 1 has two padding tokens at the end; its labels ignore them.
  const auto attention = torch::tensor({{1, 1, 1, 1}, {1, 1, 0, 0}});
  const auto labels = torch::tensor({{3, 1, 4, 0}, {2, 2, -100, -100}});
  const DistillationLoss mix({.ce = 1.0, .kd = 0.5, .squarehead = 0.25, .temperature = 2.0});
  ASSERT_TRUE(mix.needs_teacher());
  const auto r = mix.compute(student, &teacher, labels, attention);

  const auto ce = next_token_cross_entropy(student.logits, labels);
  // KD on the same positions as CE: where the next token is a target.
  const auto kd = logit_kd_loss(student.logits.slice(1, 0, -1), teacher.logits.slice(1, 0, -1), labels.slice(1, 1) != -100, 2.0);
  const auto sh = squarehead_loss(student.hidden_states, teacher.hidden_states, attention);
  EXPECT_NEAR(r.ce_value, ce.item<double>(), 1e-6);
  EXPECT_NEAR(r.kd_value, kd.item<double>(), 1e-6);
  EXPECT_NEAR(r.squarehead_value, sh.total.item<double>(), 1e-6);
  EXPECT_NEAR(r.total_value, ce.item<double>() + 0.5 * kd.item<double>() + 0.25 * sh.total.item<double>(), 1e-6);
  ASSERT_EQ(r.squarehead_per_layer.size(), 3u);
  for (int l = 0; l < 3; ++l) EXPECT_NEAR(r.squarehead_per_layer[l], sh.per_layer[l].item<double>(), 1e-6);
  r.total.backward();
  EXPECT_TRUE(student.logits.grad().defined());
  EXPECT_TRUE(student.hidden_states[0].grad().defined());
}

TEST(DistillationLoss, CrossEntropyAloneNeedsNoTeacher) {
  ForwardOutput student;
  student.logits = hand_logits();
  const DistillationLoss ce_only({.ce = 1.0, .kd = 0.0, .squarehead = 0.0});
  EXPECT_FALSE(ce_only.needs_teacher());
  const auto r = ce_only.compute(student, nullptr, torch::tensor({{7, 1, 0}}));
  EXPECT_NEAR(r.total_value, (ln2 + std::log(4.0 / 3.0)) / 2, 1e-6);
  EXPECT_FALSE(r.kd.defined());
  EXPECT_EQ(r.squarehead_value, 0.0);
  EXPECT_TRUE(r.squarehead_per_layer.empty());
  EXPECT_THROW(DistillationLoss(DistillationWeights{}).compute(student, nullptr, torch::tensor({{7, 1, 0}})), Error);
  EXPECT_THROW(DistillationLoss({.temperature = 0.0}), Error);
  EXPECT_THROW(DistillationLoss({.ce = -1.0}), Error);
}

}  // namespace
}  // namespace sparsetune
