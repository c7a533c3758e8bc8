#include "threats/ThreatDetector.h"

#include "config/Config.h"
#include "crypto/Digest.h"
#include "crypto/Random.h"
#include "threats/IpReputation.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QSet>
#include <algorithm>

namespace auth::threats {

namespace {

constexpr int MaxFlags = 10'000;
constexpr qint64 HourMs = 3'600'000;

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

// Reason → weight and the detector it belongs to.
struct Signal
{
    const char* reason;
    int weight;
    const char* detector;
};
constexpr Signal IpDenyListed {"ip_deny_listed", 100, "ip_reputation"};
constexpr Signal CredentialStuffing {"credential_stuffing", 70, "credential_stuffing"};
constexpr Signal PasswordSpraying {"password_spraying", 60, "password_spraying"};
constexpr Signal IpFailureVelocity {"ip_failure_velocity", 40, "ip_failure_velocity"};
constexpr Signal DistributedAttack {"distributed_attack", 20, "distributed_attack"};
constexpr Signal NewNetwork {"new_network", 25, "behaviour_profile"};
constexpr Signal ImpossibleVelocity {"impossible_velocity", 25, "behaviour_profile"};
constexpr Signal NewUserAgent {"new_user_agent", 15, "behaviour_profile"};
constexpr Signal UnusualHour {"unusual_hour", 10, "behaviour_profile"};
constexpr Signal UnusualMfaMethod {"unusual_mfa_method", 10, "behaviour_profile"};

void add(Assessment& assessment, const Signal& signal, int* strongest)
{
    assessment.score += signal.weight;
    assessment.reasons.append(QLatin1String(signal.reason));
    if (signal.weight > *strongest) {
        *strongest = signal.weight;
        assessment.detector = QLatin1String(signal.detector);
    }
}

} // namespace

QString decisionName(Decision decision)
{
    switch (decision) {
    case Decision::Allow:
        return QStringLiteral("allow");
    case Decision::StepUp:
        return QStringLiteral("step_up");
    case Decision::Block:
        return QStringLiteral("block");
    }
    return {};
}

QString accountKeyOf(const QString& email)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(email.trimmed().toLower().toUtf8(), QCryptographicHash::Sha256)
            .toHex()
            .left(16));
}

ThreatSettings ThreatSettings::fromConfig(const Config& config)
{
    ThreatSettings s;
    s.enabled = config.boolean(QStringLiteral("threats.enabled"));
    s.stepUpScore = int(config.integer(QStringLiteral("threats.stepup_score")));
    s.blockScore = int(config.integer(QStringLiteral("threats.block_score")));
    s.ipFailureLimit = int(config.integer(QStringLiteral("threats.ip_failure_limit")));
    s.stuffingAccounts = int(config.integer(QStringLiteral("threats.stuffing_accounts")));
    s.sprayingAccounts = int(config.integer(QStringLiteral("threats.spraying_accounts")));
    s.distributedAddresses = int(config.integer(QStringLiteral("threats.distributed_addresses")));
    s.blockDurationMs = config.durationMs(QStringLiteral("threats.block_duration"));
    return s;
}

QJsonObject Detection::toJson() const
{
    return {{QStringLiteral("detector"), detector}, {QStringLiteral("count"), count}};
}

QJsonObject Assessment::toJson() const
{
    return {{QStringLiteral("score"), score},
            {QStringLiteral("reasons"), QJsonArray::fromStringList(reasons)},
            {QStringLiteral("detector"), detector},
            {QStringLiteral("decision"), decisionName(decision)}};
}

QJsonObject ThreatSummary::toJson() const
{
    auto list = [](const QList<Item>& items, const char* name, const char* countName) {
        QJsonArray array;
        for (const Item& item : items)
            array.append(QJsonObject {{QLatin1String(name), item.subject},
                                      {QLatin1String(countName), item.count},
                                      {QStringLiteral("until"), isoTime(item.untilMs)}});
        return array;
    };
    return {{QStringLiteral("active_stuffing_ips"), list(stuffingAddresses, "ip", "distinct_accounts")},
            {QStringLiteral("blocked_ips"), list(blockedAddresses, "ip", "count")},
            {QStringLiteral("spraying_fingerprints_count"), sprayingFingerprints},
            {QStringLiteral("targeted_accounts"), list(targetedAccounts, "account", "distinct_ips")},
            {QStringLiteral("blocked_last_hour"), blockedLastHour}};
}

void ThreatDetector::Window::add(qint64 atMs, const QString& other, qint64 keepMs, int cap)
{
    while (!hits.empty() && (hits.front().atMs < atMs - keepMs || int(hits.size()) >= cap))
        hits.pop_front();
    hits.push_back({atMs, other});
}

int ThreatDetector::Window::count(qint64 sinceMs) const
{
    return int(
        std::count_if(hits.cbegin(), hits.cend(), [sinceMs](const Hit& hit) { return hit.atMs >= sinceMs; }));
}

int ThreatDetector::Window::distinct(qint64 sinceMs) const
{
    QSet<QString> seen;
    for (const Hit& hit : hits) {
        if (hit.atMs >= sinceMs)
            seen.insert(hit.other);
    }
    return int(seen.size());
}

ThreatDetector::ThreatDetector(ThreatSettings settings, const IpReputation* reputation)
    : m_settings(settings)
    , m_reputation(reputation)
    , m_fingerprintKey(crypto::randomBytes(32))
    // Enough hits per window to see every threshold several times over.
    , m_windowCap(std::clamp(3
                                 * std::max({settings.ipFailureLimit, settings.stuffingAccounts,
                                             settings.sprayingAccounts * settings.sprayingMaxPerAccount,
                                             settings.distributedAddresses}),
                             64, 1024))
    // Costs are hits, so these bound memory (~100 bytes a hit), not key counts.
    , m_byAddress(400'000)
    , m_byAccount(200'000)
    , m_byFingerprint(200'000)
    , m_sessions(100'000)
{
}

QByteArray ThreatDetector::fingerprint(const QString& password) const
{
    return crypto::hmacSha256(m_fingerprintKey, password.toUtf8()).left(16);
}

ThreatDetector::Window* ThreatDetector::touch(QCache<QString, Window>& cache, const QString& key, qint64 atMs,
                                              const QString& other, qint64 keepMs)
{
    Window* window = cache.take(key);
    if (!window)
        window = new Window;
    window->add(atMs, other, keepMs, m_windowCap);
    const auto cost = qsizetype(window->hits.size()) + 1;
    cache.insert(key, window, cost);
    return cache.object(key);
}

bool ThreatDetector::raise(QHash<QString, Flag>& flags, const QString& key, qint64 nowMs, qint64 forMs,
                           int count, const QString& reason)
{
    auto it = flags.find(key);
    if (it != flags.end() && it->untilMs > nowMs) {
        it->untilMs = std::max(it->untilMs, nowMs + forMs);
        it->count = std::max(it->count, count);
        return false; // the same episode: extended, not reported again
    }
    if (it == flags.end() && flags.size() >= MaxFlags) {
        flags.removeIf(
            [nowMs](const QHash<QString, Flag>::iterator& item) { return item.value().untilMs <= nowMs; });
        if (flags.size() >= MaxFlags)
            return false;
    }
    flags.insert(key, {nowMs + forMs, count, reason});
    return true;
}

bool ThreatDetector::active(const QHash<QString, Flag>& flags, const QString& key, qint64 nowMs)
{
    const auto it = flags.constFind(key);
    return it != flags.cend() && it->untilMs > nowMs;
}

void ThreatDetector::countBlock(qint64 nowMs)
{
    m_blockTimes.push_back(nowMs);
    while (!m_blockTimes.empty() && (m_blockTimes.front() <= nowMs - HourMs || m_blockTimes.size() > 100'000))
        m_blockTimes.pop_front();
}

void ThreatDetector::finish(Assessment& assessment, qint64 nowMs)
{
    assessment.score = std::clamp(assessment.score, 0, 100);
    if (assessment.score >= m_settings.blockScore)
        assessment.decision = Decision::Block;
    else if (assessment.score >= m_settings.stepUpScore)
        assessment.decision = Decision::StepUp;
    if (assessment.decision == Decision::Block)
        countBlock(nowMs);
}

Assessment ThreatDetector::precheck(const LoginAttempt& attempt)
{
    Assessment assessment;
    if (!m_settings.enabled)
        return assessment;
    const IpReputation::Verdict verdict
        = m_reputation ? m_reputation->check(attempt.address) : IpReputation::Verdict {};
    if (verdict.allowed)
        return assessment;
    int strongest = 0;
    if (verdict.denied) {
        add(assessment, IpDenyListed, &strongest);
        assessment.score = 100;
        QMutexLocker lock(&m_mutex);
        finish(assessment, attempt.atMs);
        return assessment;
    }
    const QString address = attempt.address.toString();
    QMutexLocker lock(&m_mutex);
    const auto it = m_blocked.constFind(address);
    if (it == m_blocked.cend() || it->untilMs <= attempt.atMs)
        return assessment;
    add(assessment,
        it->reason == QLatin1String(CredentialStuffing.reason) ? CredentialStuffing : IpFailureVelocity,
        &strongest);
    assessment.score = 100; // an address under a block stays blocked until it ends
    assessment.retryAfterSecs = std::max<qint64>(1, (it->untilMs - attempt.atMs + 999) / 1000);
    finish(assessment, attempt.atMs);
    return assessment;
}

Assessment ThreatDetector::recordFailure(const LoginAttempt& attempt)
{
    Assessment assessment;
    if (!m_settings.enabled)
        return assessment;
    const qint64 now = attempt.atMs;
    const bool allowListed = m_reputation && m_reputation->check(attempt.address).allowed;
    const QString address = attempt.address.toString();
    int strongest = 0;
    QMutexLocker lock(&m_mutex);

    const Window* byAddress = touch(m_byAddress, address, now, attempt.accountKey,
                                    std::max(m_settings.ipFailureWindowMs, m_settings.stuffingWindowMs));
    const int failures = byAddress->count(now - m_settings.ipFailureWindowMs);
    const int accounts = byAddress->distinct(now - m_settings.stuffingWindowMs);
    if (accounts >= m_settings.stuffingAccounts) {
        add(assessment, CredentialStuffing, &strongest);
        if (raise(m_stuffing, address, now, m_settings.stuffingWindowMs, accounts))
            assessment.detections.append({QLatin1String(CredentialStuffing.detector), address, accounts});
        if (!allowListed)
            raise(m_blocked, address, now, m_settings.blockDurationMs, accounts,
                  QLatin1String(CredentialStuffing.reason));
    }
    if (failures >= m_settings.ipFailureLimit) {
        add(assessment, IpFailureVelocity, &strongest);
        if (raise(m_velocity, address, now, m_settings.ipFailureWindowMs, failures))
            assessment.detections.append({QLatin1String(IpFailureVelocity.detector), address, failures});
        if (!allowListed && !active(m_blocked, address, now))
            raise(m_blocked, address, now, m_settings.blockDurationMs, failures,
                  QLatin1String(IpFailureVelocity.reason));
    }

    if (!attempt.accountKey.isEmpty()) {
        const Window* byAccount
            = touch(m_byAccount, attempt.accountKey, now, address, m_settings.distributedWindowMs);
        const int addresses = byAccount->distinct(now - m_settings.distributedWindowMs);
        if (addresses >= m_settings.distributedAddresses) {
            add(assessment, DistributedAttack, &strongest);
            if (raise(m_targeted, attempt.accountKey, now, m_settings.distributedWindowMs, addresses))
                assessment.detections.append(
                    {QLatin1String(DistributedAttack.detector), attempt.accountKey, addresses});
        }
    }

    if (!attempt.passwordFingerprint.isEmpty()) {
        const QString key = QString::fromLatin1(attempt.passwordFingerprint.toHex());
        const Window* byPassword
            = touch(m_byFingerprint, key, now, attempt.accountKey, m_settings.sprayingWindowMs);
        const qint64 since = now - m_settings.sprayingWindowMs;
        const int targets = byPassword->distinct(since);
        const int tries = byPassword->count(since);
        if (targets >= m_settings.sprayingAccounts && tries <= targets * m_settings.sprayingMaxPerAccount) {
            add(assessment, PasswordSpraying, &strongest);
            if (raise(m_spraying, key, now, m_settings.sprayingWindowMs, targets))
                assessment.detections.append({QLatin1String(PasswordSpraying.detector), QString(), targets});
        }
    }
    assessment.score = std::clamp(assessment.score, 0, 100);
    return assessment;
}

Assessment ThreatDetector::assessSuccess(const LoginAttempt& attempt, const BehaviourProfile& profile)
{
    Assessment assessment;
    if (!m_settings.enabled)
        return assessment;
    const qint64 now = attempt.atMs;
    int strongest = 0;
    const IpReputation::Verdict verdict
        = m_reputation ? m_reputation->check(attempt.address) : IpReputation::Verdict {};
    if (verdict.denied && !verdict.allowed)
        add(assessment, IpDenyListed, &strongest);

    if (profile.logins >= m_settings.learningLogins) {
        const QString network = networkOf(attempt.address);
        const bool knownNetwork = profile.networks.contains(network);
        if (!knownNetwork)
            add(assessment, NewNetwork, &strongest);
        if (!profile.agents.contains(agentFamily(attempt.userAgent)))
            add(assessment, NewUserAgent, &strongest);
        const int hour = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC).time().hour();
        if (profile.logins >= 10 && profile.loginsNearHour(hour) == 0)
            add(assessment, UnusualHour, &strongest);
        // Without geolocation, "impossible travel" is a jump to an unknown
        // network minutes after a login elsewhere.
        if (!knownNetwork && !profile.lastNetwork.isEmpty() && profile.lastNetwork != network
            && profile.lastLoginSecs > 0 && now / 1000 >= profile.lastLoginSecs
            && now / 1000 - profile.lastLoginSecs < 600)
            add(assessment, ImpossibleVelocity, &strongest);
        if (!attempt.mfaMethod.isEmpty() && !profile.mfaMethods.isEmpty()
            && !profile.mfaMethods.contains(attempt.mfaMethod))
            add(assessment, UnusualMfaMethod, &strongest);
    }

    const QString address = attempt.address.toString();
    QMutexLocker lock(&m_mutex);
    if (!verdict.allowed) {
        const Window* byAddress = m_byAddress.object(address);
        const bool stuffing = active(m_stuffing, address, now)
            || (byAddress
                && byAddress->distinct(now - m_settings.stuffingWindowMs) >= m_settings.stuffingAccounts);
        const bool velocity = active(m_velocity, address, now)
            || (byAddress
                && byAddress->count(now - m_settings.ipFailureWindowMs) >= m_settings.ipFailureLimit);
        if (stuffing)
            add(assessment, CredentialStuffing, &strongest);
        if (velocity)
            add(assessment, IpFailureVelocity, &strongest);
        const auto blocked = m_blocked.constFind(address);
        if (blocked != m_blocked.cend() && blocked->untilMs > now)
            assessment.retryAfterSecs = std::max<qint64>(1, (blocked->untilMs - now + 999) / 1000);
    }
    if (!attempt.passwordFingerprint.isEmpty()
        && active(m_spraying, QString::fromLatin1(attempt.passwordFingerprint.toHex()), now))
        add(assessment, PasswordSpraying, &strongest);
    if (!attempt.accountKey.isEmpty() && active(m_targeted, attempt.accountKey, now))
        add(assessment, DistributedAttack, &strongest);
    finish(assessment, now);
    return assessment;
}

void ThreatDetector::learn(BehaviourProfile& profile, const LoginAttempt& attempt)
{
    const int hour = QDateTime::fromMSecsSinceEpoch(attempt.atMs, Qt::UTC).time().hour();
    profile.learn(networkOf(attempt.address), agentFamily(attempt.userAgent), hour, attempt.mfaMethod,
                  attempt.atMs / 1000);
}

void ThreatDetector::noteSession(const QString& sessionId, const QHostAddress& address)
{
    if (!m_settings.enabled || sessionId.isEmpty())
        return;
    QMutexLocker lock(&m_mutex);
    m_sessions.insert(sessionId, new SessionNetworks {networkOf(address), {}});
}

std::optional<Detection> ThreatDetector::observeTokenUse(const QString& sessionId,
                                                         const QHostAddress& address, qint64 atMs)
{
    Q_UNUSED(atMs);
    if (!m_settings.enabled || sessionId.isEmpty() || address.isNull())
        return std::nullopt;
    const QString network = networkOf(address);
    if (network.isEmpty())
        return std::nullopt;
    QMutexLocker lock(&m_mutex);
    SessionNetworks* session = m_sessions.object(sessionId);
    if (!session) {
        m_sessions.insert(sessionId, new SessionNetworks {network, {}});
        return std::nullopt;
    }
    if (session->issued == network || session->reported.contains(network) || session->reported.size() >= 8)
        return std::nullopt;
    session->reported.append(network);
    return Detection {QStringLiteral("token_replay"), sessionId, int(session->reported.size())};
}

ThreatSummary ThreatDetector::summary(qint64 nowMs)
{
    ThreatSummary summary;
    QMutexLocker lock(&m_mutex);
    auto collect = [nowMs](QHash<QString, Flag>& flags, QList<ThreatSummary::Item>* items) {
        flags.removeIf(
            [nowMs](const QHash<QString, Flag>::iterator& item) { return item.value().untilMs <= nowMs; });
        for (auto it = flags.cbegin(); it != flags.cend(); ++it) {
            if (items)
                items->append({it.key(), it->count, it->untilMs});
        }
        if (items)
            std::sort(items->begin(), items->end(),
                      [](const auto& a, const auto& b) { return a.count > b.count; });
        return int(flags.size());
    };
    collect(m_stuffing, &summary.stuffingAddresses);
    collect(m_blocked, &summary.blockedAddresses);
    collect(m_targeted, &summary.targetedAccounts);
    collect(m_velocity, nullptr);
    summary.sprayingFingerprints = collect(m_spraying, nullptr);
    while (!m_blockTimes.empty() && m_blockTimes.front() <= nowMs - HourMs)
        m_blockTimes.pop_front();
    summary.blockedLastHour = int(m_blockTimes.size());
    return summary;
}

QJsonObject ThreatDetector::addressRisk(const QHostAddress& address, qint64 nowMs)
{
    const IpReputation::Verdict verdict
        = m_reputation ? m_reputation->check(address) : IpReputation::Verdict {};
    const QString key = address.toString();
    QJsonObject risk {{QStringLiteral("ip"), key},
                      {QStringLiteral("network"), networkOf(address)},
                      {QStringLiteral("deny_listed"), verdict.denied},
                      {QStringLiteral("allow_listed"), verdict.allowed}};
    QMutexLocker lock(&m_mutex);
    const Window* window = m_byAddress.object(key);
    risk.insert(QStringLiteral("failures"), window ? window->count(nowMs - m_settings.ipFailureWindowMs) : 0);
    risk.insert(QStringLiteral("distinct_accounts"),
                window ? window->distinct(nowMs - m_settings.stuffingWindowMs) : 0);
    risk.insert(QStringLiteral("credential_stuffing"), active(m_stuffing, key, nowMs));
    risk.insert(QStringLiteral("failure_velocity"), active(m_velocity, key, nowMs));
    const auto blocked = m_blocked.constFind(key);
    const bool isBlocked
        = (verdict.denied && !verdict.allowed) || (blocked != m_blocked.cend() && blocked->untilMs > nowMs);
    risk.insert(QStringLiteral("blocked"), isBlocked);
    risk.insert(QStringLiteral("blocked_until"),
                blocked != m_blocked.cend() && blocked->untilMs > nowMs
                    ? QJsonValue(isoTime(blocked->untilMs))
                    : QJsonValue());
    return risk;
}

} // namespace auth::threats
