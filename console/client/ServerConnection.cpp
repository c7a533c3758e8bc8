#include "client/ServerConnection.h"

#include "logging/LogCategories.h"

#include <algorithm>

namespace auth::console {

ServerConnection::ServerConnection(QObject* parent)
    : QObject(parent)
{
    m_timer.setInterval(DefaultRefreshIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ServerConnection::poll);
    connect(&m_client, &ApiClient::healthReceived, this, &ServerConnection::onHealth);
    connect(&m_client, &ApiClient::requestFailed, this, &ServerConnection::onFailure);
}

QString ServerConnection::connectTo(const ServerProfile& profile)
{
    if (const QString problem = m_client.setProfile(profile); !problem.isEmpty())
        return problem;
    qCInfo(lcConsole).noquote() << "connecting to" << profile.url.toString() << "trust"
                                << profile.trustModeKey();
    m_confirmed = false;
    m_health.reset();
    m_lastError.reset();
    m_latencyMs = -1;
    setState(State::Connecting);
    m_timer.start(m_baseIntervalMs);
    m_healthInFlight = true;
    m_client.fetchHealth();
    return {};
}

void ServerConnection::disconnectFromServer()
{
    m_timer.stop();
    m_client.abortAll();
    m_healthInFlight = false;
    m_lastError.reset();
    setState(State::Disconnected);
}

void ServerConnection::refresh()
{
    if (m_state == State::Disconnected || m_healthInFlight)
        return;
    if (m_state == State::CertificateProblem)
        m_timer.start();
    m_healthInFlight = true;
    m_client.fetchHealth();
}

bool ServerConnection::canTrustPresentedCertificate() const
{
    return m_state == State::CertificateProblem && m_lastError && m_lastError->offersTrustOnFirstUse()
        && m_client.profile().trustMode() == ServerProfile::TrustMode::System;
}

QString ServerConnection::trustPresentedCertificate()
{
    if (!canTrustPresentedCertificate())
        return tr("There is no presented certificate to trust.");
    ServerProfile profile = m_client.profile();
    profile.pinnedSha256 = m_lastError->presentedSha256;
    qCInfo(lcConsole).noquote() << "pinning certificate" << profile.pinnedSha256 << "for" << profile.origin();
    return connectTo(profile);
}

void ServerConnection::poll()
{
    // A certificate problem needs the user; asking again every few seconds would not help.
    if (m_state == State::CertificateProblem) {
        m_timer.stop();
        return;
    }
    refresh();
}

void ServerConnection::onHealth(const api::HealthInfo& health, qint64 latencyMs)
{
    m_healthInFlight = false;
    if (m_state == State::Disconnected)
        return;
    m_health = health;
    m_latencyMs = latencyMs;
    m_lastError.reset();
    if (m_timer.interval() != m_baseIntervalMs)
        m_timer.start(m_baseIntervalMs);
    setState(State::Online);
    emit healthChanged(health, latencyMs);
    if (!m_confirmed) {
        m_confirmed = true;
        emit profileConfirmed(m_client.profile());
    }
}

void ServerConnection::onFailure(const ApiError& error)
{
    m_healthInFlight = false;
    if (m_state == State::Disconnected)
        return;
    m_lastError = error;
    m_latencyMs = -1;
    if (error.isTlsProblem()) {
        m_timer.stop();
        setState(State::CertificateProblem);
    } else {
        // Back off so that a server coming up again is not met by every console at once.
        const bool wasDown = m_state == State::Unreachable;
        m_timer.start(wasDown ? std::min(m_timer.interval() * 2, MaxRetryIntervalMs) : m_baseIntervalMs);
        setState(State::Unreachable);
    }
    emit failed(error);
}

void ServerConnection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace auth::console
