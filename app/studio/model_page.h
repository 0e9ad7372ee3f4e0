#pragma once
#include <QWidget>

#include "core/model/model_summary.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QComboBox;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTabWidget;
class QTableView;

namespace sparsetune::widgets {
class LayerTableModel;
class ParameterChart;
class SensitivityView;
}  // namespace sparsetune::widgets

namespace sparsetune::studio {

class ModelWorker;

// The opened model: its summary, per-block parameter chart and filterable layer table, sensitivity
// analysis with the global target-sparsity slider, and text generation.
class ModelPage : public QWidget {
  Q_OBJECT
 public:
  ModelPage(ModelWorker* worker, QWidget* parent = nullptr);

  void showSummary(const ModelSummary& summary);
  // The database sensitivity analyses are stored in, and the latest stored one for this model (JSON,
  // empty when none): dragging the slider needs no re-run.
  void setDatabase(const QString& path) { database_ = path; }
  void showStoredSensitivity(const QString& analysisJson);
  // Starts the analysis on `dataFile` in the worker.
  void analyzeSensitivity();
  bool hasModel() const { return loaded_; }
  const ModelSummary& summary() const { return summary_; }

  widgets::LayerTableModel* layerModel() const { return layerModel_; }
  QPlainTextEdit* output() const { return output_; }
  QPlainTextEdit* prompt() const { return prompt_; }
  QPushButton* generateButton() const { return generateButton_; }
  QTabWidget* tabs() const { return tabs_; }
  widgets::SensitivityView* sensitivity() const { return sensitivity_; }
  QLineEdit* sensitivityData() const { return sensitivityData_; }
  QSpinBox* sensitivitySamples() const { return sensitivitySamples_; }

 Q_SIGNALS:
  void generationDone();
  void sensitivityDone(bool ok);
  void statusMessage(const QString& message);

 private:
  QWidget* buildLayersTab();
  QWidget* buildGenerateTab();
  QWidget* buildSensitivityTab();
  void toggleGeneration();

  ModelWorker* worker_;
  ModelSummary summary_;
  bool loaded_ = false;
  bool generating_ = false;
  QTabWidget* tabs_;
  QLabel* summaryLabel_;
  widgets::LayerTableModel* layerModel_;
  QSortFilterProxyModel* layerProxy_;
  widgets::ParameterChart* chart_;
  QTableView* layerTable_;
  QLineEdit* filter_;
  QPlainTextEdit* prompt_;
  QPlainTextEdit* output_;
  QSpinBox* maxTokens_;
  QCheckBox* greedy_;
  QPushButton* generateButton_;
  QString database_;
  bool analyzing_ = false;
  QLineEdit* sensitivityData_;
  QSpinBox* sensitivitySamples_;
  QComboBox* sensitivityMethod_;
  QPushButton* analyzeButton_;
  QProgressBar* sensitivityProgress_;
  widgets::SensitivityView* sensitivity_;
};

}  // namespace sparsetune::studio
