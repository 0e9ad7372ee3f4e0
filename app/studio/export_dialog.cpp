#include "app/studio/export_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QThread>
#include <QVBoxLayout>

#include <filesystem>

#include "app/studio/run_weights.h"
#include "core/store/run_store.h"

namespace sparsetune::studio {

namespace {

namespace fs = std::filesystem;

// Copies the folder under `<to>.partial` and renames it into place, so a half-written export never
// carries the final name. Throws on any failure, leaving `to` untouched.
void copy_model_folder(const fs::path& from, const fs::path& to) {
  if (fs::exists(to)) throw std::runtime_error(to.string() + " already exists; choose a new folder");
  const fs::path partial = to.string() + ".partial";
  fs::remove_all(partial);
  fs::create_directories(partial);
  for (const auto& entry : fs::directory_iterator(from))
    if (entry.is_regular_file()) fs::copy_file(entry.path(), partial / entry.path().filename());
  fs::rename(partial, to);
}

}  // namespace

ExportDialog::ExportDialog(RunStore& store, std::optional<int64_t> run, QWidget* parent) : QDialog(parent), store_(store) {
  setWindowTitle(tr("Export model"));
  auto* layout = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  runChoice_ = new QComboBox(this);
  for (const RunSummary& r : store_.list_runs()) {
    if (newestRunWeights(store_, r.run.id).isEmpty()) continue;
    runChoice_->addItem(tr("run %1 · %2 · %3").arg(r.run.id).arg(QString::fromStdString(r.run.name), QString::fromStdString(r.run.status)),
                        QVariant::fromValue<qlonglong>(r.run.id));
    if (run == r.run.id) runChoice_->setCurrentIndex(runChoice_->count() - 1);
  }
  form->addRow(tr("Run"), runChoice_);
  source_ = new QLabel(this);
  source_->setWordWrap(true);
  form->addRow(tr("Weights"), source_);
  format_ = new QComboBox(this);
  format_->addItem(tr("Hugging Face folder (safetensors, zeros in place)"));
  format_->setToolTip(tr("The compressed-tensors sparse-bitmask and the runtime's own compressed format are not written yet"));
  form->addRow(tr("Format"), format_);
  auto* destinationRow = new QHBoxLayout;
  destination_ = new QLineEdit(this);
  destination_->setPlaceholderText(tr("A new folder"));
  destinationRow->addWidget(destination_, 1);
  auto* browse = new QPushButton(tr("Browse…"), this);
  destinationRow->addWidget(browse);
  form->addRow(tr("Destination"), destinationRow);
  layout->addLayout(form);
  busy_ = new QProgressBar(this);
  busy_->setRange(0, 0);
  busy_->hide();
  layout->addWidget(busy_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  exportButton_ = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
  layout->addWidget(buttons);

  connect(runChoice_, &QComboBox::currentIndexChanged, this, &ExportDialog::updateSource);
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getSaveFileName(this, tr("Export to a new folder"), destination_->text());
    if (!dir.isEmpty()) destination_->setText(dir);
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(exportButton_, &QPushButton::clicked, this, &ExportDialog::startExport);
  connect(this, &ExportDialog::exported, this, [this] {
    busy_->hide();
    exportButton_->setEnabled(true);
    accept();
  });
  connect(this, &ExportDialog::failed, this, [this](const QString& message) {
    busy_->hide();
    exportButton_->setEnabled(true);
    QMessageBox::critical(this, tr("Export failed"), message);
  });
  updateSource();
}

void ExportDialog::updateSource() {
  if (runChoice_->count() == 0) {
    source_->setText(tr("No run has saved weights yet: a run writes its model when it finishes and a checkpoint when it pauses."));
    exportButton_->setEnabled(false);
    return;
  }
  source_->setText(newestRunWeights(store_, runChoice_->currentData().toLongLong()));
  exportButton_->setEnabled(true);
}

void ExportDialog::reject() {
  if (busy_->isVisible()) return;
  QDialog::reject();
}

void ExportDialog::startExport() {
  const QString from = source_->text();
  const QString to = destination_->text().trimmed();
  if (runChoice_->count() == 0 || to.isEmpty()) {
    Q_EMIT failed(tr("Choose a run with saved weights and a destination folder."));
    return;
  }
  const int64_t run = runChoice_->currentData().toLongLong();
  const std::string database = store_.path().string();
  busy_->show();
  exportButton_->setEnabled(false);
  QThread* thread = QThread::create([this, from, to, run, database] {
    try {
      copy_model_folder(from.toStdString(), QFileInfo(to).absoluteFilePath().toStdString());
      // The worker's own connection: the UI thread's store only reads.
      RunStore(database).add_artifact(run, {"export", QFileInfo(to).absoluteFilePath().toStdString(), "", 0});
      QMetaObject::invokeMethod(this, [this, to] { Q_EMIT exported(to); }, Qt::QueuedConnection);
    } catch (const std::exception& e) {
      const QString message = QString::fromStdString(e.what());
      QMetaObject::invokeMethod(this, [this, message] { Q_EMIT failed(message); }, Qt::QueuedConnection);
    }
  });
  connect(thread, &QThread::finished, thread, &QObject::deleteLater);
  thread->start();
}

}  // namespace sparsetune::studio
