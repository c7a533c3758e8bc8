#include "core/ClientAddress.h"
#include "core/SecurityHeaders.h"

#include <QTest>

using namespace auth;
using namespace auth::core;

class TestSecurityHeaders : public QObject
{
    Q_OBJECT
private slots:
    void addsHardeningHeaders();
    void hstsOnlyOverHttps();
    void disabledKeepsNoStore();
    void keepsHandlerCaching();
    void clientAddressIgnoresUntrustedForwardedFor();
    void clientAddressFromTrustedProxy();
};

void TestSecurityHeaders::addsHardeningHeaders()
{
    SecurityHeaderSettings settings;
    settings.hstsMaxAge = 600;
    settings.contentSecurityPolicy = "default-src 'none'";
    http::HttpResponse response = http::HttpResponse::json(200, QJsonObject {});
    applySecurityHeaders(settings, true, response);
    QCOMPARE(response.header("Strict-Transport-Security"), QByteArray("max-age=600; includeSubDomains"));
    QCOMPARE(response.header("Content-Security-Policy"), QByteArray("default-src 'none'"));
    QCOMPARE(response.header("X-Content-Type-Options"), QByteArray("nosniff"));
    QCOMPARE(response.header("X-Frame-Options"), QByteArray("DENY"));
    QCOMPARE(response.header("Referrer-Policy"), QByteArray("no-referrer"));
    QCOMPARE(response.header("Cache-Control"), QByteArray("no-store"));
}

void TestSecurityHeaders::hstsOnlyOverHttps()
{
    http::HttpResponse response;
    applySecurityHeaders({}, false, response);
    QVERIFY(!response.hasHeader("Strict-Transport-Security"));
    QVERIFY(response.hasHeader("X-Frame-Options"));
}

void TestSecurityHeaders::disabledKeepsNoStore()
{
    SecurityHeaderSettings settings;
    settings.enabled = false;
    http::HttpResponse response;
    applySecurityHeaders(settings, true, response);
    QVERIFY(!response.hasHeader("Strict-Transport-Security"));
    QVERIFY(!response.hasHeader("Content-Security-Policy"));
    QCOMPARE(response.header("Cache-Control"), QByteArray("no-store"));
}

void TestSecurityHeaders::keepsHandlerCaching()
{
    http::HttpResponse response;
    response.setHeader("Cache-Control", "public, max-age=300");
    applySecurityHeaders({}, true, response);
    QCOMPARE(response.header("Cache-Control"), QByteArray("public, max-age=300"));
}

void TestSecurityHeaders::clientAddressIgnoresUntrustedForwardedFor()
{
    http::HttpRequest request;
    request.peerAddress = QHostAddress(QStringLiteral("203.0.113.9"));
    request.headers.emplaceBack("x-forwarded-for", "1.2.3.4");
    request.headers.emplaceBack("x-forwarded-proto", "https");
    const auto proxies = parseSubnets({QStringLiteral("10.0.0.0/8")});
    QCOMPARE(clientAddress(request, proxies), QHostAddress(QStringLiteral("203.0.113.9")));
    QCOMPARE(clientAddress(request, {}), QHostAddress(QStringLiteral("203.0.113.9")));
    QVERIFY(!isSecureRequest(request, proxies));
}

void TestSecurityHeaders::clientAddressFromTrustedProxy()
{
    http::HttpRequest request;
    request.peerAddress = QHostAddress(QStringLiteral("10.0.0.5"));
    request.headers.emplaceBack("x-forwarded-for", "6.6.6.6, 198.51.100.7, 10.0.0.4");
    request.headers.emplaceBack("x-forwarded-proto", "https");
    const auto proxies = parseSubnets({QStringLiteral("10.0.0.0/8")});
    // The client may forge the left part; the right-most untrusted hop is the one our proxy saw.
    QCOMPARE(clientAddress(request, proxies), QHostAddress(QStringLiteral("198.51.100.7")));
    QVERIFY(isSecureRequest(request, proxies));
    request.headers[0].second = "not-an-ip";
    QCOMPARE(clientAddress(request, proxies), QHostAddress(QStringLiteral("10.0.0.5")));
}

QTEST_GUILESS_MAIN(TestSecurityHeaders)
#include "TestSecurityHeaders.moc"
