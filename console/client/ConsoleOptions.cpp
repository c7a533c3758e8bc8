#include "client/ConsoleOptions.h"

#include "client/LanguageManager.h"
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
    parser.process(arguments);

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
    return options;
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
