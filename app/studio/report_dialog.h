#pragma once
#include <QDialog>
#include <QString>

#include <cstdint>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QTextDocument;

namespace sparsetune {
class RunStore;
}

namespace sparsetune::studio {

// Turns the report's inline SVG charts into images a QTextDocument can show (it renders no SVG), so
// the PDF carries the same charts as the HTML file.
QString html_with_svg_as_images(const QString& html, QTextDocument& document);

// Saves the report of one or more runs: self-contained HTML, PDF (the same report through Qt's
// printer) or CSV of the raw metrics. Files are written under a temporary name and renamed.
class ReportDialog : public QDialog {
  Q_OBJECT
 public:
  ReportDialog(RunStore& store, std::vector<int64_t> runs, QWidget* parent = nullptr);

  QComboBox* format() const { return format_; }
  QLineEdit* destination() const { return destination_; }
  // Writes the chosen format to destination(); false with `error` set on failure.
  bool save(QString* error);

 private:
  RunStore& store_;
  std::vector<int64_t> runs_;
  QComboBox* format_;
  QLineEdit* destination_;
};

}  // namespace sparsetune::studio
