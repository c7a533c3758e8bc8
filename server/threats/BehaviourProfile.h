#pragma once

#include <QHostAddress>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <array>

namespace auth::threats {

// The network a client address is judged by: its /24 for IPv4, its /48 for
// IPv6 (one site), e.g. "203.0.113.0/24", "2001:db8:7::/48".
QString networkOf(const QHostAddress& address);
// A coarse client family, browser and platform, e.g. "chrome/windows",
// "curl/other"; version numbers are left out so updates are not "new".
QString agentFamily(const QString& userAgent);

// What one user's successful sign-ins usually look like, learned as they happen:
// source networks, user-agent families, hours of day (UTC) and MFA methods.
// Bounded: the least recently seen entries make room for new ones.
struct BehaviourProfile
{
    struct Seen
    {
        int count = 0;
        qint64 lastSecs = 0;
    };

    QString userId;
    int logins = 0;
    QMap<QString, Seen> networks;
    QMap<QString, Seen> agents;
    QMap<QString, Seen> mfaMethods;
    std::array<int, 24> hours {};
    QString lastNetwork;
    qint64 lastLoginSecs = 0;

    static constexpr int MaxNetworks = 16;
    static constexpr int MaxAgents = 8;
    static constexpr int MaxMfaMethods = 6;

    void learn(const QString& network, const QString& agent, int hourUtc, const QString& mfaMethod,
               qint64 atSecs);
    // A second factor used after the password (the MFA flow's step).
    void learnMfa(const QString& method, qint64 atSecs);
    // Logins in this hour or the ones either side (the hour wraps at midnight).
    int loginsNearHour(int hourUtc) const;

    QJsonObject toJson() const;
    static BehaviourProfile fromJson(const QString& userId, const QJsonObject& object);
};

} // namespace auth::threats
