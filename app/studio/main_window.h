#pragma once
#include <QMainWindow>
#include <QThread>

#include <cstdint>
#include <optional>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace sparsetune::widgets {
class LayerTableModel;
}

namespace sparsetune::studio {

class ModelWorker;
class TrainingWorker;
class StoreWatcher;
class ModelPage;
class RecipePage;
class TrainingPage;
class LayersPage;
class ProfilePage;
class RunsPage;

// The studio's main window: a page list on the left (Model, Recipe, Training, Layers, Profile, Runs),
// the run controls in a tool bar, and two workers on their own threads — one owns the opened model
// (generation, sensitivity, profiling, weight inspection), one runs training jobs. Pages read the run
// database through one watcher that notices commits from the worker and from the CLI alike.
class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  enum Page { Model, Recipe, Training, Layers, Profile, Runs };

  // `database` empty: the default run database (RunStore::default_path(), $SPARSETUNE_DB honoured).
  explicit MainWindow(const QString& database = QString());
  ~MainWindow() override;

  void openModel(const QString& directory);
  void openDemoModel();
  // Loads the built-in demo recipe into the recipe editor (and opens the demo model).
  void openDemo();
  void showPage(Page page);
  Page currentPage() const;

  // Starts the recipe in the editor as a new run; false (with a dialog) when it cannot start.
  bool startRun();
  void pauseRun();
  void cancelRun();
  // Continues the paused or cancelled current run from its checkpoint.
  bool resumeRun();
  // The run the Training, Layers and Profile pages show.
  void followRun(qint64 run);
  std::optional<qint64> currentRun() const { return currentRun_; }

  ModelPage* modelPage() const { return modelPage_; }
  RecipePage* recipePage() const { return recipePage_; }
  TrainingPage* trainingPage() const { return trainingPage_; }
  LayersPage* layersPage() const { return layersPage_; }
  ProfilePage* profilePage() const { return profilePage_; }
  RunsPage* runsPage() const { return runsPage_; }
  StoreWatcher* watcher() const { return watcher_; }
  ModelWorker* modelWorker() const { return modelWorker_; }

  // Kept for the tests of the model page.
  widgets::LayerTableModel* layerModel() const;
  QPlainTextEdit* output() const;
  QPlainTextEdit* prompt() const;
  QPushButton* generateButton() const;

 Q_SIGNALS:
  void requestLoad(const QString& directory);
  void requestRun(const QString& recipeYaml, const QString& sourceName, const QString& baseDir, const QString& database,
                  qint64 resumeRun);
  void modelReady();
  void generationDone();
  void runStarted(qint64 run);
  // status: finished | cancelled | paused | failed
  void runStopped(qint64 run, const QString& status);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildMenusAndToolBar();
  void rememberRecent(const QString& directory);
  void refreshRecentMenu();
  void setBusy(bool busy, const QString& message);
  void updateRunActions();
  void onStoreChanged();
  void exportModel();
  void saveReport();

  QThread modelThread_;
  QThread trainThread_;
  ModelWorker* modelWorker_;
  TrainingWorker* trainingWorker_;
  StoreWatcher* watcher_;
  QListWidget* pageList_;
  QStackedWidget* pages_;
  ModelPage* modelPage_;
  RecipePage* recipePage_;
  TrainingPage* trainingPage_;
  LayersPage* layersPage_;
  ProfilePage* profilePage_;
  RunsPage* runsPage_;
  QLabel* deviceLabel_;
  QLabel* runLabel_;
  QProgressBar* progressBar_;
  QMenu* recentMenu_;
  QAction* startAction_;
  QAction* pauseAction_;
  QAction* cancelAction_;
  QAction* resumeAction_;
  std::optional<qint64> currentRun_;
  std::optional<qint64> ownRun_;  // the run this window's worker is training
  bool training_ = false;
  bool storeSeen_ = false;
  int64_t lastAutoFollowed_ = 0;  // newest run when the window opened, then the last run it followed by itself
};

}  // namespace sparsetune::studio
