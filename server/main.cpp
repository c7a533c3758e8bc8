// auth-service: the authentication daemon. Everything lives in the authserver
// library; this file parses the command line and runs the event loop.
#include "config/Config.h"
#include "config/ConfigSample.h"
#include "core/AuthService.h"
#include "core/SignalHandler.h"
#include "core/SystemdNotify.h"
#include "evidence/EvidenceArchive.h"
#include "evidence/EvidenceSignature.h"
#include "http/TlsSettings.h"
#include "logging/LogCategories.h"
#include "logging/Logger.h"
#include "ops/BackupCommand.h"
#include "storage/Database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>
#include <cstdio>
#include <sys/stat.h>

using namespace auth;

namespace {

QList<ConfigProblem> checkConfig(const Config& config)
{
    QList<ConfigProblem> problems = config.problems() + config.productionProblems();
    const QString cert = config.string(QStringLiteral("tls.cert_path"));
    const QString key = config.string(QStringLiteral("tls.key_path"));
    if (!cert.isEmpty() || !key.isEmpty()) {
        QString error;
        if (!http::loadServerTls(cert, key, &error)) {
            const qsizetype colon = error.indexOf(QLatin1Char(':'));
            problems.append({error.left(colon), error.mid(colon + 2)});
        }
    } else if (!config.boolean(QStringLiteral("server.allow_plain_http")) && !config.isProduction()) {
        problems.append(
            {QStringLiteral("TLS_CERT_PATH"),
             QStringLiteral("no TLS certificate configured (set TLS_CERT_PATH and TLS_KEY_PATH, or "
                            "ALLOW_PLAIN_HTTP=true for development)")});
    }
    QString error;
    if (!storage::DatabaseUrl::parse(config.string(QStringLiteral("storage.database_url")),
                                     core::AuthService::resolveDataDir(config), &error)) {
        problems.append({QStringLiteral("DATABASE_URL"), error.section(QStringLiteral(": "), 1)});
    }
    const QString stateError = core::AuthService::checkStateConfig(config);
    if (!stateError.isEmpty())
        problems.append(
            {stateError.section(QStringLiteral(": "), 0, 0), stateError.section(QStringLiteral(": "), 1)});
    return problems;
}

// --verify-evidence: 0 when the signature and every hash hold, 1 otherwise,
// with one line per altered, missing or unlisted file.
int verifyEvidence(const QString& bundlePath, const QString& publicKeyPath)
{
    QByteArray publicPem;
    if (!publicKeyPath.isEmpty()) {
        QFile key(publicKeyPath);
        if (!key.open(QIODevice::ReadOnly) || key.size() > 64 * 1024) {
            std::fprintf(stderr, "auth-service: cannot read the public key %s\n", qPrintable(publicKeyPath));
            return 1;
        }
        publicPem = key.readAll();
    }
    QString error;
    const auto entries = evidence::EvidenceArchive::readFile(bundlePath, &error);
    if (!entries) {
        std::printf("FAILED %s: %s\n", qPrintable(bundlePath), qPrintable(error));
        return 1;
    }
    const evidence::Verification result = evidence::verifyBundle(*entries, publicPem);
    for (const QString& problem : result.problems)
        std::printf("%s\n", qPrintable(problem));
    std::printf("%s %s: %d files checked, signature %s, key sha256:%s%s\n", result.ok ? "OK" : "FAILED",
                qPrintable(bundlePath), result.filesChecked, result.signatureValid ? "valid" : "INVALID",
                qPrintable(result.keyFingerprint.isEmpty() ? QStringLiteral("-") : result.keyFingerprint),
                publicPem.isEmpty()
                    ? " (key taken from the bundle: compare it with GET /admin/evidence/public-key)"
                    : "");
    return result.ok ? 0 : 1;
}

void printProblems(const QList<ConfigProblem>& problems, FILE* out)
{
    for (const ConfigProblem& problem : problems)
        std::fprintf(out, "%s\n", qPrintable(problem.toLine()));
}

} // namespace

int main(int argc, char* argv[])
{
    // Logs, keys and the database are the service's own: nobody else reads them.
    ::umask(077);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("auth-service"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AUTH_VERSION));

    if (ops::isMaintenanceCommand(app.arguments()))
        return ops::runMaintenanceCommand(app.arguments());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Authentication server: accounts, sessions, JWT/JWKS, OAuth 2.0 / OpenID Connect, MFA "
                       "and security operations."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOption(
        QStringLiteral("config"),
        QStringLiteral("Configuration file (default /etc/auth-service/config.toml)."),
        QStringLiteral("path"));
    const QCommandLineOption checkOption(
        QStringLiteral("check-config"),
        QStringLiteral("Validate the effective configuration and exit: one line per problem."));
    const QCommandLineOption routesOption(
        QStringLiteral("list-routes"),
        QStringLiteral("Print every registered route as 'METHOD /path' and exit."));
    const QCommandLineOption verifyOption(
        QStringLiteral("verify-evidence"),
        QStringLiteral("Check an evidence bundle's signature and every file hash offline, then exit."),
        QStringLiteral("bundle.tar.gz"));
    const QCommandLineOption publicKeyOption(
        QStringLiteral("public-key"),
        QStringLiteral(
            "With --verify-evidence: the evidence public key (PEM) to trust instead of the bundle's."),
        QStringLiteral("pem"));
    parser.addOptions({configOption, checkOption, routesOption});
    // For packaging: the commented config.toml generated from the key table.
    QCommandLineOption sampleOption(
        QStringLiteral("print-config-sample"),
        QStringLiteral("Print a commented config.toml with every setting and exit."));
    QCommandLineOption envSampleOption(
        QStringLiteral("print-env-sample"),
        QStringLiteral("Print a commented .env file with every variable and exit."));
    sampleOption.setFlags(QCommandLineOption::HiddenFromHelp);
    envSampleOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({sampleOption, envSampleOption});
    parser.addOptions({verifyOption, publicKeyOption});
    parser.process(app);
    if (parser.isSet(verifyOption))
        return verifyEvidence(parser.value(verifyOption), parser.value(publicKeyOption));
    if (parser.isSet(sampleOption) || parser.isSet(envSampleOption)) {
        const QString version = QStringLiteral(AUTH_VERSION);
        const QString sample
            = parser.isSet(sampleOption) ? configSampleToml(version) : configSampleEnv(version);
        std::fputs(sample.toUtf8().constData(), stdout);
        return 0;
    }

    const bool explicitPath = parser.isSet(configOption);
    const QString path = explicitPath ? parser.value(configOption) : Config::defaultConfigPath();
    const Config config = Config::load(path, explicitPath);

    if (parser.isSet(checkOption)) {
        const QList<ConfigProblem> problems = checkConfig(config);
        if (problems.isEmpty()) {
            std::printf("configuration OK (%s)\n",
                        QFileInfo::exists(path) ? qPrintable(path) : "defaults and environment");
            return 0;
        }
        printProblems(problems, stdout);
        return 1;
    }

    Logger& logger = Logger::instance();
    const auto level = parseLogLevel(config.string(QStringLiteral("log.level")));
    logger.setLevel(level.value_or(LogLevel::Info));
    logger.installMessageHandler();

    core::AuthService service(config);
    if (parser.isSet(routesOption)) {
        for (const http::RouteInfo& route : service.routes())
            std::printf("%s %s\n", route.method.constData(), qPrintable(route.pattern));
        return 0;
    }
    if (!config.problems().isEmpty()) {
        std::fprintf(stderr, "auth-service: invalid configuration:\n");
        printProblems(config.problems(), stderr);
        return 1;
    }
    if (!config.productionProblems().isEmpty()) {
        std::fprintf(stderr, "auth-service: refusing to start with an unsafe production configuration:\n");
        printProblems(config.productionProblems(), stderr);
        return 1;
    }

    core::SignalHandler signalHandler;
    QString error;
    if (!service.start(&error)) {
        std::fprintf(stderr, "auth-service: %s\n", qPrintable(error));
        return 1;
    }
    core::SystemdNotify systemd;
    const QString readyStatus = QStringLiteral("serving on port %1").arg(service.port());
    systemd.ready(readyStatus);
    QObject::connect(&signalHandler, &core::SignalHandler::reloadRequested, [&systemd, &readyStatus] {
        systemd.reloading();
        if (Logger::instance().reopen())
            qCInfo(lcServer) << "log files reopened";
        systemd.ready(readyStatus);
    });
    QObject::connect(&signalHandler, &core::SignalHandler::terminateRequested, &service,
                     [&service, &systemd] {
                         systemd.stopping();
                         service.stop();
                     });
    QObject::connect(&service, &core::AuthService::stopped, &app, [] { QCoreApplication::exit(0); });
    return app.exec();
}
