#pragma once
#include <QString>
#include <QStringList>
#include <QWidget>

#include "core/train/recipe.h"

class QLabel;
class QPushButton;

namespace sparsetune::widgets {
class RecipeEditor;
class SchedulePreview;
}  // namespace sparsetune::widgets

namespace sparsetune::studio {

// The recipe the next run uses: every field with validation as you type, the schedule preview and
// phase timeline beside it, load/save YAML, and Start.
class RecipePage : public QWidget {
  Q_OBJECT
 public:
  explicit RecipePage(QWidget* parent = nullptr);

  // Loads a recipe file; false after showing why in a dialog.
  bool loadFile(const QString& path);
  void loadWithDialog();
  void saveWithDialog();
  void setDevices(const QStringList& gpus, const QString& cudaUnavailableReason);
  // A newly opened model becomes the recipe's model (and teacher, when the recipe distils) unless the
  // recipe already names one.
  void setOpenedModel(const QString& directory);

  // Every problem check() finds, one per line; empty when the recipe can run.
  QString problems() const;
  // The recipe as YAML with absolute paths, so the store's copy resumes from anywhere.
  QString recipeYaml() const;
  QString sourceName() const;
  const Recipe& recipe() const;

  widgets::RecipeEditor* editor() const { return editor_; }
  widgets::SchedulePreview* preview() const { return preview_; }

 Q_SIGNALS:
  void startRequested();

 private:
  widgets::RecipeEditor* editor_;
  widgets::SchedulePreview* preview_;
  QPushButton* start_;
};

}  // namespace sparsetune::studio
