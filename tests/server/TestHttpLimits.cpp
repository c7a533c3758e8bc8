#include "RawHttpClient.h"
#include "TestServer.h"

#include <QElapsedTimer>
#include <QTest>

using namespace auth::test;

// The bounds beneath the routes: every oversized or malformed request gets its
// JSON error and the server stays healthy.
class TestHttpLimits : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void tenMegabytePostIs413();
    void hugeContentLengthRefusedAtOnce();
    void chunkedBodyOverLimitIs413();
    void tooManyHeadersIs431();
    void oversizedHeaderIs431();
    void longUriIs414();
    void malformedRequestsLeaveServerHealthy();
    void slowHeadersTimeOut();
    void pipelinedRequestsAnsweredInOrder();
    void errorBodiesAreJson();

private:
    void verifyHealthy();
    TestServer m_server;
};

void TestHttpLimits::initTestCase()
{
    m_server.setEnv(QStringLiteral("HEADER_TIMEOUT"), QStringLiteral("1s"));
    QVERIFY(m_server.start());
}

void TestHttpLimits::init()
{
    QVERIFY(m_server.isRunning());
}

void TestHttpLimits::verifyHealthy()
{
    const HttpReply reply = m_server.get(QStringLiteral("/health"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("status")).toString(), QStringLiteral("healthy"));
}

void TestHttpLimits::tenMegabytePostIs413()
{
    // A client that sends the whole 10 MiB body without waiting for 100-continue.
    RawHttpClient client(m_server.port());
    QVERIFY(client.connectToServer());
    client.send("POST /api/v1/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "Content-Length: 10485760\r\n\r\n");
    const QByteArray chunk(1024 * 1024, 'a');
    for (int i = 0; i < 10 && !client.peerClosed(); ++i)
        client.send(chunk);
    const QByteArray response = client.read(5000);
    QCOMPARE(RawHttpClient::statusOf(response), 413);
    QVERIFY(response.contains("\"error\":\"payload_too_large\""));
    verifyHealthy();
}

void TestHttpLimits::hugeContentLengthRefusedAtOnce()
{
    QElapsedTimer timer;
    timer.start();
    const QByteArray response = RawHttpClient::exchange(
        m_server.port(), "POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000000\r\n\r\n", 5000);
    QCOMPARE(RawHttpClient::statusOf(response), 413);
    QVERIFY(response.contains("\"error\":\"payload_too_large\""));
    QVERIFY2(timer.elapsed() < 4000, "the server must not wait for a body it will refuse");
    verifyHealthy();
}

void TestHttpLimits::chunkedBodyOverLimitIs413()
{
    RawHttpClient client(m_server.port());
    QVERIFY(client.connectToServer());
    client.send("POST /health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    const QByteArray chunk
        = QByteArray::number(256 * 1024, 16) + "\r\n" + QByteArray(256 * 1024, 'x') + "\r\n";
    for (int i = 0; i < 6 && !client.peerClosed(); ++i)
        client.send(chunk);
    const QByteArray response = client.read(5000);
    QCOMPARE(RawHttpClient::statusOf(response), 413);
    verifyHealthy();
}

void TestHttpLimits::tooManyHeadersIs431()
{
    QByteArray request = "GET /health HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 500; ++i)
        request += "X-H" + QByteArray::number(i) + ": v\r\n";
    request += "\r\n";
    const QByteArray response = RawHttpClient::exchange(m_server.port(), request);
    QCOMPARE(RawHttpClient::statusOf(response), 431);
    verifyHealthy();
}

void TestHttpLimits::oversizedHeaderIs431()
{
    const QByteArray request
        = "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(64 * 1024, 'b') + "\r\n\r\n";
    const QByteArray response = RawHttpClient::exchange(m_server.port(), request);
    QCOMPARE(RawHttpClient::statusOf(response), 431);
    verifyHealthy();
}

void TestHttpLimits::longUriIs414()
{
    const QByteArray request = "GET /health?" + QByteArray(100 * 1000, 'q') + " HTTP/1.1\r\nHost: x\r\n\r\n";
    const QByteArray response = RawHttpClient::exchange(m_server.port(), request);
    QCOMPARE(RawHttpClient::statusOf(response), 414);
    verifyHealthy();
}

void TestHttpLimits::malformedRequestsLeaveServerHealthy()
{
    const QList<QByteArray> garbage = {
        "GARBAGE\r\n\r\n",
        "GET / HTTP/9.9\r\n\r\n",
        "GET /health HTTP/1.1\r\nHost x\r\n\r\n",
        "\x16\x03\x01\x00\x00\r\n\r\n",
        "POST /health HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
        "POST /health HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
        "POST /health HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n",
        "GET /%ff%fe HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /health%00 HTTP/1.1\r\nHost: x\r\n\r\n",
        "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
    };
    for (int round = 0; round < 2; ++round) {
        for (const QByteArray& request : garbage) {
            const QByteArray response = RawHttpClient::exchange(m_server.port(), request, 3000);
            const int status = RawHttpClient::statusOf(response);
            QVERIFY2(status == 400 || status == 404 || status == 505, request.left(40).constData());
        }
    }
    verifyHealthy();
}

void TestHttpLimits::slowHeadersTimeOut()
{
    RawHttpClient client(m_server.port());
    QVERIFY(client.connectToServer());
    client.send("GET /health HTTP/1.1\r\nHost: x\r\n"); // and never finishes
    QElapsedTimer timer;
    timer.start();
    const QByteArray response = client.read(5000);
    QCOMPARE(RawHttpClient::statusOf(response), 408);
    QVERIFY(timer.elapsed() < 4000);
    verifyHealthy();
}

void TestHttpLimits::pipelinedRequestsAnsweredInOrder()
{
    RawHttpClient client(m_server.port());
    QVERIFY(client.connectToServer());
    client.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Request-Id: one\r\n\r\n"
                "GET /nope HTTP/1.1\r\nHost: x\r\nX-Request-Id: two\r\n\r\n"
                "GET /health HTTP/1.1\r\nHost: x\r\nX-Request-Id: three\r\nConnection: close\r\n\r\n");
    const QByteArray response = client.read(5000);
    const qsizetype one = response.indexOf("X-Request-Id: one");
    const qsizetype two = response.indexOf("X-Request-Id: two");
    const qsizetype three = response.indexOf("X-Request-Id: three");
    QVERIFY(one >= 0 && two > one && three > two);
    QCOMPARE(response.count("HTTP/1.1 200"), 2);
    QCOMPARE(response.count("HTTP/1.1 404"), 1);
}

void TestHttpLimits::errorBodiesAreJson()
{
    const QByteArray response = RawHttpClient::exchange(m_server.port(), "GARBAGE\r\n\r\n");
    const qsizetype bodyAt = response.indexOf("\r\n\r\n");
    QVERIFY(bodyAt > 0);
    const QJsonObject body = QJsonDocument::fromJson(response.mid(bodyAt + 4)).object();
    QCOMPARE(body.value(QStringLiteral("error")).toString(), QStringLiteral("invalid_request"));
    QVERIFY(!body.value(QStringLiteral("error_description")).toString().isEmpty());
    QVERIFY(response.contains("X-Content-Type-Options: nosniff"));
}

QTEST_GUILESS_MAIN(TestHttpLimits)
#include "TestHttpLimits.moc"
