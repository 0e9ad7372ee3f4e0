#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

#include "app/studio/language.h"
#include "app/studio/main_window.h"
#include "app/studio/model_worker.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName("sparsetune");
  QApplication::setApplicationName("sparsetune-studio");
  QApplication::setApplicationVersion(SPARSETUNE_VERSION);
  qRegisterMetaType<sparsetune::ModelSummary>();
  sparsetune::studio::installTranslations(app, sparsetune::studio::chosenLanguage());

  QCommandLineParser parser;
  parser.setApplicationDescription("sparsetune studio: sparse fine-tuning and sparse inference for LLMs");
  parser.addHelpOption();
  parser.addVersionOption();
  QCommandLineOption demo("demo", "Open the built-in demo model at start.");
  parser.addOption(demo);
  QCommandLineOption screenshot("screenshot", "Once the model is open, save the window to FILE (PNG) and quit.", "FILE");
  parser.addOption(screenshot);
  parser.addPositionalArgument("model", "A Hugging Face model folder to open at start.", "[model]");
  parser.process(app);

  sparsetune::studio::MainWindow window;
  window.show();
  if (parser.isSet(screenshot)) {
    const QString file = parser.value(screenshot);
    // Let the plot and table lay out before grabbing the real, mapped window.
    QObject::connect(&window, &sparsetune::studio::MainWindow::modelReady, &window, [&window, file] {
      QTimer::singleShot(800, &window, [&window, file] {
        const bool saved = window.grab().save(file);
        std::fprintf(saved ? stdout : stderr, saved ? "saved %s\n" : "could not save %s\n", qPrintable(file));
        QApplication::exit(saved ? 0 : 1);
      });
    });
  }
  if (!parser.positionalArguments().isEmpty())
    window.openModel(parser.positionalArguments().front());
  else if (parser.isSet(demo))
    window.openDemoModel();
  return QApplication::exec();
}
