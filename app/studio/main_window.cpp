#include "app/studio/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

#include "app/studio/language.h"
#include "app/studio/model_worker.h"
#include "core/util/resources.h"
#include "widgets/layer_table_model.h"
#include "widgets/parameter_chart.h"

namespace sparsetune::studio {

namespace {
constexpr int kMaxRecent = 8;
}

MainWindow::MainWindow() : worker_(new ModelWorker) {
  setWindowTitle(tr("sparsetune studio"));
  setAcceptDrops(true);
  worker_->moveToThread(&workerThread_);
  connect(&workerThread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(this, &MainWindow::requestLoad, worker_, &ModelWorker::loadModel);
  connect(this, &MainWindow::requestGenerate, worker_, &ModelWorker::generate);

  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->addWidget(buildModelPane());
  splitter->addWidget(buildGeneratePane());
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  setCentralWidget(splitter);
  buildMenus();

  deviceLabel_ = new QLabel(this);
  statusBar()->addPermanentWidget(deviceLabel_);
  statusBar()->showMessage(tr("Open a model folder (Ctrl+O), drop one here, or open the built-in demo (Ctrl+D)."));

  connect(worker_, &ModelWorker::devicesProbed, this, [this](const QString& text, bool cuda) {
    deviceLabel_->setText(text);
    deviceLabel_->setStyleSheet(cuda ? QString() : QStringLiteral("color: #8a5a00;"));
  });
  connect(worker_, &ModelWorker::modelLoaded, this, [this](const ModelSummary& summary) {
    showSummary(summary);
    rememberRecent(QString::fromStdString(summary.path));
    modelLoaded_ = true;
    setBusy(false, tr("Loaded %1").arg(QString::fromStdString(summary.path)));
    Q_EMIT modelReady();
  });
  connect(worker_, &ModelWorker::loadFailed, this, [this](const QString& dir, const QString& message) {
    setBusy(false, tr("Could not open %1").arg(dir));
    QMessageBox::critical(this, tr("Could not open model"), message);
  });
  connect(worker_, &ModelWorker::textGenerated, this, [this](const QString& text) { output_->setPlainText(text); });
  connect(worker_, &ModelWorker::generationFinished, this, [this](int tokens, double tps, bool stopped) {
    generating_ = false;
    generateButton_->setText(tr("Generate"));
    setBusy(false, (stopped ? tr("Stopped after %1 tokens (%2 tokens/s)") : tr("%1 new tokens, %2 tokens/s"))
                       .arg(tokens)
                       .arg(tps, 0, 'f', 1));
    Q_EMIT generationDone();
  });
  connect(worker_, &ModelWorker::generationFailed, this, [this](const QString& message) {
    generating_ = false;
    generateButton_->setText(tr("Generate"));
    setBusy(false, tr("Generation failed"));
    QMessageBox::warning(this, tr("Generation failed"), message);
  });

  workerThread_.start();
  QMetaObject::invokeMethod(worker_, &ModelWorker::probeDevices, Qt::QueuedConnection);

  QSettings settings;
  restoreGeometry(settings.value("window/geometry").toByteArray());
  restoreState(settings.value("window/state").toByteArray());
  if (!settings.contains("window/geometry")) resize(1280, 800);
}

MainWindow::~MainWindow() {
  worker_->requestStop();
  workerThread_.quit();
  workerThread_.wait();
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* open = file->addAction(tr("&Open Model…"), this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a Hugging Face model folder"),
                                                          QSettings().value("lastDirectory", QDir::homePath()).toString());
    if (!dir.isEmpty()) openModel(dir);
  });
  open->setShortcut(QKeySequence::Open);
  QAction* demo = file->addAction(tr("Open &Demo Model"), this, &MainWindow::openDemoModel);
  demo->setShortcut(QKeySequence(tr("Ctrl+D")));
  recentMenu_ = file->addMenu(tr("Open &Recent"));
  refreshRecentMenu();
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);

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
}

QWidget* MainWindow::buildModelPane() {
  auto* pane = new QWidget(this);
  auto* layout = new QVBoxLayout(pane);
  summaryLabel_ = new QLabel(tr("No model loaded."), pane);
  summaryLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  summaryLabel_->setWordWrap(true);
  layout->addWidget(summaryLabel_);

  chart_ = new widgets::ParameterChart(pane);
  layout->addWidget(chart_, 2);

  filter_ = new QLineEdit(pane);
  filter_->setPlaceholderText(tr("Filter layers (e.g. mlp, layers.3, q_proj)"));
  filter_->setClearButtonEnabled(true);
  layout->addWidget(filter_);

  layerModel_ = new widgets::LayerTableModel(pane);
  layerProxy_ = new QSortFilterProxyModel(pane);
  layerProxy_->setSourceModel(layerModel_);
  layerProxy_->setSortRole(Qt::UserRole);
  layerProxy_->setFilterKeyColumn(widgets::LayerTableModel::Path);
  layerProxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  connect(filter_, &QLineEdit::textChanged, layerProxy_, &QSortFilterProxyModel::setFilterFixedString);
  layerTable_ = new QTableView(pane);
  layerTable_->setModel(layerProxy_);
  layerTable_->setSortingEnabled(true);
  layerTable_->sortByColumn(-1, Qt::AscendingOrder);
  layerTable_->setSelectionBehavior(QAbstractItemView::SelectRows);
  layerTable_->verticalHeader()->setVisible(false);
  layerTable_->horizontalHeader()->setSectionResizeMode(widgets::LayerTableModel::Path, QHeaderView::Stretch);
  layout->addWidget(layerTable_, 3);
  return pane;
}

QWidget* MainWindow::buildGeneratePane() {
  auto* pane = new QWidget(this);
  auto* layout = new QVBoxLayout(pane);
  layout->addWidget(new QLabel(tr("Prompt"), pane));
  prompt_ = new QPlainTextEdit(pane);
  prompt_->setPlaceholderText(tr("Type a prompt, then Ctrl+Return"));
  layout->addWidget(prompt_, 1);
  auto* form = new QFormLayout;
  maxTokens_ = new QSpinBox(pane);
  maxTokens_->setRange(1, 4096);
  maxTokens_->setValue(64);
  form->addRow(tr("Max new tokens"), maxTokens_);
  greedy_ = new QCheckBox(tr("Greedy (otherwise sample at temperature 1)"), pane);
  greedy_->setChecked(true);
  form->addRow(greedy_);
  layout->addLayout(form);
  generateButton_ = new QPushButton(tr("Generate"), pane);
  generateButton_->setShortcut(QKeySequence(tr("Ctrl+Return")));
  generateButton_->setEnabled(false);
  connect(generateButton_, &QPushButton::clicked, this, &MainWindow::toggleGeneration);
  layout->addWidget(generateButton_);
  layout->addWidget(new QLabel(tr("Output"), pane));
  output_ = new QPlainTextEdit(pane);
  output_->setReadOnly(true);
  layout->addWidget(output_, 2);
  return pane;
}

void MainWindow::toggleGeneration() {
  if (generating_) {
    worker_->requestStop();
    return;
  }
  generating_ = true;
  generateButton_->setText(tr("Stop"));
  output_->clear();
  setBusy(true, tr("Generating…"));
  Q_EMIT requestGenerate(prompt_->toPlainText(), maxTokens_->value(), greedy_->isChecked());
}

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

void MainWindow::showSummary(const ModelSummary& s) {
  const QLocale locale;
  summaryLabel_->setText(tr("<b>%1</b><br>%2 · %3 parameters (%4 M) · %5 · %6 blocks · hidden %7 · FFN %8 · "
                            "heads %9 (KV %10) · vocab %11 · context %12%13")
                             .arg(QString::fromStdString(s.path).toHtmlEscaped(), QString::fromStdString(s.architecture),
                                  locale.toString(static_cast<qlonglong>(s.parameters)))
                             .arg(static_cast<double>(s.parameters) / 1e6, 0, 'f', 2)
                             .arg(QString::fromStdString(s.dtype))
                             .arg(s.layers)
                             .arg(s.hidden_size)
                             .arg(s.intermediate_size)
                             .arg(s.heads)
                             .arg(s.kv_heads)
                             .arg(s.vocab_size)
                             .arg(s.context)
                             .arg(s.tied_embeddings ? tr(" · tied embeddings") : QString()));
  layerModel_->setLayers(s.linears);
  chart_->setLayers(s.linears);
  generateButton_->setEnabled(true);
  setWindowTitle(tr("%1 — sparsetune studio").arg(QFileInfo(QString::fromStdString(s.path)).fileName()));
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
  QSettings settings;
  settings.setValue("window/geometry", saveGeometry());
  settings.setValue("window/state", saveState());
  QMainWindow::closeEvent(event);
}

}  // namespace sparsetune::studio
