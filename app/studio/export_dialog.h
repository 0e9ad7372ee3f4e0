#pragma once
#include <QDialog>

#include <cstdint>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace sparsetune {
class RunStore;
}

namespace sparsetune::studio {

// Exports a run's newest weights in the formats the engine writes today: the Hugging Face folder
// (config.json + safetensors, zeros in place), which every HF tool reads. The copy runs off the UI
// thread, lands under a temporary name that is renamed into place, and is recorded as the run's
// "export" artifact.
class ExportDialog : public QDialog {
  Q_OBJECT
 public:
  ExportDialog(RunStore& store, std::optional<int64_t> run, QWidget* parent = nullptr);

  QComboBox* runChoice() const { return runChoice_; }
  QLineEdit* destination() const { return destination_; }
  // Starts the export of the chosen run to destination(); the result arrives as `exported`/`failed`.
  void startExport();
  // Refused while an export runs: its thread reports back to this dialog.
  void reject() override;

 Q_SIGNALS:
  void exported(const QString& folder);
  void failed(const QString& message);

 private:
  void updateSource();

  RunStore& store_;
  QComboBox* runChoice_;
  QComboBox* format_;
  QLabel* source_;
  QLineEdit* destination_;
  QProgressBar* busy_;
  QPushButton* exportButton_;
};

}  // namespace sparsetune::studio
