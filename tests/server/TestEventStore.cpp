// EventStore against both backends: batch insert with ids, the e-mail lookup,
// every filter as SQL (CIDR on the 16-byte key, escaped free text), cursor
// paging and the retention purge. PostgreSQL runs when make test provides one.
#include "events/EventStore.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace auth;
using namespace auth::storage;
using auth::events::EventFilter;
using auth::events::EventStore;
using auth::events::StoredEvent;

class TestEventStore : public QObject
{
    Q_OBJECT

private slots:
    void sqlite();
    void postgres();

private:
    void exercise(const DatabaseUrl& url);
};

namespace {

StoredEvent makeEvent(qint64 timeMs, const char* type, Severity severity, const QString& ip,
                      const QString& userId, const QJsonObject& details = {})
{
    StoredEvent e;
    e.timeMs = timeMs;
    e.type = QString::fromLatin1(type);
    e.severity = severity;
    e.sourceIp = ip;
    e.userId = userId;
    e.requestId = QStringLiteral("req-%1").arg(timeMs);
    e.details = details;
    return e;
}

QList<qint64> ids(QSqlDatabase& db, const QString& query, qint64 before = 0, int limit = 100,
                  qint64* next = nullptr)
{
    auto parsed = EventFilter::parse(QUrlQuery(query));
    if (!std::holds_alternative<EventFilter>(parsed)) {
        qWarning() << "filter refused:" << query;
        return {-1};
    }
    QString error;
    const auto page = EventStore::query(db, std::get<EventFilter>(parsed), before, limit, &error);
    if (!page) {
        qWarning() << "query failed:" << error;
        return {-1};
    }
    QList<qint64> list;
    for (const StoredEvent& e : page->events)
        list << e.id;
    if (next)
        *next = page->nextCursor;
    return list;
}

} // namespace

void TestEventStore::exercise(const DatabaseUrl& url)
{
    Database database(url);
    QString error;
    QVERIFY2(database.open(&error), qPrintable(error));
    database
        .run([](QSqlDatabase& db) {
            QSqlQuery user(db);
            QVERIFY(user.exec(QStringLiteral(
                "INSERT INTO users (id, email, name, password_hash, password_strength, created_at, "
                "updated_at, "
                "password_changed_at) VALUES ('u-ada', 'ada@example.com', 'Ada', 'x', 80, 0, 0, 0)")));

            const qint64 t0 = 1'700'000'000'000;
            QList<StoredEvent> batch {
                makeEvent(t0, "authentication_failure", Severity::Low, QStringLiteral("192.0.2.1"), {},
                          {{QStringLiteral("reason"), QStringLiteral("unknown_user")}}),
                makeEvent(t0 + 1000, "authentication_failure", Severity::Low, QStringLiteral("192.0.2.200"),
                          QStringLiteral("u-ada"),
                          {{QStringLiteral("reason"), QStringLiteral("invalid_password")}}),
                makeEvent(t0 + 2000, "account_locked", Severity::High, QStringLiteral("192.0.3.1"),
                          QStringLiteral("u-ada")),
                makeEvent(t0 + 3000, "security_violation", Severity::High, QStringLiteral("2001:db8::5"), {},
                          {{QStringLiteral("path"), QStringLiteral("/admin/100%_done")}}),
                makeEvent(t0 + 4000, "authentication_success", Severity::Info, QStringLiteral("10.0.0.9"),
                          QStringLiteral("u-ada")),
            };
            QString insertError;
            QVERIFY2(EventStore::insertBatch(db, batch, &insertError), qPrintable(insertError));
            for (qsizetype i = 1; i < batch.size(); ++i)
                QVERIFY(batch[i].id > batch[i - 1].id);
            QCOMPARE(batch[1].userEmail, QStringLiteral("ada@example.com"));
            const qint64 a = batch[0].id, b = batch[1].id, c = batch[2].id, d = batch[3].id, e = batch[4].id;

            QCOMPARE(ids(db, QString()), QList<qint64>({e, d, c, b, a}));
            QCOMPARE(ids(db, QStringLiteral("type=authentication_failure")), QList<qint64>({b, a}));
            QCOMPARE(ids(db, QStringLiteral("ip=192.0.2.0/24")), QList<qint64>({b, a}));
            QCOMPARE(ids(db, QStringLiteral("ip=192.0.2.128/25")), QList<qint64>({b}));
            QCOMPARE(ids(db, QStringLiteral("ip=192.0.0.0/16")), QList<qint64>({c, b, a}));
            QCOMPARE(ids(db, QStringLiteral("ip=2001:db8::/32")), QList<qint64>({d}));
            QCOMPARE(ids(db, QStringLiteral("ip=10.0.0.9")), QList<qint64>({e}));
            QCOMPARE(ids(db, QStringLiteral("user=ADA%40example.com")), QList<qint64>({e, c, b}));
            QCOMPARE(ids(db, QStringLiteral("user=u-ada&type=account_locked")), QList<qint64>({c}));
            QCOMPARE(ids(db, QStringLiteral("severity=high")), QList<qint64>({d, c}));
            QCOMPARE(ids(db, QStringLiteral("severity=info,low")), QList<qint64>({e, b, a}));
            QCOMPARE(ids(db, QStringLiteral("q=INVALID_pass")), QList<qint64>({b}));
            // '%' and '_' are literal characters, not LIKE wildcards.
            QCOMPARE(ids(db, QStringLiteral("q=100%25_d")), QList<qint64>({d}));
            QCOMPARE(ids(db, QStringLiteral("q=100%25%25")), QList<qint64>());
            QCOMPARE(ids(db, QStringLiteral("since=1700000001&until=1700000003")), QList<qint64>({c, b}));

            qint64 next = 0;
            QCOMPARE(ids(db, QString(), 0, 2, &next), QList<qint64>({e, d}));
            QCOMPARE(next, d);
            QCOMPARE(ids(db, QString(), next, 2, &next), QList<qint64>({c, b}));
            QCOMPARE(ids(db, QString(), next, 2, &next), QList<qint64>({a}));
            QCOMPARE(next, 0);

            QCOMPARE(EventStore::purgeOlderThan(db, t0 + 2000), 2);
            QCOMPARE(ids(db, QString()), QList<qint64>({e, d, c}));
        })
        .waitForFinished();
}

void TestEventStore::sqlite()
{
    QTemporaryDir dir;
    QString error;
    exercise(*DatabaseUrl::parse(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("events.db")), {},
                                 &error));
}

void TestEventStore::postgres()
{
    const QString url = qEnvironmentVariable("AUTH_TEST_POSTGRES_URL");
    if (url.isEmpty())
        QSKIP("AUTH_TEST_POSTGRES_URL not set (make test provides it)");
    QString error;
    const auto parsed = DatabaseUrl::parse(url, {}, &error);
    QVERIFY2(parsed, qPrintable(error));
    const QString name = QStringLiteral("testevents_%1").arg(QCoreApplication::applicationPid());
    {
        Database server(*parsed);
        server
            .run([name](QSqlDatabase& db) {
                QSqlQuery query(db);
                query.exec(QStringLiteral("DROP DATABASE IF EXISTS ") + name);
                return query.exec(QStringLiteral("CREATE DATABASE ") + name);
            })
            .waitForFinished();
    }
    DatabaseUrl mine = *parsed;
    mine.database = name;
    exercise(mine);
}

QTEST_GUILESS_MAIN(TestEventStore)
#include "TestEventStore.moc"
