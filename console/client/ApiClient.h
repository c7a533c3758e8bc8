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
#include <QUrlQuery>
#include <functional>
#include <memory>
#include <optional>

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
    // Every failed call(), besides its own error handler: the place to notice
    // connection-wide news such as lockdown (503 service_isolated).
    void callFailed(const auth::console::ApiError& error);

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

    using AnswerHandler = std::function<void(const QJsonObject& body, int status, qint64 latencyMs)>;
    using ErrorHandler = std::function<void(const ApiError& error)>;
    // One API call with the access token (when set) as Bearer. Exactly one handler
    // runs, unless `context` is destroyed first or the call is aborted. A body is
    // sent as JSON; statuses outside `accepted` are errors.
    void call(const QByteArray& method, const QString& path, const QUrlQuery& query,
              const std::optional<QJsonObject>& body, QObject* context, AnswerHandler onAnswer,
              ErrorHandler onError, const QList<int>& accepted = {200});
    void setAccessToken(const QByteArray& token) { m_accessToken = token; }
    const QByteArray& accessToken() const { return m_accessToken; }
    // "TLS 1.3" etc. of the last handshake; empty before one or over plain HTTP.
    QString tlsProtocol() const { return m_tlsProtocol; }
    // A request to `path` with this profile's TLS trust, for other transports (WebSocket).
    QNetworkRequest prepareRequest(const QUrl& url) const;
    // Whether the certificate a non-HTTP transport met is acceptable under the profile.
    bool acceptsPinnedCertificate(const QSslCertificate& certificate) const;

    static constexpr qint64 MaxAnswerBytes = 1024 * 1024;

private:
    struct ReplyState;
    using JsonHandler = std::function<void(const QJsonObject& body, qint64 latencyMs)>;

    void get(const QString& path, const QList<int>& acceptedStatus, JsonHandler onAnswer);
    void send(const QByteArray& method, const QString& path, const QUrlQuery& query,
              const std::optional<QJsonObject>& body, const QList<int>& acceptedStatus,
              AnswerHandler onAnswer, ErrorHandler onError);
    void onSslErrors(QNetworkReply* reply, ReplyState& state, const QList<QSslError>& errors);
    void onEncrypted(QNetworkReply* reply, ReplyState& state);
    void onFinished(QNetworkReply* reply, const QString& path, const QList<int>& acceptedStatus,
                    const AnswerHandler& onAnswer, const ErrorHandler& onError);
    ApiError transportError(QNetworkReply* reply, const ReplyState& state, const QString& path) const;
    ApiError httpError(QNetworkReply* reply, int status, const QByteArray& body, const QString& path) const;
    void fail(ApiError error);

    QNetworkAccessManager m_network;
    ServerProfile m_profile;
    QSslConfiguration m_sslConfiguration;
    bool m_hasProfile = false;
    int m_timeoutMs = 10000;
    QByteArray m_accessToken;
    QString m_tlsProtocol;
    QHash<QNetworkReply*, std::shared_ptr<ReplyState>> m_pending;
};

} // namespace auth::console
