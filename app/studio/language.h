#pragma once
#include <QString>
#include <QStringList>

class QApplication;

namespace sparsetune::studio {

// Languages the studio ships: "en" (the source texts), "de", "zh_CN".
QStringList availableLanguages();
QString languageDisplayName(const QString& code);

// The saved choice ("language" setting), else the system locale when we ship it, else "en".
QString chosenLanguage();
void saveLanguage(const QString& code);

// Installs the translators for `code` into the application; returns false when none is needed or found.
bool installTranslations(QApplication& app, const QString& code);

}  // namespace sparsetune::studio
