#pragma once
#include <QString>
#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/train/recipe.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QScrollArea;
class QSpinBox;
class QTableWidget;

namespace sparsetune::widgets {

// The editor's key for a field check() names: "pruning.schedule.points[2]" → "pruning.schedule.points"
// (the table), "training.betas[0]" stays as it is (one spin box per beta).
QString editorFieldOf(const QString& checkedField);

// Glob patterns typed as one comma-separated line; "a,,b" keeps the empty middle pattern so that
// check() can point at it.
std::vector<std::string> splitPatterns(const QString& text);
QString joinPatterns(const std::vector<std::string>& patterns);

// The optimizer steps the trainer runs for `epochs` passes over `examples` sequences, counted the way
// the trainer counts them (ceil(epochs · examples / (batch_size · grad_accum))).
int64_t stepsForEpochs(double epochs, int64_t examples, int64_t batchSize, int64_t gradAccum);

// About how many training sequences a data file makes, without tokenizing it: one per record for an
// unpacked .jsonl file; for packed data and plain text, max_length windows of ~4 bytes per token
// (typical of BPE vocabularies on English text). Only the first 16 MiB are read; the rest is
// extrapolated. 0 when the file cannot be read.
int64_t estimateTrainingSequences(const QString& path, int64_t maxLength, bool pack);

// The Recipe page's editor: every recipe field, re-checked with Recipe::check() on each edit. Fields
// with a problem get a red border and a warning icon (the message is the tooltip), and a summary
// lists the problems or says the recipe is ready to run.
class RecipeEditor : public QWidget {
  Q_OBJECT
 public:
  explicit RecipeEditor(QWidget* parent = nullptr);

  // Shows `recipe` (also one with bad values, so they can be fixed) and emits recipeChanged.
  void setRecipe(const Recipe& recipe);
  const Recipe& recipe() const { return recipe_; }
  bool isValid() const { return problems_.empty(); }
  // Whether the recipe was edited since it was set, loaded or saved.
  bool isModified() const { return modified_; }
  // The file last loaded or saved; empty when none.
  QString currentFile() const { return currentFile_; }

  // Recipe::from_yaml_file. On failure returns false and sets *error to the full message (every
  // problem, each naming the file, the field and the line).
  bool loadFile(const QString& path, QString* error);
  // Recipe::save (atomic: a failed save leaves the old file intact).
  bool saveFile(const QString& path, QString* error);

  // The devices the Device field offers: auto, cpu and "cuda:N — <name>" for each GPU. With no GPU a
  // message next to the field says why CUDA is not available and that training runs on the CPU.
  void setDevices(const QStringList& cudaDeviceNames, const QString& cudaUnavailableReason);
  // The message shown next to the Device field; empty when CUDA is available or devices are unknown.
  QString deviceMessage() const;

  // The fields with a problem, as check() names them ("pruning.sparsity", "training.betas[1]").
  QStringList problemFields() const;
  // "field: problem", one per problem.
  QStringList problems() const;
  // The summary's text: "Ready to run" or "N problems: field: problem; ...".
  QString summaryText() const;
  // The editing widget of a field (editor key, see editorFieldOf); nullptr for an unknown name.
  QWidget* fieldWidget(const QString& fieldName) const;
  // Whether the field's widget is marked as having a problem.
  bool isFieldMarked(const QString& fieldName) const;

  // An empty container (QVBoxLayout) beside the form, for the schedule preview.
  QWidget* previewArea() const { return previewArea_; }
  // The steps the schedule preview spans: training.steps, or the estimate for training.epochs
  // over data.train; 0 when the job does not train or the estimate is not possible.
  int64_t previewTotalSteps() const;

 public Q_SLOTS:
  // The Load… and Save… buttons: a file dialog, then loadFile / saveFile; problems in a message box.
  void chooseAndLoad();
  void chooseAndSave();

 Q_SIGNALS:
  void recipeChanged(const sparsetune::Recipe& recipe, bool valid);
  void fileLoaded(const QString& path);
  void fileSaved(const QString& path);

 private:
  enum class PathKind { folder, dataFile };
  struct Field {
    QWidget* editor = nullptr;
    QWidget* frame = nullptr;  // draws the problem border; none for a whole group
    QLabel* icon = nullptr;
    QString help;
  };

  QWidget* buildModelGroup();
  QWidget* buildPruningGroup();
  QWidget* buildScheduleGroup();
  QWidget* buildDistillationGroup();
  QWidget* buildTrainingGroup();
  QWidget* buildEvaluationGroup();
  QWidget* buildOutputGroup();

  // Each adds a form row bound to one recipe value through `ref`.
  QSpinBox* addInt(QFormLayout* form, const QString& label, const QString& field, std::function<int64_t&(Recipe&)> ref);
  // `scale` is 100 for a share shown in percent.
  QDoubleSpinBox* addNumber(QFormLayout* form, const QString& label, const QString& field,
                            std::function<double&(Recipe&)> ref, double scale = 1);
  QCheckBox* addBool(QFormLayout* form, const QString& text, const QString& field, std::function<bool&(Recipe&)> ref);
  QLineEdit* addText(QFormLayout* form, const QString& label, const QString& field, std::function<std::string&(Recipe&)> ref);
  QLineEdit* addPath(QFormLayout* form, const QString& label, const QString& field,
                     std::function<std::filesystem::path&(Recipe&)> ref, PathKind kind);
  QComboBox* addChoice(QFormLayout* form, const QString& label, const QString& field, const QStringList& items,
                       std::function<int(Recipe&)> get, std::function<void(Recipe&, int)> set);
  template <class E>
  QComboBox* addEnum(QFormLayout* form, const QString& label, const QString& field, std::function<E&(Recipe&)> ref);
  // The row: label, editor, warning icon; registers the editor under `field`.
  // `marked` (the editor by default) is the widget that shows the problem and that fieldWidget returns.
  void addRow(QFormLayout* form, const QString& label, const QString& field, QWidget* editor, const QString& help = {},
              QWidget* marked = nullptr);
  QLabel* registerField(const QString& field, QWidget* editor, QWidget* frame, const QString& help = {});

  void showRecipe();  // every widget from recipe_, without emitting edits
  void showStructure();
  void showTasks();
  void showPoints();
  void showDevices();
  void readPoints();
  void readTasks();
  void edited();   // after a widget changed recipe_
  void refresh();  // re-check, mark fields, update the summary and the estimates, emit recipeChanged
  void markProblems();
  void updateEnabledFields();
  void updateStepEstimate();
  void revealField(const QString& field);
  QString problemCount() const;  // "1 problem:", "3 problems:"

  Recipe recipe_;
  std::vector<InputError> problems_;
  std::vector<InputError> pointProblems_;  // cells of the points table that are not numbers
  bool showing_ = false;                   // widgets are being filled from recipe_
  bool modified_ = false;
  QString currentFile_;

  std::map<QString, Field> fields_;
  std::vector<std::function<void()>> showers_;

  QScrollArea* scroll_ = nullptr;
  QWidget* previewArea_ = nullptr;
  QLabel* summary_ = nullptr;
  QLabel* fileLabel_ = nullptr;
  QLineEdit* teacherEdit_ = nullptr;
  QCheckBox* teacherIsModel_ = nullptr;
  QComboBox* structureCombo_ = nullptr;
  QSpinBox* structureN_ = nullptr;
  QSpinBox* structureM_ = nullptr;
  QDoubleSpinBox* sparsitySpin_ = nullptr;
  QWidget* owlFields_[2] = {nullptr, nullptr};
  QWidget* gradualFields_[2] = {nullptr, nullptr};
  QTableWidget* pointsTable_ = nullptr;
  QHBoxLayout* tasksLayout_ = nullptr;
  std::vector<QCheckBox*> taskChecks_;
  QComboBox* deviceCombo_ = nullptr;
  QLabel* deviceMessage_ = nullptr;
  QLabel* stepEstimate_ = nullptr;

  bool devicesKnown_ = false;
  QStringList cudaNames_;
  QString cudaUnavailableReason_;

  // estimateTrainingSequences is cached per file state and data options.
  struct SequenceEstimate {
    QString key;
    int64_t sequences = 0;
  };
  mutable SequenceEstimate estimate_;
  int64_t estimatedSequences() const;
};

}  // namespace sparsetune::widgets
