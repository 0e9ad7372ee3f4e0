// One offscreen QApplication for every studio test, and helpers to wait on the real window.
#pragma once
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTest>

#include <functional>

#include "app/studio/model_worker.h"

class StudioTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (QApplication::instance() != nullptr) return;
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // Never the user's own run database.
    QDir().mkpath(SPARSETUNE_TEST_TMP);
    qputenv("SPARSETUNE_DB", SPARSETUNE_TEST_TMP "/studio-default.sqlite");
    static int argc = 1;
    static char name[] = "studio_gui_tests";
    static char* argv[] = {name, nullptr};
    new QApplication(argc, argv);
    QApplication::setOrganizationName("sparsetune-tests");
    qRegisterMetaType<sparsetune::ModelSummary>();
    qRegisterMetaType<sparsetune::widgets::WeightSample>();
  }
};

// Processes events until `done` holds or `timeout_ms` passes; true when it held.
inline bool wait_until(const std::function<bool()>& done, int timeout_ms) {
  QElapsedTimer clock;
  clock.start();
  while (!done()) {
    if (clock.elapsed() > timeout_ms) return false;
    QTest::qWait(25);
  }
  return true;
}
