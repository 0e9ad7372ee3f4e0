#include "widgets/recipe_editor.h"

#include <gtest/gtest.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLineEdit>
#include <QLocale>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>

#include "tests/widgets/qt_app.h"

namespace sparsetune::widgets {
namespace {

class RecipeEditorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    test::qt_app();
    QLocale::setDefault(QLocale::c());  // the expected texts use "." decimals, whatever the machine's locale
  }
};

// A recipe check() accepts, to make one field bad at a time.
Recipe validRecipe() {
  Recipe r;
  r.name = "demo";
  r.model = "/models/tiny";
  r.teacher = "/models/tiny";
  r.data.train = "/data/train.jsonl";
  r.data.validation = "/data/validation.jsonl";
  r.pruning.method = PruningMethod::wanda;
  r.pruning.sparsity = 0.5;
  r.training.steps = 200;
  return r;
}

// Records every recipeChanged.
struct ChangeLog {
  explicit ChangeLog(RecipeEditor& editor) {
    QObject::connect(&editor, &RecipeEditor::recipeChanged, [this](const Recipe& recipe, bool valid) {
      ++count;
      last = recipe;
      lastValid = valid;
    });
  }
  int count = 0;
  Recipe last;
  bool lastValid = false;
};

template <class W>
W* field(const RecipeEditor& editor, const char* name) {
  auto* widget = qobject_cast<W*>(editor.fieldWidget(QString::fromLatin1(name)));
  EXPECT_NE(widget, nullptr) << name;
  return widget;
}

// What a user types into a spin box: its line edit's text, as keystrokes would leave it.
void typeInto(QAbstractSpinBox* spin, const QString& text) { spin->findChild<QLineEdit*>()->setText(text); }

TEST_F(RecipeEditorTest, ShowsEveryValueOfTheRecipe) {
  Recipe r = validRecipe();
  r.data.max_length = 384;
  r.pruning.sparsity = 0.7;
  r.pruning.targets = {"model.layers.*.mlp.*", "model.layers.*.self_attn.*"};
  r.pruning.allocation = Allocation::owl;
  r.pruning.owl.lambda = 0.05;
  r.training.lr = 8e-5;
  r.training.eps = 1e-8;
  r.training.betas = {0.9, 0.95};
  r.evaluation.tasks = {"gsm8k"};
  r.pruning.schedule.kind = ScheduleKind::points;
  r.pruning.schedule.points = {{0, 0.3}, {100, 0.7}};
  RecipeEditor editor;
  editor.setRecipe(r);

  EXPECT_EQ(field<QLineEdit>(editor, "name")->text(), "demo");
  EXPECT_EQ(field<QLineEdit>(editor, "model")->text(), "/models/tiny");
  EXPECT_EQ(field<QSpinBox>(editor, "data.max_length")->value(), 384);
  EXPECT_EQ(field<QComboBox>(editor, "pruning.method")->currentText(), "wanda");
  EXPECT_DOUBLE_EQ(field<QDoubleSpinBox>(editor, "pruning.sparsity")->value(), 70);
  EXPECT_EQ(field<QDoubleSpinBox>(editor, "pruning.sparsity")->text(), "70");
  EXPECT_EQ(field<QComboBox>(editor, "pruning.allocation")->currentText(), "owl");
  EXPECT_EQ(field<QDoubleSpinBox>(editor, "pruning.owl.lambda")->text(), "0.05");
  EXPECT_EQ(field<QLineEdit>(editor, "pruning.targets")->text(), "model.layers.*.mlp.*, model.layers.*.self_attn.*");
  EXPECT_EQ(field<QLineEdit>(editor, "pruning.ignore")->text(), "lm_head");
  EXPECT_EQ(field<QDoubleSpinBox>(editor, "training.lr")->text(), "8e-5");
  EXPECT_EQ(field<QDoubleSpinBox>(editor, "training.eps")->text(), "1e-8");
  EXPECT_DOUBLE_EQ(field<QDoubleSpinBox>(editor, "training.betas[1]")->value(), 0.95);
  EXPECT_EQ(field<QComboBox>(editor, "training.device")->currentData().toString(), "auto");

  auto* table = field<QTableWidget>(editor, "pruning.schedule.points");
  ASSERT_EQ(table->rowCount(), 2);
  EXPECT_EQ(table->item(1, 0)->text(), "100");
  EXPECT_EQ(table->item(1, 1)->text(), "70");

  const auto tasks = editor.fieldWidget("evaluation.tasks")->findChildren<QCheckBox*>();
  ASSERT_EQ(tasks.size(), 2);
  for (auto* check : tasks) EXPECT_EQ(check->isChecked(), check->text() == "gsm8k") << check->text().toStdString();

  EXPECT_EQ(editor.recipe(), r);
  EXPECT_FALSE(editor.isModified());
}

TEST_F(RecipeEditorTest, EditingASpinBoxChangesTheRecipeAndEmits) {
  RecipeEditor editor;
  editor.setRecipe(validRecipe());
  ChangeLog log(editor);

  field<QSpinBox>(editor, "training.batch_size")->setValue(16);
  EXPECT_EQ(editor.recipe().training.batch_size, 16);
  EXPECT_EQ(log.count, 1);
  EXPECT_EQ(log.last.training.batch_size, 16);
  EXPECT_TRUE(log.lastValid);
  EXPECT_TRUE(editor.isModified());

  typeInto(field<QDoubleSpinBox>(editor, "training.lr"), "3e-5");
  EXPECT_DOUBLE_EQ(editor.recipe().training.lr, 3e-5);
  EXPECT_EQ(editor.summaryText(), "Ready to run");
}

TEST_F(RecipeEditorTest, SparsityAboveOneMarksExactlyThatFieldUntilFixed) {
  RecipeEditor editor;
  editor.setRecipe(validRecipe());
  ASSERT_TRUE(editor.problemFields().isEmpty()) << editor.summaryText().toStdString();
  ChangeLog log(editor);

  auto* sparsity = field<QDoubleSpinBox>(editor, "pruning.sparsity");
  typeInto(sparsity, "120");
  EXPECT_DOUBLE_EQ(editor.recipe().pruning.sparsity, 1.2);
  EXPECT_EQ(editor.problemFields(), QStringList{"pruning.sparsity"});
  EXPECT_TRUE(editor.isFieldMarked("pruning.sparsity"));
  EXPECT_FALSE(editor.isFieldMarked("pruning.method"));
  EXPECT_TRUE(sparsity->toolTip().contains("expected a number in [0, 1)")) << sparsity->toolTip().toStdString();
  EXPECT_FALSE(log.lastValid);
  EXPECT_FALSE(editor.isValid());
  EXPECT_TRUE(editor.summaryText().startsWith("1 problem")) << editor.summaryText().toStdString();
  EXPECT_TRUE(editor.summaryText().contains("pruning.sparsity: ")) << editor.summaryText().toStdString();

  typeInto(sparsity, "60");
  EXPECT_DOUBLE_EQ(editor.recipe().pruning.sparsity, 0.6);
  EXPECT_TRUE(editor.problemFields().isEmpty());
  EXPECT_FALSE(editor.isFieldMarked("pruning.sparsity"));
  EXPECT_TRUE(log.lastValid);
  EXPECT_EQ(editor.summaryText(), "Ready to run");
}

TEST_F(RecipeEditorTest, LinearScheduleEndingBeforeItStartsMarksTheEndStep) {
  RecipeEditor editor;
  editor.setRecipe(validRecipe());
  ChangeLog log(editor);
  auto* kind = field<QComboBox>(editor, "pruning.schedule.kind");
  kind->setCurrentIndex(kind->findText("linear"));
  field<QSpinBox>(editor, "pruning.schedule.start_step")->setValue(100);
  field<QSpinBox>(editor, "pruning.schedule.end_step")->setValue(50);

  EXPECT_EQ(editor.recipe().pruning.schedule.kind, ScheduleKind::linear);
  EXPECT_EQ(editor.problemFields(), QStringList{"pruning.schedule.end_step"});
  EXPECT_TRUE(editor.isFieldMarked("pruning.schedule.end_step"));
  EXPECT_FALSE(editor.isFieldMarked("pruning.schedule.start_step"));
  EXPECT_FALSE(log.lastValid);

  field<QSpinBox>(editor, "pruning.schedule.end_step")->setValue(150);
  EXPECT_TRUE(editor.problemFields().isEmpty()) << editor.summaryText().toStdString();
  EXPECT_FALSE(editor.isFieldMarked("pruning.schedule.end_step"));
  EXPECT_TRUE(log.lastValid);
}

TEST_F(RecipeEditorTest, PointsTableEditsThePointsAndMarksCellsThatAreNotNumbers) {
  Recipe r = validRecipe();
  r.pruning.schedule.kind = ScheduleKind::points;
  r.pruning.schedule.points = {{0, 0.2}, {100, 0.5}};
  RecipeEditor editor;
  editor.setRecipe(r);
  ASSERT_TRUE(editor.isValid()) << editor.summaryText().toStdString();
  auto* table = field<QTableWidget>(editor, "pruning.schedule.points");

  table->item(0, 1)->setText("30");
  const std::vector<std::pair<int64_t, double>> edited = {{0, 0.3}, {100, 0.5}};
  EXPECT_EQ(editor.recipe().pruning.schedule.points, edited);
  EXPECT_TRUE(editor.isValid());

  table->item(1, 0)->setText("later");
  EXPECT_EQ(editor.problemFields(), QStringList{"pruning.schedule.points[1]"});
  EXPECT_TRUE(editor.isFieldMarked("pruning.schedule.points"));
  EXPECT_EQ(editor.recipe().pruning.schedule.points, edited);  // the last good points stay

  table->item(1, 0)->setText("50");
  const std::vector<std::pair<int64_t, double>> fixed = {{0, 0.3}, {50, 0.5}};
  EXPECT_EQ(editor.recipe().pruning.schedule.points, fixed);
  EXPECT_TRUE(editor.isValid()) << editor.summaryText().toStdString();

  // Sparsity must not fall: check()'s rule, marked on the table.
  table->item(1, 1)->setText("10");
  EXPECT_EQ(editor.problemFields(), (QStringList{"pruning.schedule.points[1]", "pruning.schedule.points"}));
}

TEST_F(RecipeEditorTest, NOfMStructureImpliesItsSparsity) {
  RecipeEditor editor;
  editor.setRecipe(validRecipe());
  auto* structure = qobject_cast<QComboBox*>(editor.fieldWidget("pruning.structure")->findChild<QComboBox*>());
  ASSERT_NE(structure, nullptr);
  structure->setCurrentIndex(structure->findText("4:8"));
  EXPECT_EQ(editor.recipe().pruning.structure, (SparsityStructure{4, 8}));
  EXPECT_DOUBLE_EQ(editor.recipe().pruning.sparsity, 0.5);
  EXPECT_TRUE(editor.isValid()) << editor.summaryText().toStdString();

  // Custom 5:4 keeps more weights than there are.
  structure->setCurrentIndex(structure->findText("custom N:M"));
  auto spins = editor.fieldWidget("pruning.structure")->findChildren<QSpinBox*>();
  ASSERT_EQ(spins.size(), 2);
  spins[0]->setValue(5);
  spins[1]->setValue(4);
  EXPECT_EQ(editor.recipe().pruning.structure, (SparsityStructure{5, 4}));
  EXPECT_EQ(editor.problemFields(), QStringList{"pruning.structure"});
}

TEST_F(RecipeEditorTest, TeacherCanBeTheModelItself) {
  Recipe r = validRecipe();
  r.teacher.clear();
  RecipeEditor editor;
  editor.setRecipe(r);
  EXPECT_EQ(editor.problemFields(), QStringList{"teacher"});  // squarehead is on by default

  QCheckBox* sameAsModel = nullptr;
  for (auto* check : editor.findChildren<QCheckBox*>())
    if (check->text().contains("model itself")) sameAsModel = check;
  ASSERT_NE(sameAsModel, nullptr);
  sameAsModel->setChecked(true);
  EXPECT_EQ(editor.recipe().teacher, r.model);
  EXPECT_TRUE(editor.isValid());

  field<QLineEdit>(editor, "model")->setText("/models/other");
  EXPECT_EQ(editor.recipe().teacher, std::filesystem::path("/models/other"));
  EXPECT_EQ(field<QLineEdit>(editor, "teacher")->text(), "/models/other");
}

TEST_F(RecipeEditorTest, SaveThenLoadGivesTheSameRecipe) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const std::filesystem::path root = dir.path().toStdString();
  Recipe r = validRecipe();
  r.model = root / "models" / "tiny";
  r.teacher = root / "models" / "teacher";
  r.data.train = root / "data" / "train.jsonl";
  r.data.validation = root / "data" / "validation.jsonl";
  r.output.dir = root / "out";
  r.pruning.method = PruningMethod::sparsegpt;
  r.pruning.structure = {2, 4};
  r.pruning.sparsity = 0.5;
  r.pruning.sparsegpt.dampening = 0.013;
  r.training.lr = 7.5e-5;
  r.training.betas = {0.85, 0.97};
  r.training.device = "cpu";
  r.evaluation.tasks = {"perplexity", "gsm8k"};
  r.distillation.temperature = 2;

  RecipeEditor editor;
  editor.setRecipe(r);
  field<QSpinBox>(editor, "training.warmup_steps")->setValue(7);
  r.training.warmup_steps = 7;
  const QString path = dir.filePath("recipe.yaml");
  QString error;
  ASSERT_TRUE(editor.saveFile(path, &error)) << error.toStdString();
  EXPECT_FALSE(editor.isModified());
  EXPECT_EQ(editor.currentFile(), path);

  RecipeEditor loaded;
  ChangeLog log(loaded);
  ASSERT_TRUE(loaded.loadFile(path, &error)) << error.toStdString();
  EXPECT_EQ(loaded.recipe(), r);
  EXPECT_EQ(log.count, 1);
  EXPECT_TRUE(log.lastValid) << loaded.summaryText().toStdString();
  EXPECT_EQ(field<QComboBox>(loaded, "training.device")->currentData().toString(), "cpu");
}

TEST_F(RecipeEditorTest, LoadingMalformedYamlFailsNamingTheFile) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString path = dir.filePath("broken.yaml");
  {
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("name: demo\npruning: {sparsty: 0.5\n");
  }
  RecipeEditor editor;
  editor.setRecipe(validRecipe());
  QString error;
  EXPECT_FALSE(editor.loadFile(path, &error));
  EXPECT_TRUE(error.contains("broken.yaml")) << error.toStdString();
  EXPECT_EQ(editor.recipe(), validRecipe());  // unchanged

  // Well-formed YAML with a misspelt key: every problem is reported, with a suggestion.
  {
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("name: demo\npruning:\n  sparsty: 0.5\n");
  }
  EXPECT_FALSE(editor.loadFile(path, &error));
  EXPECT_TRUE(error.contains("broken.yaml")) << error.toStdString();
  EXPECT_TRUE(error.contains("did you mean 'sparsity'")) << error.toStdString();

  EXPECT_FALSE(editor.loadFile(dir.filePath("missing.yaml"), &error));
  EXPECT_TRUE(error.contains("missing.yaml")) << error.toStdString();
}

TEST_F(RecipeEditorTest, DevicesWithoutCudaShowWhyAndFlagACudaDevice) {
  RecipeEditor editor;
  editor.setRecipe(validRecipe());
  EXPECT_TRUE(editor.deviceMessage().isEmpty());

  editor.setDevices({}, "no NVIDIA driver found");
  EXPECT_EQ(editor.deviceMessage(), "CUDA is not available: no NVIDIA driver found — training runs on the CPU.");
  auto* device = field<QComboBox>(editor, "training.device");
  ASSERT_EQ(device->count(), 2);
  EXPECT_EQ(device->itemData(1).toString(), "cpu");
  EXPECT_TRUE(editor.isValid());

  Recipe onGpu = validRecipe();
  onGpu.training.device = "cuda:0";
  editor.setRecipe(onGpu);
  EXPECT_EQ(device->currentText(), "cuda:0");  // shown as it is in the file
  EXPECT_EQ(editor.problemFields(), QStringList{"training.device"});

  editor.setDevices({"NVIDIA H200"}, {});
  EXPECT_TRUE(editor.deviceMessage().isEmpty());
  ASSERT_EQ(device->count(), 3);
  EXPECT_EQ(device->itemText(2), "cuda:0 — NVIDIA H200");
  EXPECT_EQ(device->currentIndex(), 2);
  EXPECT_TRUE(editor.isValid()) << editor.summaryText().toStdString();

  device->setCurrentIndex(1);
  EXPECT_EQ(editor.recipe().training.device, "cpu");
}

TEST_F(RecipeEditorTest, UnknownEvaluationTaskStaysVisibleUntilUnticked) {
  Recipe r = validRecipe();
  r.evaluation.tasks = {"perplexity", "mmlu"};
  RecipeEditor editor;
  editor.setRecipe(r);
  EXPECT_EQ(editor.problemFields(), QStringList{"evaluation.tasks[1]"});
  EXPECT_TRUE(editor.isFieldMarked("evaluation.tasks"));
  QCheckBox* unknown = nullptr;
  for (auto* check : editor.fieldWidget("evaluation.tasks")->findChildren<QCheckBox*>())
    if (check->text().startsWith("mmlu")) unknown = check;
  ASSERT_NE(unknown, nullptr);
  unknown->setChecked(false);
  EXPECT_EQ(editor.recipe().evaluation.tasks, std::vector<std::string>{"perplexity"});
  EXPECT_TRUE(editor.isValid());
}

TEST_F(RecipeEditorTest, PreviewStepsComeFromStepsOrFromEpochsOverTheTrainingFile) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString train = dir.filePath("train.jsonl");
  {
    QFile file(train);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    for (int i = 0; i < 100; ++i) file.write("{\"prompt\": \"q\", \"completion\": \"a\"}\n");
    file.write("\n");  // a blank line is no record
  }
  EXPECT_EQ(estimateTrainingSequences(train, 512, false), 100);
  EXPECT_EQ(estimateTrainingSequences(dir.filePath("none.jsonl"), 512, false), 0);
  EXPECT_EQ(stepsForEpochs(2, 100, 8, 4), 7);  // ceil(200 / 32)
  EXPECT_EQ(stepsForEpochs(0, 100, 8, 4), 0);

  Recipe r = validRecipe();
  RecipeEditor editor;
  editor.setRecipe(r);
  EXPECT_EQ(editor.previewTotalSteps(), 200);

  r.training.steps = 0;
  r.training.epochs = 2;
  r.data.train = train.toStdString();
  editor.setRecipe(r);
  EXPECT_EQ(editor.previewTotalSteps(), 7);
  field<QSpinBox>(editor, "training.grad_accum")->setValue(1);
  EXPECT_EQ(editor.previewTotalSteps(), 25);  // 200 / 8
}

TEST(RecipeEditorFunctions, FieldNamesPatternsAndTextEstimates) {
  EXPECT_EQ(editorFieldOf("pruning.schedule.points[3]"), "pruning.schedule.points");
  EXPECT_EQ(editorFieldOf("evaluation.tasks[0]"), "evaluation.tasks");
  EXPECT_EQ(editorFieldOf("training.betas[1]"), "training.betas[1]");
  EXPECT_EQ(editorFieldOf("pruning.sparsity"), "pruning.sparsity");

  EXPECT_EQ(splitPatterns(" a.* , b "), (std::vector<std::string>{"a.*", "b"}));
  EXPECT_EQ(splitPatterns("a,,b"), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_TRUE(splitPatterns("  ").empty());
  EXPECT_EQ(joinPatterns({"a", "b"}), "a, b");

  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString text = dir.filePath("corpus.txt");
  {
    QFile file(text);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4000, 'x'));
  }
  EXPECT_EQ(estimateTrainingSequences(text, 100, false), 10);  // 1000 tokens in windows of 100
}

}  // namespace
}  // namespace sparsetune::widgets
