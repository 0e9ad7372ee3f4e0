#include "app/studio/report_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPageLayout>
#include <QPainter>
#include <QPrinter>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgRenderer>
#include <QTextDocument>
#include <QUrl>
#include <QVBoxLayout>

#include "core/report/run_report.h"
#include "core/store/run_store.h"
#include "core/util/atomic_file.h"

namespace sparsetune::studio {

QString html_with_svg_as_images(const QString& html, QTextDocument& document) {
  static const QRegularExpression svg(QStringLiteral("<svg\\b.*?</svg>"), QRegularExpression::DotMatchesEverythingOption);
  QString out;
  qsizetype last = 0;
  int index = 0;
  auto it = svg.globalMatch(html);
  while (it.hasNext()) {
    const auto match = it.next();
    out += html.mid(last, match.capturedStart() - last);
    last = match.capturedEnd();
    QSvgRenderer renderer(match.captured().toUtf8());
    if (!renderer.isValid()) continue;
    const QSize size = renderer.defaultSize().isValid() ? renderer.defaultSize() : QSize(640, 320);
    // Twice the nominal size, so the chart stays sharp when printed.
    QImage image(size * 2, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();
    const QString name = QStringLiteral("chart%1.png").arg(index++);
    document.addResource(QTextDocument::ImageResource, QUrl(name), image);
    out += QStringLiteral("<img src=\"%1\" width=\"%2\">").arg(name).arg(size.width());
  }
  out += html.mid(last);
  return out;
}

ReportDialog::ReportDialog(RunStore& store, std::vector<int64_t> runs, QWidget* parent)
    : QDialog(parent), store_(store), runs_(std::move(runs)) {
  setWindowTitle(tr("Save report"));
  auto* layout = new QVBoxLayout(this);
  QStringList names;
  for (int64_t id : runs_) names << QString::number(id);
  layout->addWidget(new QLabel(tr("Runs: %1").arg(names.join(QStringLiteral(", "))), this));
  auto* form = new QFormLayout;
  format_ = new QComboBox(this);
  format_->addItem(tr("HTML report (charts, tables, recipe, hardware and software)"), QStringLiteral("html"));
  format_->addItem(tr("PDF report (the same, printed)"), QStringLiteral("pdf"));
  format_->addItem(tr("CSV of the raw metrics"), QStringLiteral("csv"));
  form->addRow(tr("Format"), format_);
  auto* row = new QHBoxLayout;
  destination_ = new QLineEdit(this);
  destination_->setText(QDir::home().filePath(QStringLiteral("sparsetune-report-%1.html").arg(names.join('-'))));
  row->addWidget(destination_, 1);
  auto* browse = new QPushButton(tr("Browse…"), this);
  row->addWidget(browse);
  form->addRow(tr("File"), row);
  layout->addLayout(form);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
  layout->addWidget(buttons);

  connect(format_, &QComboBox::currentIndexChanged, this, [this] {
    QFileInfo info(destination_->text());
    destination_->setText(info.dir().filePath(info.completeBaseName() + "." + format_->currentData().toString()));
  });
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save report"), destination_->text());
    if (!path.isEmpty()) destination_->setText(path);
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    QString error;
    if (save(&error))
      accept();
    else
      QMessageBox::critical(this, tr("Could not save the report"), error);
  });
}

bool ReportDialog::save(QString* error) {
  const QString path = destination_->text().trimmed();
  const QString kind = format_->currentData().toString();
  try {
    if (path.isEmpty()) throw std::runtime_error(tr("Choose a file to write.").toStdString());
    ReportOptions options;
    options.generated_by = "sparsetune studio " SPARSETUNE_VERSION;
    if (kind == "csv") {
      const std::string csv = run_metrics_csv(store_, runs_);
      write_file_atomically(path.toStdString(), [&](std::ostream& out) { out << csv; });
    } else if (kind == "html") {
      const std::string html = run_report_html(store_, runs_, options);
      write_file_atomically(path.toStdString(), [&](std::ostream& out) { out << html; });
    } else {
      QTextDocument document;
      document.setHtml(html_with_svg_as_images(QString::fromStdString(run_report_html(store_, runs_, options)), document));
      // QPrinter writes in place: print to a temporary name in the same folder, then rename.
      const QString partial = path + ".partial";
      QPrinter printer(QPrinter::HighResolution);
      printer.setOutputFormat(QPrinter::PdfFormat);
      printer.setOutputFileName(partial);
      printer.setPageSize(QPageSize(QPageSize::A4));
      document.print(&printer);
      QFile::remove(path);
      if (!QFile::rename(partial, path)) throw std::runtime_error(tr("cannot rename %1 to %2").arg(partial, path).toStdString());
    }
  } catch (const std::exception& e) {
    if (error != nullptr) *error = QString::fromStdString(e.what());
    return false;
  }
  return true;
}

}  // namespace sparsetune::studio
