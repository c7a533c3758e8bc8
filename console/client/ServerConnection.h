#pragma once

#include "api/HealthInfo.h"
#include "client/ApiClient.h"
#include "client/ApiError.h"
#include "client/ServerProfile.h"

#include <QObject>
#include <QTimer>
#include <optional>

namespace auth::console {

// The console's one connection: polls /health while connected, keeps the last
// answer and error, and stops polling when the certificate needs a decision.
class ServerConnection : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Disconnected,
        Connecting, // no answer yet for this profile
        Online, // the last poll got a health report (healthy or degraded)
        Unreachable, // the last poll failed; polling goes on
        CertificateProblem, // TLS refused the server; polling waits for the user
    };
    Q_ENUM(State)

signals:
    void stateChanged(auth::console::ServerConnection::State state);
    void healthChanged(const auth::api::HealthInfo& health, qint64 latencyMs);
    void failed(const auth::console::ApiError& error);
    // The first good answer for a profile: the moment to remember it.
    void profileConfirmed(const auth::console::ServerProfile& profile);

public:
    explicit ServerConnection(QObject* parent = nullptr);

    // Empty when connecting started; otherwise why the profile cannot be used.
    QString connectTo(const ServerProfile& profile);
    void disconnectFromServer();
    // Polls now, also after a certificate problem (the server may have been fixed).
    void refresh();
    // Trust on first use: only when the system CAs refused a certificate. A CA file
    // or a pin is a deliberate choice that one click must not override.
    bool canTrustPresentedCertificate() const;
    // Pins the certificate presented in the last failure and connects again.
    QString trustPresentedCertificate();

    State state() const { return m_state; }
    bool isActive() const { return m_state != State::Disconnected; }
    const ServerProfile& profile() const { return m_client.profile(); }
    const std::optional<api::HealthInfo>& health() const { return m_health; }
    qint64 latencyMs() const { return m_latencyMs; }
    const std::optional<ApiError>& lastError() const { return m_lastError; }
    ApiClient& client() { return m_client; }
    void setRefreshInterval(int milliseconds)
    {
        m_baseIntervalMs = milliseconds;
        m_timer.setInterval(milliseconds);
    }
    int refreshInterval() const { return m_baseIntervalMs; }
    // While unreachable the next attempt waits this long: the poll interval,
    // doubled after each failure up to MaxRetryIntervalMs, back to normal on an answer.
    int retryIntervalMs() const { return m_timer.interval(); }
    // Milliseconds until the next poll; -1 when none is scheduled.
    int nextPollInMs() const { return m_timer.isActive() ? m_timer.remainingTime() : -1; }

    static constexpr int DefaultRefreshIntervalMs = 5000;
    static constexpr int MaxRetryIntervalMs = 60000;

private:
    void poll();
    void onHealth(const api::HealthInfo& health, qint64 latencyMs);
    void onFailure(const ApiError& error);
    void setState(State state);

    ApiClient m_client;
    QTimer m_timer;
    State m_state = State::Disconnected;
    bool m_confirmed = false;
    bool m_healthInFlight = false;
    std::optional<api::HealthInfo> m_health;
    std::optional<ApiError> m_lastError;
    qint64 m_latencyMs = -1;
    int m_baseIntervalMs = DefaultRefreshIntervalMs;
};

} // namespace auth::console
