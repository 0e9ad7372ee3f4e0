#include "widgets/recipe_diff.h"

#include <gtest/gtest.h>

#include <QColor>
#include <QPixmap>

#include <algorithm>

#include "core/train/recipe.h"
#include "tests/widgets/qt_app.h"
#include "widgets/recipe_diff_model.h"
#include "widgets/run_table_model.h"

namespace sparsetune::widgets {
namespace {

Recipe wanda_50() {
  Recipe r;
  r.name = "wanda-50";
  r.model = "/models/llama-7b";
  r.pruning.method = PruningMethod::wanda;
  r.pruning.sparsity = 0.5;
  r.training.steps = 500;
  r.training.lr = 1e-4;
  return r;
}

Recipe sparsegpt_70() {
  Recipe r = wanda_50();
  r.name = "sparsegpt-70";
  r.pruning.method = PruningMethod::sparsegpt;
  r.pruning.sparsity = 0.7;
  r.pruning.schedule.kind = ScheduleKind::points;
  r.pruning.schedule.points = {{0, 0.5}, {100, 0.7}};
  r.pruning.ignore = {"lm_head", "*.q_proj"};
  return r;
}

const RecipeDiffRow* row(const std::vector<RecipeDiffRow>& rows, const std::string& field) {
  const auto it = std::find_if(rows.begin(), rows.end(), [&](const RecipeDiffRow& r) { return r.field == field; });
  return it == rows.end() ? nullptr : &*it;
}

std::vector<std::string> values(const std::vector<RecipeDiffRow>& rows, const std::string& field) {
  const RecipeDiffRow* r = row(rows, field);
  return r ? r->values : std::vector<std::string>{};
}

TEST(RecipeDifferences, FlattensRecipesIntoDottedFields) {
  const auto rows = recipe_differences({wanda_50().to_yaml(), sparsegpt_70().to_yaml()});
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.front().field, "name");  // the recipe's own order
  EXPECT_EQ(values(rows, "pruning.method"), (std::vector<std::string>{"wanda", "sparsegpt"}));
  EXPECT_EQ(values(rows, "pruning.schedule.kind"), (std::vector<std::string>{"oneshot", "points"}));
  EXPECT_EQ(values(rows, "pruning.schedule.points"), (std::vector<std::string>{"[]", "[[0, 0.5], [100, 0.7]]"}));
  EXPECT_EQ(values(rows, "pruning.ignore"), (std::vector<std::string>{"[lm_head]", "[lm_head, *.q_proj]"}));
  EXPECT_EQ(values(rows, "training.betas"), (std::vector<std::string>{"[0.9, 0.999]", "[0.9, 0.999]"}));
  EXPECT_EQ(values(rows, "training.steps"), (std::vector<std::string>{"500", "500"}));
  EXPECT_EQ(row(rows, "pruning"), nullptr);  // maps are paths, not values
  EXPECT_NE(row(rows, "pruning.owl.lambda"), nullptr);
}

TEST(RecipeDifferences, MarksTheFieldsThatDiffer) {
  const auto rows = recipe_differences({wanda_50().to_yaml(), sparsegpt_70().to_yaml(), wanda_50().to_yaml()});
  std::vector<std::string> differing;
  for (const auto& r : rows)
    if (r.differs) differing.push_back(r.field);
  EXPECT_EQ(differing, (std::vector<std::string>{"name", "pruning.method", "pruning.sparsity", "pruning.ignore",
                                                 "pruning.schedule.kind", "pruning.schedule.points"}));
  EXPECT_FALSE(row(rows, "training.lr")->differs);
  EXPECT_EQ(row(rows, "training.lr")->values.size(), 3u);
}

TEST(RecipeDifferences, FieldsOnlySomeRecipesHaveComeLastAndAreMissingElsewhere) {
  const std::string older = "name: old\npruning:\n  method: magnitude\n";
  const std::string newer = "name: new\nnotes: tuned\npruning:\n  method: magnitude\n  allocation: owl\n";
  const auto rows = recipe_differences({older, newer});
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].field, "name");
  EXPECT_EQ(rows[1].field, "pruning.method");
  EXPECT_FALSE(rows[1].differs);
  EXPECT_EQ(rows[2].field, "notes");
  EXPECT_EQ(rows[2].values, (std::vector<std::string>{kMissingValue, "tuned"}));
  EXPECT_TRUE(rows[2].differs);
  EXPECT_EQ(rows[3].field, "pruning.allocation");
}

TEST(RecipeDifferences, BrokenOrEmptyYaml) {
  const auto rows = recipe_differences({"name: a\n", "name: [unclosed\n", ""});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].values, (std::vector<std::string>{"a", kMissingValue, kMissingValue}));
  EXPECT_EQ(rows[1].field, "(yaml error)");
  EXPECT_NE(rows[1].values[1], kMissingValue);
  EXPECT_TRUE(recipe_differences({}).empty());
}

class RecipeDiffModelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { test::qt_app(); }

  static RunSummary run(int64_t id, const Recipe& recipe, double final_loss, double min_loss, double accuracy) {
    RunSummary s;
    s.run.id = id;
    s.run.name = recipe.name;
    s.run.recipe_yaml = recipe.to_yaml();
    s.metrics["loss/total"] = {500, 499, final_loss, min_loss, 3.2};
    s.latest_evals = {{499, "gsm8k", "exact_match", accuracy}};
    return s;
  }

  static int row_of(const RecipeDiffModel& model, const QString& field) {
    for (int r = 0; r < model.rowCount(); ++r)
      if (model.data(model.index(r, 0), Qt::DisplayRole).toString() == field) return r;
    return -1;
  }
  static QString cell(const RecipeDiffModel& model, const QString& field, int run) {
    return model.data(model.index(row_of(model, field), 1 + run), Qt::DisplayRole).toString();
  }
};

TEST_F(RecipeDiffModelTest, OneColumnPerRunAndResultRowsAfterTheRecipe) {
  RecipeDiffModel model;
  model.setRuns({run(4, wanda_50(), 2.3, 2.1, 0.31), run(7, sparsegpt_70(), 2.5, 2.4, 0.28)});
  ASSERT_EQ(model.columnCount(), 3);
  EXPECT_EQ(model.headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(), "Field");
  EXPECT_EQ(model.headerData(1, Qt::Horizontal, Qt::DisplayRole).toString(), "wanda-50");
  EXPECT_EQ(model.headerData(2, Qt::Horizontal, Qt::DisplayRole).toString(), "sparsegpt-70");
  const auto swatch = model.headerData(2, Qt::Horizontal, Qt::DecorationRole).value<QPixmap>();
  EXPECT_EQ(swatch.toImage().pixelColor(6, 6), RunTableModel::runColor(7));
  EXPECT_EQ(cell(model, "pruning.method", 0), "wanda");
  EXPECT_EQ(cell(model, "pruning.method", 1), "sparsegpt");
  EXPECT_EQ(cell(model, "loss/total final", 0), "2.3");
  EXPECT_EQ(cell(model, "loss/total min", 0), "2.1");
  EXPECT_EQ(cell(model, "loss/total min", 1), "2.4");
  EXPECT_EQ(cell(model, "loss/total max", 1), "3.2");
  EXPECT_EQ(cell(model, "gsm8k exact_match latest evaluation", 1), "0.28");
  const int method = row_of(model, "pruning.method");
  const int loss = row_of(model, "loss/total final");
  EXPECT_LT(method, loss);
  EXPECT_FALSE(model.data(model.index(method, 0), RecipeDiffModel::kIsResultRole).toBool());
  EXPECT_TRUE(model.data(model.index(loss, 0), RecipeDiffModel::kIsResultRole).toBool());
  EXPECT_TRUE(model.data(model.index(method, 1), Qt::BackgroundRole).isValid());  // differs: tinted
  EXPECT_FALSE(model.data(model.index(row_of(model, "training.lr"), 1), Qt::BackgroundRole).isValid());
}

TEST_F(RecipeDiffModelTest, DifferencesOnlyHidesWhatEveryRunShares) {
  RecipeDiffModel model;
  model.setRuns({run(4, wanda_50(), 2.3, 2.1, 0.31), run(7, sparsegpt_70(), 2.5, 2.4, 0.28)});
  const int all_rows = model.rowCount();
  model.setDifferencesOnly(true);
  EXPECT_TRUE(model.differencesOnly());
  EXPECT_LT(model.rowCount(), all_rows);
  EXPECT_EQ(row_of(model, "training.lr"), -1);
  EXPECT_EQ(row_of(model, "loss/total max"), -1);  // both runs started at 3.2
  EXPECT_GE(row_of(model, "pruning.sparsity"), 0);
  EXPECT_GE(row_of(model, "loss/total min"), 0);
  model.setDifferencesOnly(false);
  EXPECT_EQ(model.rowCount(), all_rows);
}

TEST_F(RecipeDiffModelTest, SetMetricsReplacesTheResultRows) {
  RecipeDiffModel model;
  model.setRuns({run(4, wanda_50(), 2.3, 2.1, 0.31), run(7, sparsegpt_70(), 2.5, 2.4, 0.28)});
  model.setMetrics({{{"loss/kd", {10, 9, 0.5, 0.4, 1.0}}, {"loss/total", {10, 9, 2.0, 1.9, 3.0}}},
                    {{"loss/total", {10, 9, 2.2, 2.0, 3.1}}}});
  EXPECT_EQ(cell(model, "loss/total final", 0), "2");
  EXPECT_EQ(cell(model, "loss/total final", 1), "2.2");
  EXPECT_EQ(cell(model, "loss/kd min", 0), "0.4");
  EXPECT_EQ(cell(model, "loss/kd min", 1), QString::fromUtf8(kMissingValue));
  EXPECT_GE(row_of(model, "loss/total max"), 0);
  EXPECT_EQ(cell(model, "gsm8k exact_match latest evaluation", 0), "0.31");  // evaluations stay
}

}  // namespace
}  // namespace sparsetune::widgets
