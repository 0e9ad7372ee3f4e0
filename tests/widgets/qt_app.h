// Widget tests run offscreen in one QApplication per test executable.
#pragma once
#include <QApplication>
#include <QtGlobal>

namespace sparsetune::test {

inline QApplication& qt_app() {
  static QApplication* app = [] {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "widgets_test";
    static char* argv[] = {name, nullptr};
    return new QApplication(argc, argv);
  }();
  return *app;
}

}  // namespace sparsetune::test
