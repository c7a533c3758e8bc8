#pragma once

#include "state/NoticeHub.h"
#include "state/StateStore.h"

#include <QHash>
#include <QMutex>

namespace auth::state {

// One instance's state, guarded by a mutex; expired entries are pruned as the
// maps grow, so memory stays bounded by the live working set.
class MemoryStateStore : public StateStore
{
public:
    QString backendName() const override { return QStringLiteral("memory"); }
    bool healthy(QString*) override { return true; }
    RateDecision consume(const QString& key, int perMinute, int burst, qint64 nowMs) override;
    void revokeTokenId(const QString& jti, qint64 expiresAtSecs) override;
    bool isTokenIdRevoked(const QString& jti) override;
    void setNotBefore(const QString& subject, qint64 secs) override;
    qint64 notBefore(const QString& subject) override;
    void publish(const QString& channel, const QByteArray& message) override;
    void subscribe(const QString& channel, QObject* context, NoticeHandler handler) override;
    bool claimOnce(const QString& key, qint64 ttlMs) override;

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
        qint64 fullAtMs = 0;
    };
    void pruneBuckets(qint64 nowMs);

    QMutex m_mutex;
    QHash<QString, Bucket> m_buckets;
    QHash<QString, qint64> m_revoked; // jti -> expiry (s)
    QHash<QString, qint64> m_notBefore;
    QHash<QString, qint64> m_claims; // key -> expiry (ms)
    qint64 m_lastPruneMs = 0;
    NoticeHub m_notices;
};

} // namespace auth::state
