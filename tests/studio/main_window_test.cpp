// The studio's real main window, offscreen: it opens the built-in demo model on its worker thread,
// fills the layer table, and generates text without blocking the event loop.
#include <QApplication>
#include <QFile>
#include <QMenuBar>
#include <QMessageBox>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QTimer>

#include <functional>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <gtest/gtest.h>

#include "app/studio/main_window.h"
#include "tests/studio/studio_test_util.h"
#include "app/studio/model_worker.h"
#include "core/util/resources.h"
#include "widgets/layer_table_model.h"


TEST_F(StudioTest, OpensDemoModelAndListsEveryLinear) {
  sparsetune::studio::MainWindow window;
  window.show();
  QSignalSpy ready(&window, &sparsetune::studio::MainWindow::modelReady);
  window.openDemoModel();
  ASSERT_TRUE(ready.wait(60000)) << "the demo model did not load within 60 s";
  const auto& layers = window.layerModel()->layers();
  ASSERT_FALSE(layers.empty());
  EXPECT_EQ(window.layerModel()->rowCount(), static_cast<int>(layers.size()));
  EXPECT_NE(layers.front().path.find("model.layers.0."), std::string::npos) << layers.front().path;
  EXPECT_TRUE(window.generateButton()->isEnabled());
}

TEST_F(StudioTest, GeneratesTextFromThePrompt) {
  sparsetune::studio::MainWindow window;
  window.show();
  QSignalSpy ready(&window, &sparsetune::studio::MainWindow::modelReady);
  window.openDemoModel();
  ASSERT_TRUE(ready.wait(60000));
  QSignalSpy done(&window, &sparsetune::studio::MainWindow::generationDone);
  window.prompt()->setPlainText("Question: Tom has 3 apples and buys 4 more. How many apples does he have now?\nAnswer:");
  QTest::mouseClick(window.generateButton(), Qt::LeftButton);
  ASSERT_TRUE(done.wait(60000)) << "generation did not finish";
  EXPECT_FALSE(window.output()->toPlainText().isEmpty());
}

TEST_F(StudioTest, BadModelFolderShowsAnErrorAndKeepsTheWindowUsable) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  sparsetune::studio::MainWindow window;
  window.show();
  // The error dialog is modal: close it as soon as it appears and check what it said.
  QString shown;
  QTimer::singleShot(0, [&] {
    std::function<void()> poll = [&] {
      for (QWidget* w : QApplication::topLevelWidgets()) {
        if (auto* box = qobject_cast<QMessageBox*>(w); box != nullptr && box->isVisible()) {
          shown = box->text();
          box->accept();
          return;
        }
      }
      QTimer::singleShot(20, poll);
    };
    poll();
  });
  window.openModel(dir.path());
  for (int i = 0; i < 1500 && shown.isEmpty(); ++i) QTest::qWait(20);
  ASSERT_FALSE(shown.isEmpty()) << "no error dialog appeared";
  EXPECT_TRUE(shown.contains("tokenizer.json") || shown.contains("config.json")) << shown.toStdString();
  EXPECT_FALSE(window.generateButton()->isEnabled());
}

// Every message in every shipped .ts file is translated, and the compiled catalogue in the studio's
// resources really translates the live window.
TEST_F(StudioTest, TranslationsAreCompleteAndApplied) {
  for (const QString& code : {QStringLiteral("de"), QStringLiteral("zh_CN")}) {
    QFile ts(QStringLiteral(SPARSETUNE_SOURCE_DIR "/i18n/sparsetune_%1.ts").arg(code));
    ASSERT_TRUE(ts.open(QIODevice::ReadOnly)) << ts.fileName().toStdString();
    QXmlStreamReader xml(&ts);
    QString context, source;
    int messages = 0;
    while (!xml.atEnd()) {
      xml.readNext();
      if (!xml.isStartElement()) continue;
      if (xml.name() == u"name") context = xml.readElementText();
      if (xml.name() == u"source") source = xml.readElementText();
      if (xml.name() == u"translation") {
        ++messages;
        EXPECT_NE(xml.attributes().value("type"), u"unfinished") << code.toStdString() << ": " << source.toStdString();
        // Plural messages hold <numerusform> children.
        EXPECT_FALSE(xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed().isEmpty())
            << code.toStdString() << ": " << source.toStdString();
      }
    }
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    EXPECT_GT(messages, 400);
  }

  QTranslator german;
  ASSERT_TRUE(german.load(":/i18n/sparsetune_de")) << "German catalogue missing from the studio's resources";
  QApplication::installTranslator(&german);
  {
    sparsetune::studio::MainWindow window;
    EXPECT_EQ(window.menuBar()->actions().front()->text(), QString("&Datei"));
  }
  QApplication::removeTranslator(&german);
}
