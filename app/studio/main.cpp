#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QScreen>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>

#include "app/studio/language.h"
#include "app/studio/main_window.h"
#include "app/studio/model_page.h"
#include "app/studio/model_worker.h"
#include "app/studio/runs_page.h"
#include "widgets/run_table_model.h"

namespace {

// Saves what the X server shows of the window (not a re-render), one PNG per page, then quits.
void screenshotEveryPage(sparsetune::studio::MainWindow& window, const QString& dir) {
  using sparsetune::studio::MainWindow;
  QDir().mkpath(dir);
  const std::pair<MainWindow::Page, const char*> pages[] = {{MainWindow::Model, "model"},         {MainWindow::Recipe, "recipe"},
                                                            {MainWindow::Training, "training"}, {MainWindow::Layers, "layers"},
                                                            {MainWindow::Profile, "profile"},   {MainWindow::Runs, "runs"}};
  int delay = 0;
  for (const auto& [page, name] : pages) {
    QTimer::singleShot(delay, &window, [&window, page, name] { window.showPage(page); });
    delay += 1500;
    QTimer::singleShot(delay, &window, [&window, dir, name] {
      const QString file = QDir(dir).filePath(QStringLiteral("%1.png").arg(name));
      const bool saved = window.screen()->grabWindow(window.winId()).save(file);
      std::fprintf(saved ? stdout : stderr, saved ? "saved %s\n" : "could not save %s\n", qPrintable(file));
    });
    delay += 200;
  }
  QTimer::singleShot(delay + 200, &window, [] { QApplication::exit(0); });
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName("sparsetune");
  QApplication::setApplicationName("sparsetune-studio");
  QApplication::setApplicationVersion(SPARSETUNE_VERSION);
  qRegisterMetaType<sparsetune::ModelSummary>();
  qRegisterMetaType<sparsetune::widgets::WeightSample>();
  sparsetune::studio::installTranslations(app, sparsetune::studio::chosenLanguage());

  QCommandLineParser parser;
  parser.setApplicationDescription("sparsetune studio: sparse fine-tuning and sparse inference for LLMs");
  parser.addHelpOption();
  parser.addVersionOption();
  QCommandLineOption demo("demo", "Open the built-in demo model and recipe at start.");
  QCommandLineOption database("database", "The run database (default: $SPARSETUNE_DB, else ~/.local/share/sparsetune/runs.sqlite).", "FILE");
  QCommandLineOption run("run", "Show run N on the Training, Layers and Profile pages.", "N");
  QCommandLineOption compare("compare", "Tick runs N,M,… on the Runs page.", "LIST");
  QCommandLineOption sensitivity("sensitivity", "Once the model is open, run its sensitivity analysis on the default data.");
  QCommandLineOption screenshots("screenshots", "Once the model is open, save every page to DIR/<page>.png and quit.", "DIR");
  parser.addOptions({demo, database, run, compare, sensitivity, screenshots});
  parser.addPositionalArgument("model", "A Hugging Face model folder to open at start.", "[model]");
  parser.process(app);

  sparsetune::studio::MainWindow window(parser.value(database));
  window.resize(1440, 900);
  window.show();
  if (parser.isSet(run)) window.followRun(parser.value(run).toLongLong());
  for (const QString& id : parser.value(compare).split(',', Qt::SkipEmptyParts))
    window.runsPage()->runModel()->setChecked(id.toLongLong(), true);
  const bool analyze = parser.isSet(sensitivity);
  const QString shots = parser.value(screenshots);
  QObject::connect(&window, &sparsetune::studio::MainWindow::modelReady, &window, [&window, analyze, shots] {
    if (analyze) {
      window.modelPage()->tabs()->setCurrentIndex(1);
      window.modelPage()->analyzeSensitivity();
    }
    if (shots.isEmpty()) return;
    if (!analyze) {
      QTimer::singleShot(800, &window, [&window, shots] { screenshotEveryPage(window, shots); });
      return;
    }
    QObject::connect(window.modelPage(), &sparsetune::studio::ModelPage::sensitivityDone, &window,
                     [&window, shots] { QTimer::singleShot(500, &window, [&window, shots] { screenshotEveryPage(window, shots); }); });
  });
  if (!parser.positionalArguments().isEmpty())
    window.openModel(parser.positionalArguments().front());
  else if (parser.isSet(demo))
    window.openDemo();
  return QApplication::exec();
}
