#include "client/ConsoleOptions.h"
#include "client/ConsoleSettings.h"
#include "client/LanguageManager.h"
#include "logging/LogCategories.h"
#include "ui/MainWindow.h"
#include "ui/ReportCommand.h"

#include <QApplication>
#include <QLoggingCategory>

using namespace auth::console;

int main(int argc, char* argv[])
{
    // A report for cron needs no display: choose the headless platform before
    // the application opens one, unless the caller chose a platform.
    QStringList rawArguments;
    for (int i = 0; i < argc; ++i)
        rawArguments.append(QString::fromLocal8Bit(argv[i]));
    const bool exportReport = ConsoleOptions::peekExportReport(rawArguments);
    if (exportReport && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

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

    if (!options.exportReport.isEmpty()) {
        // stderr carries the one-line error; the client's request log would repeat it.
        if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
            QLoggingCategory::setFilterRules(QStringLiteral("auth.console.info=false"));
        ReportCommand command(options);
        QObject::connect(&command, &ReportCommand::done, &app,
                         [](int exitCode) { QApplication::exit(exitCode); });
        command.start();
        return app.exec();
    }

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
