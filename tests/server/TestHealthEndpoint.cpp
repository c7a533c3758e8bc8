#include "TestServer.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace auth::test;

class TestHealthEndpoint : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void healthHasRunbookShape();
    void securityHeadersOnEveryResponse();
    void requestIdEchoedOrGenerated();
    void statusReportsDependencies();
    void unknownRouteAndWrongMethod();
    void headAnswersWithoutBody();
    void startIsLoggedAsSecurityEvent();

private:
    TestServer m_server;
};

void TestHealthEndpoint::initTestCase()
{
    QVERIFY(m_server.start());
}

void TestHealthEndpoint::healthHasRunbookShape()
{
    const HttpReply reply = m_server.get(QStringLiteral("/health"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
    const QJsonObject body = reply.json();
    QCOMPARE(body.value(QStringLiteral("status")).toString(), QStringLiteral("healthy"));
    QCOMPARE(body.value(QStringLiteral("service")).toString(), QStringLiteral("auth-service"));
    QCOMPARE(body.value(QStringLiteral("version")).toString(), QStringLiteral("2.0.0"));
    QVERIFY(QRegularExpression(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$)"))
                .match(body.value(QStringLiteral("timestamp")).toString())
                .hasMatch());
    const QJsonObject features = body.value(QStringLiteral("features")).toObject();
    for (const char* name : {"user_registration", "oauth2_flows", "jwt_authentication", "multi_factor_auth",
                             "session_management"})
        QVERIFY2(features.value(QLatin1String(name)).isBool(), name);
    QVERIFY(!body.contains(QStringLiteral("reasons")));
    // Exactly the runbook's keys, nothing else while healthy.
    QCOMPARE(body.keys().size(), 5);
}

void TestHealthEndpoint::securityHeadersOnEveryResponse()
{
    for (const QString& path : {QStringLiteral("/health"), QStringLiteral("/no/such/route")}) {
        const HttpReply reply = m_server.get(path);
        QCOMPARE(reply.header("strict-transport-security"),
                 QByteArray("max-age=31536000; includeSubDomains"));
        QVERIFY(reply.header("content-security-policy").startsWith("default-src 'self'"));
        QCOMPARE(reply.header("x-content-type-options"), QByteArray("nosniff"));
        QCOMPARE(reply.header("x-frame-options"), QByteArray("DENY"));
        QCOMPARE(reply.header("referrer-policy"), QByteArray("no-referrer"));
        QCOMPARE(reply.header("cache-control"), QByteArray("no-store"));
    }
}

void TestHealthEndpoint::requestIdEchoedOrGenerated()
{
    HttpReply reply = m_server.get(QStringLiteral("/health"), {{"X-Request-Id", "trace-abc.123"}});
    QCOMPARE(reply.header("x-request-id"), QByteArray("trace-abc.123"));
    reply = m_server.get(QStringLiteral("/health"), {{"X-Request-Id", "bad id with spaces"}});
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$"))
                .match(QString::fromLatin1(reply.header("x-request-id")))
                .hasMatch());
}

void TestHealthEndpoint::statusReportsDependencies()
{
    const HttpReply reply = m_server.get(QStringLiteral("/api/v1/status"));
    QCOMPARE(reply.status, 200);
    const QJsonObject body = reply.json();
    QCOMPARE(body.value(QStringLiteral("version")).toString(), QStringLiteral("2.0.0"));
    QVERIFY(body.value(QStringLiteral("uptime_seconds")).toDouble() >= 0);
    const QJsonObject storage = body.value(QStringLiteral("storage")).toObject();
    QCOMPARE(storage.value(QStringLiteral("backend")).toString(), QStringLiteral("sqlite"));
    QCOMPARE(storage.value(QStringLiteral("healthy")).toBool(), true);
    QVERIFY(storage.value(QStringLiteral("schema_version")).toInt() >= 1);
    QVERIFY(
        body.value(QStringLiteral("counters")).toObject().value(QStringLiteral("requests_total")).toDouble()
        >= 1);
    QCOMPARE(body.value(QStringLiteral("http")).toObject().value(QStringLiteral("tls")).toBool(), true);
    QVERIFY(!body.value(QStringLiteral("installation_id")).toString().isEmpty());
    const QJsonObject keys = body.value(QStringLiteral("keys")).toObject();
    QVERIFY(!keys.value(QStringLiteral("active_kid")).toString().isEmpty());
    QCOMPARE(keys.value(QStringLiteral("published_kids")).toArray().size(), 1);
    QCOMPARE(body.value(QStringLiteral("state")).toObject().value(QStringLiteral("backend")).toString(),
             QStringLiteral("memory"));
}

void TestHealthEndpoint::unknownRouteAndWrongMethod()
{
    HttpReply reply = m_server.get(QStringLiteral("/nope"));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.json().value(QStringLiteral("error")).toString(), QStringLiteral("not_found"));
    reply = m_server.request("POST", QStringLiteral("/health"), "{}", {{"Content-Type", "application/json"}});
    QCOMPARE(reply.status, 405);
    QCOMPARE(reply.json().value(QStringLiteral("error")).toString(), QStringLiteral("method_not_allowed"));
    QCOMPARE(reply.header("allow"), QByteArray("GET, HEAD"));
}

void TestHealthEndpoint::headAnswersWithoutBody()
{
    const HttpReply reply = m_server.request("HEAD", QStringLiteral("/health"));
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.body.isEmpty());
}

void TestHealthEndpoint::startIsLoggedAsSecurityEvent()
{
    bool found = false;
    for (const QJsonObject& line : m_server.securityLog())
        found = found || line.value(QStringLiteral("event")).toString() == QStringLiteral("service_started");
    QVERIFY(found);
}

QTEST_GUILESS_MAIN(TestHealthEndpoint)
#include "TestHealthEndpoint.moc"
