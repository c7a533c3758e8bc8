#include "client/EventExporter.h"
#include "client/EventQuery.h"

#include <QtTest>

using namespace auth::console;

// The filter language: what it accepts, where it points at mistakes, and what
// it sends to the server.
class TestEventQuery : public QObject
{
    Q_OBJECT

private slots:
    void parsesTheDocumentedExample();
    void rejectsWithPosition_data();
    void rejectsWithPosition();
    void buildsApiParameters();
    void resolvesTimes();
    void exclusionsFilterRows();
    void termsQuoteWhatNeedsIt();
    void csvNeutralisesFormulas();
};

void TestEventQuery::parsesTheDocumentedExample()
{
    const auto parsed = EventQuery::parse(QStringLiteral(
        "type:authentication_failure ip:10.0.0.0/8 user:alice since:1h severity:high \"free text\" -type:x"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    const EventQuery& q = parsed.query;
    QCOMPARE(q.types, QStringList {QStringLiteral("authentication_failure")});
    QCOMPARE(q.excludedTypes, QStringList {QStringLiteral("x")});
    QCOMPARE(q.ip, QStringLiteral("10.0.0.0/8"));
    QCOMPARE(q.user, QStringLiteral("alice"));
    QCOMPARE(q.since, QStringLiteral("1h"));
    QCOMPARE(q.severity, QStringLiteral("high"));
    QCOMPARE(q.text, QStringList {QStringLiteral("free text")});
    QVERIFY(q.hasExclusions());

    const auto multi
        = EventQuery::parse(QStringLiteral("type:a,b type:c user:\"Ada Lovelace\" word \"a \\\"q\\\"\""));
    QVERIFY2(multi.ok(), qPrintable(multi.error));
    QCOMPARE(multi.query.types,
             (QStringList {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    QCOMPARE(multi.query.user, QStringLiteral("Ada Lovelace"));
    QCOMPARE(multi.query.text, (QStringList {QStringLiteral("word"), QStringLiteral("a \"q\"")}));
    QVERIFY(EventQuery::parse(QString()).ok());
    QVERIFY(EventQuery::parse(QStringLiteral("   ")).query.isEmpty());
}

void TestEventQuery::rejectsWithPosition_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("position");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("unknown field") << QStringLiteral("type:x colour:red") << 7
                                   << QStringLiteral("Unknown field");
    QTest::newRow("open quote") << QStringLiteral("user:alice \"free text") << 11
                                << QStringLiteral("not closed");
    QTest::newRow("bad cidr") << QStringLiteral("ip:10.0.0.0/33") << 3 << QStringLiteral("CIDR");
    QTest::newRow("bad excluded ip") << QStringLiteral("a -ip:nonsense") << 6 << QStringLiteral("CIDR");
    QTest::newRow("bad severity") << QStringLiteral("severity:urgent") << 0 << QStringLiteral("Severity");
    QTest::newRow("bad time") << QStringLiteral("since:yesterday") << 6 << QStringLiteral("not a time");
    QTest::newRow("empty value") << QStringLiteral("x user:") << 2 << QStringLiteral("needs a value");
    QTest::newRow("two users") << QStringLiteral("user:a user:b") << 7 << QStringLiteral("once");
    QTest::newRow("bad type") << QStringLiteral("type:DROP;TABLE") << 0 << QStringLiteral("event type");
    QTest::newRow("until before since")
        << QStringLiteral("since:1h until:2h") << 9 << QStringLiteral("before");
    QTest::newRow("negated since") << QStringLiteral("-since:1h") << 0
                                   << QStringLiteral("cannot be excluded");
    QTest::newRow("too long") << QString(EventQuery::MaxLength + 1, u'a') << EventQuery::MaxLength
                              << QStringLiteral("longer");
}

void TestEventQuery::rejectsWithPosition()
{
    QFETCH(QString, text);
    QFETCH(int, position);
    QFETCH(QString, messagePart);
    const auto parsed = EventQuery::parse(text);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.errorPosition, position);
    QVERIFY2(parsed.error.contains(messagePart), qPrintable(parsed.error));
}

void TestEventQuery::buildsApiParameters()
{
    const QDateTime now(QDate(2025, 1, 15), QTime(10, 30), Qt::UTC);
    const auto parsed = EventQuery::parse(QStringLiteral(
        "type:a,b severity:HIGH user:x+y@example.com ip:2001:db8::/32 since:15m \"p&q=1\" -ip:10.0.0.1"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    const QUrlQuery query = parsed.query.toUrlQuery(now);
    QCOMPARE(query.queryItemValue(QStringLiteral("type"), QUrl::FullyDecoded), QStringLiteral("a,b"));
    QCOMPARE(query.queryItemValue(QStringLiteral("severity")), QStringLiteral("high"));
    QCOMPARE(query.queryItemValue(QStringLiteral("user"), QUrl::FullyDecoded),
             QStringLiteral("x+y@example.com"));
    QCOMPARE(query.queryItemValue(QStringLiteral("ip"), QUrl::FullyDecoded), QStringLiteral("2001:db8::/32"));
    QCOMPARE(query.queryItemValue(QStringLiteral("since"), QUrl::FullyDecoded),
             QStringLiteral("2025-01-15T10:15:00.000Z"));
    QCOMPARE(query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded), QStringLiteral("p&q=1"));
    // Encoded so that '+', '&' and '=' survive the trip (the server reads '+' as a space).
    const QString encoded = query.query(QUrl::FullyEncoded);
    QVERIFY2(encoded.contains(QLatin1String("user=x%2By")), qPrintable(encoded));
    QVERIFY2(encoded.contains(QLatin1String("q=p%26q%3D1")), qPrintable(encoded));
    QVERIFY(!encoded.contains(QLatin1String("10.0.0.1"))); // exclusions stay on this side
}

void TestEventQuery::resolvesTimes()
{
    const QDateTime now(QDate(2025, 1, 15), QTime(10, 30), Qt::UTC);
    QCOMPARE(*EventQuery::resolveTime(QStringLiteral("7d"), now), now.addDays(-7));
    QCOMPARE(*EventQuery::resolveTime(QStringLiteral("30s"), now), now.addSecs(-30));
    QCOMPARE(*EventQuery::resolveTime(QStringLiteral("2025-01-14"), now),
             QDateTime(QDate(2025, 1, 14), QTime(0, 0), Qt::UTC));
    QCOMPARE(*EventQuery::resolveTime(QStringLiteral("2025-01-14T08:00:00Z"), now),
             QDateTime(QDate(2025, 1, 14), QTime(8, 0), Qt::UTC));
    QVERIFY(!EventQuery::resolveTime(QStringLiteral("1y"), now));
    QVERIFY(!EventQuery::resolveTime(QStringLiteral("soon"), now));
}

void TestEventQuery::exclusionsFilterRows()
{
    const auto parsed = EventQuery::parse(QStringLiteral(
        "-type:jwt_generation -ip:10.0.0.0/8 -user:bob@example.com -severity:info -\"noisy\""));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    const EventQuery& q = parsed.query;
    const QJsonObject kept {{QStringLiteral("type"), QStringLiteral("authentication_failure")},
                            {QStringLiteral("severity"), QStringLiteral("MEDIUM")},
                            {QStringLiteral("source_ip"), QStringLiteral("192.0.2.7")},
                            {QStringLiteral("user"), QStringLiteral("alice@example.com")}};
    QVERIFY(q.accepts(kept));
    auto with = [&kept](const char* key, const QJsonValue& value) {
        QJsonObject event = kept;
        event.insert(QLatin1String(key), value);
        return event;
    };
    QVERIFY(!q.accepts(with("type", QStringLiteral("jwt_generation"))));
    QVERIFY(!q.accepts(with("source_ip", QStringLiteral("10.20.30.40"))));
    QVERIFY(!q.accepts(with("user", QStringLiteral("BOB@example.com"))));
    QVERIFY(!q.accepts(with("severity", QStringLiteral("INFO"))));
    QVERIFY(
        !q.accepts(with("details", QJsonObject {{QStringLiteral("note"), QStringLiteral("a Noisy one")}})));
}

void TestEventQuery::termsQuoteWhatNeedsIt()
{
    QCOMPARE(EventQuery::term(QStringLiteral("ip"), QStringLiteral("10.0.0.1")),
             QStringLiteral("ip:10.0.0.1"));
    QCOMPARE(EventQuery::term(QStringLiteral("user"), QStringLiteral("Ada L"), true),
             QStringLiteral("-user:\"Ada L\""));
    const QString tricky = QStringLiteral("a \"b\" \\c");
    const auto back = EventQuery::parse(EventQuery::term(QStringLiteral("user"), tricky));
    QVERIFY2(back.ok(), qPrintable(back.error));
    QCOMPARE(back.query.user, tricky);
}

void TestEventQuery::csvNeutralisesFormulas()
{
    QCOMPARE(EventExporter::csvField(QStringLiteral("plain")), QStringLiteral("plain"));
    QCOMPARE(EventExporter::csvField(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
    QCOMPARE(EventExporter::csvField(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
    QCOMPARE(EventExporter::csvField(QStringLiteral("=HYPERLINK(\"x\")")),
             QStringLiteral("\"'=HYPERLINK(\"\"x\"\")\""));
    QCOMPARE(EventExporter::csvField(QStringLiteral("@SUM(A1)")), QStringLiteral("\"'@SUM(A1)\""));
    const QByteArray line = EventExporter::csvLine(
        {{QStringLiteral("id"), QStringLiteral("7")},
         {QStringLiteral("type"), QStringLiteral("authentication_failure")},
         {QStringLiteral("details"), QJsonObject {{QStringLiteral("reason"), QStringLiteral("x")}}}});
    QCOMPARE(line, QByteArray("7,,authentication_failure,,,,,,\"{\"\"reason\"\":\"\"x\"\"}\"\r\n"));
}

QTEST_GUILESS_MAIN(TestEventQuery)
#include "TestEventQuery.moc"
