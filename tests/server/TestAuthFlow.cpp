#include "TestServer.h"
#include "crypto/Jwt.h"
#include "crypto/SigningKey.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QTest>
#include <QThread>
#include <QUrl>
#include <algorithm>
#include <memory>

using namespace auth::test;
using auth::crypto::JwsAlgorithm;
using auth::crypto::SigningKey;

// Accounts, sessions and tokens end to end, against the real binary: what a
// client sees (status, body, headers) and what security.log records.
class TestAuthFlow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void registerCreatesAccount();
    void registerRefusesBadInput_data();
    void registerRefusesBadInput();
    void loginIssuesWorkingToken();
    void meWithoutValidTokenIsChallenged();
    void repeatedFailuresLockTheAccount();
    void unknownUserAndWrongPasswordLookAlike();
    void rateLimitIgnoresSpoofedForwardedFor();
    void refreshReuseRevokesFamilyAndSession();
    void logoutEndsTheSession();
    void logoutAllEndsEverySession();
    void passwordChangeKeepsOnlyCurrentSession();
    void tamperedTokensAreRefused_data();
    void tamperedTokensAreRefused();
    void adminApiNeedsAdmin();
    void adminLocksAndUnlocksUser();
    void normalRotationKeepsOldKeyVerifying();
    void emergencyRotationRetiresOldKeyAtOnce();
    // Last: waits out the 1 s TTL plus the 60 s leeway of a token issued in initTestCase.
    void expiredTokenIsRefusedAfterLeeway();

private:
    struct Account
    {
        QString email;
        QString password;
        QString id;
    };
    Account createAccount(TestServer& server, const QString& tag);
    QString adminToken(TestServer& server) const;
    QList<QJsonObject> userIdsOfSearch(const QString& email) const;

    TestServer m_server; // the server's signing key is ours: tokens can be forged with it
    TestServer m_shortTtl; // ACCESS_TOKEN_TTL=1s
    std::unique_ptr<TestServer> m_rotation; // key rotation has a server to itself
    SigningKey m_serverKey;
    QString m_adminToken;
    QString m_shortTtlToken;
    QElapsedTimer m_shortTtlIssued;
    int m_accounts = 0;
};

namespace {

const QString kAdminEmail = QStringLiteral("root@flow.example");
const QString kAdminPassword = QStringLiteral("Tangerine-Voltage-Harbor-42");
const QString kPassword = QStringLiteral("Quartz-Meadow-Lantern-91");
const QString kNewPassword = QStringLiteral("Copper-Orchid-Tundra-58");

QHash<QByteArray, QByteArray> bearer(const QString& token)
{
    return {{"Authorization", "Bearer " + token.toLatin1()}};
}

HttpReply login(const TestServer& server, const QString& email, const QString& password,
                const QHash<QByteArray, QByteArray>& headers = {})
{
    return server.postJson(QStringLiteral("/api/v1/auth/login"),
                           {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}},
                           headers);
}

QString accessToken(const HttpReply& reply)
{
    return reply.json().value(QStringLiteral("access_token")).toString();
}

HttpReply me(const TestServer& server, const QString& token)
{
    return server.get(QStringLiteral("/api/v1/auth/me"), bearer(token));
}

QByteArray b64url(const QByteArray& data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Part 0 (header) or 1 (claims) of a compact JWS, unverified.
QJsonObject jwtPart(const QString& token, int part)
{
    const QByteArray encoded = token.toLatin1().split('.').value(part);
    return QJsonDocument::fromJson(QByteArray::fromBase64(encoded, QByteArray::Base64UrlEncoding)).object();
}

QByteArray hs256(const QJsonObject& header, const QJsonObject& claims, const QByteArray& secret)
{
    const QByteArray input = b64url(compact(header)) + '.' + b64url(compact(claims));
    return input + '.' + b64url(QMessageAuthenticationCode::hash(input, secret, QCryptographicHash::Sha256));
}

QList<QJsonObject> events(const TestServer& server, const QString& type, const QString& userId = {})
{
    QList<QJsonObject> found;
    for (const QJsonObject& event : server.securityLog()) {
        if (event.value(QStringLiteral("event")).toString() == type
            && (userId.isEmpty() || event.value(QStringLiteral("user_id")).toString() == userId))
            found.append(event);
    }
    return found;
}

QString detail(const QJsonObject& event, const char* name)
{
    return event.value(QStringLiteral("details")).toObject().value(QLatin1String(name)).toString();
}

QStringList jwksKids(const TestServer& server)
{
    QStringList kids;
    const HttpReply reply = server.get(QStringLiteral("/.well-known/jwks.json"));
    for (const QJsonValue& key : reply.json().value(QStringLiteral("keys")).toArray())
        kids.append(key.toObject().value(QStringLiteral("kid")).toString());
    return kids;
}

// Everything a client can compare between two answers, minus what differs per request.
QByteArray comparable(const HttpReply& reply)
{
    QList<QByteArray> names = reply.headers.keys();
    names.removeAll("x-request-id");
    names.removeAll("date");
    std::sort(names.begin(), names.end());
    return QByteArray::number(reply.status) + ' ' + reply.body + ' ' + names.join(',');
}

qint64 median(QList<qint64> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

QByteArray publicPem(const QByteArray& privatePem)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"), {QStringLiteral("pkey"), QStringLiteral("-pubout")});
    openssl.write(privatePem);
    openssl.closeWriteChannel();
    openssl.waitForFinished(10000);
    return openssl.readAllStandardOutput();
}

} // namespace

void TestAuthFlow::initTestCase()
{
    m_serverKey = SigningKey::generate(JwsAlgorithm::RS256);
    m_server.setEnv(QStringLiteral("RSA_PRIVATE_KEY"),
                    QString::fromLatin1(m_serverKey.privatePem().toBase64()));
    m_server.setEnv(QStringLiteral("ADMIN_BOOTSTRAP_EMAIL"), kAdminEmail);
    m_server.setEnv(QStringLiteral("ADMIN_BOOTSTRAP_PASSWORD"), kAdminPassword);
    // The rate limit has its own test and server; here it must not interfere.
    m_server.setEnv(QStringLiteral("RATE_LIMIT_PER_IP_PER_MINUTE"), QStringLiteral("100000"));
    m_server.setEnv(QStringLiteral("RATE_LIMIT_BURST"), QStringLiteral("100000"));
    // So must threat detection (TestThreatDetection): every account here fails
    // and signs in from loopback, which is what credential stuffing looks like.
    m_server.setEnv(QStringLiteral("THREATS_ENABLED"), QStringLiteral("false"));
    QVERIFY(m_server.start());
    m_adminToken = adminToken(m_server);
    QVERIFY(!m_adminToken.isEmpty());

    m_shortTtl.setEnv(QStringLiteral("ACCESS_TOKEN_TTL"), QStringLiteral("1s"));
    QVERIFY(m_shortTtl.start());
    const Account account = createAccount(m_shortTtl, QStringLiteral("short"));
    QVERIFY(!account.id.isEmpty());
    const HttpReply reply = login(m_shortTtl, account.email, account.password);
    m_shortTtlIssued.start();
    QCOMPARE(reply.status, 200);
    m_shortTtlToken = accessToken(reply);
    QCOMPARE(reply.json().value(QStringLiteral("expires_in")).toInt(), 1);
    QCOMPARE(me(m_shortTtl, m_shortTtlToken).status, 200);
}

TestAuthFlow::Account TestAuthFlow::createAccount(TestServer& server, const QString& tag)
{
    Account account {QStringLiteral("%1-%2@flow.example").arg(tag).arg(++m_accounts), kPassword, {}};
    const HttpReply reply = server.postJson(QStringLiteral("/api/v1/auth/register"),
                                            {{QStringLiteral("email"), account.email},
                                             {QStringLiteral("password"), account.password},
                                             {QStringLiteral("name"), QStringLiteral("Flow Tester")}});
    if (reply.status == 201)
        account.id = reply.json().value(QStringLiteral("id")).toString();
    else
        qWarning() << "register failed:" << reply.status << reply.body;
    return account;
}

QString TestAuthFlow::adminToken(TestServer& server) const
{
    return accessToken(login(server, kAdminEmail, kAdminPassword));
}

QList<QJsonObject> TestAuthFlow::userIdsOfSearch(const QString& email) const
{
    const HttpReply reply = m_server.get(QStringLiteral("/admin/users?q=")
                                             + QString::fromLatin1(QUrl::toPercentEncoding(email)),
                                         bearer(m_adminToken));
    QList<QJsonObject> users;
    for (const QJsonValue& user : reply.json().value(QStringLiteral("users")).toArray())
        users.append(user.toObject());
    return users;
}

void TestAuthFlow::registerCreatesAccount()
{
    const QJsonObject body {{QStringLiteral("email"), QStringLiteral("  Grace.Hopper@Flow.Example ")},
                            {QStringLiteral("password"), kPassword},
                            {QStringLiteral("name"), QStringLiteral("Grace Hopper")}};
    const HttpReply reply = m_server.postJson(QStringLiteral("/api/v1/auth/register"), body);
    QCOMPARE(reply.status, 201);
    const QJsonObject user = reply.json();
    QCOMPARE(user.value(QStringLiteral("email")).toString(), QStringLiteral("grace.hopper@flow.example"));
    QCOMPARE(user.value(QStringLiteral("name")).toString(), QStringLiteral("Grace Hopper"));
    QCOMPARE(user.value(QStringLiteral("roles")).toArray(), QJsonArray {QStringLiteral("user")});
    QCOMPARE(user.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
    QVERIFY(user.value(QStringLiteral("password_strength")).toInt() >= 50);
    QVERIFY(!user.value(QStringLiteral("id")).toString().isEmpty());
    QVERIFY2(!reply.body.contains("password\"") && !reply.body.contains("argon2"), reply.body.constData());
    QCOMPARE(userIdsOfSearch(QStringLiteral("grace.hopper@flow.example")).size(), 1);

    // The same address again, in another case: 409, and still one account.
    QJsonObject again = body;
    again.insert(QStringLiteral("email"), QStringLiteral("GRACE.HOPPER@flow.example"));
    const HttpReply duplicate = m_server.postJson(QStringLiteral("/api/v1/auth/register"), again);
    QCOMPARE(duplicate.status, 409);
    QCOMPARE(duplicate.json().value(QStringLiteral("error")).toString(), QStringLiteral("email_taken"));
    QCOMPARE(userIdsOfSearch(QStringLiteral("grace.hopper@flow.example")).size(), 1);
}

void TestAuthFlow::registerRefusesBadInput_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");

    auto json = [](const QString& email, const QString& password, const QString& name) {
        return compact({{QStringLiteral("email"), email},
                        {QStringLiteral("password"), password},
                        {QStringLiteral("name"), name}});
    };
    const QString weak = QStringLiteral("weak@flow.example");
    QTest::newRow("weak password") << weak << json(weak, QStringLiteral("password123"), QStringLiteral("W"))
                                   << QByteArray("application/json") << 422
                                   << QStringLiteral("password_too_weak");
    const QString named = QStringLiteral("named@flow.example");
    QTest::newRow("password contains the name")
        << named << json(named, QStringLiteral("Marguerite-Volcano-Lantern-93"), QStringLiteral("Marguerite"))
        << QByteArray("application/json") << 422 << QStringLiteral("password_contains_personal_data");
    QTest::newRow("password too short")
        << QStringLiteral("short@flow.example")
        << json(QStringLiteral("short@flow.example"), QStringLiteral("x9!Q"), QStringLiteral("Short"))
        << QByteArray("application/json") << 422 << QStringLiteral("password_too_short");
    QTest::newRow("bad email") << QStringLiteral("not-an-email")
                               << json(QStringLiteral("not-an-email"), kPassword, QStringLiteral("Bad Mail"))
                               << QByteArray("application/json") << 422 << QStringLiteral("invalid_email");
    QTest::newRow("empty name") << QStringLiteral("noname@flow.example")
                                << json(QStringLiteral("noname@flow.example"), kPassword, QStringLiteral(" "))
                                << QByteArray("application/json") << 422 << QStringLiteral("invalid_name");
    const QString plain = QStringLiteral("plain@flow.example");
    QTest::newRow("wrong content type")
        << plain << json(plain, kPassword, QStringLiteral("Plain")) << QByteArray("text/plain") << 415
        << QStringLiteral("unsupported_media_type");
    QTest::newRow("duplicate JSON keys")
        << QStringLiteral("dup@flow.example")
        << QByteArray(R"({"email":"dup@flow.example","email":"dup2@flow.example",)"
                      R"("password":"Quartz-Meadow-Lantern-91","name":"Dup"})")
        << QByteArray("application/json") << 400 << QStringLiteral("invalid_request");
    QTest::newRow("not an object") << QStringLiteral("array@flow.example")
                                   << QByteArray(R"(["array@flow.example"])")
                                   << QByteArray("application/json") << 422
                                   << QStringLiteral("invalid_request");
}

void TestAuthFlow::registerRefusesBadInput()
{
    QFETCH(QString, email);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QString, error);
    const HttpReply reply = m_server.request("POST", QStringLiteral("/api/v1/auth/register"), body,
                                             {{"Content-Type", contentType}});
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.json().value(QStringLiteral("error")).toString(), error);
    QVERIFY(!reply.json().value(QStringLiteral("error_description")).toString().isEmpty());
    // Nothing stored: no such account, and nobody can sign in as it.
    QCOMPARE(userIdsOfSearch(email).size(), 0);
    QCOMPARE(login(m_server, email, kPassword).status, 401);
}

void TestAuthFlow::loginIssuesWorkingToken()
{
    const Account account = createAccount(m_server, QStringLiteral("login"));
    QVERIFY(!account.id.isEmpty());
    const HttpReply reply = login(m_server, account.email, account.password, {{"User-Agent", "flow-test/1"}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("cache-control"), QByteArray("no-store"));
    const QJsonObject body = reply.json();
    QCOMPARE(body.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    QCOMPARE(body.value(QStringLiteral("expires_in")).toInt(), 900);
    QVERIFY(!body.value(QStringLiteral("refresh_token")).toString().isEmpty());
    QCOMPARE(body.value(QStringLiteral("scope")).toString(), QStringLiteral("openid profile email"));
    const QString token = accessToken(reply);
    const QJsonObject header = jwtPart(token, 0);
    QCOMPARE(header.value(QStringLiteral("typ")).toString(), QStringLiteral("at+jwt"));
    QCOMPARE(header.value(QStringLiteral("alg")).toString(), QStringLiteral("RS256"));
    QCOMPARE(header.value(QStringLiteral("kid")).toString(), m_serverKey.kid());
    const QJsonObject claims = jwtPart(token, 1);
    QCOMPARE(claims.value(QStringLiteral("iss")).toString(), m_server.baseUrl());
    QCOMPARE(claims.value(QStringLiteral("aud")).toString(), m_server.baseUrl());
    QCOMPARE(claims.value(QStringLiteral("sub")).toString(), account.id);
    QCOMPARE(claims.value(QStringLiteral("sid")).toString(),
             body.value(QStringLiteral("session_id")).toString());
    for (const char* name : {"client_id", "exp", "iat", "nbf", "jti", "scope"})
        QVERIFY2(claims.contains(QLatin1String(name)), name);
    QCOMPARE(claims.value(QStringLiteral("exp")).toInteger()
                 - claims.value(QStringLiteral("iat")).toInteger(),
             900);

    const HttpReply who = me(m_server, token);
    QCOMPARE(who.status, 200);
    QCOMPARE(who.json().value(QStringLiteral("id")).toString(), account.id);
    QCOMPARE(who.json().value(QStringLiteral("email")).toString(), account.email);
    QCOMPARE(who.json().value(QStringLiteral("session_id")).toString(),
             body.value(QStringLiteral("session_id")).toString());
    QVERIFY(who.json().value(QStringLiteral("last_login")).isDouble());

    QTRY_COMPARE(events(m_server, QStringLiteral("authentication_success"), account.id).size(), 1);
    const QJsonObject success
        = events(m_server, QStringLiteral("authentication_success"), account.id).first();
    QCOMPARE(success.value(QStringLiteral("source_ip")).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(detail(success, "user_agent"), QStringLiteral("flow-test/1"));
    QTRY_COMPARE(events(m_server, QStringLiteral("jwt_generation"), account.id).size(), 1);
    QCOMPARE(detail(events(m_server, QStringLiteral("jwt_generation"), account.id).first(), "kid"),
             m_serverKey.kid());
}

void TestAuthFlow::meWithoutValidTokenIsChallenged()
{
    HttpReply reply = m_server.get(QStringLiteral("/api/v1/auth/me"));
    QCOMPARE(reply.status, 401);
    QVERIFY2(reply.header("www-authenticate").startsWith("Bearer realm="), reply.header("www-authenticate"));
    QCOMPARE(reply.json().value(QStringLiteral("error")).toString(), QStringLiteral("unauthorized"));

    reply = m_server.get(QStringLiteral("/api/v1/auth/me"), bearer(QStringLiteral("not.a.jwt")));
    QCOMPARE(reply.status, 401);
    QVERIFY(reply.header("www-authenticate").contains("error=\"invalid_token\""));
    QCOMPARE(reply.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_token"));

    reply = m_server.get(QStringLiteral("/api/v1/auth/me"), {{"Authorization", "Basic dXNlcjpwYXNz"}});
    QCOMPARE(reply.status, 401);
    QVERIFY(reply.header("www-authenticate").startsWith("Bearer"));
}

void TestAuthFlow::repeatedFailuresLockTheAccount()
{
    const Account account = createAccount(m_server, QStringLiteral("lockout"));
    QVERIFY(!account.id.isEmpty());
    const HttpReply unknown = login(m_server, QStringLiteral("nobody@flow.example"), kPassword);
    QCOMPARE(unknown.status, 401);
    QCOMPARE(unknown.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_credentials"));

    // LOCKOUT_THRESHOLD=5: the fifth consecutive failure locks, so the sixth
    // attempt in a row already meets a locked account.
    for (int attempt = 1; attempt <= 5; ++attempt) {
        const HttpReply reply = login(m_server, account.email, QStringLiteral("Wrong-Guess-%1").arg(attempt));
        QCOMPARE(comparable(reply), comparable(unknown));
        if (attempt < 5)
            QCOMPARE(events(m_server, QStringLiteral("account_locked"), account.id).size(), 0);
    }
    QTRY_COMPARE(events(m_server, QStringLiteral("account_locked"), account.id).size(), 1);
    const QJsonObject locked = events(m_server, QStringLiteral("account_locked"), account.id).first();
    QCOMPARE(detail(locked, "reason"), QStringLiteral("too_many_failures"));
    QVERIFY(
        locked.value(QStringLiteral("details")).toObject().value(QStringLiteral("locked_until")).isDouble());

    QCOMPARE(comparable(login(m_server, account.email, QStringLiteral("Wrong-Guess-6"))),
             comparable(unknown));
    // Even the right password: the same answer as for an unknown user.
    QCOMPARE(comparable(login(m_server, account.email, account.password)), comparable(unknown));

    // The log tells the cases apart; the caller cannot.
    QList<QJsonObject> failures;
    QTRY_VERIFY((failures = events(m_server, QStringLiteral("authentication_failure"), account.id)).size()
                == 7);
    QStringList reasons;
    for (const QJsonObject& failure : failures) {
        reasons.append(detail(failure, "reason"));
        QCOMPARE(failure.value(QStringLiteral("source_ip")).toString(), QStringLiteral("127.0.0.1"));
    }
    QCOMPARE(reasons,
             QStringList({QStringLiteral("invalid_password"), QStringLiteral("invalid_password"),
                          QStringLiteral("invalid_password"), QStringLiteral("invalid_password"),
                          QStringLiteral("invalid_password"), QStringLiteral("account_locked"),
                          QStringLiteral("account_locked")}));
    QCOMPARE(events(m_server, QStringLiteral("account_locked"), account.id).size(), 1);
    const QList<QJsonObject> users = userIdsOfSearch(account.email);
    QCOMPARE(users.size(), 1);
    QCOMPARE(users.first().value(QStringLiteral("status")).toString(), QStringLiteral("temporarily_locked"));
}

void TestAuthFlow::unknownUserAndWrongPasswordLookAlike()
{
    const Account account = createAccount(m_server, QStringLiteral("timing"));
    QVERIFY(!account.id.isEmpty());
    const QString unknownEmail = QStringLiteral("ghost@flow.example");
    QList<qint64> unknownMs;
    QList<qint64> wrongMs;
    HttpReply unknownReply;
    HttpReply wrongReply;
    QElapsedTimer timer;
    // Interleaved so both see the same load; a warm-up round is not counted.
    for (int round = 0; round <= 7; ++round) {
        if (round % 3 == 0) // reset the failure count so the account never locks
            QCOMPARE(login(m_server, account.email, account.password).status, 200);
        timer.start();
        unknownReply = login(m_server, unknownEmail, QStringLiteral("Wrong-Guess-%1").arg(round));
        const qint64 unknownElapsed = timer.nsecsElapsed() / 1000;
        timer.start();
        wrongReply = login(m_server, account.email, QStringLiteral("Wrong-Guess-%1").arg(round));
        const qint64 wrongElapsed = timer.nsecsElapsed() / 1000;
        QCOMPARE(comparable(unknownReply), comparable(wrongReply));
        if (round > 0) {
            unknownMs.append(unknownElapsed);
            wrongMs.append(wrongElapsed);
        }
    }
    const double a = double(median(unknownMs));
    const double b = double(median(wrongMs));
    qInfo("median login time: unknown user %.1f ms, wrong password %.1f ms", a / 1000, b / 1000);
    QVERIFY2(std::abs(a - b) / std::max(a, b) < 0.35,
             qPrintable(QStringLiteral("unknown %1 us vs wrong password %2 us").arg(a).arg(b)));
    QTRY_VERIFY(!events(m_server, QStringLiteral("authentication_failure")).isEmpty());
    bool sawUnknown = false;
    for (const QJsonObject& event : events(m_server, QStringLiteral("authentication_failure")))
        sawUnknown = sawUnknown || detail(event, "reason") == QLatin1String("unknown_user");
    QVERIFY(sawUnknown);
}

void TestAuthFlow::rateLimitIgnoresSpoofedForwardedFor()
{
    TestServer limited;
    limited.setEnv(QStringLiteral("RATE_LIMIT_PER_IP_PER_MINUTE"), QStringLiteral("60"));
    limited.setEnv(QStringLiteral("RATE_LIMIT_BURST"), QStringLiteral("10"));
    // Cheap hashing keeps ten logins well inside the one second that refills a token.
    limited.setEnv(QStringLiteral("ARGON2_MEMORY_KIB"), QStringLiteral("8192"));
    limited.setEnv(QStringLiteral("ARGON2_ITERATIONS"), QStringLiteral("1"));
    QVERIFY(limited.start());
    const Account account = createAccount(limited, QStringLiteral("limited"));
    QVERIFY(!account.id.isEmpty());
    QThread::msleep(2500); // the registration's token back in the bucket

    QElapsedTimer timer;
    timer.start();
    for (int i = 1; i <= 10; ++i)
        QCOMPARE(login(limited, account.email, account.password).status, 200);
    // A slow machine earns refills (1/s): allow for exactly those.
    int extra = 0;
    HttpReply reply = login(limited, account.email, account.password);
    while (reply.status == 200 && extra < timer.elapsed() / 1000 + 1) {
        ++extra;
        reply = login(limited, account.email, account.password);
    }
    QCOMPARE(reply.status, 429);
    QCOMPARE(reply.json().value(QStringLiteral("error")).toString(), QStringLiteral("rate_limited"));
    QVERIFY(reply.header("retry-after").toInt() >= 1);
    QCOMPARE(reply.header("ratelimit-limit"), QByteArray("10"));
    QCOMPARE(reply.header("ratelimit-remaining"), QByteArray("0"));

    // The peer is not a trusted proxy: its X-Forwarded-For is not believed.
    for (const QByteArray& spoofed : {QByteArray("198.51.100.23"), QByteArray("203.0.113.9, 10.0.0.1")}) {
        const HttpReply again
            = login(limited, account.email, account.password, {{"X-Forwarded-For", spoofed}});
        QCOMPARE(again.status, 429);
        QVERIFY(!again.header("retry-after").isEmpty());
    }
    // Wrong passwords count the same as right ones.
    QCOMPARE(login(limited, QStringLiteral("other@flow.example"), kPassword).status, 429);
    QTRY_VERIFY(!events(limited, QStringLiteral("rate_limit_exceeded")).isEmpty());
    for (const QJsonObject& event : events(limited, QStringLiteral("rate_limit_exceeded")))
        QCOMPARE(event.value(QStringLiteral("source_ip")).toString(), QStringLiteral("127.0.0.1"));
}

void TestAuthFlow::refreshReuseRevokesFamilyAndSession()
{
    const Account account = createAccount(m_server, QStringLiteral("refresh"));
    const HttpReply first = login(m_server, account.email, account.password);
    QCOMPARE(first.status, 200);
    const QString refresh1 = first.json().value(QStringLiteral("refresh_token")).toString();
    auto refresh = [this](const QString& token) {
        return m_server.postJson(QStringLiteral("/api/v1/auth/refresh"),
                                 {{QStringLiteral("refresh_token"), token}});
    };
    const HttpReply second = refresh(refresh1);
    QCOMPARE(second.status, 200);
    const QString refresh2 = second.json().value(QStringLiteral("refresh_token")).toString();
    const QString access2 = accessToken(second);
    QVERIFY(refresh2 != refresh1);
    QCOMPARE(second.json().value(QStringLiteral("session_id")),
             first.json().value(QStringLiteral("session_id")));
    QCOMPARE(me(m_server, access2).status, 200);

    const HttpReply reuse = refresh(refresh1);
    QCOMPARE(reuse.status, 401);
    QCOMPARE(reuse.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    // The legitimate-looking successor dies with the family, and the session with it.
    QCOMPARE(refresh(refresh2).status, 401);
    const HttpReply after = me(m_server, access2);
    QCOMPARE(after.status, 401);
    QVERIFY(after.header("www-authenticate").contains("invalid_token"));
    QCOMPARE(me(m_server, accessToken(first)).status, 401);
    QTRY_COMPARE(events(m_server, QStringLiteral("refresh_token_reuse"), account.id).size(), 1);
    QCOMPARE(refresh(QStringLiteral("made-up-token")).json().value(QStringLiteral("error")).toString(),
             QStringLiteral("invalid_grant"));
}

void TestAuthFlow::logoutEndsTheSession()
{
    const Account account = createAccount(m_server, QStringLiteral("logout"));
    const HttpReply session = login(m_server, account.email, account.password);
    const QString token = accessToken(session);
    QCOMPARE(me(m_server, token).status, 200);
    QCOMPARE(m_server.request("POST", QStringLiteral("/api/v1/auth/logout"), {}, bearer(token)).status, 204);
    QCOMPARE(me(m_server, token).status, 401);
    QCOMPARE(m_server
                 .postJson(QStringLiteral("/api/v1/auth/refresh"),
                           {{QStringLiteral("refresh_token"),
                             session.json().value(QStringLiteral("refresh_token"))}})
                 .status,
             401);
    QCOMPARE(m_server.request("POST", QStringLiteral("/api/v1/auth/logout")).status, 401);
    QTRY_COMPARE(events(m_server, QStringLiteral("token_revoked"), account.id).size(), 1);
}

void TestAuthFlow::logoutAllEndsEverySession()
{
    const Account account = createAccount(m_server, QStringLiteral("logoutall"));
    const QString laptop = accessToken(login(m_server, account.email, account.password));
    const QString phone = accessToken(login(m_server, account.email, account.password));
    const HttpReply list = m_server.get(QStringLiteral("/api/v1/auth/sessions"), bearer(phone));
    QCOMPARE(list.status, 200);
    QCOMPARE(list.json().value(QStringLiteral("sessions")).toArray().size(), 2);
    QCOMPARE(m_server.request("POST", QStringLiteral("/api/v1/auth/logout-all"), {}, bearer(laptop)).status,
             204);
    QCOMPARE(me(m_server, laptop).status, 401);
    QCOMPARE(me(m_server, phone).status, 401);
    QCOMPARE(login(m_server, account.email, account.password).status, 200); // not a lock
}

void TestAuthFlow::passwordChangeKeepsOnlyCurrentSession()
{
    const Account account = createAccount(m_server, QStringLiteral("password"));
    const QString current = accessToken(login(m_server, account.email, account.password));
    const QString other = accessToken(login(m_server, account.email, account.password));
    auto change = [this, &current](const QString& from, const QString& to) {
        return m_server.postJson(
            QStringLiteral("/api/v1/auth/password"),
            {{QStringLiteral("current_password"), from}, {QStringLiteral("new_password"), to}},
            bearer(current));
    };
    QCOMPARE(change(QStringLiteral("Not-The-Password-1"), kNewPassword).status, 403);
    const HttpReply weak = change(account.password, QStringLiteral("password1"));
    QCOMPARE(weak.status, 422);
    QCOMPARE(weak.json().value(QStringLiteral("error")).toString(), QStringLiteral("password_too_weak"));
    QCOMPARE(me(m_server, other).status, 200); // failed attempts revoke nothing

    QCOMPARE(change(account.password, kNewPassword).status, 204);
    QCOMPARE(me(m_server, current).status, 200);
    QCOMPARE(me(m_server, other).status, 401);
    const QJsonArray sessions = m_server.get(QStringLiteral("/api/v1/auth/sessions"), bearer(current))
                                    .json()
                                    .value("sessions")
                                    .toArray();
    QCOMPARE(sessions.size(), 1);
    QVERIFY(sessions.first().toObject().value(QStringLiteral("current")).toBool());
    QCOMPARE(login(m_server, account.email, account.password).status, 401);
    QCOMPARE(login(m_server, account.email, kNewPassword).status, 200);
}

void TestAuthFlow::tamperedTokensAreRefused_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("reason");

    const Account account = createAccount(m_server, QStringLiteral("tamper"));
    const HttpReply session = login(m_server, account.email, account.password);
    QVERIFY(session.status == 200);
    const QString genuine = accessToken(session);
    const QJsonObject header = jwtPart(genuine, 0);
    const QJsonObject claims = jwtPart(genuine, 1);
    const QList<QByteArray> parts = genuine.toLatin1().split('.');
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    auto forged = [&](const QJsonObject& changes, const QJsonObject& headerChanges = {}) {
        QJsonObject body = claims;
        QJsonObject head = header;
        for (auto it = changes.begin(); it != changes.end(); ++it)
            body.insert(it.key(), it.value());
        for (auto it = headerChanges.begin(); it != headerChanges.end(); ++it)
            head.insert(it.key(), it.value());
        body.insert(QStringLiteral("jti"),
                    QStringLiteral("forged-%1").arg(QRandomGenerator::global()->generate()));
        return auth::crypto::signJwt(head, body, m_serverKey);
    };

    // The control: re-signed with the server's own key, the token is good, so
    // the refusals below are about what was changed.
    QTest::newRow("control: genuine") << genuine.toLatin1() << 200 << QString();
    QTest::newRow("control: signed by the server's key") << forged({}) << 200 << QString();
    QTest::newRow("control: expired within the leeway")
        << forged({{QStringLiteral("exp"), double(now - 20)}}) << 200 << QString();

    QJsonObject none = header;
    none.insert(QStringLiteral("alg"), QStringLiteral("none"));
    QTest::newRow("alg none") << b64url(compact(none)) + '.' + parts[1] + '.' << 401 << QStringLiteral("alg");
    QTest::newRow("alg none with signature")
        << b64url(compact(none)) + '.' + parts[1] + '.' + parts[2] << 401 << QStringLiteral("alg");
    QJsonObject hs = header;
    hs.insert(QStringLiteral("alg"), QStringLiteral("HS256"));
    const QByteArray pem = publicPem(m_serverKey.privatePem());
    QVERIFY(pem.startsWith("-----BEGIN PUBLIC KEY-----"));
    const QByteArray jwks = m_server.get(QStringLiteral("/.well-known/jwks.json")).body;
    const QByteArray jwk
        = compact(QJsonDocument::fromJson(jwks).object().value("keys").toArray().first().toObject());
    QTest::newRow("HS256 keyed with the public PEM")
        << hs256(hs, claims, pem) << 401 << QStringLiteral("alg_mismatch");
    QTest::newRow("HS256 keyed with the PEM, no newline")
        << hs256(hs, claims, pem.trimmed()) << 401 << QStringLiteral("alg_mismatch");
    QTest::newRow("HS256 keyed with the JWKS bytes")
        << hs256(hs, claims, jwks) << 401 << QStringLiteral("alg_mismatch");
    QTest::newRow("HS256 keyed with the JWK")
        << hs256(hs, claims, jwk) << 401 << QStringLiteral("alg_mismatch");

    QJsonObject raised = claims;
    raised.insert(QStringLiteral("roles"), QJsonArray {QStringLiteral("admin")});
    raised.insert(QStringLiteral("exp"), double(now + 86400));
    QTest::newRow("payload changed") << parts[0] + '.' + b64url(compact(raised)) + '.' + parts[2] << 401
                                     << QStringLiteral("bad_signature");
    QTest::newRow("signature removed")
        << parts[0] + '.' + parts[1] + '.' << 401 << QStringLiteral("bad_signature");
    const SigningKey stranger = SigningKey::generate(JwsAlgorithm::RS256);
    QJsonObject stale = claims;
    stale.insert(QStringLiteral("exp"), double(now - 3600));
    QTest::newRow("unknown kid, expired")
        << auth::crypto::signJwt(header, stale, stranger) << 401 << QStringLiteral("unknown_kid");
    QTest::newRow("unknown kid") << auth::crypto::signJwt(header, claims, stranger) << 401
                                 << QStringLiteral("unknown_kid");
    SigningKey impostor = SigningKey::generate(JwsAlgorithm::RS256);
    impostor.setKid(m_serverKey.kid());
    QTest::newRow("our kid, another key")
        << auth::crypto::signJwt(header, claims, impostor) << 401 << QStringLiteral("bad_signature");
    QTest::newRow("expired past the leeway") << forged({{QStringLiteral("exp"), double(now - 120)},
                                                        {QStringLiteral("iat"), double(now - 1020)},
                                                        {QStringLiteral("nbf"), double(now - 1020)}})
                                             << 401 << QStringLiteral("expired");
    QTest::newRow("not yet valid") << forged({{QStringLiteral("nbf"), double(now + 600)}}) << 401
                                   << QStringLiteral("not_yet_valid");
    QTest::newRow("other issuer") << forged({{QStringLiteral("iss"), QStringLiteral("https://evil.example")}})
                                  << 401 << QStringLiteral("wrong_issuer");
    QTest::newRow("ID token type") << forged({}, {{QStringLiteral("typ"), QStringLiteral("JWT")}}) << 401
                                   << QStringLiteral("wrong_type");
    QTest::newRow("other audience") << forged(
        {{QStringLiteral("aud"), QStringLiteral("https://other.example")}})
                                    << 401 << QStringLiteral("audience");
    QJsonObject anonymous = claims;
    anonymous.remove(QStringLiteral("jti"));
    QTest::newRow("no jti") << auth::crypto::signJwt(header, anonymous, m_serverKey) << 401
                            << QStringLiteral("malformed");
}

void TestAuthFlow::tamperedTokensAreRefused()
{
    QFETCH(QByteArray, token);
    QFETCH(int, status);
    QFETCH(QString, reason);
    const HttpReply reply = me(m_server, QString::fromLatin1(token));
    QCOMPARE(reply.status, status);
    if (status == 200)
        return;
    QCOMPARE(reply.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_token"));
    QVERIFY(reply.header("www-authenticate").contains("error=\"invalid_token\""));
    const QString description = reply.json().value(QStringLiteral("error_description")).toString();
    QVERIFY2(description.contains(reason), qPrintable(description));
    // Every protected endpoint refuses it, not only /me.
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/auth/sessions"), bearer(QString::fromLatin1(token))).status,
             401);
    QCOMPARE(m_server.get(QStringLiteral("/admin/keys"), bearer(QString::fromLatin1(token))).status, 401);
}

void TestAuthFlow::adminApiNeedsAdmin()
{
    const Account account = createAccount(m_server, QStringLiteral("notadmin"));
    const QString user = accessToken(login(m_server, account.email, account.password));
    HttpReply reply = m_server.get(QStringLiteral("/admin/keys"), bearer(user));
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.json().value(QStringLiteral("error")).toString(), QStringLiteral("forbidden"));
    QCOMPARE(m_server.request("POST", QStringLiteral("/admin/keys/rotate"), {}, bearer(user)).status, 403);
    QCOMPARE(m_server.get(QStringLiteral("/admin/users"), bearer(user)).status, 403);
    QCOMPARE(m_server.get(QStringLiteral("/admin/keys")).status, 401);
    QCOMPARE(jwksKids(m_server), QStringList {m_serverKey.kid()}); // the refused rotation did nothing
    QTRY_VERIFY(!events(m_server, QStringLiteral("security_violation"), account.id).isEmpty());

    reply = m_server.get(QStringLiteral("/admin/keys"), bearer(m_adminToken));
    QCOMPARE(reply.status, 200);
    const QJsonArray keys = reply.json().value(QStringLiteral("keys")).toArray();
    QCOMPARE(keys.size(), 1);
    QCOMPARE(keys.first().toObject().value(QStringLiteral("kid")).toString(), m_serverKey.kid());
    QCOMPARE(keys.first().toObject().value(QStringLiteral("state")).toString(), QStringLiteral("active"));
    QVERIFY(!reply.body.contains("PRIVATE"));
    QCOMPARE(m_server.get(QStringLiteral("/admin/users?limit=0"), bearer(m_adminToken)).status, 400);
}

void TestAuthFlow::adminLocksAndUnlocksUser()
{
    const Account account = createAccount(m_server, QStringLiteral("locked"));
    const HttpReply session = login(m_server, account.email, account.password);
    const QString token = accessToken(session);
    QCOMPARE(me(m_server, token).status, 200);
    const QString lockPath = QStringLiteral("/admin/users/%1/lock").arg(account.id);
    const QString unlockPath = QStringLiteral("/admin/users/%1/unlock").arg(account.id);

    HttpReply reply = m_server.postJson(lockPath, {}, bearer(m_adminToken));
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.json().value(QStringLiteral("error")).toString(), QStringLiteral("reason_required"));
    QCOMPARE(
        m_server.postJson(lockPath, {{QStringLiteral("reason"), QStringLiteral("   ")}}, bearer(m_adminToken))
            .status,
        422);
    QCOMPARE(me(m_server, token).status, 200); // refused requests locked nothing
    QCOMPARE(
        m_server.postJson(lockPath, {{QStringLiteral("reason"), QStringLiteral("x")}}, bearer(token)).status,
        403);

    const QString reason = QStringLiteral("ticket 4711: reported stolen");
    reply = m_server.postJson(lockPath, {{QStringLiteral("reason"), reason}}, bearer(m_adminToken));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("status")).toString(), QStringLiteral("locked"));
    QCOMPARE(me(m_server, token).status, 401);
    const HttpReply refused = login(m_server, account.email, account.password);
    QCOMPARE(comparable(refused),
             comparable(login(m_server, QStringLiteral("nobody@flow.example"), kPassword)));

    const QString adminId = jwtPart(m_adminToken, 1).value(QStringLiteral("sub")).toString();
    QTRY_COMPARE(events(m_server, QStringLiteral("account_locked"), account.id).size(), 1);
    const QJsonObject locked = events(m_server, QStringLiteral("account_locked"), account.id).first();
    QCOMPARE(detail(locked, "actor"), adminId);
    QCOMPARE(detail(locked, "reason"), reason);
    auto audits = [this](const QString& action) {
        QList<QJsonObject> found;
        for (const QJsonObject& event : events(m_server, QStringLiteral("admin_action"))) {
            if (detail(event, "action") == action)
                found.append(event);
        }
        return found;
    };
    QTRY_COMPARE(audits(QStringLiteral("users.lock")).size(), 1);
    const QJsonObject audit = audits(QStringLiteral("users.lock")).first();
    QCOMPARE(detail(audit, "actor"), adminId);
    QCOMPARE(detail(audit, "reason"), reason);
    QCOMPARE(detail(audit, "result"), QStringLiteral("ok"));
    QCOMPARE(
        audit.value(QStringLiteral("details")).toObject().value("parameters").toObject().value("user_id"),
        QJsonValue(account.id));

    reply = m_server.postJson(unlockPath, {{QStringLiteral("reason"), QStringLiteral("owner verified")}},
                              bearer(m_adminToken));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("status")).toString(), QStringLiteral("active"));
    QCOMPARE(login(m_server, account.email, account.password).status, 200);
    QTRY_COMPARE(audits(QStringLiteral("users.unlock")).size(), 1);
    QCOMPARE(detail(audits(QStringLiteral("users.unlock")).first(), "reason"),
             QStringLiteral("owner verified"));
    QTRY_COMPARE(events(m_server, QStringLiteral("account_unlocked"), account.id).size(), 1);

    const QString missing = QStringLiteral("/admin/users/00000000-0000-4000-8000-000000000000/lock");
    QCOMPARE(m_server.postJson(missing, {{QStringLiteral("reason"), reason}}, bearer(m_adminToken)).status,
             404);
    QTRY_COMPARE(audits(QStringLiteral("users.lock")).size(), 2);
    QCOMPARE(detail(audits(QStringLiteral("users.lock")).last(), "result"), QStringLiteral("not found"));
    const HttpReply self = m_server.postJson(QStringLiteral("/admin/users/%1/lock").arg(adminId),
                                             {{QStringLiteral("reason"), reason}}, bearer(m_adminToken));
    QCOMPARE(self.status, 409);
    QCOMPARE(me(m_server, m_adminToken).status, 200);

    // Locking revoked the user's sessions: unlocking must not revive tokens
    // that were out before the lock (they may be the thief's).
    QCOMPARE(me(m_server, token).status, 401);
    QCOMPARE(m_server
                 .postJson(QStringLiteral("/api/v1/auth/refresh"),
                           {{QStringLiteral("refresh_token"),
                             session.json().value(QStringLiteral("refresh_token"))}})
                 .status,
             401);
}

void TestAuthFlow::normalRotationKeepsOldKeyVerifying()
{
    m_rotation = std::make_unique<TestServer>();
    m_rotation->setEnv(QStringLiteral("ADMIN_BOOTSTRAP_EMAIL"), kAdminEmail);
    m_rotation->setEnv(QStringLiteral("ADMIN_BOOTSTRAP_PASSWORD"), kAdminPassword);
    QVERIFY(m_rotation->start());
    const QString admin = adminToken(*m_rotation);
    const QString oldKid = jwtPart(admin, 0).value(QStringLiteral("kid")).toString();
    QCOMPARE(jwksKids(*m_rotation), QStringList {oldKid});

    const HttpReply reply
        = m_rotation->request("POST", QStringLiteral("/admin/keys/rotate"), {}, bearer(admin));
    QCOMPARE(reply.status, 200);
    const QString newKid = reply.json().value(QStringLiteral("active")).toObject().value("kid").toString();
    QVERIFY(!newKid.isEmpty() && newKid != oldKid);
    QCOMPARE(reply.json().value(QStringLiteral("emergency")).toBool(), false);
    const QJsonObject previous = reply.json().value(QStringLiteral("previous")).toArray().first().toObject();
    QCOMPARE(previous.value(QStringLiteral("kid")).toString(), oldKid);
    QCOMPARE(previous.value(QStringLiteral("state")).toString(), QStringLiteral("passive"));
    QVERIFY(previous.value(QStringLiteral("retire_after")).isDouble());

    QStringList kids = jwksKids(*m_rotation);
    kids.sort();
    QStringList both {oldKid, newKid};
    both.sort();
    QCOMPARE(kids, both);
    const QString fresh = adminToken(*m_rotation);
    QCOMPARE(jwtPart(fresh, 0).value(QStringLiteral("kid")).toString(), newKid);
    QCOMPARE(me(*m_rotation, admin).status, 200); // signed by the old key, still good
    QCOMPARE(me(*m_rotation, fresh).status, 200);
    QTRY_COMPARE(events(*m_rotation, QStringLiteral("key_rotation")).size(), 1);
    QCOMPARE(detail(events(*m_rotation, QStringLiteral("key_rotation")).first(), "new_kid"), newKid);
}

void TestAuthFlow::emergencyRotationRetiresOldKeyAtOnce()
{
    if (!m_rotation)
        QSKIP("needs the server of normalRotationKeepsOldKeyVerifying");
    const QString before = adminToken(*m_rotation);
    const QString beforeKid = jwtPart(before, 0).value(QStringLiteral("kid")).toString();
    const QStringList kidsBefore = jwksKids(*m_rotation);
    QCOMPARE(kidsBefore.size(), 2); // the active key and the one the normal rotation kept
    QVERIFY(kidsBefore.contains(beforeKid));

    HttpReply reply = m_rotation->postJson(QStringLiteral("/admin/keys/rotate"),
                                           {{QStringLiteral("emergency"), true}}, bearer(before));
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.json().value(QStringLiteral("error")).toString(), QStringLiteral("reason_required"));
    QCOMPARE(jwksKids(*m_rotation), kidsBefore);
    QCOMPARE(m_rotation
                 ->postJson(QStringLiteral("/admin/keys/rotate"),
                            {{QStringLiteral("emergency"), QStringLiteral("yes")}}, bearer(before))
                 .status,
             422);

    const QString reason = QStringLiteral("key material found in a public bucket");
    reply = m_rotation->postJson(QStringLiteral("/admin/keys/rotate"),
                                 {{QStringLiteral("emergency"), true}, {QStringLiteral("reason"), reason}},
                                 bearer(before));
    QCOMPARE(reply.status, 200);
    const QString newKid = reply.json().value(QStringLiteral("active")).toObject().value("kid").toString();
    QCOMPARE(jwksKids(*m_rotation), QStringList {newKid});
    QVERIFY(!kidsBefore.contains(newKid));
    const HttpReply old = me(*m_rotation, before);
    QCOMPARE(old.status, 401);
    QVERIFY2(old.body.contains("unknown_kid"), old.body.constData());
    const QString after = adminToken(*m_rotation);
    QCOMPARE(jwtPart(after, 0).value(QStringLiteral("kid")).toString(), newKid);
    QCOMPARE(me(*m_rotation, after).status, 200);

    QList<QJsonObject> rotations;
    QTRY_VERIFY((rotations = events(*m_rotation, QStringLiteral("key_rotation"))).size() == 2);
    QCOMPARE(rotations.last().value(QStringLiteral("details")).toObject().value("emergency"),
             QJsonValue(true));
    QCOMPARE(rotations.last().value(QStringLiteral("severity")).toString(), QStringLiteral("HIGH"));
    bool audited = false;
    for (const QJsonObject& event : events(*m_rotation, QStringLiteral("admin_action")))
        audited = audited
            || (detail(event, "action") == QLatin1String("keys.rotate") && detail(event, "reason") == reason);
    QVERIFY(audited);
}

void TestAuthFlow::expiredTokenIsRefusedAfterLeeway()
{
    // exp = iat + 1 s; the verifier allows 60 s of leeway; iat is whole seconds.
    constexpr qint64 refusedAfterMs = (1 + 60 + 1) * 1000 + 200;
    const qint64 wait = refusedAfterMs - m_shortTtlIssued.elapsed();
    if (wait > 70'000)
        QSKIP("the leeway would make this wait more than 70 s");
    if (wait > 0) {
        qInfo("waiting %lld ms for the 1 s token to pass the 60 s leeway", wait);
        QThread::msleep(wait);
    }
    const HttpReply reply = me(m_shortTtl, m_shortTtlToken);
    QCOMPARE(reply.status, 401);
    QVERIFY2(reply.body.contains("expired"), reply.body.constData());
    QVERIFY(reply.header("www-authenticate").contains("invalid_token"));
}

QTEST_GUILESS_MAIN(TestAuthFlow)
#include "TestAuthFlow.moc"
