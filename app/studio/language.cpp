#include "app/studio/language.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace sparsetune::studio {

QStringList availableLanguages() { return {"en", "de", "zh_CN"}; }

QString languageDisplayName(const QString& code) {
  if (code == "de") return QStringLiteral("Deutsch");
  if (code == "zh_CN") return QStringLiteral("简体中文");
  return QStringLiteral("English");
}

QString chosenLanguage() {
  const QString saved = QSettings().value("language").toString();
  if (availableLanguages().contains(saved)) return saved;
  const QString system = QLocale::system().name();
  if (availableLanguages().contains(system)) return system;
  const QString base = system.section('_', 0, 0);
  return availableLanguages().contains(base) ? base : QStringLiteral("en");
}

void saveLanguage(const QString& code) { QSettings().setValue("language", code); }

bool installTranslations(QApplication& app, const QString& code) {
  if (code == "en") return false;
  auto* ours = new QTranslator(&app);
  if (!ours->load(QStringLiteral(":/i18n/sparsetune_%1").arg(code))) {
    delete ours;
    return false;
  }
  QApplication::installTranslator(ours);
  // Qt's own strings (standard dialogs' buttons) when the system has them.
  auto* qt = new QTranslator(&app);
  if (qt->load(QStringLiteral("qtbase_%1").arg(code), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    QApplication::installTranslator(qt);
  else
    delete qt;
  return true;
}

}  // namespace sparsetune::studio
