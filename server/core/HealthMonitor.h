#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace auth::storage {
class Database;
}

namespace auth::core {

// Checks the dependencies in the background every couple of seconds and keeps
// the latest verdict, so /health answers from memory and stays fast even while
// the thread pools are saturated by logins.
class HealthMonitor : public QObject
{
    Q_OBJECT
public:
    struct Snapshot
    {
        bool databaseHealthy = false;
        double databaseLatencyMs = 0;
        QString databaseError;
        bool logsWritable = false;
        QDateTime checkedAt;
        QStringList reasons() const;
        bool healthy() const { return reasons().isEmpty(); }
    };

    explicit HealthMonitor(storage::Database* database, QObject* parent = nullptr);
    void start(int intervalMs = 2000);
    void checkNow();
    Snapshot snapshot() const;

private:
    void store(const Snapshot& snapshot);

    storage::Database* m_database;
    QTimer m_timer;
    mutable QMutex m_mutex;
    Snapshot m_snapshot;
    bool m_checking = false;
    bool m_lastHealthy = true;
};

} // namespace auth::core
