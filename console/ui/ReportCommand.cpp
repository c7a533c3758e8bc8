#include "ui/ReportCommand.h"

#include "client/AuthSession.h"
#include "client/ReportCollector.h"
#include "client/SecretStore.h"
#include "ui/ReportWriter.h"

#include <QDir>
#include <QFileInfo>
#include <QTimer>
#include <cstdio>

namespace auth::console {

ReportCommand::ReportCommand(const ConsoleOptions& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
{
}

ReportCommand::~ReportCommand() = default;

int ReportCommand::exitCodeFor(const ApiError& error)
{
    switch (error.kind) {
    case ApiError::Kind::InvalidProfile:
        return Usage;
    case ApiError::Kind::Network:
    case ApiError::Kind::UntrustedCertificate:
    case ApiError::Kind::PinMismatch:
    case ApiError::Kind::Tls:
        return Unreachable;
    case ApiError::Kind::Http:
    case ApiError::Kind::Protocol:
        break;
    }
    return ServerError;
}

void ReportCommand::start()
{
    ServerProfile profile;
    profile.url = ServerProfile::parseUrl(m_options.server);
    profile.caCertificateFile = m_options.caCertificateFile;
    profile.pinnedSha256 = m_options.fingerprint;
    profile.allowPlainHttp = m_options.allowPlainHttp;
    if (const QString problem = m_client.setProfile(profile); !problem.isEmpty()) {
        finish(Usage, problem);
        return;
    }
    if (!QFileInfo(m_options.exportReport).absoluteDir().exists()) {
        finish(Usage, tr("The folder of %1 does not exist.").arg(m_options.exportReport));
        return;
    }
    m_client.setTimeout(30000);

    // The variable is read once and kept out of the environment of anything started later.
    const QByteArray token = qgetenv("AUTH_CONSOLE_TOKEN").trimmed();
    qunsetenv("AUTH_CONSOLE_TOKEN");
    if (!token.isEmpty()) {
        m_client.setAccessToken(token);
        collect(nullptr);
        return;
    }

    m_secrets = std::make_unique<SecretStore>();
    m_session = std::make_unique<AuthSession>(m_client, *m_secrets);
    connect(m_session.get(), &AuthSession::stateChanged, this, [this](AuthSession::State state) {
        if (state == AuthSession::State::SignedIn && !m_collector)
            collect(m_session.get());
        else if (state == AuthSession::State::SignedOut || state == AuthSession::State::Expired)
            finish(ServerError,
                   tr("The session stored in the keychain for %1 was refused; sign in with the "
                      "console once more, or set AUTH_CONSOLE_TOKEN.")
                       .arg(m_client.profile().origin()));
    });
    connect(m_session.get(), &AuthSession::signInFailed, this,
            [this](const QString& message, const ApiError& error) { finish(exitCodeFor(error), message); });
    m_secrets->read(m_session->secretKey(), this, [this](const QString& secret) {
        if (secret.isEmpty()) {
            const QString why = m_secrets->keychainAvailable()
                ? tr("the keychain holds no session for %1").arg(m_client.profile().origin())
                : tr("no keychain is available (%1)").arg(m_secrets->unavailableReason());
            finish(ServerError,
                   tr("No credentials: set AUTH_CONSOLE_TOKEN to an admin access token; %1.").arg(why));
            return;
        }
        m_session->resume();
    });
}

void ReportCommand::collect(AuthSession* session)
{
    m_collector = new ReportCollector(m_client, session, this);
    connect(m_collector, &ReportCollector::finished, this, &ReportCommand::onCollected);
    connect(
        m_collector, &ReportCollector::failed, this, [this](const ApiError& error, const QString& message) {
            QString text = message;
            if (error.httpStatus == 401)
                text += QLatin1Char(' ')
                    + (m_session
                           ? tr("The stored session is no longer valid; sign in with the console again.")
                           : tr("The access token in AUTH_CONSOLE_TOKEN was refused (expired or revoked?)."));
            else if (error.httpStatus == 403)
                text += QLatin1Char(' ') + tr("Reports need an administrator's token.");
            finish(exitCodeFor(error), text);
        });
    m_collector->start(m_options.reportFrom, m_options.reportTo);
}

void ReportCommand::onCollected(const ReportData& data)
{
    int pages = 0;
    QString error;
    if (!ReportWriter::writeFiles(data, ReportWriter::renderCharts(data), m_options.exportReport,
                                  m_options.saveReportData, &pages, &error)) {
        finish(ServerError, error);
        return;
    }
    std::fprintf(stdout, "%s\n",
                 qPrintable(tr("Wrote %1 (%2 pages); SHA-256 of the report data: %3")
                                .arg(m_options.exportReport)
                                .arg(pages)
                                .arg(QString::fromLatin1(data.sha256Hex()))));
    std::fflush(stdout);
    finish(Ok, QString());
}

void ReportCommand::finish(int exitCode, const QString& message)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_collector)
        m_collector->cancel();
    if (!message.isEmpty()) {
        std::fprintf(stderr, "auth-console: %s\n", qPrintable(message));
        std::fflush(stderr);
    }
    // Queued, so that a caller connecting after start() still hears it.
    QTimer::singleShot(0, this, [this, exitCode] { emit done(exitCode); });
}

} // namespace auth::console
