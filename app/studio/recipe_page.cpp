#include "app/studio/recipe_page.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLayout>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

#include "widgets/recipe_editor.h"
#include "widgets/schedule_preview.h"

namespace sparsetune::studio {

RecipePage::RecipePage(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  editor_ = new widgets::RecipeEditor(this);
  preview_ = new widgets::SchedulePreview(editor_->previewArea());
  editor_->previewArea()->layout()->addWidget(preview_);
  layout->addWidget(editor_, 1);
  auto* row = new QHBoxLayout;
  row->addStretch(1);
  start_ = new QPushButton(tr("Start run"), this);
  start_->setToolTip(tr("Start this recipe as a new run (Ctrl+R)"));
  row->addWidget(start_);
  layout->addLayout(row);
  connect(start_, &QPushButton::clicked, this, &RecipePage::startRequested);
  connect(editor_, &widgets::RecipeEditor::recipeChanged, this, [this](const Recipe& recipe, bool valid) {
    preview_->setRecipe(recipe, editor_->previewTotalSteps());
    start_->setEnabled(valid);
  });
  preview_->setRecipe(editor_->recipe(), editor_->previewTotalSteps());
  start_->setEnabled(problems().isEmpty());
}

bool RecipePage::loadFile(const QString& path) {
  QString error;
  if (!editor_->loadFile(path, &error)) {
    QMessageBox::critical(this, tr("Could not open recipe"), error);
    return false;
  }
  return true;
}

void RecipePage::loadWithDialog() { editor_->chooseAndLoad(); }

void RecipePage::saveWithDialog() { editor_->chooseAndSave(); }

void RecipePage::setDevices(const QStringList& gpus, const QString& cudaUnavailableReason) {
  editor_->setDevices(gpus, cudaUnavailableReason);
}

void RecipePage::setOpenedModel(const QString& directory) {
  Recipe recipe = editor_->recipe();
  if (!recipe.model.empty()) return;
  recipe.model = directory.toStdString();
  if (recipe.teacher.empty() && (recipe.distillation.kd > 0 || recipe.distillation.squarehead > 0)) recipe.teacher = recipe.model;
  editor_->setRecipe(recipe);
}

QString RecipePage::problems() const {
  QStringList lines;
  for (const InputError& e : editor_->recipe().check()) lines << QString::fromStdString(e.what());
  return lines.join('\n');
}

QString RecipePage::recipeYaml() const { return QString::fromStdString(editor_->recipe().to_yaml()); }

QString RecipePage::sourceName() const {
  const QString file = editor_->currentFile();
  return file.isEmpty() ? tr("recipe editor") : tr("recipe editor (%1)").arg(QFileInfo(file).fileName());
}

const Recipe& RecipePage::recipe() const { return editor_->recipe(); }

}  // namespace sparsetune::studio
