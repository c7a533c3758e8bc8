#pragma once

#include "events/EventFilter.h"
#include "events/StoredEvent.h"

#include <QMutex>
#include <QObject>
#include <QSqlDatabase>
#include <QTimer>
#include <atomic>

namespace auth::storage {
class Database;
}

namespace auth::events {

// The security_events table: events recorded anywhere (core::recordEvent) are
// queued without blocking the caller, written in batches on the database pool,
// then published with their ids on the EventBus. The queue is bounded; what
// does not fit is dropped and counted. Rows older than the retention are purged
// hourly.
class EventStore : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int retentionDays = 90;
        int maxQueue = 50'000;
        int batchSize = 500;
        int flushIntervalMs = 100;
    };
    struct Page
    {
        QList<StoredEvent> events;
        qint64 nextCursor = 0; // 0: no further page
    };

    EventStore(storage::Database* database, Options options, QObject* parent = nullptr);
    ~EventStore() override;

    void start();
    // Thread-safe; never blocks on the database.
    void enqueue(const SecurityEvent& event);
    // Writes everything queued and waits for it (shutdown).
    void flushAll();

    quint64 written() const { return m_written.load(); }
    quint64 dropped() const { return m_dropped.load(); }
    int queued() const;

    // Newest first, strictly below `beforeId` when that is > 0.
    static std::optional<Page> query(QSqlDatabase& db, const EventFilter& filter, qint64 beforeId, int limit,
                                     QString* error);
    // Inserts `events` in one transaction and sets their ids; fills a missing
    // user e-mail from the users table.
    static bool insertBatch(QSqlDatabase& db, QList<StoredEvent>& events, QString* error);
    static qint64 purgeOlderThan(QSqlDatabase& db, qint64 cutoffMs);

private:
    void flush();
    void purge();

    storage::Database* m_database;
    Options m_options;
    QTimer m_flushTimer;
    QTimer m_purgeTimer;
    mutable QMutex m_mutex;
    QList<StoredEvent> m_queue;
    bool m_flushing = false;
    std::atomic<quint64> m_written {0};
    std::atomic<quint64> m_dropped {0};
};

} // namespace auth::events
