// The security event store, its query API and live WebSocket stream, the metrics
// (JSON, Prometheus, series) and the server-side alerts, against the real binary.
#include "TestServer.h"

#include <QJsonArray>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTest>
#include <QUrl>
#include <QWebSocket>

using namespace auth::test;

namespace {

const QString kAdminEmail = QStringLiteral("soc-admin@events.example");
const QString kAdminPassword = QStringLiteral("Tangerine-Voltage-Harbor-42");
const QString kPassword = QStringLiteral("Quartz-Meadow-Lantern-91");

QHash<QByteArray, QByteArray> bearer(const QString& token)
{
    return {{"Authorization", "Bearer " + token.toLatin1()}};
}

QHash<QByteArray, QByteArray> from(const QString& ip, const QHash<QByteArray, QByteArray>& more = {})
{
    QHash<QByteArray, QByteArray> headers = more;
    headers.insert("X-Forwarded-For", ip.toLatin1());
    return headers;
}

HttpReply login(const TestServer& server, const QString& email, const QString& password, const QString& ip)
{
    return server.postJson(QStringLiteral("/api/v1/auth/login"),
                           {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}},
                           from(ip));
}

QJsonArray eventsOf(const HttpReply& reply)
{
    return reply.json().value(QStringLiteral("events")).toArray();
}

void configure(TestServer& server)
{
    server.setEnv(QStringLiteral("ADMIN_BOOTSTRAP_EMAIL"), kAdminEmail);
    server.setEnv(QStringLiteral("ADMIN_BOOTSTRAP_PASSWORD"), kAdminPassword);
    server.setEnv(QStringLiteral("ARGON2_MEMORY_KIB"), QStringLiteral("8192"));
    server.setEnv(QStringLiteral("ARGON2_ITERATIONS"), QStringLiteral("1"));
    // The tests speak for many client addresses through X-Forwarded-For.
    server.setEnv(QStringLiteral("TRUSTED_PROXIES"), QStringLiteral("127.0.0.1/32"));
    // Bursts of failures from one address are what these tests produce; the
    // threat detector would block them (TestThreatDetection covers that).
    server.setEnv(QStringLiteral("THREATS_ENABLED"), QStringLiteral("false"));
}

} // namespace

class TestSecurityEvents : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void queryNeedsAnAdmin();
    void badParametersAreRefused_data();
    void badParametersAreRefused();
    void filtersByTypeIpCidrUserSeverityTextAndTime();
    void cursorPagesHaveNoGapsOrDuplicates();
    void streamDeliversMatchingEventsOnly();
    void streamRefusesUnauthenticatedUpgrades();
    void streamDropsASlowReader();
    void threatMetricsHaveTheRunbookShape();
    void prometheusOutputParsesAndCountersMove();
    void seriesCoversTheRange();
    void failedLoginBurstFiresAP1AlertOnTheStream();
    void rateLimitTriggersAreCounted();

private:
    QString tokenFor(const QString& email, const QString& password);
    QJsonArray query(const QString& parameters);
    QWebSocket* openStream(const QString& parameters, const QString& token);
    QSslSocket* rawUpgrade(const QString& path, const QByteArray& authorization, QByteArray* head);

    TestServer m_server;
    QString m_adminToken;
    QString m_userToken;
    QString m_userId;
    QString m_userEmail = QStringLiteral("grace@events.example");
};

QString TestSecurityEvents::tokenFor(const QString& email, const QString& password)
{
    return login(m_server, email, password, QStringLiteral("127.0.0.1"))
        .json()
        .value(QStringLiteral("access_token"))
        .toString();
}

QJsonArray TestSecurityEvents::query(const QString& parameters)
{
    const HttpReply reply = m_server.get(QStringLiteral("/admin/events?") + parameters, bearer(m_adminToken));
    if (reply.status != 200)
        qWarning() << parameters << reply.status << reply.body;
    return eventsOf(reply);
}

void TestSecurityEvents::initTestCase()
{
    configure(m_server);
    m_server.setEnv(QStringLiteral("ALERT_FAILED_LOGINS_PER_IP_5M"), QStringLiteral("20"));
    m_server.setEnv(QStringLiteral("ALERTS_EVALUATION_INTERVAL"), QStringLiteral("1s"));
    // The test configuration has high compliance findings (no TLS in
    // production terms, admin MFA off): only the rules under test may fire.
    m_server.setEnv(QStringLiteral("ALERT_COMPLIANCE_VIOLATIONS"), QStringLiteral("false"));
    m_server.setEnv(QStringLiteral("EVENTS_STREAM_MAX_BUFFER_BYTES"), QStringLiteral("16384"));
    m_server.setEnv(QStringLiteral("RATE_LIMIT_PER_IP_PER_MINUTE"), QStringLiteral("100000"));
    m_server.setEnv(QStringLiteral("RATE_LIMIT_BURST"), QStringLiteral("100000"));
    QVERIFY(m_server.start());
    m_adminToken = tokenFor(kAdminEmail, kAdminPassword);
    QVERIFY(!m_adminToken.isEmpty());
    const HttpReply registered = m_server.postJson(QStringLiteral("/api/v1/auth/register"),
                                                   {{QStringLiteral("email"), m_userEmail},
                                                    {QStringLiteral("password"), kPassword},
                                                    {QStringLiteral("name"), QStringLiteral("Grace")}});
    QCOMPARE(registered.status, 201);
    m_userId = registered.json().value(QStringLiteral("id")).toString();
    m_userToken = tokenFor(m_userEmail, kPassword);
    QVERIFY(!m_userToken.isEmpty());

    // The data the query tests read: 7 unknown-user failures from 203.0.113.1-7,
    // 3 from 198.51.100.5, and 2 wrong passwords for Grace from 2001:db8::77.
    for (int i = 1; i <= 7; ++i)
        QCOMPARE(login(m_server, QStringLiteral("nobody%1@events.example").arg(i), kPassword,
                       QStringLiteral("203.0.113.%1").arg(i))
                     .status,
                 401);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(
            login(m_server, QStringLiteral("ghost@events.example"), kPassword, QStringLiteral("198.51.100.5"))
                .status,
            401);
    for (int i = 0; i < 2; ++i)
        QCOMPARE(
            login(m_server, m_userEmail, QStringLiteral("wrong-password-123"), QStringLiteral("2001:db8::77"))
                .status,
            401);
    QTRY_VERIFY_WITH_TIMEOUT(query(QStringLiteral("type=authentication_failure")).size() >= 12, 5000);
}

void TestSecurityEvents::queryNeedsAnAdmin()
{
    QCOMPARE(m_server.get(QStringLiteral("/admin/events")).status, 401);
    QCOMPARE(m_server.get(QStringLiteral("/admin/events"), bearer(m_userToken)).status, 403);
    QCOMPARE(m_server.get(QStringLiteral("/admin/alerts"), bearer(m_userToken)).status, 403);
    QCOMPARE(m_server.get(QStringLiteral("/admin/metrics/series"), bearer(m_userToken)).status, 403);
    QCOMPARE(m_server
                 .postJson(QStringLiteral("/admin/alerts/1/ack"),
                           {{QStringLiteral("reason"), QStringLiteral("x")}}, bearer(m_userToken))
                 .status,
             403);
    // With a token the metrics are gated like /admin, even from an open network.
    QCOMPARE(m_server.get(QStringLiteral("/metrics"), bearer(m_userToken)).status, 403);
    QCOMPARE(m_server.get(QStringLiteral("/security/threats/metrics"), bearer(m_userToken)).status, 403);
}

void TestSecurityEvents::badParametersAreRefused_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("parameter");
    QTest::newRow("type") << "/admin/events?type=Robert');DROP"
                          << "type";
    QTest::newRow("severity") << "/admin/events?severity=urgent"
                              << "severity";
    QTest::newRow("ip") << "/admin/events?ip=10.0.0.0/99"
                        << "ip";
    QTest::newRow("since") << "/admin/events?since=last-tuesday"
                           << "since";
    QTest::newRow("q") << QStringLiteral("/admin/events?q=") + QString(201, QLatin1Char('a')) << "q";
    QTest::newRow("limit 0") << "/admin/events?limit=0"
                             << "limit";
    QTest::newRow("limit 1001") << "/admin/events?limit=1001"
                                << "limit";
    QTest::newRow("cursor") << "/admin/events?cursor=12345"
                            << "cursor";
    QTest::newRow("unknown") << "/admin/events?sort=asc"
                             << "sort";
    QTest::newRow("alerts state") << "/admin/alerts?state=open"
                                  << "state";
    QTest::newRow("series range") << "/admin/metrics/series?range=2w"
                                  << "range";
}

void TestSecurityEvents::badParametersAreRefused()
{
    QFETCH(QString, path);
    QFETCH(QString, parameter);
    const HttpReply reply = m_server.get(path, bearer(m_adminToken));
    QCOMPARE(reply.status, 400);
    QVERIFY2(reply.json()
                 .value(QStringLiteral("error_description"))
                 .toString()
                 .startsWith(parameter + QLatin1Char(':')),
             reply.body.constData());
}

void TestSecurityEvents::filtersByTypeIpCidrUserSeverityTextAndTime()
{
    const QJsonArray failures = query(QStringLiteral("type=authentication_failure&limit=1000"));
    QVERIFY(failures.size() >= 12);
    const QJsonObject first = failures.first().toObject();
    for (const char* field : {"id", "time", "time_unix_ms", "type", "severity", "user_id", "user",
                              "source_ip", "request_id", "details"})
        QVERIFY2(first.contains(QLatin1String(field)), field);
    QVERIFY(first.value(QStringLiteral("time")).toString().endsWith(QLatin1Char('Z')));
    QVERIFY(first.value(QStringLiteral("details")).isObject());
    for (const QJsonValue& e : failures)
        QCOMPARE(e.toObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("authentication_failure"));

    auto ips = [](const QJsonArray& list) {
        QStringList out;
        for (const QJsonValue& e : list)
            out << e.toObject().value(QStringLiteral("source_ip")).toString();
        return out;
    };
    QCOMPARE(query(QStringLiteral("type=authentication_failure&ip=203.0.113.0/29")).size(), 7);
    const QStringList slash30 = ips(query(QStringLiteral("type=authentication_failure&ip=203.0.113.0/30")));
    QCOMPARE(slash30.size(), 3);
    for (const QString& ip : slash30)
        QVERIFY(ip == QLatin1String("203.0.113.1") || ip == QLatin1String("203.0.113.2")
                || ip == QLatin1String("203.0.113.3"));
    QCOMPARE(query(QStringLiteral("ip=198.51.100.5")).size(), 3);
    QCOMPARE(query(QStringLiteral("ip=2001:db8::/32&type=authentication_failure")).size(), 2);
    QCOMPARE(query(QStringLiteral("ip=192.0.2.0/24")).size(), 0);

    const QJsonArray byEmail = query(QStringLiteral("type=authentication_failure&user=")
                                     + QString::fromLatin1(QUrl::toPercentEncoding(m_userEmail)));
    QCOMPARE(byEmail.size(), 2);
    QCOMPARE(byEmail.first().toObject().value(QStringLiteral("user_id")).toString(), m_userId);
    QCOMPARE(byEmail.first().toObject().value(QStringLiteral("user")).toString(), m_userEmail);
    QCOMPARE(query(QStringLiteral("type=authentication_failure&user=") + m_userId).size(), 2);

    for (const QJsonValue& e : query(QStringLiteral("severity=high&limit=1000"))) {
        const QString severity = e.toObject().value(QStringLiteral("severity")).toString();
        QVERIFY2(severity == QLatin1String("high") || severity == QLatin1String("critical"),
                 qPrintable(severity));
    }
    QVERIFY(!query(QStringLiteral("severity=low,info")).isEmpty());

    const QJsonArray unknown = query(QStringLiteral("type=authentication_failure&q=UNKNOWN_user&limit=1000"));
    QCOMPARE(unknown.size(), 10);

    const qint64 newest = first.value(QStringLiteral("time_unix_ms")).toInteger();
    QCOMPARE(query(QStringLiteral("since=%1").arg(newest / 1000 + 3600)).size(), 0);
    QVERIFY(query(QStringLiteral("type=authentication_failure&until=%1").arg(newest / 1000 + 1)).size()
            >= 12);
    const QString rfc3339 = QDateTime::fromMSecsSinceEpoch(newest - 600'000, Qt::UTC).toString(Qt::ISODate);
    QVERIFY(query(QStringLiteral("type=authentication_failure&since=") + rfc3339).size() >= 12);
}

void TestSecurityEvents::cursorPagesHaveNoGapsOrDuplicates()
{
    const QJsonArray all = query(QStringLiteral("type=authentication_failure&limit=1000"));
    QList<qint64> expected;
    for (const QJsonValue& e : all)
        expected << e.toObject().value(QStringLiteral("id")).toInteger();
    QList<qint64> paged;
    QString cursor;
    int pages = 0;
    do {
        QString path = QStringLiteral("/admin/events?type=authentication_failure&limit=5");
        if (!cursor.isEmpty())
            path += QStringLiteral("&cursor=") + cursor;
        const HttpReply reply = m_server.get(path, bearer(m_adminToken));
        QCOMPARE(reply.status, 200);
        for (const QJsonValue& e : eventsOf(reply))
            paged << e.toObject().value(QStringLiteral("id")).toInteger();
        cursor = reply.json().value(QStringLiteral("next_cursor")).toString();
        QVERIFY(++pages < 100);
    } while (!cursor.isEmpty());
    QCOMPARE(paged, expected);
    for (qsizetype i = 1; i < paged.size(); ++i)
        QVERIFY(paged[i] < paged[i - 1]); // newest first, strictly
    QCOMPARE(pages, int((expected.size() + 4) / 5));
}

QWebSocket* TestSecurityEvents::openStream(const QString& parameters, const QString& token)
{
    auto* socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({m_server.certificate()});
    socket->setSslConfiguration(tls);
    QNetworkRequest request(QUrl(
        QStringLiteral("wss://127.0.0.1:%1/admin/events/stream?%2").arg(m_server.port()).arg(parameters)));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    socket->open(request);
    return socket;
}

void TestSecurityEvents::streamDeliversMatchingEventsOnly()
{
    QWebSocket* socket
        = openStream(QStringLiteral("type=authentication_failure&ip=192.0.2.0/24"), m_adminToken);
    QSignalSpy connected(socket, &QWebSocket::connected);
    QSignalSpy messages(socket, &QWebSocket::textMessageReceived);
    QVERIFY(connected.wait(5000));

    QCOMPARE(
        login(m_server, QStringLiteral("x@events.example"), kPassword, QStringLiteral("198.51.100.9")).status,
        401);
    QCOMPARE(
        login(m_server, QStringLiteral("y@events.example"), kPassword, QStringLiteral("192.0.2.44")).status,
        401);
    QElapsedTimer sent;
    sent.start();
    QTRY_VERIFY_WITH_TIMEOUT(messages.size() >= 1, 1000);
    qInfo() << "stream delivered the matching event" << sent.elapsed() << "ms after the login answered";
    QTest::qWait(300);
    QCOMPARE(messages.size(), 1); // the 198.51.100.9 failure never came
    const QJsonObject event = QJsonDocument::fromJson(messages.first().first().toString().toUtf8()).object();
    QCOMPARE(event.value(QStringLiteral("type")).toString(), QStringLiteral("authentication_failure"));
    QCOMPARE(event.value(QStringLiteral("source_ip")).toString(), QStringLiteral("192.0.2.44"));
    QVERIFY(event.value(QStringLiteral("id")).toInteger() > 0);
    QVERIFY(event.value(QStringLiteral("details")).isObject());

    // Opening the stream is in the audit trail.
    QVERIFY(!query(QStringLiteral("type=admin_action&q=events.stream")).isEmpty());
    socket->close();
    socket->deleteLater();
}

QSslSocket* TestSecurityEvents::rawUpgrade(const QString& path, const QByteArray& authorization,
                                           QByteArray* head)
{
    auto* socket = new QSslSocket(this);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({m_server.certificate()});
    socket->setSslConfiguration(tls);
    socket->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
    socket->setReadBufferSize(4096);
    socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server.port());
    if (!socket->waitForEncrypted(5000))
        return socket;
    QByteArray request = "GET " + path.toLatin1()
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
          "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          "Sec-WebSocket-Version: 13\r\n";
    if (!authorization.isEmpty())
        request += "Authorization: " + authorization + "\r\n";
    request += "\r\n";
    socket->write(request);
    QElapsedTimer timer;
    timer.start();
    while (!head->contains("\r\n\r\n") && timer.elapsed() < 5000) {
        if (socket->bytesAvailable() || socket->waitForReadyRead(200)) {
            // Byte by byte, so nothing after the response head is taken out of the socket.
            char c;
            while (!head->contains("\r\n\r\n") && socket->getChar(&c))
                head->append(c);
        }
    }
    return socket;
}

void TestSecurityEvents::streamRefusesUnauthenticatedUpgrades()
{
    QByteArray head;
    QSslSocket* raw = rawUpgrade(QStringLiteral("/admin/events/stream"), {}, &head);
    QVERIFY2(head.startsWith("HTTP/1.1 401"), head.constData());
    raw->deleteLater();
    head.clear();
    raw = rawUpgrade(QStringLiteral("/admin/events/stream"), "Bearer " + m_userToken.toLatin1(), &head);
    QVERIFY2(head.startsWith("HTTP/1.1 403"), head.constData());
    raw->deleteLater();
    head.clear();
    raw = rawUpgrade(QStringLiteral("/admin/events/stream?ip=nonsense"), "Bearer " + m_adminToken.toLatin1(),
                     &head);
    QVERIFY2(head.startsWith("HTTP/1.1 400"), head.constData());
    raw->deleteLater();
    // Without the upgrade it is not a resource to GET.
    QCOMPARE(m_server.get(QStringLiteral("/admin/events/stream"), bearer(m_adminToken)).status, 426);

    QWebSocket* anonymous = openStream(QString(), QString());
    QSignalSpy errors(anonymous, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
    QSignalSpy connected(anonymous, &QWebSocket::connected);
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 5000);
    QVERIFY(connected.isEmpty());
    anonymous->deleteLater();
}

void TestSecurityEvents::streamDropsASlowReader()
{
    const double droppedBefore = m_server.get(QStringLiteral("/security/threats/metrics"))
                                     .json()
                                     .value(QStringLiteral("event_streams"))
                                     .toObject()
                                     .value(QStringLiteral("dropped_slow"))
                                     .toDouble();
    QByteArray head;
    QSslSocket* raw = rawUpgrade(QStringLiteral("/admin/events/stream?type=security_violation"),
                                 "Bearer " + m_adminToken.toLatin1(), &head);
    QVERIFY2(head.startsWith("HTTP/1.1 101"), head.constData());
    // Never read again. Large events: a non-admin's refused admin call records its 4 KB path.
    const QString longId = QString(7000, QLatin1Char('a'));
    bool dropped = false;
    for (int i = 0; i < 600 && !dropped; ++i) {
        m_server.postJson(QStringLiteral("/admin/users/%1/lock").arg(longId),
                          {{QStringLiteral("reason"), QStringLiteral("x")}}, bearer(m_userToken));
        if (i % 25 == 24) {
            dropped = m_server.get(QStringLiteral("/security/threats/metrics"))
                          .json()
                          .value(QStringLiteral("event_streams"))
                          .toObject()
                          .value(QStringLiteral("dropped_slow"))
                          .toDouble()
                > droppedBefore;
        }
    }
    QTRY_VERIFY_WITH_TIMEOUT(m_server.get(QStringLiteral("/security/threats/metrics"))
                                     .json()
                                     .value(QStringLiteral("event_streams"))
                                     .toObject()
                                     .value(QStringLiteral("dropped_slow"))
                                     .toDouble()
                                 > droppedBefore,
                             5000);
    // The server closed its side: the socket ends once we drain it.
    raw->setReadBufferSize(0);
    QTRY_VERIFY_WITH_TIMEOUT((raw->readAll(), raw->state() != QAbstractSocket::ConnectedState), 10000);
    raw->deleteLater();
    QVERIFY(m_server.isRunning());
}

void TestSecurityEvents::threatMetricsHaveTheRunbookShape()
{
    const HttpReply reply = m_server.get(QStringLiteral("/security/threats/metrics"));
    QCOMPARE(reply.status, 200);
    const QJsonObject metrics = reply.json();
    const QJsonObject rate = metrics.value(QStringLiteral("rate_limiting")).toObject();
    for (const char* key : {"triggers_1m", "triggers_5m", "triggers_total", "top_limited_ips"})
        QVERIFY2(rate.contains(QLatin1String(key)), key);
    const QJsonObject failed = metrics.value(QStringLiteral("failed_logins")).toObject();
    QVERIFY(failed.value(QStringLiteral("last_5m")).toDouble() >= 12);
    QVERIFY(failed.value(QStringLiteral("last_1m")).toDouble()
            <= failed.value(QStringLiteral("last_5m")).toDouble());
    const QJsonArray top = failed.value(QStringLiteral("top_ips")).toArray();
    QVERIFY(!top.isEmpty());
    QVERIFY(top.first().toObject().value(QStringLiteral("count")).toDouble() >= 3);
    for (const char* key : {"lockouts", "suspicious_alerts", "mfa", "latency_ms"})
        QVERIFY2(metrics.value(QLatin1String(key)).isObject(), key);
    QVERIFY(metrics.value(QStringLiteral("lockouts")).toObject().contains(QStringLiteral("last_5m")));
    QVERIFY(
        metrics.value(QStringLiteral("mfa")).toObject().contains(QStringLiteral("challenge_success_rate")));
    const double rate5m = metrics.value(QStringLiteral("login_success_rate")).toDouble(-1);
    QVERIFY(rate5m >= 0 && rate5m < 100); // some logins succeeded, many failed
    QVERIFY(metrics.value(QStringLiteral("token_issuance_rate")).toDouble() > 0);
    const QJsonObject latency = metrics.value(QStringLiteral("latency_ms")).toObject();
    QVERIFY(latency.value(QStringLiteral("p50")).toDouble() > 0);
    QVERIFY(latency.value(QStringLiteral("p50")).toDouble()
            <= latency.value(QStringLiteral("p95")).toDouble());
    QVERIFY(latency.value(QStringLiteral("p95")).toDouble()
            <= latency.value(QStringLiteral("p99")).toDouble());
}

void TestSecurityEvents::prometheusOutputParsesAndCountersMove()
{
    static const QRegularExpression comment(QStringLiteral("^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$"));
    static const QRegularExpression sample(
        QStringLiteral("^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\\n]|\\\\.)*\"(,[a-zA-"
                       "Z_][a-zA-Z0-9_]*=\"([^"
                       "\"\\\\\\n]|\\\\.)*\")*\\})? [-+]?([0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?|NaN|Inf)$"));
    auto scrape = [this] {
        const HttpReply reply = m_server.get(QStringLiteral("/metrics"));
        [&] { QCOMPARE(reply.status, 200); }();
        [&] { QVERIFY(reply.header("content-type").startsWith("text/plain; version=0.0.4")); }();
        QHash<QString, double> values;
        for (const QByteArray& raw : reply.body.split('\n')) {
            const QString line = QString::fromUtf8(raw);
            if (line.isEmpty())
                continue;
            if (line.startsWith(QLatin1Char('#'))) {
                [&] { QVERIFY2(comment.match(line).hasMatch(), qPrintable(line)); }();
                continue;
            }
            [&] { QVERIFY2(sample.match(line).hasMatch(), qPrintable(line)); }();
            const qsizetype space = line.lastIndexOf(QLatin1Char(' '));
            values.insert(line.left(space), line.mid(space + 1).toDouble());
        }
        return values;
    };
    const auto before = scrape();
    QVERIFY(before.value(QStringLiteral("auth_up")) == 1);
    const QString failures = QStringLiteral("auth_logins_total{result=\"failure\"}");
    QVERIFY(before.value(failures) >= 12);
    QVERIFY(before.contains(QStringLiteral("auth_alerts_firing{severity=\"P0\"}")));
    QVERIFY(before.contains(QStringLiteral(
        "auth_http_request_duration_seconds_count{route=\"/api/v1/auth/login\",method=\"POST\"}")));
    QVERIFY(before.value(QStringLiteral(
                "auth_http_requests_total{route=\"/api/v1/auth/login\",method=\"POST\",status=\"401\"}"))
            >= 12);
    QVERIFY(before.value(QStringLiteral(
                "auth_security_events_total{type=\"authentication_failure\",severity=\"low\"}"))
            >= 10);
    QCOMPARE(
        login(m_server, QStringLiteral("counter@events.example"), kPassword, QStringLiteral("203.0.113.200"))
            .status,
        401);
    const auto after = scrape();
    QCOMPARE(after.value(failures), before.value(failures) + 1);
    QVERIFY(after.value(
                QStringLiteral("auth_http_request_duration_seconds_count{route=\"/metrics\",method=\"GET\"}"))
            > before.value(QStringLiteral(
                "auth_http_request_duration_seconds_count{route=\"/metrics\",method=\"GET\"}")));
}

void TestSecurityEvents::seriesCoversTheRange()
{
    const HttpReply reply
        = m_server.get(QStringLiteral("/admin/metrics/series?range=15m"), bearer(m_adminToken));
    QCOMPARE(reply.status, 200);
    const QJsonObject series = reply.json();
    QCOMPARE(series.value(QStringLiteral("range")).toString(), QStringLiteral("15m"));
    QCOMPARE(series.value(QStringLiteral("step_seconds")).toInt(), 60);
    const QJsonArray points = series.value(QStringLiteral("points")).toArray();
    QCOMPARE(points.size(), 15);
    double failures = 0;
    double successes = 0;
    double tokens = 0;
    qint64 previous = 0;
    for (const QJsonValue& value : points) {
        const QJsonObject point = value.toObject();
        for (const char* key :
             {"t", "login_success", "login_failure", "mfa_success", "mfa_failure", "rate_limited", "lockouts",
              "tokens_issued", "latency_p50_ms", "latency_p95_ms"})
            QVERIFY2(point.contains(QLatin1String(key)), key);
        QVERIFY(point.value(QStringLiteral("t")).toInteger() > previous);
        previous = point.value(QStringLiteral("t")).toInteger();
        failures += point.value(QStringLiteral("login_failure")).toDouble();
        successes += point.value(QStringLiteral("login_success")).toDouble();
        tokens += point.value(QStringLiteral("tokens_issued")).toDouble();
    }
    QVERIFY(failures >= 12);
    QVERIFY(successes >= 2);
    QVERIFY(tokens >= 2);
    QVERIFY(previous <= QDateTime::currentSecsSinceEpoch());
    QVERIFY(series.value(QStringLiteral("markers")).isArray());
    QCOMPARE(series.value(QStringLiteral("thresholds"))
                 .toObject()
                 .value(QStringLiteral("failed_logins_per_ip_5m"))
                 .toInt(),
             20);
    QCOMPARE(m_server.get(QStringLiteral("/admin/metrics/series?range=7d"), bearer(m_adminToken))
                 .json()
                 .value(QStringLiteral("points"))
                 .toArray()
                 .size(),
             168);
}

void TestSecurityEvents::failedLoginBurstFiresAP1AlertOnTheStream()
{
    QWebSocket* socket = openStream(QStringLiteral("type=alert_fired,alert_acknowledged"), m_adminToken);
    QSignalSpy connected(socket, &QWebSocket::connected);
    QSignalSpy messages(socket, &QWebSocket::textMessageReceived);
    QVERIFY(connected.wait(5000));

    const QString attacker = QStringLiteral("100.64.0.66");
    for (int i = 0; i < 21; ++i)
        QCOMPARE(
            login(m_server, QStringLiteral("victim%1@events.example").arg(i), kPassword, attacker).status,
            401);
    QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), 5000);
    const QJsonObject fired = QJsonDocument::fromJson(messages.first().first().toString().toUtf8()).object();
    QCOMPARE(fired.value(QStringLiteral("type")).toString(), QStringLiteral("alert_fired"));
    QCOMPARE(fired.value(QStringLiteral("severity")).toString(), QStringLiteral("high"));
    const QJsonObject details = fired.value(QStringLiteral("details")).toObject();
    QCOMPARE(details.value(QStringLiteral("rule")).toString(), QStringLiteral("failed_logins_per_ip"));
    QCOMPARE(details.value(QStringLiteral("alert_severity")).toString(), QStringLiteral("P1"));
    QCOMPARE(details.value(QStringLiteral("subject")).toString(), attacker);
    const qint64 alertId = details.value(QStringLiteral("alert_id")).toInteger();
    QVERIFY(alertId > 0);

    const HttpReply firing = m_server.get(QStringLiteral("/admin/alerts?state=firing"), bearer(m_adminToken));
    QCOMPARE(firing.status, 200);
    const QJsonArray alerts = firing.json().value(QStringLiteral("alerts")).toArray();
    QCOMPARE(alerts.size(), 1);
    const QJsonObject alert = alerts.first().toObject();
    QCOMPARE(alert.value(QStringLiteral("id")).toInteger(), alertId);
    QCOMPARE(alert.value(QStringLiteral("severity")).toString(), QStringLiteral("P1"));
    QCOMPARE(alert.value(QStringLiteral("state")).toString(), QStringLiteral("firing"));
    QVERIFY(
        alert.value(QStringLiteral("details")).toObject().value(QStringLiteral("failed_logins_5m")).toDouble()
        > 20);
    // Still only one alert for the IP while it keeps firing.
    QTest::qWait(1500);
    QCOMPARE(m_server.get(QStringLiteral("/admin/alerts?state=firing,acknowledged"), bearer(m_adminToken))
                 .json()
                 .value(QStringLiteral("alerts"))
                 .toArray()
                 .size(),
             1);

    const QString ackPath = QStringLiteral("/admin/alerts/%1/ack").arg(alertId);
    QCOMPARE(m_server.postJson(ackPath, {}, bearer(m_adminToken)).status, 422);
    QCOMPARE(m_server.postJson(ackPath, {{QStringLiteral("reason"), 42}}, bearer(m_adminToken)).status, 422);
    QCOMPARE(m_server
                 .postJson(QStringLiteral("/admin/alerts/999999/ack"),
                           {{QStringLiteral("reason"), QStringLiteral("x")}}, bearer(m_adminToken))
                 .status,
             404);
    QCOMPARE(m_server
                 .postJson(QStringLiteral("/admin/alerts/abc/ack"),
                           {{QStringLiteral("reason"), QStringLiteral("x")}}, bearer(m_adminToken))
                 .status,
             404);
    QCOMPARE(m_server.get(QStringLiteral("/admin/alerts?state=acknowledged"), bearer(m_adminToken))
                 .json()
                 .value(QStringLiteral("alerts"))
                 .toArray()
                 .size(),
             0);

    const QString reason = QStringLiteral("Known pen test from 100.64.0.66, ticket SEC-1234");
    const HttpReply ack
        = m_server.postJson(ackPath, {{QStringLiteral("reason"), reason}}, bearer(m_adminToken));
    QCOMPARE(ack.status, 200);
    QCOMPARE(ack.json().value(QStringLiteral("state")).toString(), QStringLiteral("acknowledged"));
    QCOMPARE(ack.json().value(QStringLiteral("ack_reason")).toString(), reason);
    QVERIFY(!ack.json().value(QStringLiteral("acknowledged_by")).toString().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(messages.size() >= 2, 3000);
    const QJsonObject acknowledged
        = QJsonDocument::fromJson(messages.last().first().toString().toUtf8()).object();
    QCOMPARE(acknowledged.value(QStringLiteral("type")).toString(), QStringLiteral("alert_acknowledged"));
    // Again: nothing changes, and no second event.
    QCOMPARE(m_server.postJson(ackPath, {{QStringLiteral("reason"), reason}}, bearer(m_adminToken)).status,
             200);
    QTest::qWait(500);
    QCOMPARE(messages.size(), 2);

    // Audited with actor, reason and result.
    QTRY_VERIFY_WITH_TIMEOUT(!query(QStringLiteral("type=admin_action&q=alerts.ack")).isEmpty(), 3000);
    bool audited = false;
    for (const QJsonObject& line : m_server.securityLog()) {
        const QJsonObject d = line.value(QStringLiteral("details")).toObject();
        if (line.value(QStringLiteral("event")).toString() == QLatin1String("admin_action")
            && d.value(QStringLiteral("action")).toString() == QLatin1String("alerts.ack")
            && d.value(QStringLiteral("reason")).toString() == reason
            && d.value(QStringLiteral("result")).toString() == QLatin1String("acknowledged"))
            audited = true;
    }
    QVERIFY(audited);
    socket->close();
    socket->deleteLater();
}

void TestSecurityEvents::rateLimitTriggersAreCounted()
{
    TestServer limited;
    configure(limited);
    limited.setEnv(QStringLiteral("RATE_LIMIT_PER_IP_PER_MINUTE"), QStringLiteral("60"));
    limited.setEnv(QStringLiteral("RATE_LIMIT_BURST"), QStringLiteral("3"));
    QVERIFY(limited.start());
    int refused = 0;
    for (int i = 0; i < 8; ++i)
        refused
            += login(limited, QStringLiteral("a@events.example"), kPassword, QStringLiteral("203.0.113.99"))
                   .status
            == 429;
    QVERIFY(refused >= 3);
    const QJsonObject rate = limited.get(QStringLiteral("/security/threats/metrics"))
                                 .json()
                                 .value(QStringLiteral("rate_limiting"))
                                 .toObject();
    QCOMPARE(rate.value(QStringLiteral("triggers_1m")).toInt(), refused);
    QCOMPARE(rate.value(QStringLiteral("triggers_5m")).toInt(), refused);
    QVERIFY(rate.value(QStringLiteral("triggers_total")).toInt() >= refused);
    const QJsonArray top = rate.value(QStringLiteral("top_limited_ips")).toArray();
    QCOMPARE(top.size(), 1);
    QCOMPARE(top.first().toObject().value(QStringLiteral("ip")).toString(), QStringLiteral("203.0.113.99"));
    QCOMPARE(top.first().toObject().value(QStringLiteral("count")).toInt(), refused);
    const QByteArray prometheus = limited.get(QStringLiteral("/metrics")).body;
    QVERIFY(prometheus.contains("auth_rate_limited_total " + QByteArray::number(refused) + "\n"));
}

QTEST_GUILESS_MAIN(TestSecurityEvents)
#include "TestSecurityEvents.moc"
