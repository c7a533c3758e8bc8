#include "client/ConsoleOptions.h"

#include "client/LanguageManager.h"
#include "client/ReportData.h"
#include "client/ServerProfile.h"

#include <QCommandLineParser>
#include <cstdio>
#include <cstdlib>

namespace auth::console {

namespace {
[[noreturn]] void failWith(const QString& message)
{
    std::fprintf(stderr, "%s: %s\n", qPrintable(QCoreApplication::applicationName()), qPrintable(message));
    std::exit(2);
}
} // namespace

ConsoleOptions ConsoleOptions::fromCommandLine(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Security operations console for auth-service."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOption(QStringLiteral("server"),
                                          tr("Connect to the auth-service at <url> on start."), tr("url"));
    const QCommandLineOption caOption(
        QStringLiteral("ca-cert"), tr("Trust only the CA certificate in <file> (PEM or DER)."), tr("file"));
    const QCommandLineOption fingerprintOption(
        QStringLiteral("fingerprint"),
        tr("Trust exactly the server certificate with this SHA-256 fingerprint."), tr("sha256"));
    const QCommandLineOption languageOption(QStringLiteral("lang"), tr("User interface language: en or de."),
                                            tr("language"));
    const QCommandLineOption httpOption(QStringLiteral("allow-http"),
                                        tr("Allow plain HTTP when the server is on a loopback address."));
    parser.addOptions({serverOption, caOption, fingerprintOption, languageOption, httpOption});
    const QCommandLineOption reportOption(
        QStringLiteral("export-report"),
        tr("Write a PDF metrics report to <file> and exit, without a window (for cron). Needs --server; "
           "the token comes from AUTH_CONSOLE_TOKEN or the keychain. Exit status: 0 written, 1 server or "
           "API error, 2 usage, 3 server unreachable or TLS failure."),
        tr("file"));
    const QCommandLineOption fromOption(
        QStringLiteral("from"),
        tr("Start of the report period: RFC 3339 (2026-01-31T08:00:00Z) or a span back from now "
           "(90m, 24h, 7d). Default: 24h."),
        tr("time"));
    const QCommandLineOption toOption(QStringLiteral("to"),
                                      tr("End of the report period, as --from. Default: now."), tr("time"));
    const QCommandLineOption saveDataOption(
        QStringLiteral("save-data"),
        tr("Also write the report's data as <file>.json, whose SHA-256 the PDF's footer shows."));
    parser.addOptions({reportOption, fromOption, toOption, saveDataOption});
    // Usage errors exit with 2, which QCommandLineParser::process would make 1.
    if (!parser.parse(arguments))
        failWith(parser.errorText());
    if (parser.isSet(QStringLiteral("help-all")))
        parser.process(arguments); // prints the Qt options too, and exits
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();

    if (!parser.positionalArguments().isEmpty())
        failWith(tr("Unexpected argument: %1").arg(parser.positionalArguments().constFirst()));

    ConsoleOptions options;
    options.server = parser.value(serverOption);
    options.caCertificateFile = parser.value(caOption);
    options.language = parser.value(languageOption);
    options.allowPlainHttp = parser.isSet(httpOption);
    if (!options.language.isEmpty() && !LanguageManager::isAvailable(options.language))
        failWith(tr("Unknown language \"%1\": use en or de.").arg(options.language));
    if (parser.isSet(fingerprintOption)) {
        const auto fingerprint = ServerProfile::normalizeFingerprint(parser.value(fingerprintOption));
        if (!fingerprint)
            failWith(tr("--fingerprint needs 64 hexadecimal digits (SHA-256), with or without colons."));
        options.fingerprint = *fingerprint;
    }
    if (!options.caCertificateFile.isEmpty() && !options.fingerprint.isEmpty())
        failWith(tr("Give either --ca-cert or --fingerprint, not both."));
    options.exportReport = parser.value(reportOption);
    options.saveReportData = parser.isSet(saveDataOption);
    if (options.exportReport.isEmpty()) {
        if (parser.isSet(reportOption))
            failWith(tr("--export-report needs a file name."));
        if (parser.isSet(fromOption) || parser.isSet(toOption) || options.saveReportData)
            failWith(tr("--from, --to and --save-data go with --export-report."));
        return options;
    }
    if (options.server.isEmpty())
        failWith(tr("--export-report needs --server."));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    options.reportTo = parser.isSet(toOption) ? ReportData::parseTime(parser.value(toOption), now) : now;
    if (!options.reportTo.isValid())
        failWith(tr("--to: \"%1\" is neither an RFC 3339 time with a zone nor a span like 24h.")
                     .arg(parser.value(toOption)));
    options.reportFrom
        = ReportData::parseTime(parser.isSet(fromOption) ? parser.value(fromOption) : QStringLiteral("24h"),
                                parser.isSet(fromOption) ? now : options.reportTo);
    if (!options.reportFrom.isValid())
        failWith(tr("--from: \"%1\" is neither an RFC 3339 time with a zone nor a span like 24h.")
                     .arg(parser.value(fromOption)));
    if (options.reportFrom >= options.reportTo)
        failWith(tr("The report period must end after it begins (--from before --to)."));
    return options;
}

bool ConsoleOptions::peekExportReport(const QStringList& arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        for (const char* option : {"export-report", "from", "to", "save-data"}) {
            const QString name = QLatin1String(option);
            if (argument == QLatin1String("--") + name || argument == QLatin1String("-") + name
                || argument.startsWith(QLatin1String("--") + name + QLatin1Char('=')))
                return true;
        }
    }
    return false;
}

QString ConsoleOptions::peekLanguage(const QStringList& arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (argument == QLatin1String("--lang") || argument == QLatin1String("-lang"))
            return arguments.value(i + 1);
        if (argument.startsWith(QLatin1String("--lang=")))
            return argument.mid(7);
    }
    return {};
}

} // namespace auth::console
