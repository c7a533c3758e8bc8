#include "events/EventStore.h"

#include "events/EventBus.h"
#include "storage/Database.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <limits>

Q_LOGGING_CATEGORY(lcEventStore, "auth.server.events", QtInfoMsg)

namespace auth::events {

namespace {

QVariant textOrNull(const QString& value)
{
    return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}

storage::Backend backendOf(const QSqlDatabase& db)
{
    return db.driverName() == QLatin1String("QPSQL") ? storage::Backend::PostgreSQL
                                                     : storage::Backend::SQLite;
}

// SQLite's planner walks an (x, id) index newest-first and filters on time, which
// is fast for recent windows but reads most of the table for an old one. When
// the window itself holds few rows (counted on the time index, bounded), reading
// the window and sorting it is always cheap, so tell SQLite to do that.
// PostgreSQL estimates this from its statistics by itself.
QString narrowTimeWindowHint(QSqlDatabase& db, const EventFilter& filter)
{
    constexpr int NarrowRows = 20'000;
    if (backendOf(db) != storage::Backend::SQLite || (!filter.sinceMs && !filter.untilMs))
        return {};
    QSqlQuery count(db);
    count.prepare(QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM security_events WHERE time_ms >= ? AND "
                                 "time_ms < ? LIMIT %1)")
                      .arg(NarrowRows));
    count.addBindValue(filter.sinceMs.value_or(0));
    count.addBindValue(filter.untilMs.value_or(std::numeric_limits<qint64>::max()));
    if (!count.exec() || !count.next() || count.value(0).toInt() >= NarrowRows)
        return {};
    return QStringLiteral("INDEXED BY security_events_time");
}

} // namespace

EventStore::EventStore(storage::Database* database, Options options, QObject* parent)
    : QObject(parent)
    , m_database(database)
    , m_options(options)
{
    connect(&m_flushTimer, &QTimer::timeout, this, &EventStore::flush);
    connect(&m_purgeTimer, &QTimer::timeout, this, &EventStore::purge);
}

EventStore::~EventStore()
{
    flushAll();
}

void EventStore::start()
{
    m_flushTimer.start(m_options.flushIntervalMs);
    m_purgeTimer.start(3'600'000);
    QTimer::singleShot(5'000, this, &EventStore::purge); // soon after start, then hourly
}

int EventStore::queued() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_queue.size());
}

void EventStore::enqueue(const SecurityEvent& event)
{
    StoredEvent stored = StoredEvent::fromEvent(event);
    QMutexLocker lock(&m_mutex);
    if (m_queue.size() >= m_options.maxQueue) {
        m_dropped.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    m_queue.append(std::move(stored));
}

void EventStore::flush()
{
    QList<StoredEvent> batch;
    {
        QMutexLocker lock(&m_mutex);
        if (m_flushing || m_queue.isEmpty())
            return;
        const qsizetype n = std::min<qsizetype>(m_queue.size(), m_options.batchSize);
        batch = m_queue.mid(0, n);
        m_queue.remove(0, n);
        m_flushing = true;
    }
    m_database
        ->run([batch](QSqlDatabase& db) mutable {
            QString error;
            if (!insertBatch(db, batch, &error)) {
                qCWarning(lcEventStore).noquote() << "cannot store" << batch.size() << "events:" << error;
                batch.clear();
            }
            return batch;
        })
        .then(this, [this](const QList<StoredEvent>& written) {
            for (const StoredEvent& event : written)
                EventBus::instance().publish(event);
            m_written.fetch_add(written.size(), std::memory_order_relaxed);
            bool more = false;
            {
                QMutexLocker lock(&m_mutex);
                m_flushing = false;
                more = !m_queue.isEmpty();
            }
            if (more)
                flush();
        });
}

void EventStore::flushAll()
{
    m_flushTimer.stop();
    QList<StoredEvent> rest;
    {
        QMutexLocker lock(&m_mutex);
        rest.swap(m_queue);
    }
    if (rest.isEmpty() || !m_database)
        return;
    m_database
        ->run([&rest](QSqlDatabase& db) {
            QString error;
            if (!insertBatch(db, rest, &error))
                qCWarning(lcEventStore).noquote() << "cannot store events at shutdown:" << error;
        })
        .waitForFinished();
}

void EventStore::purge()
{
    const qint64 cutoff = QDateTime::currentMSecsSinceEpoch() - qint64(m_options.retentionDays) * 86'400'000;
    m_database->run([cutoff](QSqlDatabase& db) {
        const qint64 removed = purgeOlderThan(db, cutoff);
        if (removed > 0)
            qCInfo(lcEventStore) << "purged" << removed << "security events past the retention";
    });
}

qint64 EventStore::purgeOlderThan(QSqlDatabase& db, qint64 cutoffMs)
{
    // In chunks, so a large backlog never holds the (SQLite) write lock for long.
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM security_events WHERE id IN (SELECT id FROM security_events "
                                 "WHERE time_ms < ? LIMIT 5000)"));
    qint64 removed = 0;
    for (;;) {
        query.addBindValue(cutoffMs);
        if (!query.exec())
            return removed > 0 ? removed : -1;
        const int rows = query.numRowsAffected();
        removed += rows;
        if (rows < 5000)
            return removed;
    }
}

bool EventStore::insertBatch(QSqlDatabase& db, QList<StoredEvent>& events, QString* error)
{
    if (events.isEmpty())
        return true;
    if (!db.transaction()) {
        *error = db.lastError().text();
        return false;
    }
    QHash<QString, QString> emails;
    QSqlQuery lookup(db);
    lookup.prepare(QStringLiteral("SELECT email FROM users WHERE id = ?"));
    QSqlQuery insert(db);
    insert.prepare(
        QStringLiteral("INSERT INTO security_events (time_ms, type, severity, user_id, user_email, "
                       "source_ip, ip_key, request_id, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                       "RETURNING id"));
    for (StoredEvent& event : events) {
        if (event.userEmail.isEmpty() && !event.userId.isEmpty()) {
            auto cached = emails.constFind(event.userId);
            if (cached == emails.cend()) {
                lookup.addBindValue(event.userId);
                QString email;
                if (lookup.exec() && lookup.next())
                    email = lookup.value(0).toString();
                lookup.finish();
                cached = emails.insert(event.userId, email);
            }
            event.userEmail = *cached;
        }
        const QByteArray key = ipKey(event.sourceIp);
        insert.addBindValue(event.timeMs);
        insert.addBindValue(event.type);
        insert.addBindValue(int(event.severity));
        insert.addBindValue(textOrNull(event.userId));
        insert.addBindValue(textOrNull(event.userEmail));
        insert.addBindValue(textOrNull(event.sourceIp));
        insert.addBindValue(key.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(key));
        insert.addBindValue(textOrNull(event.requestId));
        insert.addBindValue(QString::fromUtf8(QJsonDocument(event.details).toJson(QJsonDocument::Compact)));
        if (!insert.exec() || !insert.next()) {
            *error = insert.lastError().text();
            db.rollback();
            return false;
        }
        event.id = insert.value(0).toLongLong();
        insert.finish();
    }
    if (!db.commit()) {
        *error = db.lastError().text();
        db.rollback();
        return false;
    }
    return true;
}

std::optional<EventStore::Page> EventStore::query(QSqlDatabase& db, const EventFilter& filter,
                                                  qint64 beforeId, int limit, QString* error)
{
    QVariantList binds;
    QString condition = filter.sqlCondition(backendOf(db), &binds);
    if (beforeId > 0) {
        condition += QStringLiteral(" AND id < ?");
        binds.append(beforeId);
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM security_events %2 WHERE %3 ORDER BY id DESC LIMIT %4")
                      .arg(StoredEvent::selectColumns(), narrowTimeWindowHint(db, filter), condition)
                      .arg(limit + 1));
    for (const QVariant& value : binds)
        query.addBindValue(value);
    if (!query.exec()) {
        *error = query.lastError().text();
        return std::nullopt;
    }
    Page page;
    while (query.next()) {
        if (page.events.size() == limit) {
            page.nextCursor = page.events.last().id;
            break;
        }
        page.events.append(StoredEvent::fromRow(query));
    }
    return page;
}

} // namespace auth::events
