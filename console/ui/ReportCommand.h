#pragma once

#include "client/ApiClient.h"
#include "client/ConsoleOptions.h"
#include "client/ReportData.h"

#include <QObject>
#include <memory>

namespace auth::console {

class AuthSession;
class ReportCollector;
class SecretStore;

// auth-console --export-report: the GUI's report without a window, for cron.
// The token is AUTH_CONSOLE_TOKEN (an admin access token) or else the session
// the keychain holds for the server. Errors go to stderr, the token never does.
class ReportCommand : public QObject
{
    Q_OBJECT

signals:
    void done(int exitCode);

public:
    enum ExitCode { Ok = 0, ServerError = 1, Usage = 2, Unreachable = 3 };

    explicit ReportCommand(const ConsoleOptions& options, QObject* parent = nullptr);
    ~ReportCommand() override;

    void start(); // ends in done(), also when it fails at once

    static int exitCodeFor(const ApiError& error);

private:
    void collect(AuthSession* session);
    void finish(int exitCode, const QString& message);
    void onCollected(const ReportData& data);

    ConsoleOptions m_options;
    ApiClient m_client;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<AuthSession> m_session;
    ReportCollector* m_collector = nullptr;
    bool m_finished = false;
};

} // namespace auth::console
