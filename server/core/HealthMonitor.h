#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>

namespace auth::storage {
class Database;
}
namespace auth::state {
class StateStore;
}

namespace auth::core {

// Checks the dependencies in the background every couple of seconds and keeps
// the latest verdict, so /health answers from memory and stays fast even while
// the thread pools are saturated by logins. The database and the state store
// are checked independently; a check that has not answered within
// kHangingMs counts as a failure ("hanging"), so a stalled server turns /health
// degraded without waiting for driver timeouts. Every change of a dependency's
// verdict is logged (dependency_down / dependency_restored).
class HealthMonitor : public QObject
{
    Q_OBJECT
public:
    static constexpr int kHangingMs = 3000;

    struct Snapshot
    {
        bool databaseHealthy = false;
        double databaseLatencyMs = 0;
        QString databaseError;
        QString stateBackend = QStringLiteral("memory");
        bool stateHealthy = true;
        double stateLatencyMs = 0;
        QString stateError;
        bool logsWritable = false;
        QDateTime checkedAt;
        QStringList reasons() const;
        bool healthy() const { return reasons().isEmpty(); }
    };

    explicit HealthMonitor(storage::Database* database, QObject* parent = nullptr);
    ~HealthMonitor() override;
    void setStateStore(state::StateStore* state);
    void start(int intervalMs = 2000);
    void checkNow();
    Snapshot snapshot() const;

private:
    struct Probe
    {
        bool healthy = true;
        double latencyMs = 0;
        QString error;
    };
    void checkDatabase();
    void checkState();
    void applyDatabase(const Probe& probe);
    void applyState(const Probe& probe);
    void transition(const QString& dependency, bool wasHealthy, const Probe& probe);

    storage::Database* m_database;
    state::StateStore* m_state = nullptr;
    QThreadPool m_statePool; // a hanging Redis never holds a database thread
    QTimer m_timer;
    mutable QMutex m_mutex;
    Snapshot m_snapshot;
    bool m_databaseSeen = false;
    bool m_databaseChecking = false;
    bool m_stateChecking = false;
    QElapsedTimer m_databaseSince;
    QElapsedTimer m_stateSince;
    bool m_lastHealthy = true;
};

} // namespace auth::core
