#include "client/ConsoleOptions.h"
#include "client/ConsoleSettings.h"
#include "client/LanguageManager.h"
#include "logging/LogCategories.h"
#include "ui/MainWindow.h"

#include <QApplication>

using namespace auth::console;

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("auth-service"));
    QApplication::setApplicationName(QStringLiteral("auth-console"));
    QApplication::setApplicationVersion(QStringLiteral(AUTH_CONSOLE_VERSION));

    ConsoleSettings settings;
    LanguageManager languages;
    // --lang is read before parsing so that --help and parse errors speak it too.
    const QString peeked = ConsoleOptions::peekLanguage(app.arguments());
    const QString language = peeked.isEmpty() ? settings.language() : peeked;
    // An unknown --lang is reported by the parser below; a damaged setting only here.
    if (!languages.setLanguage(language) && peeked.isEmpty())
        qCWarning(lcConsole) << "setting ui/language: no translation for" << language << "- using English";
    const ConsoleOptions options = ConsoleOptions::fromCommandLine(app.arguments());

    MainWindow window(settings, languages);
    window.show();

    ServerProfile profile;
    profile.url = ServerProfile::parseUrl(options.server.isEmpty() ? settings.lastUrl() : options.server);
    profile.caCertificateFile = options.caCertificateFile;
    profile.pinnedSha256 = options.fingerprint;
    profile.allowPlainHttp = options.allowPlainHttp;
    if (!options.server.isEmpty())
        window.connectTo(profile);
    else if (!options.caCertificateFile.isEmpty() || !options.fingerprint.isEmpty() || options.allowPlainHttp)
        window.showProfile(profile);
    return app.exec();
}
