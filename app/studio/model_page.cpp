#include "app/studio/model_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QProgressBar>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <filesystem>

#include "app/studio/model_worker.h"
#include "core/prune/sparsity_allocation.h"
#include "core/util/error.h"
#include "core/util/resources.h"
#include "widgets/layer_table_model.h"
#include "widgets/parameter_chart.h"
#include "widgets/sensitivity_view.h"

namespace sparsetune::studio {

namespace {
bool is_demo_model(const std::filesystem::path& dir) {
  try {
    std::error_code ec;
    return std::filesystem::equivalent(dir, demo_model_dir(), ec);
  } catch (const Error&) {
    return false;  // no resources folder: no demo to compare with
  }
}
}  // namespace

ModelPage::ModelPage(ModelWorker* worker, QWidget* parent) : QWidget(parent), worker_(worker) {
  auto* layout = new QVBoxLayout(this);
  summaryLabel_ = new QLabel(tr("No model loaded. Open a Hugging Face model folder (Ctrl+O), drop one on the window, or "
                                "open the built-in demo (Ctrl+D)."),
                             this);
  summaryLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  summaryLabel_->setWordWrap(true);
  layout->addWidget(summaryLabel_);
  tabs_ = new QTabWidget(this);
  tabs_->addTab(buildLayersTab(), tr("Layers"));
  tabs_->addTab(buildSensitivityTab(), tr("Sensitivity"));
  tabs_->addTab(buildGenerateTab(), tr("Generate"));
  layout->addWidget(tabs_, 1);

  connect(worker_, &ModelWorker::textGenerated, this, [this](const QString& text) { output_->setPlainText(text); });
  connect(worker_, &ModelWorker::generationFinished, this, [this](int tokens, double tps, bool stopped) {
    generating_ = false;
    generateButton_->setText(tr("Generate"));
    Q_EMIT statusMessage((stopped ? tr("Stopped after %1 tokens (%2 tokens/s)") : tr("%1 new tokens, %2 tokens/s"))
                             .arg(tokens)
                             .arg(tps, 0, 'f', 1));
    Q_EMIT generationDone();
  });
  connect(worker_, &ModelWorker::generationFailed, this, [this](const QString& message) {
    generating_ = false;
    generateButton_->setText(tr("Generate"));
    Q_EMIT statusMessage(tr("Generation failed"));
    QMessageBox::warning(this, tr("Generation failed"), message);
  });
}

QWidget* ModelPage::buildLayersTab() {
  auto* tab = new QWidget(this);
  auto* layout = new QVBoxLayout(tab);
  auto* splitter = new QSplitter(Qt::Vertical, tab);
  chart_ = new widgets::ParameterChart(splitter);
  auto* tablePane = new QWidget(splitter);
  auto* tableLayout = new QVBoxLayout(tablePane);
  tableLayout->setContentsMargins(0, 0, 0, 0);
  filter_ = new QLineEdit(tablePane);
  filter_->setPlaceholderText(tr("Filter layers (e.g. mlp, layers.3, q_proj)"));
  filter_->setClearButtonEnabled(true);
  tableLayout->addWidget(filter_);
  layerModel_ = new widgets::LayerTableModel(tablePane);
  layerProxy_ = new QSortFilterProxyModel(tablePane);
  layerProxy_->setSourceModel(layerModel_);
  layerProxy_->setSortRole(Qt::UserRole);
  layerProxy_->setFilterKeyColumn(widgets::LayerTableModel::Path);
  layerProxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  connect(filter_, &QLineEdit::textChanged, layerProxy_, &QSortFilterProxyModel::setFilterFixedString);
  layerTable_ = new QTableView(tablePane);
  layerTable_->setModel(layerProxy_);
  layerTable_->setSortingEnabled(true);
  layerTable_->sortByColumn(-1, Qt::AscendingOrder);
  layerTable_->setSelectionBehavior(QAbstractItemView::SelectRows);
  layerTable_->verticalHeader()->setVisible(false);
  layerTable_->horizontalHeader()->setSectionResizeMode(widgets::LayerTableModel::Path, QHeaderView::Stretch);
  tableLayout->addWidget(layerTable_);
  splitter->addWidget(chart_);
  splitter->addWidget(tablePane);
  splitter->setStretchFactor(0, 2);
  splitter->setStretchFactor(1, 3);
  layout->addWidget(splitter);
  return tab;
}

QWidget* ModelPage::buildSensitivityTab() {
  auto* tab = new QWidget(this);
  auto* layout = new QVBoxLayout(tab);
  auto* row = new QHBoxLayout;
  row->addWidget(new QLabel(tr("Data"), tab));
  sensitivityData_ = new QLineEdit(tab);
  sensitivityData_->setPlaceholderText(tr("Text or JSONL the loss is measured on (e.g. the recipe's training data)"));
  row->addWidget(sensitivityData_, 1);
  auto* browse = new QPushButton(tr("Browse…"), tab);
  row->addWidget(browse);
  row->addWidget(new QLabel(tr("Sequences"), tab));
  sensitivitySamples_ = new QSpinBox(tab);
  sensitivitySamples_->setRange(1, 4096);
  sensitivitySamples_->setValue(16);
  row->addWidget(sensitivitySamples_);
  sensitivityMethod_ = new QComboBox(tab);
  sensitivityMethod_->addItems({QStringLiteral("magnitude"), QStringLiteral("wanda")});
  sensitivityMethod_->setToolTip(tr("How each layer is pruned for the measurement"));
  row->addWidget(sensitivityMethod_);
  analyzeButton_ = new QPushButton(tr("Analyze"), tab);
  analyzeButton_->setEnabled(false);
  row->addWidget(analyzeButton_);
  layout->addLayout(row);
  sensitivityProgress_ = new QProgressBar(tab);
  sensitivityProgress_->hide();
  layout->addWidget(sensitivityProgress_);
  sensitivity_ = new widgets::SensitivityView(tab);
  layout->addWidget(sensitivity_, 1);

  connect(browse, &QPushButton::clicked, this, [this] {
    const QString file = QFileDialog::getOpenFileName(this, tr("Data to measure the loss on"), sensitivityData_->text(),
                                                      tr("Data (*.jsonl *.txt);;All files (*)"));
    if (!file.isEmpty()) sensitivityData_->setText(file);
  });
  connect(analyzeButton_, &QPushButton::clicked, this, [this] {
    if (analyzing_)
      worker_->requestStop();
    else
      analyzeSensitivity();
  });
  connect(worker_, &ModelWorker::sensitivityProgress, this, [this](qint64 done, qint64 total, const QString& layer) {
    sensitivityProgress_->setRange(0, static_cast<int>(total));
    sensitivityProgress_->setValue(static_cast<int>(done));
    sensitivityProgress_->setFormat(tr("%p% · %1").arg(layer));
  });
  const auto finish = [this] {
    analyzing_ = false;
    analyzeButton_->setText(tr("Analyze"));
    sensitivityProgress_->hide();
  };
  connect(worker_, &ModelWorker::sensitivityReady, this, [this, finish](const QString& json) {
    finish();
    showStoredSensitivity(json);
    Q_EMIT statusMessage(tr("Sensitivity analysis stored for this model"));
    Q_EMIT sensitivityDone(true);
  });
  connect(worker_, &ModelWorker::sensitivityFailed, this, [this, finish](const QString& message) {
    finish();
    Q_EMIT statusMessage(tr("Sensitivity analysis stopped"));
    if (!message.contains(QStringLiteral("cancelled"))) QMessageBox::warning(this, tr("Sensitivity analysis failed"), message);
    Q_EMIT sensitivityDone(false);
  });
  return tab;
}

void ModelPage::analyzeSensitivity() {
  if (!loaded_ || analyzing_) return;
  analyzing_ = true;
  analyzeButton_->setText(tr("Stop"));
  sensitivityProgress_->setRange(0, 0);
  sensitivityProgress_->show();
  QMetaObject::invokeMethod(worker_, "analyzeSensitivity", Qt::QueuedConnection, Q_ARG(QString, sensitivityData_->text()),
                            Q_ARG(QString, database_), Q_ARG(QList<double>, QList<double>({0.3, 0.5, 0.7, 0.9})),
                            Q_ARG(int, sensitivitySamples_->value()), Q_ARG(QString, sensitivityMethod_->currentText()));
}

void ModelPage::showStoredSensitivity(const QString& analysisJson) {
  if (analysisJson.isEmpty()) {
    sensitivity_->clear();
    return;
  }
  try {
    sensitivity_->setAnalysis(sensitivity_from_json(analysisJson.toStdString()));
  } catch (const std::exception& e) {
    Q_EMIT statusMessage(QString::fromStdString(e.what()));
  }
}

QWidget* ModelPage::buildGenerateTab() {
  auto* tab = new QWidget(this);
  auto* layout = new QVBoxLayout(tab);
  layout->addWidget(new QLabel(tr("Prompt"), tab));
  prompt_ = new QPlainTextEdit(tab);
  prompt_->setPlaceholderText(tr("Type a prompt, then Ctrl+Return"));
  layout->addWidget(prompt_, 1);
  auto* form = new QFormLayout;
  maxTokens_ = new QSpinBox(tab);
  maxTokens_->setRange(1, 4096);
  maxTokens_->setValue(64);
  form->addRow(tr("Max new tokens"), maxTokens_);
  greedy_ = new QCheckBox(tr("Greedy (otherwise sample at temperature 1)"), tab);
  greedy_->setChecked(true);
  form->addRow(greedy_);
  layout->addLayout(form);
  generateButton_ = new QPushButton(tr("Generate"), tab);
  generateButton_->setShortcut(QKeySequence(tr("Ctrl+Return")));
  generateButton_->setEnabled(false);
  connect(generateButton_, &QPushButton::clicked, this, &ModelPage::toggleGeneration);
  layout->addWidget(generateButton_);
  layout->addWidget(new QLabel(tr("Output"), tab));
  output_ = new QPlainTextEdit(tab);
  output_->setReadOnly(true);
  layout->addWidget(output_, 2);
  return tab;
}

void ModelPage::toggleGeneration() {
  if (generating_) {
    worker_->requestStop();
    return;
  }
  generating_ = true;
  generateButton_->setText(tr("Stop"));
  output_->clear();
  Q_EMIT statusMessage(tr("Generating…"));
  QMetaObject::invokeMethod(worker_, "generate", Qt::QueuedConnection, Q_ARG(QString, prompt_->toPlainText()),
                            Q_ARG(int, maxTokens_->value()), Q_ARG(bool, greedy_->isChecked()));
}

void ModelPage::showSummary(const ModelSummary& s) {
  summary_ = s;
  loaded_ = true;
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
  analyzeButton_->setEnabled(true);
  // The demo's own training data is the natural default; another model keeps what was typed.
  if (is_demo_model(s.path)) sensitivityData_->setText(QString::fromStdString((demo_data_dir() / "train.jsonl").string()));
}

}  // namespace sparsetune::studio
