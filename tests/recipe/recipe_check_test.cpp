// Recipe::check and validate: one test per problem, each asserting that it is the only problem
// reported and that the message names the file, the field and what was expected.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <limits>

#include "core/train/recipe.h"
#include "tests/recipe/recipe_test_util.h"

namespace sparsetune {
namespace {

using ::testing::HasSubstr;

// A valid job: SparseGPT at 50 %, 100 steps of CE + SquareHead, evaluated on validation and test.
Recipe valid() {
  Recipe r;
  r.source = "test.yaml";
  r.name = "valid";
  r.model = "/models/student";
  r.teacher = "/models/teacher";
  r.data.train = "/data/train.jsonl";
  r.data.validation = "/data/validation.jsonl";
  r.data.test = "/data/test.jsonl";
  r.pruning.method = PruningMethod::sparsegpt;
  r.pruning.sparsity = 0.5;
  r.training.steps = 100;
  r.evaluation.every = 50;
  return r;
}

TEST(RecipeCheck, TheBaseRecipeIsValid) {
  EXPECT_TRUE(valid().check().empty());
  EXPECT_NO_THROW(valid().validate());
}

// Variations that must stay valid.
TEST(RecipeCheck, ValidVariations) {
  const std::vector<std::pair<const char*, std::function<void(Recipe&)>>> variations = {
      {"2:4 with the sparsity left out", [](Recipe& r) { r.pruning.structure = {2, 4}; r.pruning.sparsity = 0; }},
      {"2:4 with its sparsity", [](Recipe& r) { r.pruning.structure = {2, 4}; r.pruning.sparsity = 0.5; }},
      {"dense fine-tuning holding existing zeros",
       [](Recipe& r) {
         r.pruning.method = PruningMethod::none; r.pruning.sparsity = 0;
         r.pruning.schedule.kind = ScheduleKind::constant;
       }},
      {"prune and evaluate only, no teacher",
       [](Recipe& r) { r.training.steps = 0; r.teacher.clear(); r.evaluation.every = 0; }},
      {"epochs instead of steps", [](Recipe& r) { r.training.steps = 0; r.training.epochs = 2; }},
      {"cross-entropy only, no teacher", [](Recipe& r) { r.distillation.squarehead = 0; r.teacher.clear(); }},
      {"a numbered GPU", [](Recipe& r) { r.training.device = "cuda:12"; }},
      {"cubic schedule",
       [](Recipe& r) { r.pruning.schedule = {ScheduleKind::cubic, 10, 80, 0.1, 5, {}}; }},
      {"points schedule",
       [](Recipe& r) { r.pruning.schedule = {ScheduleKind::points, 0, 0, 0, 1, {{0, 0.2}, {50, 0.2}, {90, 0.5}}}; }},
      {"OWL at its widest band", [](Recipe& r) { r.pruning.allocation = Allocation::owl; r.pruning.owl.lambda = 0.2; }},
      {"no evaluation and no evaluation data",
       [](Recipe& r) { r.evaluation = {0, {}, 1, 0}; r.data.validation.clear(); r.data.test.clear(); }},
      {"final evaluation on the test set only", [](Recipe& r) { r.evaluation.every = 0; r.data.validation.clear(); }},
  };
  for (const auto& [what, change] : variations) {
    Recipe r = valid();
    change(r);
    EXPECT_TRUE(r.check().empty()) << what << ":\n" << (r.check().empty() ? "" : r.check()[0].what());
  }
}

struct Bad {
  const char* test_name;
  std::function<void(Recipe&)> change;
  const char* field;
  const char* problem;  // a part of the message
};

class RecipeCheckBad : public ::testing::TestWithParam<Bad> {};

TEST_P(RecipeCheckBad, ReportsExactlyThisProblem) {
  const auto& c = GetParam();
  Recipe r = valid();
  c.change(r);
  const auto problems = r.check();
  ASSERT_EQ(problems.size(), 1u) << [&] {
    std::string all;
    for (const auto& p : problems) all += std::string(p.what()) + "\n";
    return all;
  }();
  EXPECT_EQ(problems[0].file(), "test.yaml");
  EXPECT_EQ(problems[0].field(), c.field);
  EXPECT_THAT(problems[0].problem(), HasSubstr(c.problem));
  auto e = test::recipe_error([&] { r.validate(); });
  EXPECT_THAT(e.what(), HasSubstr(std::string("test.yaml: ") + c.field + ": "));
}

const double kNaN = std::numeric_limits<double>::quiet_NaN();

INSTANTIATE_TEST_SUITE_P(
    All, RecipeCheckBad,
    ::testing::Values(
        // Job, model, data.
        Bad{"NoName", [](Recipe& r) { r.name.clear(); }, "name", "required"},
        Bad{"NoModel", [](Recipe& r) { r.model.clear(); }, "model", "required: the folder of the model"},
        Bad{"NoTeacherForSquareHead", [](Recipe& r) { r.teacher.clear(); }, "teacher",
            "required when distillation.kd or distillation.squarehead is > 0"},
        Bad{"NoTeacherForKd", [](Recipe& r) { r.teacher.clear(); r.distillation = {1, 0.5, 0, 2}; }, "teacher",
            "required when"},
        Bad{"NoTrainingData", [](Recipe& r) { r.data.train.clear(); }, "data.train", "required"},
        Bad{"ZeroMaxLength", [](Recipe& r) { r.data.max_length = 0; }, "data.max_length",
            "expected a whole number >= 1, got 0"},
        // Pruning: how much and how.
        Bad{"SparsityAboveOne", [](Recipe& r) { r.pruning.sparsity = 1.2; }, "pruning.sparsity",
            "expected a number in [0, 1), got 1.2"},
        Bad{"SparsityOne", [](Recipe& r) { r.pruning.sparsity = 1; }, "pruning.sparsity",
            "expected a number in [0, 1), got 1"},
        Bad{"SparsityNegative", [](Recipe& r) { r.pruning.sparsity = -0.1; }, "pruning.sparsity", "got -0.1"},
        Bad{"SparsityNaN", [](Recipe& r) { r.pruning.sparsity = kNaN; }, "pruning.sparsity", "got nan"},
        Bad{"SparsityWithoutMethod", [](Recipe& r) { r.pruning.method = PruningMethod::none; }, "pruning.sparsity",
            "expected 0 when pruning.method is none"},
        Bad{"MethodWithoutSparsity", [](Recipe& r) { r.pruning.method = PruningMethod::wanda; r.pruning.sparsity = 0; },
            "pruning.sparsity", "expected a number in (0, 1) for pruning.method wanda, got 0"},
        Bad{"NOfMWithNEqualM", [](Recipe& r) { r.pruning.structure = {4, 4}; r.pruning.sparsity = 0; },
            "pruning.structure", "expected N:M with 1 <= N < M, got 4:4"},
        Bad{"NOfMWithZeroN", [](Recipe& r) { r.pruning.structure = {0, 4}; r.pruning.sparsity = 0; },
            "pruning.structure", "got 0:4"},
        Bad{"NOfMWithoutMethod",
            [](Recipe& r) {
              r.pruning.method = PruningMethod::none; r.pruning.sparsity = 0; r.pruning.structure = {2, 4};
            },
            "pruning.structure", "2:4 needs a pruning method; pruning.method is none"},
        Bad{"NOfMWithOtherSparsity", [](Recipe& r) { r.pruning.structure = {2, 4}; r.pruning.sparsity = 0.7; },
            "pruning.sparsity", "2:4 keeps 2 of every 4 weights, so expected 0.5 (or leave it out), got 0.7"},
        Bad{"OwlWithNOfM",
            [](Recipe& r) {
              r.pruning.structure = {2, 4}; r.pruning.sparsity = 0; r.pruning.allocation = Allocation::owl;
            },
            "pruning.allocation", "owl needs unstructured sparsity"},
        Bad{"OwlZeroM", [](Recipe& r) { r.pruning.allocation = Allocation::owl; r.pruning.owl.m = 0; }, "pruning.owl.m",
            "expected a number > 0, got 0"},
        Bad{"OwlLambdaTooWide", [](Recipe& r) { r.pruning.allocation = Allocation::owl; r.pruning.owl.lambda = 0.3; },
            "pruning.owl.lambda", "expected a number in [0, 0.25) so that every layer's sparsity"},
        Bad{"OwlLambdaNegative", [](Recipe& r) { r.pruning.allocation = Allocation::owl; r.pruning.owl.lambda = -0.1; },
            "pruning.owl.lambda", "got -0.1"},
        Bad{"EmptyTargetPattern", [](Recipe& r) { r.pruning.targets = {"model.layers.*", ""}; }, "pruning.targets[1]",
            "expected a glob pattern, got an empty text"},
        Bad{"EmptyIgnorePattern", [](Recipe& r) { r.pruning.ignore = {""}; }, "pruning.ignore[0]",
            "expected a glob pattern"},
        Bad{"NoCalibrationSamples", [](Recipe& r) { r.pruning.calibration.samples = 0; }, "pruning.calibration.samples",
            ">= 1, got 0"},
        Bad{"NoCalibrationLength", [](Recipe& r) { r.pruning.calibration.seq_len = -3; }, "pruning.calibration.seq_len",
            ">= 1, got -3"},
        Bad{"ZeroSparseGptBlock", [](Recipe& r) { r.pruning.sparsegpt.block_size = 0; }, "pruning.sparsegpt.block_size",
            ">= 1, got 0"},
        Bad{"ZeroDampening", [](Recipe& r) { r.pruning.sparsegpt.dampening = 0; }, "pruning.sparsegpt.dampening",
            "expected a number > 0, got 0"},
        // Pruning: when.
        Bad{"ConstantWithAMethod", [](Recipe& r) { r.pruning.schedule.kind = ScheduleKind::constant; },
            "pruning.schedule.kind", "constant prunes nothing"},
        Bad{"GradualWithoutMethod",
            [](Recipe& r) {
              r.pruning.method = PruningMethod::none; r.pruning.sparsity = 0;
              r.pruning.schedule = {ScheduleKind::cubic, 0, 50, 0, 1, {}};
            },
            "pruning.schedule.kind", "cubic needs a pruning method; pruning.method is none"},
        Bad{"GradualWithNOfM",
            [](Recipe& r) {
              r.pruning.structure = {2, 4}; r.pruning.sparsity = 0;
              r.pruning.schedule = {ScheduleKind::linear, 0, 50, 0, 1, {}};
            },
            "pruning.schedule.kind", "linear needs unstructured sparsity"},
        Bad{"NegativeStartStep", [](Recipe& r) { r.pruning.schedule.start_step = -1; }, "pruning.schedule.start_step",
            ">= 0, got -1"},
        Bad{"ZeroUpdateEvery", [](Recipe& r) { r.pruning.schedule.update_every = 0; }, "pruning.schedule.update_every",
            ">= 1, got 0"},
        Bad{"OneShotAfterTheLastStep", [](Recipe& r) { r.pruning.schedule.start_step = 200; },
            "pruning.schedule.start_step", "expected a step before training.steps (100) so that pruning happens, got 200"},
        Bad{"EndStepBeforeStartStep", [](Recipe& r) { r.pruning.schedule = {ScheduleKind::cubic, 50, 10, 0, 1, {}}; },
            "pruning.schedule.end_step", "expected a step after start_step (50), got 10"},
        Bad{"EndStepPastTraining", [](Recipe& r) { r.pruning.schedule = {ScheduleKind::linear, 0, 500, 0, 1, {}}; },
            "pruning.schedule.end_step", "expected a step before training.steps (100) so that the last mask update happens, got 500"},
        Bad{"EndStepAtTheLastStep", [](Recipe& r) { r.pruning.schedule = {ScheduleKind::linear, 0, 100, 0, 1, {}}; },
            "pruning.schedule.end_step", "expected a step before training.steps (100) so that the last mask update happens, got 100"},
        Bad{"InitialSparsityAboveFinal",
            [](Recipe& r) { r.pruning.schedule = {ScheduleKind::cubic, 0, 50, 0.6, 1, {}}; },
            "pruning.schedule.initial_sparsity", "expected a number in [0, 0.5) (below pruning.sparsity), got 0.6"},
        Bad{"PointsWithAnotherKind", [](Recipe& r) { r.pruning.schedule.points = {{0, 0.5}}; }, "pruning.schedule.points",
            "only used with kind points; kind is oneshot"},
        Bad{"NoPoints", [](Recipe& r) { r.pruning.schedule.kind = ScheduleKind::points; }, "pruning.schedule.points",
            "expected at least one [step, sparsity] pair"},
        Bad{"PointAtANegativeStep",
            [](Recipe& r) { r.pruning.schedule = {ScheduleKind::points, 0, 0, 0, 1, {{-1, 0.5}}}; },
            "pruning.schedule.points[0]", "expected a step >= 0, got -1"},
        Bad{"PointStepsNotIncreasing",
            [](Recipe& r) { r.pruning.schedule = {ScheduleKind::points, 0, 0, 0, 1, {{10, 0.2}, {10, 0.5}}}; },
            "pruning.schedule.points[1]", "steps must increase: expected a step after 10, got 10"},
        Bad{"PointPastTraining",
            [](Recipe& r) { r.pruning.schedule = {ScheduleKind::points, 0, 0, 0, 1, {{0, 0.2}, {150, 0.5}}}; },
            "pruning.schedule.points[1]", "expected a step at most training.steps (100), got 150"},
        Bad{"PointSparsityOutOfRange",
            [](Recipe& r) {
              r.pruning.schedule = {ScheduleKind::points, 0, 0, 0, 1, {{0, 0.1}, {10, -0.2}, {20, 0.5}}};
            },
            "pruning.schedule.points[1]", "expected a sparsity in [0, 1), got -0.2"},
        Bad{"PointSparsityFalls",
            [](Recipe& r) { r.pruning.schedule = {ScheduleKind::points, 0, 0, 0, 1, {{0, 0.3}, {10, 0.2}, {20, 0.5}}}; },
            "pruning.schedule.points[1]", "sparsity cannot fall (pruned weights do not grow back): expected at least 0.3"},
        Bad{"LastPointIsNotTheSparsity",
            [](Recipe& r) { r.pruning.schedule = {ScheduleKind::points, 0, 0, 0, 1, {{0, 0.2}, {50, 0.4}}}; },
            "pruning.schedule.points", "the last point's sparsity (0.4) must equal pruning.sparsity (0.5)"},
        // Loss.
        Bad{"NegativeCe", [](Recipe& r) { r.distillation.ce = -1; }, "distillation.ce", "expected a number >= 0, got -1"},
        Bad{"NegativeKd", [](Recipe& r) { r.distillation.kd = -0.5; }, "distillation.kd", ">= 0, got -0.5"},
        Bad{"NegativeSquareHead", [](Recipe& r) { r.distillation.squarehead = -1; }, "distillation.squarehead",
            ">= 0, got -1"},
        Bad{"ZeroTemperature", [](Recipe& r) { r.distillation.temperature = 0; }, "distillation.temperature",
            "expected a number > 0, got 0"},
        Bad{"NoLossAtAll", [](Recipe& r) { r.distillation = {0, 0, 0, 1}; }, "distillation",
            "at least one of ce, kd and squarehead must be > 0 to train"},
        // Optimizer and loop.
        Bad{"NegativeSteps", [](Recipe& r) { r.training.steps = -5; r.evaluation.every = 0; }, "training.steps",
            ">= 0, got -5"},
        Bad{"NegativeEpochs", [](Recipe& r) { r.training.epochs = -1; }, "training.epochs", "expected a number >= 0, got -1"},
        Bad{"StepsAndEpochs", [](Recipe& r) { r.training.epochs = 2; }, "training.epochs",
            "set training.steps or training.epochs, not both"},
        Bad{"ZeroBatchSize", [](Recipe& r) { r.training.batch_size = 0; }, "training.batch_size",
            "expected a whole number >= 1, got 0"},
        Bad{"ZeroGradAccum", [](Recipe& r) { r.training.grad_accum = 0; }, "training.grad_accum", ">= 1, got 0"},
        Bad{"NegativeLr", [](Recipe& r) { r.training.lr = -0.001; }, "training.lr", "expected a number > 0, got -0.001"},
        Bad{"ZeroLr", [](Recipe& r) { r.training.lr = 0; }, "training.lr", "expected a number > 0, got 0"},
        Bad{"InfiniteLr", [](Recipe& r) { r.training.lr = std::numeric_limits<double>::infinity(); }, "training.lr",
            "got inf"},
        Bad{"NegativeWarmup", [](Recipe& r) { r.training.warmup_steps = -1; }, "training.warmup_steps", ">= 0, got -1"},
        Bad{"WarmupLongerThanTraining", [](Recipe& r) { r.training.warmup_steps = 200; }, "training.warmup_steps",
            "expected at most training.steps (100), got 200"},
        Bad{"NegativeWeightDecay", [](Recipe& r) { r.training.weight_decay = -0.1; }, "training.weight_decay",
            ">= 0, got -0.1"},
        Bad{"Beta1One", [](Recipe& r) { r.training.betas[0] = 1; }, "training.betas[0]",
            "expected a number in [0, 1), got 1"},
        Bad{"Beta2Negative", [](Recipe& r) { r.training.betas[1] = -0.5; }, "training.betas[1]", "got -0.5"},
        Bad{"ZeroEps", [](Recipe& r) { r.training.eps = 0; }, "training.eps", "expected a number > 0, got 0"},
        Bad{"NegativeClip", [](Recipe& r) { r.training.clip_grad_norm = -1; }, "training.clip_grad_norm", ">= 0, got -1"},
        Bad{"NegativeSeed", [](Recipe& r) { r.training.seed = -1; }, "training.seed", ">= 0, got -1"},
        Bad{"NegativeCheckpointEvery", [](Recipe& r) { r.training.checkpoint_every = -10; }, "training.checkpoint_every",
            ">= 0, got -10"},
        Bad{"UnknownDevice", [](Recipe& r) { r.training.device = "gpu"; }, "training.device",
            "expected auto, cpu, cuda or cuda:N, got 'gpu'"},
        Bad{"DeviceWithoutNumber", [](Recipe& r) { r.training.device = "cuda:"; }, "training.device", "got 'cuda:'"},
        Bad{"DeviceWithBadNumber", [](Recipe& r) { r.training.device = "cuda:x"; }, "training.device", "got 'cuda:x'"},
        // Evaluation.
        Bad{"NegativeEvaluationEvery", [](Recipe& r) { r.evaluation.every = -1; }, "evaluation.every", ">= 0, got -1"},
        Bad{"EvaluationDuringTrainingWithoutValidationData", [](Recipe& r) { r.data.validation.clear(); },
            "evaluation.every", "evaluating during training needs data.validation"},
        Bad{"UnknownTask", [](Recipe& r) { r.evaluation.tasks = {"perplexity", "gsm9k"}; }, "evaluation.tasks[1]",
            "unknown task 'gsm9k'; expected one of perplexity, gsm8k"},
        Bad{"TasksWithoutEvaluationData",
            [](Recipe& r) { r.data.validation.clear(); r.data.test.clear(); r.evaluation.every = 0; }, "evaluation.tasks",
            "need data.validation or data.test to evaluate on"},
        Bad{"ZeroMaxNewTokens", [](Recipe& r) { r.evaluation.max_new_tokens = 0; }, "evaluation.max_new_tokens",
            ">= 1, got 0"},
        Bad{"NegativeSamples", [](Recipe& r) { r.evaluation.samples = -1; }, "evaluation.samples", ">= 0, got -1"}),
    [](const auto& info) { return std::string(info.param.test_name); });

TEST(RecipeCheck, ReportsEveryProblemAndNamesARecipeWithoutAFile) {
  Recipe r = valid();
  r.source.clear();  // built in the studio, never saved
  r.pruning.sparsity = 1.2;
  r.training.batch_size = 0;
  const auto problems = r.check();
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].file(), "recipe");
  EXPECT_EQ(problems[0].field(), "pruning.sparsity");
  EXPECT_EQ(problems[1].field(), "training.batch_size");
  auto e = test::recipe_error([&] { r.validate(); });
  EXPECT_EQ(e.problems().size(), 2u);
  EXPECT_EQ(std::string(e.what()),
            "recipe: pruning.sparsity: expected a number in [0, 1), got 1.2\n"
            "recipe: training.batch_size: expected a whole number >= 1, got 0");
}

TEST(RecipeCheck, ALoadedFileIsNamedInItsProblems) {
  const auto path = test::fresh_dir() / "typo.yaml";
  test::write_file(path, "name: x\nmodel: m\ndata: {train: t.jsonl, test: t.jsonl}\npruning: {method: wanda, sparsity: 1.5}\n");
  const auto r = Recipe::from_yaml_file(path);
  auto e = test::recipe_error([&] { r.validate(); });
  EXPECT_EQ(std::string(e.what()), path.string() + ": pruning.sparsity: expected a number in [0, 1), got 1.5");
}

}  // namespace
}  // namespace sparsetune
