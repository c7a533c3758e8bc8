#include "core/HealthMonitor.h"

#include "events/SecurityEvent.h"
#include "logging/LogCategories.h"
#include "logging/Logger.h"
#include "state/StateStore.h"
#include "storage/Database.h"

#include <QtConcurrent>

namespace auth::core {

QStringList HealthMonitor::Snapshot::reasons() const
{
    QStringList list;
    if (!databaseHealthy)
        list.append(QStringLiteral("database unavailable")
                    + (databaseError.isEmpty() ? QString() : QStringLiteral(": ") + databaseError));
    if (!stateHealthy)
        list.append(stateBackend + QStringLiteral(" unavailable")
                    + (stateError.isEmpty() ? QString() : QStringLiteral(": ") + stateError));
    if (!logsWritable)
        list.append(QStringLiteral("log files not writable"));
    return list;
}

HealthMonitor::HealthMonitor(storage::Database* database, QObject* parent)
    : QObject(parent)
    , m_database(database)
{
    m_statePool.setMaxThreadCount(1);
    connect(&m_timer, &QTimer::timeout, this, &HealthMonitor::checkNow);
}

HealthMonitor::~HealthMonitor()
{
    m_timer.stop();
    m_statePool.waitForDone();
}

void HealthMonitor::setStateStore(state::StateStore* state)
{
    m_state = state;
    QMutexLocker lock(&m_mutex);
    m_snapshot.stateBackend = state ? state->backendName() : QStringLiteral("memory");
}

void HealthMonitor::start(int intervalMs)
{
    checkNow();
    m_timer.start(intervalMs);
}

void HealthMonitor::checkNow()
{
    checkDatabase();
    checkState();
    Snapshot snapshot;
    {
        QMutexLocker lock(&m_mutex);
        m_snapshot.logsWritable = Logger::instance().isWritable();
        m_snapshot.checkedAt = QDateTime::currentDateTimeUtc();
        snapshot = m_snapshot;
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

void HealthMonitor::checkDatabase()
{
    if (m_databaseChecking) {
        // A check still running: the server hangs. Say so now, do not pile up checks.
        if (m_databaseSince.elapsed() > kHangingMs)
            applyDatabase({false, double(m_databaseSince.elapsed()),
                           QStringLiteral("no answer within %1 ms").arg(kHangingMs)});
        return;
    }
    m_databaseChecking = true;
    m_databaseSince.start();
    QtConcurrent::run(m_database->pool(), [database = m_database] {
        Probe probe;
        probe.healthy = database->ping(&probe.error, &probe.latencyMs);
        return probe;
    }).then(this, [this](Probe probe) {
        m_databaseChecking = false;
        applyDatabase(probe);
    });
}

void HealthMonitor::checkState()
{
    if (!m_state)
        return;
    if (m_stateChecking) {
        if (m_stateSince.elapsed() > kHangingMs)
            applyState({false, double(m_stateSince.elapsed()),
                        QStringLiteral("no answer within %1 ms").arg(kHangingMs)});
        return;
    }
    m_stateChecking = true;
    m_stateSince.start();
    QtConcurrent::run(&m_statePool, [state = m_state] {
        QElapsedTimer timer;
        timer.start();
        Probe probe;
        probe.healthy = state->healthy(&probe.error);
        probe.latencyMs = double(timer.nsecsElapsed()) / 1e6;
        return probe;
    }).then(this, [this](Probe probe) {
        m_stateChecking = false;
        applyState(probe);
    });
}

void HealthMonitor::applyDatabase(const Probe& probe)
{
    bool was = false;
    {
        QMutexLocker lock(&m_mutex);
        was = m_databaseSeen ? m_snapshot.databaseHealthy : true; // the first verdict is no change
        m_databaseSeen = true;
        m_snapshot.databaseHealthy = probe.healthy;
        m_snapshot.databaseLatencyMs = probe.latencyMs;
        m_snapshot.databaseError = probe.error;
    }
    if (was != probe.healthy)
        m_database->dropConnections(); // sockets to a server that went away are stale
    transition(QStringLiteral("database"), was, probe);
}

void HealthMonitor::applyState(const Probe& probe)
{
    bool was = false;
    QString backend;
    {
        QMutexLocker lock(&m_mutex);
        was = m_snapshot.stateHealthy;
        backend = m_snapshot.stateBackend;
        m_snapshot.stateHealthy = probe.healthy;
        m_snapshot.stateLatencyMs = probe.latencyMs;
        m_snapshot.stateError = probe.error;
    }
    transition(backend, was, probe);
}

void HealthMonitor::transition(const QString& dependency, bool wasHealthy, const Probe& probe)
{
    if (wasHealthy == probe.healthy)
        return;
    const char* type = probe.healthy ? events::DependencyRestored : events::DependencyDown;
    QJsonObject details {{QStringLiteral("dependency"), dependency}};
    if (!probe.healthy)
        details.insert(QStringLiteral("error"), probe.error);
    Logger::instance().application(probe.healthy ? LogLevel::Info : LogLevel::Error,
                                   QStringLiteral("auth.server"), QString::fromLatin1(type), details);
    Logger::instance().security(
        SecurityEvent::make(type, probe.healthy ? Severity::Info : Severity::High, details));
}

} // namespace auth::core
