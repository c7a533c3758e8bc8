#include "client/LanguageManager.h"

#include "logging/LogCategories.h"

#include <QCoreApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>

namespace auth::console {

namespace {
// English is the source language: it needs no catalogue.
const QString SourceLanguage = QStringLiteral("en");
} // namespace

LanguageManager::LanguageManager(QObject* parent)
    : QObject(parent)
{
}

LanguageManager::~LanguageManager()
{
    uninstall();
}

QList<LanguageManager::Language> LanguageManager::available()
{
    return {{SourceLanguage, QStringLiteral("English")}, {QStringLiteral("de"), QStringLiteral("Deutsch")}};
}

bool LanguageManager::isAvailable(const QString& code)
{
    for (const Language& language : available()) {
        if (language.code == code)
            return true;
    }
    return false;
}

QString LanguageManager::resolve(const QString& code)
{
    if (!code.isEmpty())
        return code;
    const QString system = QLocale::system().name().section(u'_', 0, 0);
    return isAvailable(system) ? system : SourceLanguage;
}

bool LanguageManager::setLanguage(const QString& requested)
{
    const QString code = resolve(requested);
    if (!isAvailable(code))
        return false;
    if (code == m_code && (m_installed || code == SourceLanguage))
        return true;

    const QString catalogue = QStringLiteral(":/i18n/auth-console_%1.qm").arg(code);
    if (code != SourceLanguage && !QFile::exists(catalogue)) {
        qCWarning(lcConsole) << "no compiled catalogue for language" << code;
        return false;
    }
    // Installing and removing translators each post LanguageChange to every window.
    uninstall();
    if (code != SourceLanguage && m_console.load(catalogue)) {
        QCoreApplication::installTranslator(&m_console);
        // Qt's own strings (file dialogs, standard buttons) when Debian's package is there.
        if (m_qt.load(QStringLiteral("qtbase_%1").arg(code),
                      QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(&m_qt);
        m_installed = true;
    }
    m_code = code;
    QLocale::setDefault(QLocale(code));
    emit languageChanged(code);
    return true;
}

void LanguageManager::uninstall()
{
    if (!m_installed)
        return;
    QCoreApplication::removeTranslator(&m_console);
    QCoreApplication::removeTranslator(&m_qt);
    m_installed = false;
}

} // namespace auth::console
