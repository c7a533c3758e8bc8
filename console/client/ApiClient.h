#pragma once

#include "api/HealthInfo.h"
#include "client/ApiError.h"
#include "client/ServerProfile.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSslConfiguration>
#include <functional>
#include <memory>

class QNetworkReply;
class QSslError;

namespace auth::console {

// Talks to one auth-service over HTTPS with the trust rules of its ServerProfile.
// Every fetch ends in exactly one signal: its result or requestFailed.
class ApiClient : public QObject
{
    Q_OBJECT

signals:
    void healthReceived(const auth::api::HealthInfo& health, qint64 latencyMs);
    void statusReceived(const QJsonObject& status, qint64 latencyMs);
    void requestFailed(const auth::console::ApiError& error);

public:
    explicit ApiClient(QObject* parent = nullptr);
    ~ApiClient() override;

    // Empty when the profile was taken; otherwise why not, and the old one stays.
    // Requests still running for the old profile are dropped without a signal.
    QString setProfile(const ServerProfile& profile);
    const ServerProfile& profile() const { return m_profile; }
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    int pendingRequests() const { return int(m_pending.size()); }

    void fetchHealth(); // GET /health; 503 with a degraded report is an answer, not an error
    void fetchStatus(); // GET /api/v1/status
    void abortAll(); // drops every running request without a signal

    static constexpr qint64 MaxAnswerBytes = 1024 * 1024;

private:
    struct ReplyState;
    using JsonHandler = std::function<void(const QJsonObject& body, qint64 latencyMs)>;

    void get(const QString& path, const QList<int>& acceptedStatus, JsonHandler onAnswer);
    void onSslErrors(QNetworkReply* reply, ReplyState& state, const QList<QSslError>& errors);
    void onEncrypted(QNetworkReply* reply, ReplyState& state);
    void onFinished(QNetworkReply* reply, const QString& path, const QList<int>& acceptedStatus,
                    const JsonHandler& onAnswer);
    ApiError transportError(QNetworkReply* reply, const ReplyState& state, const QString& path) const;
    ApiError httpError(QNetworkReply* reply, int status, const QByteArray& body, const QString& path) const;
    void fail(ApiError error);

    QNetworkAccessManager m_network;
    ServerProfile m_profile;
    QSslConfiguration m_sslConfiguration;
    bool m_hasProfile = false;
    int m_timeoutMs = 10000;
    QHash<QNetworkReply*, std::shared_ptr<ReplyState>> m_pending;
};

} // namespace auth::console
