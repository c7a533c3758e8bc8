// EventFilter: the one parser and matcher of /admin/events and its stream.
#include "events/EventFilter.h"

#include <QTest>

using namespace auth;
using auth::events::EventFilter;
using auth::events::StoredEvent;

class TestEventFilter : public QObject
{
    Q_OBJECT

private slots:
    void parsesEveryParameter();
    void refusesBadParameters_data();
    void refusesBadParameters();
    void cidrIsAByteRange();
    void matchesInMemoryAsSqlWould();
    void cursorRoundTripsAndRefusesForgeries();
    void parsesTimes();
};

namespace {

EventFilter parse(const QString& query)
{
    auto parsed = EventFilter::parse(QUrlQuery(query));
    if (!std::holds_alternative<EventFilter>(parsed)) {
        qWarning() << "refused:" << std::get<http::HttpResponse>(parsed).body;
        return {};
    }
    return std::get<EventFilter>(parsed);
}

StoredEvent makeEvent(const QString& type, Severity severity, const QString& ip)
{
    StoredEvent e;
    e.id = 1;
    e.timeMs = 1'700'000'000'000;
    e.type = type;
    e.severity = severity;
    e.sourceIp = ip;
    e.userId = QStringLiteral("u-1");
    e.userEmail = QStringLiteral("ada@example.com");
    e.details = {{QStringLiteral("reason"), QStringLiteral("Invalid_Password")}};
    return e;
}

} // namespace

void TestEventFilter::parsesEveryParameter()
{
    const EventFilter f = parse(QStringLiteral("type=authentication_failure,account_locked&severity=medium"
                                               "&user=Ada%40Example.com&ip=10.0.0.0/8&since=1700000000"
                                               "&until=2023-11-14T23:00:00Z&q=invalid"));
    QCOMPARE(f.types,
             QStringList({QStringLiteral("authentication_failure"), QStringLiteral("account_locked")}));
    QCOMPARE(f.minSeverity, int(Severity::Medium));
    QVERIFY(f.severities.isEmpty());
    QCOMPARE(f.userEmail, QStringLiteral("ada@example.com"));
    QVERIFY(f.userId.isEmpty());
    QCOMPARE(*f.sinceMs, 1'700'000'000'000LL);
    QCOMPARE(*f.untilMs, 1'700'002'800'000LL);
    QCOMPARE(f.text, QStringLiteral("invalid"));

    const EventFilter list = parse(QStringLiteral("severity=low,critical&user=8f1d-42"));
    QCOMPARE(list.severities, QList<int>({int(Severity::Low), int(Severity::Critical)}));
    QCOMPARE(list.userId, QStringLiteral("8f1d-42"));
}

void TestEventFilter::refusesBadParameters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("parameter");
    QTest::newRow("type syntax") << "type=DROP%20TABLE"
                                 << "type";
    QTest::newRow("empty type") << "type="
                                << "type";
    QTest::newRow("severity") << "severity=urgent"
                              << "severity";
    QTest::newRow("ip") << "ip=999.1.1.1"
                        << "ip";
    QTest::newRow("cidr prefix") << "ip=10.0.0.0/33"
                                 << "ip";
    QTest::newRow("since") << "since=yesterday"
                           << "since";
    QTest::newRow("until local time") << "until=2024-01-01T00:00:00"
                                      << "until";
    QTest::newRow("order") << "since=200&until=100"
                           << "until";
    QTest::newRow("q too long") << QStringLiteral("q=") + QString(201, QLatin1Char('x')) << "q";
    QTest::newRow("unknown") << "colour=red"
                             << "colour";
    QTest::newRow("repeated") << "type=a&type=b"
                              << "type";
}

void TestEventFilter::refusesBadParameters()
{
    QFETCH(QString, query);
    QFETCH(QString, parameter);
    auto parsed = EventFilter::parse(QUrlQuery(query));
    QVERIFY(std::holds_alternative<http::HttpResponse>(parsed));
    const http::HttpResponse& response = std::get<http::HttpResponse>(parsed);
    QCOMPARE(response.status, 400);
    QVERIFY2(response.body.contains(("\"" + parameter + ": ").toUtf8()), response.body.constData());
}

void TestEventFilter::cidrIsAByteRange()
{
    const EventFilter f = parse(QStringLiteral("ip=192.0.2.0/24"));
    QCOMPARE(f.ipLow, events::ipKey(QStringLiteral("192.0.2.0")));
    QCOMPARE(f.ipHigh, events::ipKey(QStringLiteral("192.0.2.255")));
    QCOMPARE(events::ipKey(QStringLiteral("192.0.2.7")).size(), 16);
    // IPv4 lives inside ::ffff:0:0/96, so v4 and v6 keys never collide.
    QCOMPARE(events::ipKey(QStringLiteral("192.0.2.7")), events::ipKey(QStringLiteral("::ffff:192.0.2.7")));
    QVERIFY(events::ipKey(QStringLiteral("not an ip")).isEmpty());
    const EventFilter v6 = parse(QStringLiteral("ip=2001:db8::/32"));
    QVERIFY(v6.matches(makeEvent(QStringLiteral("x"), Severity::Info, QStringLiteral("2001:db8:1::5"))));
    QVERIFY(!v6.matches(makeEvent(QStringLiteral("x"), Severity::Info, QStringLiteral("2001:db9::5"))));
    QVERIFY(!v6.matches(makeEvent(QStringLiteral("x"), Severity::Info, QStringLiteral("192.0.2.7"))));
}

void TestEventFilter::matchesInMemoryAsSqlWould()
{
    const StoredEvent e
        = makeEvent(QStringLiteral("authentication_failure"), Severity::Medium, QStringLiteral("192.0.2.7"));
    QVERIFY(parse(QString()).matches(e));
    QVERIFY(parse(QStringLiteral("type=account_locked,authentication_failure")).matches(e));
    QVERIFY(!parse(QStringLiteral("type=account_locked")).matches(e));
    QVERIFY(parse(QStringLiteral("severity=low")).matches(e));
    QVERIFY(parse(QStringLiteral("severity=medium")).matches(e));
    QVERIFY(!parse(QStringLiteral("severity=high")).matches(e));
    QVERIFY(!parse(QStringLiteral("severity=low,high")).matches(e));
    QVERIFY(parse(QStringLiteral("ip=192.0.2.0/24")).matches(e));
    QVERIFY(parse(QStringLiteral("ip=192.0.2.7")).matches(e));
    QVERIFY(!parse(QStringLiteral("ip=192.0.2.8/29")).matches(e));
    QVERIFY(parse(QStringLiteral("user=ADA%40example.com")).matches(e));
    QVERIFY(parse(QStringLiteral("user=u-1")).matches(e));
    QVERIFY(!parse(QStringLiteral("user=u-2")).matches(e));
    QVERIFY(parse(QStringLiteral("q=invalid_pass")).matches(e));
    QVERIFY(!parse(QStringLiteral("q=unknown_user")).matches(e));
    QVERIFY(parse(QStringLiteral("since=1700000000&until=1700000001")).matches(e));
    QVERIFY(!parse(QStringLiteral("since=1700000001")).matches(e));
    QVERIFY(!parse(QStringLiteral("until=1700000000")).matches(e));
}

void TestEventFilter::cursorRoundTripsAndRefusesForgeries()
{
    const QString cursor = events::encodeCursor(123456);
    QCOMPARE(events::decodeCursor(cursor), std::optional<qint64>(123456));
    QVERIFY(!events::decodeCursor(QStringLiteral("123456")));
    QVERIFY(!events::decodeCursor(QStringLiteral("!!!")));
    QVERIFY(!events::decodeCursor(events::encodeCursor(0)));
    QVERIFY(!events::decodeCursor(QString(100, QLatin1Char('A'))));
}

void TestEventFilter::parsesTimes()
{
    QCOMPARE(events::parseTimeMs(QStringLiteral("0")), std::optional<qint64>(0));
    QCOMPARE(events::parseTimeMs(QStringLiteral("2023-11-14T22:13:20Z")),
             std::optional<qint64>(1'700'000'000'000));
    QCOMPARE(events::parseTimeMs(QStringLiteral("2023-11-14T23:13:20.5+01:00")),
             std::optional<qint64>(1'700'000'000'500));
    QCOMPARE(events::parseTimeMs(QStringLiteral("2023-11-14T22:13:20.123456789Z")),
             std::optional<qint64>(1'700'000'000'123));
    QVERIFY(!events::parseTimeMs(QStringLiteral("2023-11-14")));
    QVERIFY(!events::parseTimeMs(QStringLiteral("-5")));
    QVERIFY(!events::parseTimeMs(QStringLiteral("2023-13-14T22:13:20Z")));
}

QTEST_GUILESS_MAIN(TestEventFilter)
#include "TestEventFilter.moc"
