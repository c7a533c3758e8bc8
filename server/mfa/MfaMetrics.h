#pragma once

#include <QJsonObject>
#include <QMap>
#include <QMutex>
#include <QString>

namespace auth::mfa {

// Counters of MFA challenges since the start of this instance: attempts,
// successes and failures per method, lockouts. The runbook watches the MFA
// challenge success rate (> 90 %) and MFA failures (> 50 in 5 minutes); this is
// what /api/v1/status ("mfa") and the threat metrics read. Any thread.
struct MfaMetrics
{
    struct Counts
    {
        quint64 attempts = 0;
        quint64 successes = 0;
        quint64 failures = 0;
    };

    void record(const QString& method, bool success)
    {
        QMutexLocker lock(&m_mutex);
        for (Counts* counts : {&m_total, &m_byMethod[method]}) {
            ++counts->attempts;
            ++(success ? counts->successes : counts->failures);
        }
    }
    void recordLockout()
    {
        QMutexLocker lock(&m_mutex);
        ++m_lockouts;
    }
    // One SMS or e-mail send and its outcome (mfa.delivery in /api/v1/status).
    void recordDelivery(bool sent, qint64 nowSecs)
    {
        QMutexLocker lock(&m_mutex);
        ++(sent ? m_deliverySent : m_deliveryFailed);
        if (!sent)
            m_deliveryLastErrorAt = nowSecs;
    }
    Counts total() const
    {
        QMutexLocker lock(&m_mutex);
        return m_total;
    }
    quint64 lockouts() const
    {
        QMutexLocker lock(&m_mutex);
        return m_lockouts;
    }
    // successes / attempts, or -1 before the first attempt.
    double successRate() const
    {
        const Counts counts = total();
        return counts.attempts == 0 ? -1.0 : double(counts.successes) / double(counts.attempts);
    }

    QJsonObject toJson() const
    {
        QMutexLocker lock(&m_mutex);
        auto countsJson = [](const Counts& c) {
            return QJsonObject {
                {QStringLiteral("attempts"), double(c.attempts)},
                {QStringLiteral("successes"), double(c.successes)},
                {QStringLiteral("failures"), double(c.failures)},
                {QStringLiteral("success_rate"),
                 c.attempts == 0 ? QJsonValue() : QJsonValue(double(c.successes) / double(c.attempts))}};
        };
        QJsonObject byMethod;
        for (auto it = m_byMethod.cbegin(); it != m_byMethod.cend(); ++it)
            byMethod.insert(it.key(), countsJson(it.value()));
        QJsonObject json = countsJson(m_total);
        json.insert(QStringLiteral("lockouts"), double(m_lockouts));
        json.insert(QStringLiteral("by_method"), byMethod);
        json.insert(QStringLiteral("delivery"),
                    QJsonObject {{QStringLiteral("sent"), double(m_deliverySent)},
                                 {QStringLiteral("failed"), double(m_deliveryFailed)},
                                 {QStringLiteral("last_error_at"),
                                  m_deliveryLastErrorAt > 0 ? QJsonValue(double(m_deliveryLastErrorAt))
                                                            : QJsonValue()}});
        return json;
    }

private:
    mutable QMutex m_mutex;
    Counts m_total;
    QMap<QString, Counts> m_byMethod;
    quint64 m_lockouts = 0;
    quint64 m_deliverySent = 0;
    quint64 m_deliveryFailed = 0;
    qint64 m_deliveryLastErrorAt = 0;
};

} // namespace auth::mfa
