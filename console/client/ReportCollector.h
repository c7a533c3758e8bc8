#pragma once

#include "client/ApiClient.h"
#include "client/ApiError.h"
#include "client/ReportData.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QSet>

namespace auth::console {

class AuthSession;

// Fetches, one call after another, everything a metrics report for [from, to]
// needs: the signed-in admin, the metrics series, threat metrics and summary,
// alerts, compliance, signing keys, lockouts and failed logins (every cursor
// page, up to ReportData's bounds). Ends in exactly one signal: finished or
// failed, unless cancelled.
class ReportCollector : public QObject
{
    Q_OBJECT

signals:
    void progress(int step, int steps, const QString& what);
    void finished(const auth::console::ReportData& data);
    // `message` names what could not be fetched and why, ready for the user.
    void failed(const auth::console::ApiError& error, const QString& message);

public:
    // Calls go through `session` when given (a 401 refreshes the access token
    // once), else straight through `client` with the token it carries
    // (AUTH_CONSOLE_TOKEN). Both must outlive the collector.
    explicit ReportCollector(ApiClient& client, AuthSession* session = nullptr, QObject* parent = nullptr);

    void start(const QDateTime& from, const QDateTime& to);
    void cancel();
    bool isRunning() const { return m_running; }
    static int stepCount();

private:
    void next();
    void get(const QString& path, const QUrlQuery& query, const QString& what,
             std::function<void(const QJsonObject&)> onAnswer);
    void fetchEvents(const QString& type, const QString& cursor, int page,
                     std::function<void(const QJsonObject& event)> onEvent, std::function<void()> done);
    void fetchAlerts(const QString& cursor, int page);
    void finish();

    AuthSession* m_session = nullptr;
    ApiClient* m_client = nullptr;
    QDateTime m_from;
    QDateTime m_to;
    QDateTime m_now;
    int m_step = 0;
    bool m_running = false;
    quint64 m_generation = 0;
    QJsonObject m_json;
    QJsonArray m_alerts;
    bool m_alertsTruncated = false;
    QJsonArray m_lockouts;
    bool m_lockoutsTruncated = false;
    struct IpCount
    {
        qint64 count = 0;
        qint64 lastMs = 0;
        QSet<QString> users;
    };
    QHash<QString, IpCount> m_failures;
    qint64 m_failureEvents = 0;
    bool m_failuresTruncated = false;
};

} // namespace auth::console
