#pragma once

#include "threats/BehaviourProfile.h"
#include "threats/ProfileStore.h"

#include <QCache>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QMutex>
#include <QStringList>
#include <deque>

namespace auth {
class Config;
}

namespace auth::threats {

class IpReputation;

// What the sign-in flow does with a login: go on, ask for a second factor
// (the MFA flow consults this; accounts without MFA are let in and flagged),
// or refuse it.
enum class Decision { Allow, StepUp, Block };
QString decisionName(Decision decision); // "allow", "step_up", "block"
// The account key of an e-mail address as typed: the same short SHA-256 that
// authentication_failure events carry as email_hash.
QString accountKeyOf(const QString& email);

struct ThreatSettings
{
    bool enabled = true;
    int stepUpScore = 50;
    int blockScore = 85;
    int ipFailureLimit = 20; // failures from one address within ipFailureWindowMs
    qint64 ipFailureWindowMs = 5 * 60'000;
    int stuffingAccounts = 10; // distinct accounts failing from one address
    qint64 stuffingWindowMs = 10 * 60'000;
    int sprayingAccounts = 10; // distinct accounts one password failed against
    int sprayingMaxPerAccount = 3; // "few attempts each": average tries per account at most this
    qint64 sprayingWindowMs = 60 * 60'000;
    int distributedAddresses = 10; // distinct addresses failing against one account
    qint64 distributedWindowMs = 60 * 60'000;
    qint64 blockDurationMs = 15 * 60'000;
    int learningLogins = 3; // profile signals count only after this many successful logins

    static ThreatSettings fromConfig(const Config& config);
};

// One sign-in attempt as the detector sees it. The password never is: only its
// fingerprint, an HMAC under a key that lives in this process's memory only.
struct LoginAttempt
{
    QString accountKey; // hash of the normalised e-mail (authentication_failure's email_hash)
    QString userId; // known after a successful password check
    QHostAddress address;
    QString userAgent;
    QByteArray passwordFingerprint;
    qint64 atMs = 0;
    QString mfaMethod; // set by the MFA flow when a second factor was used
};

// An attack first recognised by one attempt (reported once per episode).
struct Detection
{
    QString detector; // credential_stuffing, password_spraying, distributed_attack, ip_failure_velocity,
                      // token_replay
    QString subject; // the address, account key or session concerned (never a fingerprint)
    int count = 0; // distinct accounts, distinct addresses or failures that triggered it
    QJsonObject toJson() const;
};

// The risk of one login: 0-100 with the reasons that made it up.
struct Assessment
{
    int score = 0;
    QStringList reasons;
    Decision decision = Decision::Allow;
    QString detector; // the strongest reason
    qint64 retryAfterSecs = 0; // for Block, when the block ends (0: unknown)
    QList<Detection> detections;
    QJsonObject toJson() const; // score, reasons, detector, decision
};

struct ThreatSummary
{
    struct Item
    {
        QString subject;
        int count = 0;
        qint64 untilMs = 0;
    };
    QList<Item> stuffingAddresses;
    QList<Item> blockedAddresses;
    QList<Item> targetedAccounts;
    int sprayingFingerprints = 0;
    int blockedLastHour = 0;
    QJsonObject toJson() const;
};

// Learns from every sign-in attempt and scores each login. Windows per
// address, account and password fingerprint slide over the configured periods
// and live in bounded LRU caches, so an attacker with a million addresses
// costs bounded memory. All methods are O(window) at most and thread-safe;
// nothing here touches the database or blocks.
class ThreatDetector
{
public:
    explicit ThreatDetector(ThreatSettings settings, const IpReputation* reputation = nullptr);

    const ThreatSettings& settings() const { return m_settings; }
    bool enabled() const { return m_settings.enabled; }
    QByteArray fingerprint(const QString& password) const;

    // Before the password is checked: deny-listed or blocked addresses are
    // refused without spending a hash.
    Assessment precheck(const LoginAttempt& attempt);
    // A failed password check: feeds the windows; returns attacks first seen now.
    Assessment recordFailure(const LoginAttempt& attempt);
    // A correct password: scores it against the attack state and `profile`
    // (which the caller then updates with learn() unless the login is blocked).
    Assessment assessSuccess(const LoginAttempt& attempt, const BehaviourProfile& profile);
    static void learn(BehaviourProfile& profile, const LoginAttempt& attempt);

    // Token replay: a session's tokens used from a network other than the one
    // it was issued to. noteSession() records the issuing address; an unknown
    // session adopts the first address it is seen from. Returns a detection
    // the first time each (session, new network) pair is seen.
    void noteSession(const QString& sessionId, const QHostAddress& address);
    std::optional<Detection> observeTokenUse(const QString& sessionId, const QHostAddress& address,
                                             qint64 atMs);

    // Per-user behaviour profiles (database-backed, cached).
    ProfileStore& profiles() { return m_profiles; }
    const IpReputation* reputation() const { return m_reputation; }

    ThreatSummary summary(qint64 nowMs);
    // The current standing of one address (GET /admin/threats/risk).
    QJsonObject addressRisk(const QHostAddress& address, qint64 nowMs);

private:
    struct Hit
    {
        qint64 atMs;
        QString other; // the account (per address and fingerprint) or address (per account)
    };
    struct Window
    {
        std::deque<Hit> hits;
        void add(qint64 atMs, const QString& other, qint64 keepMs, int cap);
        int count(qint64 sinceMs) const;
        int distinct(qint64 sinceMs) const;
    };
    struct Flag
    {
        qint64 untilMs = 0;
        int count = 0;
        QString reason;
    };
    struct SessionNetworks
    {
        QString issued;
        QStringList reported;
    };

    Window* touch(QCache<QString, Window>& cache, const QString& key, qint64 atMs, const QString& other,
                  qint64 keepMs);
    bool raise(QHash<QString, Flag>& flags, const QString& key, qint64 nowMs, qint64 forMs, int count,
               const QString& reason = {});
    static bool active(const QHash<QString, Flag>& flags, const QString& key, qint64 nowMs);
    void countBlock(qint64 nowMs);
    void finish(Assessment& assessment, qint64 nowMs);

    ThreatSettings m_settings;
    const IpReputation* m_reputation;
    QByteArray m_fingerprintKey;
    ProfileStore m_profiles;
    int m_windowCap;

    QMutex m_mutex;
    QCache<QString, Window> m_byAddress;
    QCache<QString, Window> m_byAccount;
    QCache<QString, Window> m_byFingerprint;
    QCache<QString, SessionNetworks> m_sessions;
    QHash<QString, Flag> m_stuffing; // address
    QHash<QString, Flag> m_velocity; // address
    QHash<QString, Flag> m_blocked; // address
    QHash<QString, Flag> m_spraying; // fingerprint (hex), never shown
    QHash<QString, Flag> m_targeted; // account key
    std::deque<qint64> m_blockTimes;
};

} // namespace auth::threats
