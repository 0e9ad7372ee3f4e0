#include "app/studio/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>

#include <algorithm>

#include "app/studio/export_dialog.h"
#include "app/studio/language.h"
#include "app/studio/layers_page.h"
#include "app/studio/model_page.h"
#include "app/studio/model_worker.h"
#include "app/studio/profile_page.h"
#include "app/studio/recipe_page.h"
#include "app/studio/report_dialog.h"
#include "app/studio/runs_page.h"
#include "app/studio/store_watcher.h"
#include "app/studio/training_page.h"
#include "app/studio/training_worker.h"
#include "widgets/run_table_model.h"
#include "core/store/run_store.h"
#include "core/util/machine.h"
#include "core/util/resources.h"

namespace sparsetune::studio {

namespace {
constexpr int kMaxRecent = 8;
}

MainWindow::MainWindow(const QString& database)
    : modelWorker_(new ModelWorker), trainingWorker_(new TrainingWorker), watcher_(new StoreWatcher(this)) {
  setWindowTitle(tr("sparsetune studio"));
  setAcceptDrops(true);
  modelWorker_->moveToThread(&modelThread_);
  connect(&modelThread_, &QThread::finished, modelWorker_, &QObject::deleteLater);
  trainingWorker_->moveToThread(&trainThread_);
  connect(&trainThread_, &QThread::finished, trainingWorker_, &QObject::deleteLater);
  connect(this, &MainWindow::requestLoad, modelWorker_, &ModelWorker::loadModel);
  connect(this, &MainWindow::requestRun, trainingWorker_, &TrainingWorker::start);

  modelPage_ = new ModelPage(modelWorker_, this);
  recipePage_ = new RecipePage(this);
  trainingPage_ = new TrainingPage(this);
  layersPage_ = new LayersPage(this);
  profilePage_ = new ProfilePage(this);
  runsPage_ = new RunsPage(this);

  pageList_ = new QListWidget(this);
  pages_ = new QStackedWidget(this);
  const std::pair<QString, QWidget*> pages[] = {{tr("Model"), modelPage_},     {tr("Recipe"), recipePage_},
                                                {tr("Training"), trainingPage_}, {tr("Layers"), layersPage_},
                                                {tr("Profile"), profilePage_},   {tr("Runs"), runsPage_}};
  for (const auto& [name, page] : pages) {
    pageList_->addItem(name);
    pages_->addWidget(page);
  }
  pageList_->setFixedWidth(pageList_->sizeHintForColumn(0) + 32);
  connect(pageList_, &QListWidget::currentRowChanged, pages_, &QStackedWidget::setCurrentIndex);
  auto* central = new QWidget(this);
  auto* layout = new QHBoxLayout(central);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(pageList_);
  layout->addWidget(pages_, 1);
  setCentralWidget(central);
  buildMenusAndToolBar();
  pageList_->setCurrentRow(Model);

  deviceLabel_ = new QLabel(this);
  runLabel_ = new QLabel(this);
  progressBar_ = new QProgressBar(this);
  progressBar_->setMaximumWidth(220);
  progressBar_->hide();
  statusBar()->addPermanentWidget(runLabel_);
  statusBar()->addPermanentWidget(progressBar_);
  statusBar()->addPermanentWidget(deviceLabel_);
  statusBar()->showMessage(tr("Open a model folder (Ctrl+O), drop one here, or open the built-in demo (Ctrl+D)."));

  // Model worker.
  connect(modelWorker_, &ModelWorker::devicesProbed, this, [this](const QString& text, bool cuda, const QStringList& gpus) {
    deviceLabel_->setText(text);
    deviceLabel_->setStyleSheet(cuda ? QString() : QStringLiteral("color: #8a5a00;"));
    recipePage_->setDevices(gpus, cuda ? QString() : text);
  });
  connect(modelWorker_, &ModelWorker::modelLoaded, this, [this](const ModelSummary& summary) {
    modelPage_->showSummary(summary);
    modelPage_->setDatabase(watcher_->path());
    QString stored;
    if (watcher_->store() != nullptr) {
      try {
        if (const auto analysis = watcher_->store()->latest_sensitivity(model_fingerprint(summary.path)))
          stored = QString::fromStdString(sensitivity_to_json(*analysis));
      } catch (const std::exception& e) {
        statusBar()->showMessage(QString::fromStdString(e.what()));
      }
    }
    modelPage_->showStoredSensitivity(stored);
    recipePage_->setOpenedModel(QString::fromStdString(summary.path));
    rememberRecent(QString::fromStdString(summary.path));
    setWindowTitle(tr("%1 — sparsetune studio").arg(QFileInfo(QString::fromStdString(summary.path)).fileName()));
    setBusy(false, tr("Loaded %1").arg(QString::fromStdString(summary.path)));
    Q_EMIT modelReady();
  });
  connect(modelWorker_, &ModelWorker::loadFailed, this, [this](const QString& dir, const QString& message) {
    setBusy(false, tr("Could not open %1").arg(dir));
    QMessageBox::critical(this, tr("Could not open model"), message);
  });
  connect(modelPage_, &ModelPage::generationDone, this, &MainWindow::generationDone);
  connect(modelPage_, &ModelPage::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m); });
  connect(layersPage_, &LayersPage::weightRequested, modelWorker_, &ModelWorker::inspectWeight);
  connect(modelWorker_, &ModelWorker::weightInspected, layersPage_, &LayersPage::showWeight);
  connect(modelWorker_, &ModelWorker::weightFailed, layersPage_, &LayersPage::showWeightError);
  connect(profilePage_, &ProfilePage::profileRequested, this, [this](const QString& dir, qint64 run, int threads, const QString& values) {
    profilePage_->setProfiling(true, tr("Profiling %1 with %2 threads…").arg(dir).arg(threads));
    QMetaObject::invokeMethod(modelWorker_, "profileModel", Qt::QueuedConnection, Q_ARG(QString, dir), Q_ARG(QString, watcher_->path()),
                              Q_ARG(qint64, run), Q_ARG(int, threads), Q_ARG(QString, values));
  });
  connect(modelWorker_, &ModelWorker::profileFinished, this, [this](const QString& summary) {
    profilePage_->setProfiling(false, summary);
    if (watcher_->store() != nullptr) profilePage_->refresh(*watcher_->store());
  });
  connect(modelWorker_, &ModelWorker::profileFailed, this, [this](const QString& message) {
    profilePage_->setProfiling(false, message);
    QMessageBox::warning(this, tr("Profiling failed"), message);
  });

  // Training worker.
  connect(trainingWorker_, &TrainingWorker::started, this, [this](qint64 run) {
    ownRun_ = run;
    followRun(run);
    Q_EMIT runStarted(run);
  });
  connect(trainingWorker_, &TrainingWorker::progress, this, [this](qint64 run, const QString& phase, qint64 done, qint64 total, double eta) {
    if (currentRun_ == run) trainingPage_->setProgress(phase, done, total, eta);
    progressBar_->setRange(0, static_cast<int>(std::max<qint64>(total, 1)));
    progressBar_->setValue(static_cast<int>(done));
    progressBar_->setFormat(QStringLiteral("%1 %p%").arg(phase));
  });
  connect(trainingWorker_, &TrainingWorker::stopped, this, [this](qint64 run, const QString& status, const QString& modelDir) {
    training_ = false;
    updateRunActions();
    onStoreChanged();
    statusBar()->showMessage(status == "finished" ? tr("Run %1 finished; model written to %2").arg(run).arg(modelDir)
                                                  : tr("Run %1 %2; resume continues from its checkpoint").arg(run).arg(status));
    Q_EMIT runStopped(run, status);
  });
  connect(trainingWorker_, &TrainingWorker::failed, this, [this](qint64 run, const QString& message) {
    training_ = false;
    updateRunActions();
    onStoreChanged();
    QMessageBox::critical(this, run > 0 ? tr("Run %1 failed").arg(run) : tr("The run could not start"), message);
    Q_EMIT runStopped(run, QStringLiteral("failed"));
  });
  connect(trainingPage_, &TrainingPage::pauseRequested, this, &MainWindow::pauseRun);
  connect(trainingPage_, &TrainingPage::cancelRequested, this, &MainWindow::cancelRun);
  connect(trainingPage_, &TrainingPage::resumeRequested, this, &MainWindow::resumeRun);
  connect(recipePage_, &RecipePage::startRequested, this, &MainWindow::startRun);
  connect(runsPage_, &RunsPage::openRequested, this, [this](qint64 run) {
    followRun(run);
    showPage(Training);
  });
  connect(runsPage_, &RunsPage::resumeRequested, this, [this](qint64 run) {
    followRun(run);
    resumeRun();
  });
  connect(runsPage_, &RunsPage::deleteRequested, this, [this](qint64 run) {
    if (ownRun_ == run && training_) {
      QMessageBox::information(this, tr("Run is training"), tr("Cancel run %1 before deleting it.").arg(run));
      return;
    }
    try {
      watcher_->store()->delete_run(run);
    } catch (const std::exception& e) {
      QMessageBox::warning(this, tr("Could not delete run"), QString::fromStdString(e.what()));
    }
    if (currentRun_ == run) currentRun_.reset();
    onStoreChanged();
  });

  // The database: pages re-read when anyone commits.
  connect(watcher_, &StoreWatcher::changed, this, &MainWindow::onStoreChanged);
  QString path = database;
  if (path.isEmpty()) {
    try {
      path = QString::fromStdString(RunStore::default_path().string());
    } catch (const std::exception& e) {
      QMessageBox::critical(this, tr("Run database"), QString::fromStdString(e.what()));
    }
  }
  if (!path.isEmpty() && !watcher_->open(path))
    QMessageBox::critical(this, tr("Could not open the run database"), watcher_->error());

  modelThread_.start();
  trainThread_.start();
  QMetaObject::invokeMethod(modelWorker_, &ModelWorker::probeDevices, Qt::QueuedConnection);
  updateRunActions();

  QSettings settings;
  restoreGeometry(settings.value("window/geometry").toByteArray());
  restoreState(settings.value("window/state").toByteArray());
  if (!settings.contains("window/geometry")) resize(1360, 860);
  pageList_->setCurrentRow(settings.value("window/page", Model).toInt());
}

MainWindow::~MainWindow() {
  modelWorker_->requestStop();
  trainingWorker_->requestStop(true);
  modelThread_.quit();
  trainThread_.quit();
  modelThread_.wait();
  trainThread_.wait();
}

widgets::LayerTableModel* MainWindow::layerModel() const { return modelPage_->layerModel(); }
QPlainTextEdit* MainWindow::output() const { return modelPage_->output(); }
QPlainTextEdit* MainWindow::prompt() const { return modelPage_->prompt(); }
QPushButton* MainWindow::generateButton() const { return modelPage_->generateButton(); }

void MainWindow::buildMenusAndToolBar() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* open = file->addAction(tr("&Open Model…"), this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a Hugging Face model folder"),
                                                          QSettings().value("lastDirectory", QDir::homePath()).toString());
    if (!dir.isEmpty()) openModel(dir);
  });
  open->setShortcut(QKeySequence::Open);
  QAction* demo = file->addAction(tr("Open &Demo (Model and Recipe)"), this, &MainWindow::openDemo);
  demo->setShortcut(QKeySequence(tr("Ctrl+D")));
  recentMenu_ = file->addMenu(tr("Open &Recent"));
  refreshRecentMenu();
  file->addSeparator();
  file->addAction(tr("Open Recipe…"), this, [this] { recipePage_->loadWithDialog(); });
  file->addAction(tr("Save Recipe As…"), this, [this] { recipePage_->saveWithDialog(); })->setShortcut(QKeySequence::Save);
  file->addSeparator();
  file->addAction(tr("&Export Model…"), this, &MainWindow::exportModel)->setShortcut(QKeySequence(tr("Ctrl+E")));
  file->addAction(tr("Save &Report…"), this, &MainWindow::saveReport)->setShortcut(QKeySequence(tr("Ctrl+Shift+R")));
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);

  QMenu* run = menuBar()->addMenu(tr("&Run"));
  startAction_ = run->addAction(tr("&Start"), this, &MainWindow::startRun);
  startAction_->setShortcut(QKeySequence(tr("Ctrl+R")));
  pauseAction_ = run->addAction(tr("&Pause"), this, &MainWindow::pauseRun);
  pauseAction_->setShortcut(QKeySequence(tr("Ctrl+P")));
  cancelAction_ = run->addAction(tr("&Cancel"), this, &MainWindow::cancelRun);
  cancelAction_->setShortcut(QKeySequence(tr("Ctrl+.")));
  resumeAction_ = run->addAction(tr("Res&ume"), this, &MainWindow::resumeRun);
  resumeAction_->setShortcut(QKeySequence(tr("Ctrl+Shift+U")));

  QMenu* view = menuBar()->addMenu(tr("&View"));
  for (int i = 0; i < pageList_->count(); ++i) {
    QAction* page = view->addAction(pageList_->item(i)->text(), this, [this, i] { showPage(static_cast<Page>(i)); });
    page->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
  }

  QMenu* settings = menuBar()->addMenu(tr("&Settings"));
  QMenu* language = settings->addMenu(tr("&Language"));
  auto* languages = new QActionGroup(this);
  for (const QString& code : availableLanguages()) {
    QAction* action = language->addAction(languageDisplayName(code));
    action->setCheckable(true);
    action->setChecked(code == chosenLanguage());
    languages->addAction(action);
    connect(action, &QAction::triggered, this, [this, code] {
      saveLanguage(code);
      QMessageBox::information(this, tr("Language"), tr("The new language is used from the next start of the studio."));
    });
  }

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About sparsetune"), this, [this] {
    QMessageBox::about(this, tr("About sparsetune"),
                       tr("<b>sparsetune studio</b><p>Sparse fine-tuning with SquareHead distillation and S2FT, "
                          "and sparse inference that turns sparsity into speed.</p>"));
  });

  QToolBar* tools = addToolBar(tr("Run"));
  tools->setObjectName("runToolBar");
  tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
  tools->addAction(open);
  tools->addAction(demo);
  tools->addSeparator();
  tools->addAction(startAction_);
  tools->addAction(pauseAction_);
  tools->addAction(cancelAction_);
  tools->addAction(resumeAction_);
}

void MainWindow::showPage(Page page) { pageList_->setCurrentRow(page); }
MainWindow::Page MainWindow::currentPage() const { return static_cast<Page>(pages_->currentIndex()); }

void MainWindow::openModel(const QString& directory) {
  QSettings().setValue("lastDirectory", QFileInfo(directory).absolutePath());
  setBusy(true, tr("Loading %1…").arg(directory));
  Q_EMIT requestLoad(QFileInfo(directory).absoluteFilePath());
}

void MainWindow::openDemoModel() {
  try {
    openModel(QString::fromStdString(demo_model_dir().string()));
  } catch (const std::exception& e) {
    QMessageBox::critical(this, tr("Demo model not found"), QString::fromStdString(e.what()));
  }
}

void MainWindow::openDemo() {
  try {
    recipePage_->loadFile(QString::fromStdString((resource_dir() / "demo" / "recipe.yaml").string()));
  } catch (const std::exception& e) {
    QMessageBox::critical(this, tr("Demo not found"), QString::fromStdString(e.what()));
    return;
  }
  openDemoModel();
}

bool MainWindow::startRun() {
  if (training_) {
    QMessageBox::information(this, tr("A run is training"), tr("Wait for run %1 to finish, or pause it first.").arg(ownRun_.value_or(0)));
    return false;
  }
  const QString problems = recipePage_->problems();
  if (!problems.isEmpty()) {
    showPage(Recipe);
    QMessageBox::warning(this, tr("The recipe cannot run yet"), problems);
    return false;
  }
  training_ = true;
  updateRunActions();
  trainingPage_->setProgress(tr("starting"), 0, 1, -1);
  showPage(Training);
  Q_EMIT requestRun(recipePage_->recipeYaml(), recipePage_->sourceName(), QString(), watcher_->path(), 0);
  return true;
}

void MainWindow::pauseRun() {
  if (training_) trainingWorker_->requestStop(true);
}

void MainWindow::cancelRun() {
  if (training_) trainingWorker_->requestStop(false);
}

bool MainWindow::resumeRun() {
  if (training_ || !currentRun_ || watcher_->store() == nullptr) return false;
  RunInfo info;
  try {
    info = watcher_->store()->get_run(*currentRun_);
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Cannot resume"), QString::fromStdString(e.what()));
    return false;
  }
  if (info.status == "finished" || info.status == "running") {
    QMessageBox::information(this, tr("Cannot resume"), tr("Run %1 is %2.").arg(*currentRun_).arg(QString::fromStdString(info.status)));
    return false;
  }
  training_ = true;
  updateRunActions();
  showPage(Training);
  // The run continues with the recipe it was started with, as the store keeps it.
  Q_EMIT requestRun(QString::fromStdString(info.recipe_yaml), tr("run %1").arg(*currentRun_), QString(), watcher_->path(), *currentRun_);
  return true;
}

void MainWindow::followRun(qint64 run) {
  if (watcher_->store() == nullptr) return;
  currentRun_ = run;
  RunStore& store = *watcher_->store();
  trainingPage_->showRun(store, run);
  layersPage_->showRun(store, run);
  profilePage_->showRun(store, run);
  updateRunActions();
}

void MainWindow::onStoreChanged() {
  RunStore* store = watcher_->store();
  if (store == nullptr) return;
  try {
    runsPage_->refresh(*store);
    // A run started elsewhere (the CLI) after this window opened, while it trains nothing: follow it live.
    // The runs the Runs page has just re-read; the newest has the highest id.
    const auto& runs = runsPage_->runModel()->runs();
    const auto latest = std::max_element(runs.begin(), runs.end(), [](const RunSummary& a, const RunSummary& b) { return a.run.id < b.run.id; });
    const int64_t newest = latest == runs.end() ? 0 : latest->run.id;
    if (!storeSeen_) {
      storeSeen_ = true;
      lastAutoFollowed_ = newest;
    } else if (newest > lastAutoFollowed_ && !training_ && newest != ownRun_.value_or(0)) {
      const RunInfo& run = latest->run;
      if (run.status == "created" || run.status == "running") {
        lastAutoFollowed_ = newest;
        followRun(newest);
        statusBar()->showMessage(tr("Following run %1 (%2), started outside the studio").arg(newest).arg(QString::fromStdString(run.name)));
      }
    }
    if (currentRun_) {
      trainingPage_->refresh(*store);
      layersPage_->refresh(*store);
      profilePage_->refresh(*store);
    }
  } catch (const std::exception& e) {
    statusBar()->showMessage(tr("Run database: %1").arg(QString::fromStdString(e.what())));
  }
  updateRunActions();
}

void MainWindow::updateRunActions() {
  QString status;
  if (currentRun_ && watcher_->store() != nullptr) {
    try {
      status = QString::fromStdString(watcher_->store()->get_run(*currentRun_).status);
    } catch (const std::exception&) {
      currentRun_.reset();
    }
  }
  const bool resumable = !training_ && currentRun_ && (status == "paused" || status == "cancelled" || status == "failed");
  startAction_->setEnabled(!training_);
  pauseAction_->setEnabled(training_);
  cancelAction_->setEnabled(training_);
  resumeAction_->setEnabled(resumable);
  trainingPage_->setControls(training_ && currentRun_ == ownRun_, resumable);
  progressBar_->setVisible(training_);
  runLabel_->setText(currentRun_ ? tr("run %1: %2").arg(*currentRun_).arg(status) : QString());
}

void MainWindow::exportModel() {
  if (watcher_->store() == nullptr) return;
  ExportDialog dialog(*watcher_->store(), currentRun_, this);
  connect(&dialog, &ExportDialog::exported, this, [this](const QString& folder) { statusBar()->showMessage(tr("Exported to %1").arg(folder)); });
  dialog.exec();
}

void MainWindow::saveReport() {
  if (watcher_->store() == nullptr) return;
  std::vector<int64_t> runs = runsPage_->checkedRuns();
  if (runs.empty() && currentRun_) runs.push_back(*currentRun_);
  if (runs.empty()) {
    QMessageBox::information(this, tr("Save report"), tr("Choose a run first: tick runs on the Runs page or open one."));
    return;
  }
  ReportDialog dialog(*watcher_->store(), runs, this);
  if (dialog.exec() == QDialog::Accepted) statusBar()->showMessage(tr("Report saved to %1").arg(dialog.destination()->text()));
}

void MainWindow::rememberRecent(const QString& directory) {
  QSettings settings;
  QStringList recent = settings.value("recentModels").toStringList();
  recent.removeAll(directory);
  recent.prepend(directory);
  while (recent.size() > kMaxRecent) recent.removeLast();
  settings.setValue("recentModels", recent);
  refreshRecentMenu();
}

void MainWindow::refreshRecentMenu() {
  recentMenu_->clear();
  const QStringList recent = QSettings().value("recentModels").toStringList();
  for (const QString& dir : recent) recentMenu_->addAction(dir, this, [this, dir] { openModel(dir); });
  recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::setBusy(bool busy, const QString& message) {
  statusBar()->showMessage(message);
  if (busy)
    QApplication::setOverrideCursor(Qt::BusyCursor);
  else
    while (QApplication::overrideCursor() != nullptr) QApplication::restoreOverrideCursor();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  const auto urls = event->mimeData()->urls();
  if (urls.size() == 1 && urls.front().isLocalFile() && QFileInfo(urls.front().toLocalFile()).isDir()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const auto urls = event->mimeData()->urls();
  if (urls.size() == 1) openModel(urls.front().toLocalFile());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (training_) {
    const auto answer = QMessageBox::question(this, tr("A run is training"),
                                              tr("Pause run %1 and quit? It resumes from its checkpoint later.").arg(ownRun_.value_or(0)));
    if (answer != QMessageBox::Yes) {
      event->ignore();
      return;
    }
  }
  QSettings settings;
  settings.setValue("window/geometry", saveGeometry());
  settings.setValue("window/state", saveState());
  settings.setValue("window/page", pages_->currentIndex());
  QMainWindow::closeEvent(event);
}

}  // namespace sparsetune::studio
