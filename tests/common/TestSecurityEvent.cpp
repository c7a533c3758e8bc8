#include "core/Clock.h"
#include "events/SecurityEvent.h"
#include "logging/Logger.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

using namespace auth;

class TestSecurityEvent : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void roundTrip();
    void emptyFieldsOmitted();
    void compactGrepableLine();
    void severityNames();
    void makeUsesClockAndRequestId();
    void invalidInput_data();
    void invalidInput();
    void timestampWithOffsetNormalisedToUtc();
};

namespace {

QJsonObject validObject()
{
    return QJsonObject {
        {"timestamp", "2025-01-15T10:30:00.123Z"}, {"event", "authentication_failure"}, {"severity", "HIGH"}};
}

} // namespace

void TestSecurityEvent::cleanup()
{
    Clock::setFixedMs(0);
}

void TestSecurityEvent::roundTrip()
{
    SecurityEvent event;
    event.timestamp = QDateTime::fromMSecsSinceEpoch(1736937000123, QTimeZone::utc());
    event.type = events::AuthenticationFailure;
    event.severity = Severity::Medium;
    event.userId = "user-17";
    event.sourceIp = "203.0.113.7";
    event.requestId = "req-abc";
    event.details = QJsonObject {{"reason", "bad_password"}, {"attempts", 3}};

    const QJsonObject json = event.toJson();
    QCOMPARE(json.value("timestamp").toString(), QStringLiteral("2025-01-15T10:30:00.123Z"));
    QCOMPARE(json.value("event").toString(), QStringLiteral("authentication_failure"));
    QCOMPARE(json.value("severity").toString(), QStringLiteral("MEDIUM"));
    QCOMPARE(json.value("user_id").toString(), QStringLiteral("user-17"));
    QCOMPARE(json.value("source_ip").toString(), QStringLiteral("203.0.113.7"));
    QCOMPARE(json.value("request_id").toString(), QStringLiteral("req-abc"));
    QCOMPARE(json.value("details").toObject().value("attempts").toInt(), 3);

    // Through the text form too, as security.log is read back by /admin/events.
    const QByteArray line = Logger::formatLine(json);
    const QJsonObject reread = QJsonDocument::fromJson(line).object();
    const auto back = SecurityEvent::fromJson(reread);
    QVERIFY(back.has_value());
    QCOMPARE(back->timestamp, event.timestamp);
    QCOMPARE(back->timestamp.toMSecsSinceEpoch(), Q_INT64_C(1736937000123));
    QCOMPARE(back->type, event.type);
    QCOMPARE(back->severity, event.severity);
    QCOMPARE(back->userId, event.userId);
    QCOMPARE(back->sourceIp, event.sourceIp);
    QCOMPARE(back->requestId, event.requestId);
    QCOMPARE(back->details, event.details);
}

void TestSecurityEvent::emptyFieldsOmitted()
{
    SecurityEvent event;
    event.timestamp = QDateTime::fromMSecsSinceEpoch(0, QTimeZone::utc());
    event.type = events::ServiceStarted;
    const QJsonObject json = event.toJson();
    QCOMPARE(json.keys(), (QStringList {"event", "severity", "timestamp"}));
    QCOMPARE(json.value("severity").toString(), QStringLiteral("INFO"));
    QCOMPARE(json.value("timestamp").toString(), QStringLiteral("1970-01-01T00:00:00.000Z"));

    const auto back = SecurityEvent::fromJson(json);
    QVERIFY(back.has_value());
    QVERIFY(back->userId.isEmpty());
    QVERIFY(back->details.isEmpty());
}

void TestSecurityEvent::compactGrepableLine()
{
    SecurityEvent event = SecurityEvent::make(events::AuthenticationFailure, Severity::High,
                                              QJsonObject {{"email", "a@example.com"}});
    event.sourceIp = "198.51.100.23";
    const QByteArray line = Logger::formatLine(event.toJson());

    // The runbook's pipeline: grep -o '"source_ip":"[^"]*"'
    const QRegularExpression grep(R"re("source_ip":"[^"]*")re");
    const auto match = grep.match(QString::fromUtf8(line));
    QVERIFY(match.hasMatch());
    QCOMPARE(match.captured(0), QStringLiteral(R"("source_ip":"198.51.100.23")"));
    QVERIFY(line.contains(R"("event":"authentication_failure")"));
    QVERIFY(line.endsWith('\n'));
    QCOMPARE(line.count('\n'), 1);
    QVERIFY(!line.contains("\": "));
    QVERIFY(!line.contains(", \""));
}

void TestSecurityEvent::severityNames()
{
    const QList<QPair<Severity, QString>> names {{Severity::Info, "INFO"},
                                                 {Severity::Low, "LOW"},
                                                 {Severity::Medium, "MEDIUM"},
                                                 {Severity::High, "HIGH"},
                                                 {Severity::Critical, "CRITICAL"}};
    for (const auto& [severity, name] : names) {
        QCOMPARE(severityName(severity), name);
        QCOMPARE(parseSeverity(name), std::optional<Severity>(severity));
        QCOMPARE(parseSeverity(name.toLower()), std::optional<Severity>(severity));
    }
    QVERIFY(!parseSeverity("SEVERE").has_value());
    QVERIFY(!parseSeverity("").has_value());
    QVERIFY(!parseSeverity(" HIGH").has_value());
}

void TestSecurityEvent::makeUsesClockAndRequestId()
{
    Clock::setFixedMs(1736937000500);
    RequestIdScope scope("req-42");
    const SecurityEvent event = SecurityEvent::make(events::KeyRotation, Severity::Info, {{"kid", "k2"}});
    QCOMPARE(event.timestamp.toMSecsSinceEpoch(), Q_INT64_C(1736937000500));
    QCOMPARE(event.type, QStringLiteral("key_rotation"));
    QCOMPARE(event.requestId, QStringLiteral("req-42"));
    QCOMPARE(event.details.value("kid").toString(), QStringLiteral("k2"));
    QCOMPARE(event.toJson().value("timestamp").toString(), QStringLiteral("2025-01-15T10:30:00.500Z"));
}

void TestSecurityEvent::invalidInput_data()
{
    QTest::addColumn<QJsonObject>("object");
    const auto with = [](const QString& key, const QJsonValue& value) {
        QJsonObject o = validObject();
        o.insert(key, value);
        return o;
    };
    const auto without = [](const QString& key) {
        QJsonObject o = validObject();
        o.remove(key);
        return o;
    };
    QTest::newRow("empty object") << QJsonObject();
    QTest::newRow("no event") << without("event");
    QTest::newRow("empty event") << with("event", "");
    QTest::newRow("event not string") << with("event", 7);
    QTest::newRow("no severity") << without("severity");
    QTest::newRow("unknown severity") << with("severity", "SEVERE");
    QTest::newRow("severity number") << with("severity", 3);
    QTest::newRow("no timestamp") << without("timestamp");
    QTest::newRow("garbage timestamp") << with("timestamp", "yesterday");
    QTest::newRow("impossible date") << with("timestamp", "2025-02-30T10:00:00Z");
    QTest::newRow("timestamp without zone") << with("timestamp", "2025-01-15T10:30:00");
    QTest::newRow("timestamp number") << with("timestamp", 1736937000);
    QTest::newRow("user_id number") << with("user_id", 5);
    QTest::newRow("source_ip array") << with("source_ip", QJsonArray {"1.2.3.4"});
    QTest::newRow("details string") << with("details", "x");
}

void TestSecurityEvent::invalidInput()
{
    QFETCH(QJsonObject, object);
    QVERIFY(!SecurityEvent::fromJson(object).has_value());
}

void TestSecurityEvent::timestampWithOffsetNormalisedToUtc()
{
    QJsonObject o = validObject();
    o.insert("timestamp", "2025-01-15T12:30:00.250+02:00");
    const auto event = SecurityEvent::fromJson(o);
    QVERIFY(event.has_value());
    QCOMPARE(event->toJson().value("timestamp").toString(), QStringLiteral("2025-01-15T10:30:00.250Z"));
}

QTEST_GUILESS_MAIN(TestSecurityEvent)
#include "TestSecurityEvent.moc"
