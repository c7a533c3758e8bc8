#include "RawHttpClient.h"
#include "TestServer.h"
#include "crypto/Base64Url.h"
#include "crypto/Digest.h"
#include "crypto/Jwt.h"
#include "crypto/Random.h"
#include "crypto/SigningKey.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

using namespace auth::test;
using auth::crypto::JwsAlgorithm;
using auth::crypto::SigningKey;

namespace {

const QString AdminEmail = QStringLiteral("admin@example.com");
const QString AdminPassword = QStringLiteral("Tangerine-Voltage-Harbor-42");
const QString UserEmail = QStringLiteral("alice@example.com");
const QString UserPassword = QStringLiteral("Marmalade-Quasar-Lantern-77");
const QString RedirectUri = QStringLiteral("https://app.example.com/callback");

using Fields = QList<std::pair<QString, QString>>;

QByteArray formBody(const Fields& fields)
{
    QByteArray body;
    for (const auto& [name, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

QByteArray basic(const QString& id, const QString& secret)
{
    return "Basic " + (QUrl::toPercentEncoding(id) + ':' + QUrl::toPercentEncoding(secret)).toBase64();
}

QJsonObject jwtPart(const QString& token, int index)
{
    const auto decoded = auth::crypto::base64UrlDecode(token.toLatin1().split('.').value(index));
    return decoded ? QJsonDocument::fromJson(*decoded).object() : QJsonObject();
}

QByteArray encodePart(const QJsonObject& object)
{
    return auth::crypto::base64UrlEncode(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// A raw HTTP/1.1 reply: status, lower-cased headers (last one wins), body.
struct RawReply
{
    int status = 0;
    QHash<QByteArray, QByteArray> headers;
    QByteArray body;
};

RawReply parseRaw(const QByteArray& bytes)
{
    RawReply reply;
    reply.status = RawHttpClient::statusOf(bytes);
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    const QList<QByteArray> lines = bytes.left(end).split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            reply.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
    }
    reply.body = end < 0 ? QByteArray() : bytes.mid(end + 4);
    return reply;
}

QString htmlUnescape(QString text)
{
    text.replace(QLatin1String("&quot;"), QLatin1String("\""));
    text.replace(QLatin1String("&lt;"), QLatin1String("<"));
    text.replace(QLatin1String("&gt;"), QLatin1String(">"));
    return text.replace(QLatin1String("&amp;"), QLatin1String("&"));
}

QString hiddenField(const QByteArray& html, const QString& name)
{
    const QRegularExpression re(QStringLiteral("<input type=\"hidden\" name=\"%1\" value=\"([^\"]*)\">")
                                    .arg(QRegularExpression::escape(name)));
    return re.match(QString::fromUtf8(html)).captured(1);
}

} // namespace

// OAuth 2.0 / OpenID Connect end to end against the real binary: client
// registration, the token endpoint's grants, introspection, revocation,
// userinfo and the browser-facing authorization endpoint driven with raw HTTP.
class TestOAuth : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void adminRegistersClients();
    void clientRegistrationNeedsAdmin();
    void clientRegistrationRefusesBadInput_data();
    void clientRegistrationRefusesBadInput();
    void clientCredentialsWithBasicAndPost();
    void wrongSecretIsInvalidClient();
    void scopeMustBeRegistered();
    void tokenEndpointIsFormEncodedOnly();
    void introspectionReportsActiveAndInactive();
    void revocationEndsAccessToken();
    void authorizationCodeWithPkce();
    void authorizationCodeIsOneTime();
    void wrongVerifierIsRefused();
    void unregisteredRedirectIsNeverFollowed();
    void authorizeRefusesPlainPkceAndMissingPkce();
    void authorizeChecksCsrfAndEscapes();
    void refreshRotatesAndReuseRevokesFamily();
    void revokingRefreshTokenEndsGrant();
    void disabledClientIsRefused();
    void clientTokenOfAdminCannotUseAdminApi();

private:
    QString login(const QString& email, const QString& password);
    QJsonObject createClient(const QJsonObject& body, int expectedStatus = 201);
    HttpReply postForm(const QString& path, const Fields& fields,
                       const QHash<QByteArray, QByteArray>& headers = {});
    HttpReply clientCredentials(const QString& id, const QString& secret, const QString& scope = {});
    RawReply raw(const QByteArray& method, const QString& target, const QByteArray& body = {},
                 const QByteArray& cookie = {});
    // Drives GET and POST /oauth/authorize as a browser would; returns the POST's reply.
    RawReply authorize(const QString& clientId, const QString& challenge, const QString& state,
                       const QString& password = UserPassword, const QString& email = UserEmail);
    QString codeFrom(const RawReply& reply) const;
    QList<QJsonObject> events(const QString& type) const;
    QByteArray allLogs() const;

    TestServer m_server;
    SigningKey m_serverKey;
    QString m_adminToken;
    QString m_userToken;
    QJsonObject m_service; // confidential, client_credentials
    QJsonObject m_webApp; // confidential, authorization_code + refresh_token
    QJsonObject m_spa; // public, authorization_code
};

void TestOAuth::initTestCase()
{
    m_serverKey = SigningKey::generate(JwsAlgorithm::RS256);
    m_server.setEnv(QStringLiteral("RSA_PRIVATE_KEY"),
                    QString::fromLatin1(m_serverKey.privatePem().toBase64()));
    m_server.setEnv(QStringLiteral("ADMIN_BOOTSTRAP_EMAIL"), AdminEmail);
    m_server.setEnv(QStringLiteral("ADMIN_BOOTSTRAP_PASSWORD"), AdminPassword);
    m_server.setEnv(QStringLiteral("RATE_LIMIT_BURST"), QStringLiteral("100000"));
    m_server.setEnv(QStringLiteral("RATE_LIMIT_PER_IP_PER_MINUTE"), QStringLiteral("1000000"));
    QVERIFY(m_server.start());
    const HttpReply registered
        = m_server.postJson(QStringLiteral("/api/v1/auth/register"),
                            {{QStringLiteral("email"), UserEmail},
                             {QStringLiteral("password"), UserPassword},
                             {QStringLiteral("name"), QStringLiteral("Alice Example")}});
    QCOMPARE(registered.status, 201);
    m_adminToken = login(AdminEmail, AdminPassword);
    m_userToken = login(UserEmail, UserPassword);
    QVERIFY(!m_adminToken.isEmpty());
    QVERIFY(!m_userToken.isEmpty());

    m_service = createClient(
        {{QStringLiteral("name"), QStringLiteral("Billing service")},
         {QStringLiteral("confidential"), true},
         {QStringLiteral("grant_types"), QJsonArray {QStringLiteral("client_credentials")}},
         {QStringLiteral("scopes"), QJsonArray {QStringLiteral("read"), QStringLiteral("write")}}});
    m_webApp = createClient(
        {{QStringLiteral("name"), QStringLiteral("Web app")},
         {QStringLiteral("confidential"), true},
         {QStringLiteral("redirect_uris"), QJsonArray {RedirectUri}},
         {QStringLiteral("grant_types"),
          QJsonArray {QStringLiteral("authorization_code"), QStringLiteral("refresh_token")}},
         {QStringLiteral("scopes"),
          QJsonArray {QStringLiteral("openid"), QStringLiteral("profile"), QStringLiteral("email")}}});
    m_spa = createClient(
        {{QStringLiteral("name"), QStringLiteral("Single-page app")},
         {QStringLiteral("confidential"), false},
         {QStringLiteral("redirect_uris"), QJsonArray {QStringLiteral("http://127.0.0.1:8765/cb")}},
         {QStringLiteral("grant_types"), QJsonArray {QStringLiteral("authorization_code")}},
         {QStringLiteral("scopes"), QJsonArray {QStringLiteral("openid"), QStringLiteral("email")}}});
    QVERIFY(!m_service.value(QStringLiteral("client_id")).toString().isEmpty());
    QVERIFY(!m_webApp.value(QStringLiteral("client_id")).toString().isEmpty());
    QVERIFY(!m_spa.value(QStringLiteral("client_id")).toString().isEmpty());
}

QString TestOAuth::login(const QString& email, const QString& password)
{
    const HttpReply reply
        = m_server.postJson(QStringLiteral("/api/v1/auth/login"),
                            {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}});
    return reply.json().value(QStringLiteral("access_token")).toString();
}

QJsonObject TestOAuth::createClient(const QJsonObject& body, int expectedStatus)
{
    const HttpReply reply = m_server.postJson(QStringLiteral("/admin/clients"), body,
                                              {{"Authorization", "Bearer " + m_adminToken.toLatin1()}});
    if (reply.status != expectedStatus)
        qWarning() << "POST /admin/clients:" << reply.status << reply.body;
    return reply.status == expectedStatus ? reply.json() : QJsonObject();
}

HttpReply TestOAuth::postForm(const QString& path, const Fields& fields,
                              const QHash<QByteArray, QByteArray>& headers)
{
    QHash<QByteArray, QByteArray> all = headers;
    all.insert("Content-Type", "application/x-www-form-urlencoded");
    return m_server.request("POST", path, formBody(fields), all);
}

HttpReply TestOAuth::clientCredentials(const QString& id, const QString& secret, const QString& scope)
{
    Fields fields {{QStringLiteral("grant_type"), QStringLiteral("client_credentials")}};
    if (!scope.isEmpty())
        fields.append({QStringLiteral("scope"), scope});
    return postForm(QStringLiteral("/oauth/token"), fields, {{"Authorization", basic(id, secret)}});
}

RawReply TestOAuth::raw(const QByteArray& method, const QString& target, const QByteArray& body,
                        const QByteArray& cookie)
{
    QByteArray request
        = method + ' ' + target.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!cookie.isEmpty())
        request += "Cookie: " + cookie + "\r\n";
    if (method == "POST")
        request += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n";
    request += "\r\n" + body;
    return parseRaw(RawHttpClient::exchange(m_server.port(), request));
}

RawReply TestOAuth::authorize(const QString& clientId, const QString& challenge, const QString& state,
                              const QString& password, const QString& email)
{
    const QString redirect = clientId == m_spa.value(QStringLiteral("client_id")).toString()
        ? QStringLiteral("http://127.0.0.1:8765/cb")
        : RedirectUri;
    QUrlQuery query;
    const Fields params {{QStringLiteral("response_type"), QStringLiteral("code")},
                         {QStringLiteral("client_id"), clientId},
                         {QStringLiteral("redirect_uri"), redirect},
                         {QStringLiteral("scope"), QStringLiteral("openid email")},
                         {QStringLiteral("state"), state},
                         {QStringLiteral("nonce"), QStringLiteral("n-0S6_WzA2Mj")},
                         {QStringLiteral("code_challenge"), challenge},
                         {QStringLiteral("code_challenge_method"), QStringLiteral("S256")}};
    const RawReply page
        = raw("GET", QStringLiteral("/oauth/authorize?") + QString::fromLatin1(formBody(params)));
    if (page.status != 200) {
        qWarning() << "GET /oauth/authorize:" << page.status << page.body.left(300);
        return page;
    }
    const QByteArray setCookie = page.headers.value("set-cookie");
    const QByteArray cookie = setCookie.left(setCookie.indexOf(';'));
    Fields form;
    for (const char* name : {"client_id", "redirect_uri", "response_type", "scope", "state", "nonce",
                             "code_challenge", "code_challenge_method", "csrf_token"}) {
        const QString value = hiddenField(page.body, QString::fromLatin1(name));
        if (!value.isEmpty())
            form.append({QString::fromLatin1(name), htmlUnescape(value)});
    }
    form.append({QStringLiteral("email"), email});
    form.append({QStringLiteral("password"), password});
    form.append({QStringLiteral("action"), QStringLiteral("login")});
    return raw("POST", QStringLiteral("/oauth/authorize"), formBody(form), cookie);
}

QString TestOAuth::codeFrom(const RawReply& reply) const
{
    return QUrlQuery(QUrl(QString::fromUtf8(reply.headers.value("location"))))
        .queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
}

QList<QJsonObject> TestOAuth::events(const QString& type) const
{
    QList<QJsonObject> out;
    for (const QJsonObject& line : m_server.securityLog()) {
        if (line.value(QStringLiteral("event")).toString() == type)
            out.append(line);
    }
    return out;
}

QByteArray TestOAuth::allLogs() const
{
    QByteArray all;
    for (const char* name : {"security.log", "application.log"}) {
        QFile file(m_server.logDir() + QLatin1Char('/') + QLatin1String(name));
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}

void TestOAuth::adminRegistersClients()
{
    const QString secret = m_service.value(QStringLiteral("client_secret")).toString();
    QCOMPARE(secret.size(), 43); // 256 bits, base64url
    QVERIFY(auth::crypto::base64UrlDecode(secret.toLatin1()).has_value());
    QCOMPARE(m_service.value(QStringLiteral("confidential")).toBool(), true);
    QVERIFY(!m_spa.contains(QStringLiteral("client_secret")));

    const HttpReply list = m_server.get(QStringLiteral("/admin/clients"),
                                        {{"Authorization", "Bearer " + m_adminToken.toLatin1()}});
    QCOMPARE(list.status, 200);
    const QJsonArray clients = list.json().value(QStringLiteral("clients")).toArray();
    QVERIFY(clients.size() >= 3);
    QVERIFY(!list.body.contains(secret.toLatin1()));
    QVERIFY(!list.body.contains("\"client_secret\""));
    QVERIFY(!list.body.contains("secret_hash"));
    // Only the SHA-256 is stored, and neither the secret nor its hash is logged.
    QVERIFY(!allLogs().contains(secret.toLatin1()));
    QVERIFY(!allLogs().contains(auth::crypto::sha256(secret.toUtf8()).toHex()));
    bool audited = false;
    for (const QJsonObject& event : events(QStringLiteral("admin_action"))) {
        const QJsonObject details = event.value(QStringLiteral("details")).toObject();
        if (details.value(QStringLiteral("action")).toString() == QLatin1String("clients.create")
            && details.value(QStringLiteral("parameters")).toObject().value(QStringLiteral("client_id"))
                == m_service.value(QStringLiteral("client_id")))
            audited = true;
    }
    QVERIFY(audited);
}

void TestOAuth::clientRegistrationNeedsAdmin()
{
    const QJsonObject body {
        {QStringLiteral("name"), QStringLiteral("x")},
        {QStringLiteral("confidential"), true},
        {QStringLiteral("grant_types"), QJsonArray {QStringLiteral("client_credentials")}}};
    QCOMPARE(m_server
                 .postJson(QStringLiteral("/admin/clients"), body,
                           {{"Authorization", "Bearer " + m_userToken.toLatin1()}})
                 .status,
             403);
    QCOMPARE(m_server.postJson(QStringLiteral("/admin/clients"), body).status, 401);
    QCOMPARE(
        m_server
            .get(QStringLiteral("/admin/clients"), {{"Authorization", "Bearer " + m_userToken.toLatin1()}})
            .status,
        403);
}

void TestOAuth::clientRegistrationRefusesBadInput_data()
{
    QTest::addColumn<QJsonObject>("body");
    const QJsonArray code {QStringLiteral("authorization_code")};
    auto web = [&](const QString& uri) {
        return QJsonObject {{QStringLiteral("name"), QStringLiteral("bad")},
                            {QStringLiteral("confidential"), true},
                            {QStringLiteral("grant_types"), code},
                            {QStringLiteral("redirect_uris"), QJsonArray {uri}}};
    };
    QTest::newRow("http, not loopback") << web(QStringLiteral("http://app.example.com/cb"));
    QTest::newRow("fragment") << web(QStringLiteral("https://app.example.com/cb#frag"));
    QTest::newRow("relative") << web(QStringLiteral("/cb"));
    QTest::newRow("custom scheme") << web(QStringLiteral("javascript://app.example.com/%0Aalert(1)"));
    QTest::newRow("public client_credentials")
        << QJsonObject {{QStringLiteral("name"), QStringLiteral("bad")},
                        {QStringLiteral("confidential"), false},
                        {QStringLiteral("grant_types"), QJsonArray {QStringLiteral("client_credentials")}}};
    QTest::newRow("unknown grant") << QJsonObject {
        {QStringLiteral("name"), QStringLiteral("bad")},
        {QStringLiteral("confidential"), true},
        {QStringLiteral("grant_types"), QJsonArray {QStringLiteral("password")}}};
    QTest::newRow("no grant") << QJsonObject {{QStringLiteral("name"), QStringLiteral("bad")},
                                              {QStringLiteral("confidential"), true}};
    QTest::newRow("confidential not bool")
        << QJsonObject {{QStringLiteral("name"), QStringLiteral("bad")},
                        {QStringLiteral("confidential"), QStringLiteral("yes")},
                        {QStringLiteral("grant_types"), QJsonArray {QStringLiteral("client_credentials")}}};
    QTest::newRow("code without redirect") << QJsonObject {{QStringLiteral("name"), QStringLiteral("bad")},
                                                           {QStringLiteral("confidential"), true},
                                                           {QStringLiteral("grant_types"), code}};
    QTest::newRow("bad scope") << QJsonObject {
        {QStringLiteral("name"), QStringLiteral("bad")},
        {QStringLiteral("confidential"), true},
        {QStringLiteral("grant_types"), QJsonArray {QStringLiteral("client_credentials")}},
        {QStringLiteral("scopes"), QJsonArray {QStringLiteral("has space")}}};
}

void TestOAuth::clientRegistrationRefusesBadInput()
{
    QFETCH(QJsonObject, body);
    const HttpReply reply = m_server.postJson(QStringLiteral("/admin/clients"), body,
                                              {{"Authorization", "Bearer " + m_adminToken.toLatin1()}});
    QCOMPARE(reply.status, 422);
    QVERIFY(!reply.json().value(QStringLiteral("error")).toString().isEmpty());
}

void TestOAuth::clientCredentialsWithBasicAndPost()
{
    const QString id = m_service.value(QStringLiteral("client_id")).toString();
    const QString secret = m_service.value(QStringLiteral("client_secret")).toString();
    const HttpReply viaBasic = clientCredentials(id, secret);
    QCOMPARE(viaBasic.status, 200);
    QCOMPARE(viaBasic.header("cache-control"), QByteArray("no-store"));
    const QJsonObject body = viaBasic.json();
    QCOMPARE(body.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    QVERIFY(body.value(QStringLiteral("expires_in")).toInt() > 0);
    QCOMPARE(body.value(QStringLiteral("scope")).toString(), QStringLiteral("read write"));
    QVERIFY(!body.contains(QStringLiteral("refresh_token")));
    const QString token = body.value(QStringLiteral("access_token")).toString();
    QCOMPARE(jwtPart(token, 0).value(QStringLiteral("typ")).toString(), QStringLiteral("at+jwt"));
    const QJsonObject claims = jwtPart(token, 1);
    QCOMPARE(claims.value(QStringLiteral("sub")).toString(), id);
    QCOMPARE(claims.value(QStringLiteral("client_id")).toString(), id);

    const HttpReply viaPost = postForm(QStringLiteral("/oauth/token"),
                                       {{QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
                                        {QStringLiteral("client_id"), id},
                                        {QStringLiteral("client_secret"), secret},
                                        {QStringLiteral("scope"), QStringLiteral("read")}});
    QCOMPARE(viaPost.status, 200);
    QCOMPARE(viaPost.json().value(QStringLiteral("scope")).toString(), QStringLiteral("read"));

    // Two methods at once is a malformed request.
    const HttpReply both = postForm(QStringLiteral("/oauth/token"),
                                    {{QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
                                     {QStringLiteral("client_secret"), secret}},
                                    {{"Authorization", basic(id, secret)}});
    QCOMPARE(both.status, 400);
    QCOMPARE(both.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_request"));

    bool logged = false;
    for (const QJsonObject& event : events(QStringLiteral("jwt_generation"))) {
        const QJsonObject details = event.value(QStringLiteral("details")).toObject();
        if (details.value(QStringLiteral("jti")) == claims.value(QStringLiteral("jti"))) {
            logged = details.value(QStringLiteral("client_id")).toString() == id
                && details.value(QStringLiteral("grant")).toString() == QLatin1String("client_credentials")
                && details.value(QStringLiteral("kid")).toString() == m_serverKey.kid();
        }
    }
    QVERIFY(logged);
}

void TestOAuth::wrongSecretIsInvalidClient()
{
    const QString id = m_service.value(QStringLiteral("client_id")).toString();
    const QString wrong = QStringLiteral("not-the-secret-") + auth::crypto::randomToken(8);
    const HttpReply viaBasic = clientCredentials(id, wrong);
    QCOMPARE(viaBasic.status, 401);
    QCOMPARE(viaBasic.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_client"));
    QVERIFY(viaBasic.header("www-authenticate").startsWith("Basic"));
    QVERIFY(!viaBasic.json().contains(QStringLiteral("access_token")));

    const HttpReply viaPost = postForm(QStringLiteral("/oauth/token"),
                                       {{QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
                                        {QStringLiteral("client_id"), id},
                                        {QStringLiteral("client_secret"), wrong}});
    QCOMPARE(viaPost.status, 401);
    QCOMPARE(viaPost.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_client"));

    const HttpReply unknown = clientCredentials(QStringLiteral("no-such-client"), wrong);
    QCOMPARE(unknown.status, 401);
    QCOMPARE(unknown.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_client"));

    int failures = 0;
    for (const QJsonObject& event : events(QStringLiteral("authentication_failure"))) {
        const QJsonObject details = event.value(QStringLiteral("details")).toObject();
        if (details.value(QStringLiteral("client_id")).toString() == id
            && details.value(QStringLiteral("reason")).toString() == QLatin1String("invalid_client_secret"))
            ++failures;
    }
    QCOMPARE(failures, 2);
    QVERIFY(!allLogs().contains(wrong.toLatin1()));
    QVERIFY(!allLogs().contains(m_service.value(QStringLiteral("client_secret")).toString().toLatin1()));
}

void TestOAuth::scopeMustBeRegistered()
{
    const QString id = m_service.value(QStringLiteral("client_id")).toString();
    const QString secret = m_service.value(QStringLiteral("client_secret")).toString();
    const HttpReply wider = clientCredentials(id, secret, QStringLiteral("read admin"));
    QCOMPARE(wider.status, 400);
    QCOMPARE(wider.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_scope"));
    const HttpReply narrow = clientCredentials(id, secret, QStringLiteral("write"));
    QCOMPARE(narrow.status, 200);
    QCOMPARE(narrow.json().value(QStringLiteral("scope")).toString(), QStringLiteral("write"));

    // A client may use only its registered grants.
    const HttpReply grant = postForm(QStringLiteral("/oauth/token"),
                                     {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                                      {QStringLiteral("refresh_token"), QStringLiteral("x").repeated(43)}},
                                     {{"Authorization", basic(id, secret)}});
    QCOMPARE(grant.status, 400);
    QCOMPARE(grant.json().value(QStringLiteral("error")).toString(), QStringLiteral("unauthorized_client"));
    const HttpReply unsupported = postForm(QStringLiteral("/oauth/token"),
                                           {{QStringLiteral("grant_type"), QStringLiteral("password")}},
                                           {{"Authorization", basic(id, secret)}});
    QCOMPARE(unsupported.status, 400);
    QCOMPARE(unsupported.json().value(QStringLiteral("error")).toString(),
             QStringLiteral("unsupported_grant_type"));
}

void TestOAuth::tokenEndpointIsFormEncodedOnly()
{
    const QString id = m_service.value(QStringLiteral("client_id")).toString();
    const QString secret = m_service.value(QStringLiteral("client_secret")).toString();
    const HttpReply json
        = m_server.postJson(QStringLiteral("/oauth/token"),
                            {{QStringLiteral("grant_type"), QStringLiteral("client_credentials")}},
                            {{"Authorization", basic(id, secret)}});
    QCOMPARE(json.status, 415);
    QCOMPARE(json.json().value(QStringLiteral("error")).toString(), QStringLiteral("unsupported_media_type"));
    const HttpReply missing
        = postForm(QStringLiteral("/oauth/token"), {}, {{"Authorization", basic(id, secret)}});
    QCOMPARE(missing.status, 400);
    QCOMPARE(missing.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_request"));
}

void TestOAuth::introspectionReportsActiveAndInactive()
{
    const QString id = m_service.value(QStringLiteral("client_id")).toString();
    const QString secret = m_service.value(QStringLiteral("client_secret")).toString();
    const QString token
        = clientCredentials(id, secret).json().value(QStringLiteral("access_token")).toString();
    auto introspect = [&](const QString& candidate) {
        return postForm(QStringLiteral("/oauth/introspect"), {{QStringLiteral("token"), candidate}},
                        {{"Authorization", basic(id, secret)}});
    };
    const HttpReply active = introspect(token);
    QCOMPARE(active.status, 200);
    const QJsonObject info = active.json();
    QCOMPARE(info.value(QStringLiteral("active")).toBool(), true);
    QCOMPARE(info.value(QStringLiteral("client_id")).toString(), id);
    QCOMPARE(info.value(QStringLiteral("sub")).toString(), id);
    QCOMPARE(info.value(QStringLiteral("scope")).toString(), QStringLiteral("read write"));
    QCOMPARE(info.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    for (const char* claim : {"exp", "iat", "iss", "aud", "jti"})
        QVERIFY2(info.contains(QLatin1String(claim)), claim);

    const QList<QByteArray> parts = token.toLatin1().split('.');
    QJsonObject noneHeader = jwtPart(token, 0);
    noneHeader.insert(QStringLiteral("alg"), QStringLiteral("none"));
    QJsonObject widened = jwtPart(token, 1);
    widened.insert(QStringLiteral("scope"), QStringLiteral("read write admin"));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QJsonObject stale = jwtPart(token, 1);
    stale.insert(QStringLiteral("iat"), double(now - 7200));
    stale.insert(QStringLiteral("nbf"), double(now - 7200));
    stale.insert(QStringLiteral("exp"), double(now - 3600));
    stale.insert(QStringLiteral("jti"), auth::crypto::randomToken(16));
    const QString expired = QString::fromLatin1(
        auth::crypto::signJwt({{QStringLiteral("typ"), QStringLiteral("at+jwt")}}, stale, m_serverKey));
    QVERIFY(!expired.isEmpty());

    const QStringList inactive {
        QStringLiteral("garbage"),
        QString::fromLatin1(encodePart(noneHeader) + '.' + parts[1] + '.'),
        QString::fromLatin1(parts[0] + '.' + encodePart(widened) + '.' + parts[2]),
        expired,
        QStringLiteral("x").repeated(43), // not a refresh token we know
    };
    for (const QString& candidate : inactive) {
        const HttpReply reply = introspect(candidate);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json(), QJsonObject({{QStringLiteral("active"), false}}));
    }

    // Introspection is for authenticated confidential clients only.
    QCOMPARE(postForm(QStringLiteral("/oauth/introspect"), {{QStringLiteral("token"), token}}).status, 401);
    QCOMPARE(postForm(QStringLiteral("/oauth/introspect"),
                      {{QStringLiteral("token"), token},
                       {QStringLiteral("client_id"), m_spa.value(QStringLiteral("client_id")).toString()}})
                 .status,
             401);
}

void TestOAuth::revocationEndsAccessToken()
{
    const QString id = m_service.value(QStringLiteral("client_id")).toString();
    const QString secret = m_service.value(QStringLiteral("client_secret")).toString();
    const QString token
        = clientCredentials(id, secret).json().value(QStringLiteral("access_token")).toString();
    const QHash<QByteArray, QByteArray> auth {{"Authorization", basic(id, secret)}};
    QCOMPARE(
        m_server.get(QStringLiteral("/api/v1/auth/me"), {{"Authorization", "Bearer " + token.toLatin1()}})
            .status,
        403); // valid, but not a user's
    const HttpReply revoked
        = postForm(QStringLiteral("/oauth/revoke"), {{QStringLiteral("token"), token}}, auth);
    QCOMPARE(revoked.status, 200);
    QCOMPARE(postForm(QStringLiteral("/oauth/introspect"), {{QStringLiteral("token"), token}}, auth)
                 .json()
                 .value(QStringLiteral("active"))
                 .toBool(),
             false);
    QCOMPARE(
        m_server.get(QStringLiteral("/api/v1/auth/me"), {{"Authorization", "Bearer " + token.toLatin1()}})
            .status,
        401);
    // Unknown tokens are still a 200 (RFC 7009 §2.2).
    QCOMPARE(postForm(QStringLiteral("/oauth/revoke"), {{QStringLiteral("token"), QStringLiteral("unknown")}},
                      auth)
                 .status,
             200);
    QCOMPARE(postForm(QStringLiteral("/oauth/revoke"), {{QStringLiteral("token"), token}}).status, 401);
}

namespace {

struct Pkce
{
    QString verifier;
    QString challenge;
};

Pkce makePkce()
{
    Pkce pkce;
    pkce.verifier = auth::crypto::randomToken(48);
    pkce.challenge
        = QString::fromLatin1(auth::crypto::base64UrlEncode(auth::crypto::sha256(pkce.verifier.toLatin1())));
    return pkce;
}

} // namespace

void TestOAuth::authorizationCodeWithPkce()
{
    const QString clientId = m_spa.value(QStringLiteral("client_id")).toString();
    const Pkce pkce = makePkce();
    const QString state = QStringLiteral("af0ifjsldkj+/=&x");
    const RawReply page
        = raw("GET",
              QStringLiteral("/oauth/authorize?response_type=code&client_id=%1"
                             "&redirect_uri=%2&scope=openid&code_challenge=%3"
                             "&code_challenge_method=S256")
                  .arg(clientId, QStringLiteral("http%3A%2F%2F127.0.0.1%3A8765%2Fcb"), pkce.challenge));
    QCOMPARE(page.status, 200);
    QVERIFY(page.headers.value("content-type").startsWith("text/html"));
    const QByteArray cookie = page.headers.value("set-cookie");
    QVERIFY(cookie.startsWith("__Host-auth_csrf="));
    for (const char* attribute : {"; Secure", "; HttpOnly", "; SameSite=Strict", "; Path=/"})
        QVERIFY2(cookie.contains(attribute), attribute);
    const QByteArray csp = page.headers.value("content-security-policy");
    QVERIFY(csp.contains("style-src 'sha256-"));
    QVERIFY(!csp.contains("unsafe-inline"));
    QVERIFY(page.body.contains("Single-page app"));
    QVERIFY(!hiddenField(page.body, QStringLiteral("csrf_token")).isEmpty());

    const RawReply reply = authorize(clientId, pkce.challenge, state);
    QCOMPARE(reply.status, 302);
    const QUrl location(QString::fromUtf8(reply.headers.value("location")));
    QCOMPARE(location.adjusted(QUrl::RemoveQuery).toString(), QStringLiteral("http://127.0.0.1:8765/cb"));
    const QUrlQuery query(location);
    QCOMPARE(query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), state);
    QVERIFY(!query.queryItemValue(QStringLiteral("iss")).isEmpty());
    const QString code = codeFrom(reply);
    QVERIFY(code.size() >= 43);

    const HttpReply token
        = postForm(QStringLiteral("/oauth/token"),
                   {{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                    {QStringLiteral("code"), code},
                    {QStringLiteral("redirect_uri"), QStringLiteral("http://127.0.0.1:8765/cb")},
                    {QStringLiteral("client_id"), clientId},
                    {QStringLiteral("code_verifier"), pkce.verifier}});
    QCOMPARE(token.status, 200);
    QCOMPARE(token.header("cache-control"), QByteArray("no-store"));
    const QJsonObject body = token.json();
    QCOMPARE(body.value(QStringLiteral("scope")).toString(), QStringLiteral("openid email"));
    QVERIFY(!body.contains(QStringLiteral("refresh_token"))); // the client has no refresh_token grant
    const QString idToken = body.value(QStringLiteral("id_token")).toString();
    const QJsonObject id = jwtPart(idToken, 1);
    QCOMPARE(id.value(QStringLiteral("aud")).toString(), clientId);
    QCOMPARE(id.value(QStringLiteral("nonce")).toString(), QStringLiteral("n-0S6_WzA2Mj"));
    QCOMPARE(id.value(QStringLiteral("email")).toString(), UserEmail);

    const QByteArray bearer = "Bearer " + body.value(QStringLiteral("access_token")).toString().toLatin1();
    const HttpReply userinfo = m_server.get(QStringLiteral("/oauth/userinfo"), {{"Authorization", bearer}});
    QCOMPARE(userinfo.status, 200);
    QCOMPARE(userinfo.json().value(QStringLiteral("sub")).toString(),
             id.value(QStringLiteral("sub")).toString());
    QCOMPARE(userinfo.json().value(QStringLiteral("email")).toString(), UserEmail);
    QCOMPARE(userinfo.json().value(QStringLiteral("email_verified")).toBool(true), false);
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/auth/me"), {{"Authorization", bearer}}).status, 200);

    // userinfo wants a user token with openid.
    const QString service = clientCredentials(m_service.value(QStringLiteral("client_id")).toString(),
                                              m_service.value(QStringLiteral("client_secret")).toString())
                                .json()
                                .value(QStringLiteral("access_token"))
                                .toString();
    QCOMPARE(
        m_server.get(QStringLiteral("/oauth/userinfo"), {{"Authorization", "Bearer " + service.toLatin1()}})
            .status,
        403);
    QCOMPARE(m_server.get(QStringLiteral("/oauth/userinfo")).status, 401);
}

void TestOAuth::authorizationCodeIsOneTime()
{
    const QString clientId = m_spa.value(QStringLiteral("client_id")).toString();
    const Pkce pkce = makePkce();
    const QString code = codeFrom(authorize(clientId, pkce.challenge, QStringLiteral("s1")));
    QVERIFY(!code.isEmpty());
    const Fields exchange {{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                           {QStringLiteral("code"), code},
                           {QStringLiteral("redirect_uri"), QStringLiteral("http://127.0.0.1:8765/cb")},
                           {QStringLiteral("client_id"), clientId},
                           {QStringLiteral("code_verifier"), pkce.verifier}};
    const HttpReply first = postForm(QStringLiteral("/oauth/token"), exchange);
    QCOMPARE(first.status, 200);
    const QByteArray bearer
        = "Bearer " + first.json().value(QStringLiteral("access_token")).toString().toLatin1();
    QCOMPARE(m_server.get(QStringLiteral("/oauth/userinfo"), {{"Authorization", bearer}}).status, 200);

    const HttpReply second = postForm(QStringLiteral("/oauth/token"), exchange);
    QCOMPARE(second.status, 400);
    QCOMPARE(second.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    // The replay revoked what the first exchange issued.
    QCOMPARE(m_server.get(QStringLiteral("/oauth/userinfo"), {{"Authorization", bearer}}).status, 401);
    QVERIFY(!events(QStringLiteral("authorization_code_reuse")).isEmpty());
}

void TestOAuth::wrongVerifierIsRefused()
{
    const QString clientId = m_spa.value(QStringLiteral("client_id")).toString();
    const Pkce pkce = makePkce();
    const QString code = codeFrom(authorize(clientId, pkce.challenge, QStringLiteral("s2")));
    QVERIFY(!code.isEmpty());
    Fields exchange {{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                     {QStringLiteral("code"), code},
                     {QStringLiteral("redirect_uri"), QStringLiteral("http://127.0.0.1:8765/cb")},
                     {QStringLiteral("client_id"), clientId},
                     {QStringLiteral("code_verifier"), makePkce().verifier}};
    const HttpReply wrong = postForm(QStringLiteral("/oauth/token"), exchange);
    QCOMPARE(wrong.status, 400);
    QCOMPARE(wrong.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    // The code is spent: the right verifier no longer helps.
    exchange.last().second = pkce.verifier;
    QCOMPARE(postForm(QStringLiteral("/oauth/token"), exchange).status, 400);

    // A missing verifier and a different redirect_uri are refused too.
    const Pkce other = makePkce();
    const QString code2 = codeFrom(authorize(clientId, other.challenge, QStringLiteral("s3")));
    QCOMPARE(postForm(QStringLiteral("/oauth/token"),
                      {{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                       {QStringLiteral("code"), code2},
                       {QStringLiteral("redirect_uri"), QStringLiteral("http://127.0.0.1:8765/cb")},
                       {QStringLiteral("client_id"), clientId}})
                 .json()
                 .value(QStringLiteral("error"))
                 .toString(),
             QStringLiteral("invalid_grant"));
    const QString code3 = codeFrom(authorize(clientId, other.challenge, QStringLiteral("s4")));
    QCOMPARE(postForm(QStringLiteral("/oauth/token"),
                      {{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                       {QStringLiteral("code"), code3},
                       {QStringLiteral("redirect_uri"), QStringLiteral("http://127.0.0.1:8765/cb/other")},
                       {QStringLiteral("client_id"), clientId},
                       {QStringLiteral("code_verifier"), other.verifier}})
                 .status,
             400);
}

void TestOAuth::unregisteredRedirectIsNeverFollowed()
{
    const QString clientId = m_webApp.value(QStringLiteral("client_id")).toString();
    const QStringList evil {QStringLiteral("https://evil.example.com/callback"),
                            RedirectUri + QStringLiteral("/../evil"), RedirectUri + QStringLiteral("?x=1"),
                            QStringLiteral("https://app.example.com/callbacK")};
    for (const QString& uri : evil) {
        const RawReply reply = raw(
            "GET",
            QStringLiteral("/oauth/authorize?response_type=code&client_id=%1&redirect_uri=%2&scope=openid")
                .arg(clientId, QString::fromLatin1(QUrl::toPercentEncoding(uri))));
        QCOMPARE(reply.status, 400);
        QVERIFY(!reply.headers.contains("location"));
        QVERIFY(reply.headers.value("content-type").startsWith("text/html"));
        QVERIFY(!reply.body.contains("evil.example.com"));
    }
    // Unknown client: an error page as well, even with a plausible redirect_uri.
    const RawReply unknown
        = raw("GET",
              QStringLiteral("/oauth/authorize?response_type=code&client_id=nope&redirect_uri=")
                  + QString::fromLatin1(QUrl::toPercentEncoding(RedirectUri)));
    QCOMPARE(unknown.status, 400);
    QVERIFY(!unknown.headers.contains("location"));
    // The POST checks the same way.
    const RawReply posted = raw("POST", QStringLiteral("/oauth/authorize"),
                                formBody({{QStringLiteral("response_type"), QStringLiteral("code")},
                                          {QStringLiteral("client_id"), clientId},
                                          {QStringLiteral("redirect_uri"), evil.first()},
                                          {QStringLiteral("email"), UserEmail},
                                          {QStringLiteral("password"), UserPassword}}));
    QCOMPARE(posted.status, 400);
    QVERIFY(!posted.headers.contains("location"));
}

void TestOAuth::authorizeRefusesPlainPkceAndMissingPkce()
{
    const QString spa = m_spa.value(QStringLiteral("client_id")).toString();
    const QString redirect = QStringLiteral("http%3A%2F%2F127.0.0.1%3A8765%2Fcb");
    const RawReply plain
        = raw("GET",
              QStringLiteral("/oauth/authorize?response_type=code&client_id=%1&redirect_uri=%2&state=xyz"
                             "&code_challenge=%3&code_challenge_method=plain")
                  .arg(spa, redirect, makePkce().verifier));
    QCOMPARE(plain.status, 302);
    QUrlQuery query(QUrl(QString::fromUtf8(plain.headers.value("location"))));
    QCOMPARE(query.queryItemValue(QStringLiteral("error")), QStringLiteral("invalid_request"));
    QCOMPARE(query.queryItemValue(QStringLiteral("state")), QStringLiteral("xyz"));

    const RawReply missing
        = raw("GET",
              QStringLiteral("/oauth/authorize?response_type=code&client_id=%1&redirect_uri=%2")
                  .arg(spa, redirect));
    QCOMPARE(missing.status, 302);
    QCOMPARE(QUrlQuery(QUrl(QString::fromUtf8(missing.headers.value("location"))))
                 .queryItemValue(QStringLiteral("error")),
             QStringLiteral("invalid_request"));

    const RawReply scope
        = raw("GET",
              QStringLiteral("/oauth/authorize?response_type=code&client_id=%1&redirect_uri=%2"
                             "&scope=openid%20admin&code_challenge=%3&code_challenge_method=S256")
                  .arg(spa, redirect, makePkce().challenge));
    QCOMPARE(scope.status, 302);
    QCOMPARE(QUrlQuery(QUrl(QString::fromUtf8(scope.headers.value("location"))))
                 .queryItemValue(QStringLiteral("error")),
             QStringLiteral("invalid_scope"));
    const RawReply token
        = raw("GET",
              QStringLiteral("/oauth/authorize?response_type=token&client_id=%1&redirect_uri=%2"
                             "&code_challenge=%3&code_challenge_method=S256")
                  .arg(spa, redirect, makePkce().challenge));
    QCOMPARE(QUrlQuery(QUrl(QString::fromUtf8(token.headers.value("location"))))
                 .queryItemValue(QStringLiteral("error")),
             QStringLiteral("unsupported_response_type"));
}

void TestOAuth::authorizeChecksCsrfAndEscapes()
{
    const QString clientId = m_spa.value(QStringLiteral("client_id")).toString();
    const Pkce pkce = makePkce();
    const QString state = QStringLiteral("\"><script>alert(1)</script>");
    const RawReply page
        = raw("GET",
              QStringLiteral("/oauth/authorize?response_type=code&client_id=%1"
                             "&redirect_uri=%2&code_challenge=%3&code_challenge_method=S256&state=%4")
                  .arg(clientId, QStringLiteral("http%3A%2F%2F127.0.0.1%3A8765%2Fcb"), pkce.challenge,
                       QString::fromLatin1(QUrl::toPercentEncoding(state))));
    QCOMPARE(page.status, 200);
    QVERIFY(!page.body.contains("<script>"));
    QVERIFY(page.body.contains("&quot;&gt;&lt;script&gt;"));

    Fields form {{QStringLiteral("response_type"), QStringLiteral("code")},
                 {QStringLiteral("client_id"), clientId},
                 {QStringLiteral("redirect_uri"), QStringLiteral("http://127.0.0.1:8765/cb")},
                 {QStringLiteral("code_challenge"), pkce.challenge},
                 {QStringLiteral("code_challenge_method"), QStringLiteral("S256")},
                 {QStringLiteral("email"), UserEmail},
                 {QStringLiteral("password"), UserPassword},
                 {QStringLiteral("csrf_token"), hiddenField(page.body, QStringLiteral("csrf_token"))}};
    // The field without its cookie, and a forged cookie, are both refused.
    const RawReply noCookie = raw("POST", QStringLiteral("/oauth/authorize"), formBody(form));
    QCOMPARE(noCookie.status, 403);
    QVERIFY(!noCookie.headers.contains("location"));
    const RawReply forged = raw("POST", QStringLiteral("/oauth/authorize"), formBody(form),
                                "__Host-auth_csrf=" + auth::crypto::randomToken(32).toLatin1());
    QCOMPARE(forged.status, 403);
    QVERIFY(!forged.headers.contains("location"));

    // A wrong password shows the form again, with a generic message.
    const RawReply wrong
        = authorize(clientId, pkce.challenge, QStringLiteral("s5"), QStringLiteral("wrong password"));
    QCOMPARE(wrong.status, 200);
    QVERIFY(!wrong.headers.contains("location"));
    QVERIFY(wrong.body.contains("Invalid email or password"));
}

void TestOAuth::refreshRotatesAndReuseRevokesFamily()
{
    const QString clientId = m_webApp.value(QStringLiteral("client_id")).toString();
    const QString secret = m_webApp.value(QStringLiteral("client_secret")).toString();
    const QHash<QByteArray, QByteArray> auth {{"Authorization", basic(clientId, secret)}};
    const Pkce pkce = makePkce();
    const QString code = codeFrom(authorize(clientId, pkce.challenge, QStringLiteral("r1")));
    QVERIFY(!code.isEmpty());
    const HttpReply exchanged
        = postForm(QStringLiteral("/oauth/token"),
                   {{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                    {QStringLiteral("code"), code},
                    {QStringLiteral("redirect_uri"), RedirectUri},
                    {QStringLiteral("code_verifier"), pkce.verifier}},
                   auth);
    QCOMPARE(exchanged.status, 200);
    const QString first = exchanged.json().value(QStringLiteral("refresh_token")).toString();
    QVERIFY(!first.isEmpty());

    const HttpReply introspected
        = postForm(QStringLiteral("/oauth/introspect"), {{QStringLiteral("token"), first}}, auth);
    QCOMPARE(introspected.json().value(QStringLiteral("active")).toBool(), true);
    QCOMPARE(introspected.json().value(QStringLiteral("client_id")).toString(), clientId);

    auto refresh = [&](const QString& token, const QHash<QByteArray, QByteArray>& headers) {
        return postForm(QStringLiteral("/oauth/token"),
                        {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                         {QStringLiteral("refresh_token"), token}},
                        headers);
    };
    const HttpReply rotated = refresh(first, auth);
    QCOMPARE(rotated.status, 200);
    const QString second = rotated.json().value(QStringLiteral("refresh_token")).toString();
    QVERIFY(!second.isEmpty());
    QVERIFY(second != first);
    QCOMPARE(rotated.json().value(QStringLiteral("scope")).toString(), QStringLiteral("openid email"));

    // The refresh token is bound to its client: no client, no refresh.
    QCOMPARE(refresh(second, {}).status, 401);

    const HttpReply reused = refresh(first, auth);
    QCOMPARE(reused.status, 400);
    QCOMPARE(reused.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    QCOMPARE(refresh(second, auth).status, 400); // the family is gone
    QCOMPARE(postForm(QStringLiteral("/oauth/introspect"), {{QStringLiteral("token"), second}}, auth)
                 .json()
                 .value(QStringLiteral("active"))
                 .toBool(),
             false);
    bool logged = false;
    for (const QJsonObject& event : events(QStringLiteral("refresh_token_reuse")))
        logged
            |= event.value(QStringLiteral("details")).toObject().value(QStringLiteral("client_id")).toString()
            == clientId;
    QVERIFY(logged);
}

void TestOAuth::revokingRefreshTokenEndsGrant()
{
    const QString clientId = m_webApp.value(QStringLiteral("client_id")).toString();
    const QString secret = m_webApp.value(QStringLiteral("client_secret")).toString();
    const QHash<QByteArray, QByteArray> auth {{"Authorization", basic(clientId, secret)}};
    const Pkce pkce = makePkce();
    const QString code = codeFrom(authorize(clientId, pkce.challenge, QStringLiteral("r2")));
    const QJsonObject tokens = postForm(QStringLiteral("/oauth/token"),
                                        {{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                                         {QStringLiteral("code"), code},
                                         {QStringLiteral("redirect_uri"), RedirectUri},
                                         {QStringLiteral("code_verifier"), pkce.verifier}},
                                        auth)
                                   .json();
    const QString access = tokens.value(QStringLiteral("access_token")).toString();
    const QString refresh = tokens.value(QStringLiteral("refresh_token")).toString();
    const QByteArray bearer = "Bearer " + access.toLatin1();
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/auth/me"), {{"Authorization", bearer}}).status, 200);
    // Another client cannot revoke it.
    const QHash<QByteArray, QByteArray> other {
        {"Authorization",
         basic(m_service.value(QStringLiteral("client_id")).toString(),
               m_service.value(QStringLiteral("client_secret")).toString())}};
    QCOMPARE(postForm(QStringLiteral("/oauth/revoke"), {{QStringLiteral("token"), refresh}}, other).status,
             200);
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/auth/me"), {{"Authorization", bearer}}).status, 200);

    QCOMPARE(postForm(QStringLiteral("/oauth/revoke"),
                      {{QStringLiteral("token"), refresh},
                       {QStringLiteral("token_type_hint"), QStringLiteral("refresh_token")}},
                      auth)
                 .status,
             200);
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/auth/me"), {{"Authorization", bearer}}).status, 401);
    QCOMPARE(m_server.get(QStringLiteral("/oauth/userinfo"), {{"Authorization", bearer}}).status, 401);
    QCOMPARE(postForm(QStringLiteral("/oauth/introspect"), {{QStringLiteral("token"), access}}, auth)
                 .json()
                 .value(QStringLiteral("active"))
                 .toBool(),
             false);
    QCOMPARE(postForm(QStringLiteral("/oauth/token"),
                      {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                       {QStringLiteral("refresh_token"), refresh}},
                      auth)
                 .status,
             400);
}

void TestOAuth::disabledClientIsRefused()
{
    const QJsonObject client
        = createClient({{QStringLiteral("name"), QStringLiteral("Short-lived")},
                        {QStringLiteral("confidential"), true},
                        {QStringLiteral("grant_types"), QJsonArray {QStringLiteral("client_credentials")}}});
    const QString id = client.value(QStringLiteral("client_id")).toString();
    const QString secret = client.value(QStringLiteral("client_secret")).toString();
    const QString token
        = clientCredentials(id, secret).json().value(QStringLiteral("access_token")).toString();
    QVERIFY(!token.isEmpty());
    QCOMPARE(m_server
                 .postJson(QStringLiteral("/admin/clients/%1/disable").arg(id), {},
                           {{"Authorization", "Bearer " + m_userToken.toLatin1()}})
                 .status,
             403);
    const HttpReply disabled = m_server.postJson(QStringLiteral("/admin/clients/%1/disable").arg(id),
                                                 {{QStringLiteral("reason"), QStringLiteral("compromised")}},
                                                 {{"Authorization", "Bearer " + m_adminToken.toLatin1()}});
    QCOMPARE(disabled.status, 200);
    QCOMPARE(disabled.json().value(QStringLiteral("disabled")).toBool(), true);
    QCOMPARE(clientCredentials(id, secret).status, 401);
    const QHash<QByteArray, QByteArray> auth {
        {"Authorization",
         basic(m_service.value(QStringLiteral("client_id")).toString(),
               m_service.value(QStringLiteral("client_secret")).toString())}};
    QCOMPARE(postForm(QStringLiteral("/oauth/introspect"), {{QStringLiteral("token"), token}}, auth)
                 .json()
                 .value(QStringLiteral("active"))
                 .toBool(),
             false);
    QCOMPARE(m_server
                 .postJson(QStringLiteral("/admin/clients/nope/disable"), {},
                           {{"Authorization", "Bearer " + m_adminToken.toLatin1()}})
                 .status,
             404);
}

void TestOAuth::clientTokenOfAdminCannotUseAdminApi()
{
    // An admin signing in to a third-party app gives that app a token for the
    // admin's account; it must not open the admin API.
    const QString clientId = m_spa.value(QStringLiteral("client_id")).toString();
    const Pkce pkce = makePkce();
    const RawReply reply
        = authorize(clientId, pkce.challenge, QStringLiteral("s"), AdminPassword, AdminEmail);
    QCOMPARE(reply.status, 302);
    const HttpReply token
        = postForm(QStringLiteral("/oauth/token"),
                   {{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                    {QStringLiteral("code"), codeFrom(reply)},
                    {QStringLiteral("redirect_uri"), QStringLiteral("http://127.0.0.1:8765/cb")},
                    {QStringLiteral("client_id"), clientId},
                    {QStringLiteral("code_verifier"), pkce.verifier}});
    QCOMPARE(token.status, 200);
    const QByteArray bearer
        = "Bearer " + token.json().value(QStringLiteral("access_token")).toString().toLatin1();
    const HttpReply keys = m_server.get(QStringLiteral("/admin/keys"), {{"Authorization", bearer}});
    QCOMPARE(keys.status, 403);
    QCOMPARE(keys.json().value(QStringLiteral("error")).toString(), QStringLiteral("forbidden"));
    QVERIFY(!events(QStringLiteral("security_violation")).isEmpty());
    // The admin's own session token still works.
    QCOMPARE(
        m_server.get(QStringLiteral("/admin/keys"), {{"Authorization", "Bearer " + m_adminToken.toLatin1()}})
            .status,
        200);
}

QTEST_GUILESS_MAIN(TestOAuth)
#include "TestOAuth.moc"
