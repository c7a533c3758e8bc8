// auth-service: the authentication daemon. Everything lives in the authserver
// library; this file parses the command line and runs the event loop.
#include "config/Config.h"
#include "core/AuthService.h"
#include "core/SignalHandler.h"
#include "http/TlsSettings.h"
#include "logging/LogCategories.h"
#include "logging/Logger.h"
#include "storage/Database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
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
    parser.addOptions({configOption, checkOption, routesOption});
    parser.process(app);

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
    QObject::connect(&signalHandler, &core::SignalHandler::reloadRequested, [] {
        if (Logger::instance().reopen())
            qCInfo(lcServer) << "log files reopened";
    });
    QObject::connect(&signalHandler, &core::SignalHandler::terminateRequested, &service,
                     [&service] { service.stop(); });
    QObject::connect(&service, &core::AuthService::stopped, &app, [] { QCoreApplication::exit(0); });
    return app.exec();
}
