#include "core/HealthMonitor.h"

#include "logging/LogCategories.h"
#include "logging/Logger.h"
#include "storage/Database.h"

#include <QtConcurrent>

namespace auth::core {

QStringList HealthMonitor::Snapshot::reasons() const
{
    QStringList list;
    if (!databaseHealthy)
        list.append(QStringLiteral("database unavailable")
                    + (databaseError.isEmpty() ? QString() : QStringLiteral(": ") + databaseError));
    if (!logsWritable)
        list.append(QStringLiteral("log files not writable"));
    return list;
}

HealthMonitor::HealthMonitor(storage::Database* database, QObject* parent)
    : QObject(parent)
    , m_database(database)
{
    connect(&m_timer, &QTimer::timeout, this, &HealthMonitor::checkNow);
}

void HealthMonitor::start(int intervalMs)
{
    checkNow();
    m_timer.start(intervalMs);
}

void HealthMonitor::checkNow()
{
    if (m_checking)
        return; // a hanging dependency must not pile up checks
    m_checking = true;
    QtConcurrent::run(m_database->pool(), [database = m_database] {
        Snapshot s;
        s.databaseHealthy = database->ping(&s.databaseError, &s.databaseLatencyMs);
        return s;
    }).then(this, [this](Snapshot s) {
        m_checking = false;
        s.logsWritable = Logger::instance().isWritable();
        s.checkedAt = QDateTime::currentDateTimeUtc();
        store(s);
    });
}

void HealthMonitor::store(const Snapshot& snapshot)
{
    {
        QMutexLocker lock(&m_mutex);
        m_snapshot = snapshot;
    }
    if (snapshot.healthy() != m_lastHealthy) {
        m_lastHealthy = snapshot.healthy();
        if (m_lastHealthy)
            qCInfo(lcServer) << "dependencies healthy again";
        else
            qCWarning(lcServer).noquote() << "degraded:" << snapshot.reasons().join(QStringLiteral("; "));
    }
}

HealthMonitor::Snapshot HealthMonitor::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    return m_snapshot;
}

} // namespace auth::core
