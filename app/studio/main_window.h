#pragma once
#include <QMainWindow>
#include <QThread>

#include "core/model/model_summary.h"

class QLabel;
class QLineEdit;
class QMenu;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QCheckBox;
class QTableView;

namespace sparsetune::widgets {
class LayerTableModel;
class ParameterChart;
}  // namespace sparsetune::widgets

namespace sparsetune::studio {

class ModelWorker;

// The studio's main window: open a model (dialog, drag and drop, recent list, built-in demo), see its
// summary, per-block parameter chart and layer table, and generate text from it.
class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  MainWindow();
  ~MainWindow() override;

  void openModel(const QString& directory);
  void openDemoModel();
  widgets::LayerTableModel* layerModel() const { return layerModel_; }
  QPlainTextEdit* output() const { return output_; }
  QPlainTextEdit* prompt() const { return prompt_; }
  QPushButton* generateButton() const { return generateButton_; }

 Q_SIGNALS:
  void requestLoad(const QString& directory);
  void requestGenerate(const QString& prompt, int maxNewTokens, bool greedy);
  void modelReady();
  void generationDone();

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildMenus();
  QWidget* buildModelPane();
  QWidget* buildGeneratePane();
  void showSummary(const ModelSummary& summary);
  void rememberRecent(const QString& directory);
  void refreshRecentMenu();
  void setBusy(bool busy, const QString& message);
  void toggleGeneration();

  QThread workerThread_;
  ModelWorker* worker_;
  widgets::LayerTableModel* layerModel_;
  QSortFilterProxyModel* layerProxy_;
  widgets::ParameterChart* chart_;
  QTableView* layerTable_;
  QLabel* summaryLabel_;
  QLabel* deviceLabel_;
  QMenu* recentMenu_;
  QPlainTextEdit* prompt_;
  QPlainTextEdit* output_;
  QSpinBox* maxTokens_;
  QCheckBox* greedy_;
  QPushButton* generateButton_;
  QLineEdit* filter_;
  bool generating_ = false;
  bool modelLoaded_ = false;
};

}  // namespace sparsetune::studio
