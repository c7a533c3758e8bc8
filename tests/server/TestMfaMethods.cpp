#include "FakeGateway.h"
#include "SoftAuthenticator.h"
#include "TestServer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>
#include <QUrlQuery>

using namespace auth::test;

// WebAuthn and SMS / e-mail codes as second factors, end to end against the
// real binary: a software authenticator registers and signs in over HTTP; fake
// Twilio and SendGrid gateways (HTTPS on loopback, trusted through
// MFA_DELIVERY_CA_FILE) receive the codes that complete the sign-in; replays,
// foreign origins, lowered counters, gateway failures and hostile input are
// refused, and no code reaches a log.
class TestMfaMethods : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void webAuthnRegistersAndSignsIn();
    void webAuthnRefusesOriginReplayAndCounter();
    void smsCodeEnrolsAndSignsIn();
    void emailCodeThroughSendGrid();
    void gatewayFailureIsReported();
    void badInputChangesNothing();
    void noCodeInLogs();

private:
    struct Account
    {
        QString id;
        QString email;
        QString token;
    };
    Account createAccount(const QString& tag);
    QString lastSmsCode() const;
    QString lastMailCode() const;

    TestServer m_server;
    // One HTTPS gateway plays Twilio and SendGrid (by path), so one CA file trusts it.
    FakeGateway m_gateway {FakeGateway::Protocol::Https};
    QList<FakeGateway::HttpRequest> twilioRequests() const { return requestsTo("/Messages.json"); }
    QList<FakeGateway::HttpRequest> sendGridRequests() const { return requestsTo("/v3/mail/send"); }
    QList<FakeGateway::HttpRequest> requestsTo(const QByteArray& suffix) const;
    int m_accounts = 0;
    QStringList m_secrets; // codes and full recipients that must never reach a log
};

namespace {

const QString kPassword = QStringLiteral("Quartz-Meadow-Lantern-91");
const QString kSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QString kTwilioToken = QStringLiteral("twilio-auth-token-secret");
const QString kSendGridKey = QStringLiteral("SG.sendgrid-api-key-secret");
const QByteArray kGatewayAnswer = R"({"sid":"SM00000000000000000000000000000001","status":"queued"})";

QHash<QByteArray, QByteArray> bearer(const QString& token)
{
    return {{"Authorization", "Bearer " + token.toLatin1()}};
}

HttpReply login(const TestServer& server, const QString& email)
{
    return server.postJson(QStringLiteral("/api/v1/auth/login"),
                           {{QStringLiteral("email"), email}, {QStringLiteral("password"), kPassword}});
}

QJsonObject claims(const QString& token)
{
    const QByteArray part = token.toLatin1().split('.').value(1);
    return QJsonDocument::fromJson(QByteArray::fromBase64(part, QByteArray::Base64UrlEncoding)).object();
}

QByteArray describe(const HttpReply& reply)
{
    return QByteArray::number(reply.status) + ' ' + reply.body;
}

QString errorOf(const HttpReply& reply)
{
    return reply.json().value(QStringLiteral("error")).toString();
}

QStringList methodsOf(const HttpReply& reply)
{
    QStringList names;
    for (const QJsonValue& value : reply.json().value(QStringLiteral("methods")).toArray())
        names.append(value.toString());
    return names;
}

QByteArray challengeOf(const HttpReply& options)
{
    const QString text = options.json()
                             .value(QStringLiteral("publicKey"))
                             .toObject()
                             .value(QStringLiteral("challenge"))
                             .toString();
    return QByteArray::fromBase64(text.toLatin1(), QByteArray::Base64UrlEncoding);
}

QString sixDigits(const QString& text)
{
    static const QRegularExpression code(QStringLiteral("\\b([0-9]{6})\\b"));
    return code.match(text).captured(1);
}

QList<QJsonObject> eventsOf(const QList<QJsonObject>& log, const QString& type, const QString& userId)
{
    QList<QJsonObject> found;
    for (const QJsonObject& line : log) {
        const QString name = line.value(QStringLiteral("event")).toString();
        if (name == type && (userId.isEmpty() || line.value(QStringLiteral("user_id")).toString() == userId))
            found.append(line);
    }
    return found;
}

} // namespace

TestMfaMethods::Account TestMfaMethods::createAccount(const QString& tag)
{
    Account account;
    account.email = QStringLiteral("%1-%2@methods.example").arg(tag).arg(++m_accounts);
    const HttpReply reply = m_server.postJson(QStringLiteral("/api/v1/auth/register"),
                                              {{QStringLiteral("email"), account.email},
                                               {QStringLiteral("password"), kPassword},
                                               {QStringLiteral("name"), tag}});
    account.id = reply.json().value(QStringLiteral("id")).toString();
    account.token = login(m_server, account.email).json().value(QStringLiteral("access_token")).toString();
    return account;
}

QList<FakeGateway::HttpRequest> TestMfaMethods::requestsTo(const QByteArray& suffix) const
{
    QList<FakeGateway::HttpRequest> found;
    for (const FakeGateway::HttpRequest& request : m_gateway.requests()) {
        if (request.path.endsWith(suffix))
            found.append(request);
    }
    return found;
}

QString TestMfaMethods::lastSmsCode() const
{
    if (twilioRequests().isEmpty())
        return {};
    const QUrlQuery form(QString::fromUtf8(twilioRequests().last().body));
    return sixDigits(form.queryItemValue(QStringLiteral("Body"), QUrl::FullyDecoded));
}

QString TestMfaMethods::lastMailCode() const
{
    if (sendGridRequests().isEmpty())
        return {};
    const QJsonObject mail = QJsonDocument::fromJson(sendGridRequests().last().body).object();
    return sixDigits(mail.value(QStringLiteral("content"))
                         .toArray()
                         .first()
                         .toObject()
                         .value(QStringLiteral("value"))
                         .toString());
}

void TestMfaMethods::initTestCase()
{
    QString error;
    QVERIFY2(m_gateway.start(&error), qPrintable(error));
    // 202 is what SendGrid answers; Twilio's adapter takes any 2xx with its JSON.
    m_gateway.setHttpResponse(202, kGatewayAnswer);
    const QHash<QString, QString> env {
        {QStringLiteral("RATE_LIMIT_PER_IP_PER_MINUTE"), QStringLiteral("100000")},
        {QStringLiteral("RATE_LIMIT_BURST"), QStringLiteral("100000")},
        {QStringLiteral("MFA_WEBAUTHN_RP_ID"), QStringLiteral("localhost")},
        {QStringLiteral("MFA_WEBAUTHN_ORIGINS"), QStringLiteral("https://localhost")},
        {QStringLiteral("SMS_PROVIDER"), QStringLiteral("twilio")},
        {QStringLiteral("TWILIO_BASE_URL"), m_gateway.baseUrl()},
        {QStringLiteral("TWILIO_ACCOUNT_SID"), kSid},
        {QStringLiteral("TWILIO_AUTH_TOKEN"), kTwilioToken},
        {QStringLiteral("TWILIO_FROM"), QStringLiteral("+15005550006")},
        {QStringLiteral("EMAIL_PROVIDER"), QStringLiteral("sendgrid")},
        {QStringLiteral("SENDGRID_BASE_URL"), m_gateway.baseUrl()},
        {QStringLiteral("SENDGRID_API_KEY"), kSendGridKey},
        {QStringLiteral("EMAIL_FROM"), QStringLiteral("no-reply@auth.example")},
        {QStringLiteral("MFA_DELIVERY_CA_FILE"), m_gateway.caFile()},
        {QStringLiteral("MFA_CODE_SEND_LIMIT"), QStringLiteral("3")},
        {QStringLiteral("MFA_CODE_SEND_INTERVAL"), QStringLiteral("1ms")},
    };
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        m_server.setEnv(it.key(), it.value());
    QVERIFY(m_server.start());
}

void TestMfaMethods::webAuthnRegistersAndSignsIn()
{
    const Account account = createAccount(QStringLiteral("key"));
    QVERIFY(!account.token.isEmpty());
    SoftAuthenticator key;

    const HttpReply options = m_server.request(
        "POST", QStringLiteral("/api/v1/mfa/webauthn/register/options"), {}, bearer(account.token));
    QVERIFY2(options.status == 200, describe(options));
    const QJsonObject publicKey = options.json().value(QStringLiteral("publicKey")).toObject();
    QCOMPARE(publicKey.value(QStringLiteral("rp")).toObject().value(QStringLiteral("id")).toString(),
             QStringLiteral("localhost"));
    const QJsonObject credential = key.makeCredential(publicKey).toJson();
    const QJsonObject registration {{QStringLiteral("credential"), credential},
                                    {QStringLiteral("label"), QStringLiteral("Test key")}};
    const HttpReply registered = m_server.postJson(QStringLiteral("/api/v1/mfa/webauthn/register/verify"),
                                                   registration, bearer(account.token));
    QVERIFY2(registered.status == 201, describe(registered));
    const QString credentialId = registered.json().value(QStringLiteral("credential_id")).toString();
    QCOMPARE(credentialId,
             QString::fromLatin1(key.credentialId().toBase64(QByteArray::Base64UrlEncoding
                                                             | QByteArray::OmitTrailingEquals)));
    QVERIFY(!registered.json().value(QStringLiteral("backup_codes")).toArray().isEmpty());
    QCOMPARE(eventsOf(m_server.securityLog(), QStringLiteral("mfa_enrolled"), account.id).size(), 1);

    // The registration challenge is single use.
    const HttpReply again = m_server.postJson(QStringLiteral("/api/v1/mfa/webauthn/register/verify"),
                                              registration, bearer(account.token));
    QCOMPARE(again.status, 409);
    QCOMPARE(errorOf(again), QStringLiteral("no_registration_pending"));

    // Sign-in: the password names the method, the key completes it.
    const HttpReply first = login(m_server, account.email);
    QVERIFY2(first.json().value(QStringLiteral("mfa_required")).toBool(), describe(first));
    QVERIFY(methodsOf(first).contains(QStringLiteral("webauthn")));
    const QString mfaToken = first.json().value(QStringLiteral("mfa_token")).toString();
    const HttpReply assertOptions = m_server.postJson(QStringLiteral("/api/v1/mfa/webauthn/options"),
                                                      {{QStringLiteral("mfa_token"), mfaToken}});
    QVERIFY2(assertOptions.status == 200, describe(assertOptions));
    const QJsonArray allowed = assertOptions.json()
                                   .value(QStringLiteral("publicKey"))
                                   .toObject()
                                   .value(QStringLiteral("allowCredentials"))
                                   .toArray();
    QCOMPARE(allowed.size(), 1);
    QCOMPARE(allowed.first().toObject().value(QStringLiteral("id")).toString(), credentialId);
    const QJsonObject assertion = key.getAssertion(challengeOf(assertOptions)).toJson();
    const QJsonObject proof {{QStringLiteral("mfa_token"), mfaToken},
                             {QStringLiteral("method"), QStringLiteral("webauthn")},
                             {QStringLiteral("credential"), assertion}};
    const HttpReply done = m_server.postJson(QStringLiteral("/api/v1/mfa/verify"), proof);
    QVERIFY2(done.status == 200, describe(done));
    const QString access = done.json().value(QStringLiteral("access_token")).toString();
    QCOMPARE(claims(access).value(QStringLiteral("amr")).toArray(),
             (QJsonArray {QStringLiteral("pwd"), QStringLiteral("hwk")}));

    // The same assertion a second time: the mfa_token is used up.
    const HttpReply replay = m_server.postJson(QStringLiteral("/api/v1/mfa/verify"), proof);
    QCOMPARE(replay.status, 401);

    // The same key cannot be registered twice.
    const HttpReply options2 = m_server.request(
        "POST", QStringLiteral("/api/v1/mfa/webauthn/register/options"), {}, bearer(access));
    QVERIFY2(options2.status == 200, describe(options2));
    const HttpReply duplicate = m_server.postJson(
        QStringLiteral("/api/v1/mfa/webauthn/register/verify"),
        {{QStringLiteral("credential"),
          key.makeCredential(options2.json().value(QStringLiteral("publicKey")).toObject()).toJson()}},
        bearer(access));
    QCOMPARE(duplicate.status, 409);
    QCOMPARE(errorOf(duplicate), QStringLiteral("credential_exists"));

    // Removal needs a fresh MFA session; with one the key goes and the password alone signs in again.
    const HttpReply removeStale = m_server.request(
        "DELETE", QStringLiteral("/api/v1/mfa/webauthn/") + credentialId, {}, bearer(account.token));
    QCOMPARE(removeStale.status, 403);
    const HttpReply removed = m_server.request(
        "DELETE", QStringLiteral("/api/v1/mfa/webauthn/") + credentialId, {}, bearer(access));
    QVERIFY2(removed.status == 204, describe(removed));
    QVERIFY(login(m_server, account.email).json().contains(QStringLiteral("access_token")));
}

void TestMfaMethods::webAuthnRefusesOriginReplayAndCounter()
{
    const Account account = createAccount(QStringLiteral("clone"));
    SoftAuthenticator key;
    const HttpReply options = m_server.request(
        "POST", QStringLiteral("/api/v1/mfa/webauthn/register/options"), {}, bearer(account.token));
    const HttpReply registered = m_server.postJson(
        QStringLiteral("/api/v1/mfa/webauthn/register/verify"),
        {{QStringLiteral("credential"),
          key.makeCredential(options.json().value(QStringLiteral("publicKey")).toObject()).toJson()}},
        bearer(account.token));
    QVERIFY2(registered.status == 201, describe(registered));

    auto begin = [this, &account]() {
        const QString token
            = login(m_server, account.email).json().value(QStringLiteral("mfa_token")).toString();
        const HttpReply assertOptions = m_server.postJson(QStringLiteral("/api/v1/mfa/webauthn/options"),
                                                          {{QStringLiteral("mfa_token"), token}});
        return std::pair {token, challengeOf(assertOptions)};
    };
    auto answer = [this](const QString& token, const QJsonObject& assertion) {
        return m_server.postJson(QStringLiteral("/api/v1/mfa/verify"),
                                 {{QStringLiteral("mfa_token"), token},
                                  {QStringLiteral("method"), QStringLiteral("webauthn")},
                                  {QStringLiteral("credential"), assertion}});
    };

    // A first good sign-in stores counter 1.
    auto [token, challenge] = begin();
    const QJsonObject good = key.getAssertion(challenge).toJson();
    QVERIFY2(answer(token, good).status == 200, "a good assertion signs in");

    // A replayed assertion under a new challenge does not match it.
    auto [token2, challenge2] = begin();
    Q_UNUSED(challenge2);
    const HttpReply replayed = answer(token2, good);
    QCOMPARE(replayed.status, 401);
    QVERIFY(!replayed.json().contains(QStringLiteral("access_token")));
    // ...and the challenge is gone after that attempt: even the right answer now fails.
    const HttpReply late = answer(token2, key.getAssertion(challenge2).toJson());
    QCOMPARE(late.status, 401);

    // Another origin (a phishing page relaying the challenge).
    auto [token3, challenge3] = begin();
    key.options().origin = QStringLiteral("https://evil.example");
    const HttpReply foreign = answer(token3, key.getAssertion(challenge3).toJson());
    key.options().origin = QStringLiteral("https://localhost");
    QCOMPARE(foreign.status, 401);

    // A counter below the stored one: a cloned authenticator.
    auto [token4, challenge4] = begin();
    key.options().counter = 0;
    const HttpReply cloned = answer(token4, key.getAssertion(challenge4).toJson());
    QCOMPARE(cloned.status, 401);
    bool reported = false;
    for (const QJsonObject& event :
         eventsOf(m_server.securityLog(), QStringLiteral("security_violation"), account.id))
        reported = reported
            || event.value(QStringLiteral("details")).toObject().value(QStringLiteral("reason")).toString()
                == QStringLiteral("counter_regression");
    QVERIFY2(reported, "a counter regression is a security_violation with its reason");
    bool origin = false;
    for (const QJsonObject& event :
         eventsOf(m_server.securityLog(), QStringLiteral("mfa_verification"), account.id))
        origin = origin
            || event.value(QStringLiteral("details")).toObject().value(QStringLiteral("reason")).toString()
                == QStringLiteral("origin_mismatch");
    QVERIFY(origin);

    // The stored counter did not move back: a higher one still signs in.
    key.options().counter = 10;
    auto [token5, challenge5] = begin();
    QCOMPARE(answer(token5, key.getAssertion(challenge5).toJson()).status, 200);
}

void TestMfaMethods::smsCodeEnrolsAndSignsIn()
{
    const Account account = createAccount(QStringLiteral("sms"));
    const QString phone = QStringLiteral("+4915112345678");
    m_secrets.append(phone);
    const qsizetype before = twilioRequests().size();
    const HttpReply enrolled = m_server.postJson(QStringLiteral("/api/v1/mfa/sms/enroll"),
                                                 {{QStringLiteral("phone"), phone}}, bearer(account.token));
    QVERIFY2(enrolled.status == 200, describe(enrolled));
    QCOMPARE(enrolled.json().value(QStringLiteral("destination")).toString(),
             QStringLiteral("+49*******5678"));
    QCOMPARE(twilioRequests().size(), before + 1);
    const FakeGateway::HttpRequest sent = twilioRequests().last();
    QCOMPARE(sent.method, QByteArray("POST"));
    QCOMPARE(sent.path, "/2010-04-01/Accounts/" + kSid.toLatin1() + "/Messages.json");
    QCOMPARE(sent.headers.value("authorization"),
             "Basic " + (kSid + u':' + kTwilioToken).toLatin1().toBase64());
    const QUrlQuery form(QString::fromUtf8(sent.body));
    QCOMPARE(form.queryItemValue(QStringLiteral("To"), QUrl::FullyDecoded), phone);
    const QString enrolCode = lastSmsCode();
    QCOMPARE(enrolCode.size(), 6);
    m_secrets.append(enrolCode);

    // Not active before confirmation; a wrong code does not confirm.
    QVERIFY(login(m_server, account.email).json().contains(QStringLiteral("access_token")));
    const QString wrong
        = enrolCode == QStringLiteral("000000") ? QStringLiteral("111111") : QStringLiteral("000000");
    QCOMPARE(m_server
                 .postJson(QStringLiteral("/api/v1/mfa/sms/confirm"), {{QStringLiteral("code"), wrong}},
                           bearer(account.token))
                 .status,
             422);
    const HttpReply confirmed
        = m_server.postJson(QStringLiteral("/api/v1/mfa/sms/confirm"), {{QStringLiteral("code"), enrolCode}},
                            bearer(account.token));
    QVERIFY2(confirmed.status == 200, describe(confirmed));
    QVERIFY(confirmed.json().value(QStringLiteral("confirmed")).toBool());

    // Sign-in: ask for a code, the code from the gateway completes it.
    const HttpReply first = login(m_server, account.email);
    QVERIFY(methodsOf(first).contains(QStringLiteral("sms")));
    const QString mfaToken = first.json().value(QStringLiteral("mfa_token")).toString();
    const HttpReply sentReply = m_server.postJson(
        QStringLiteral("/api/v1/mfa/send"),
        {{QStringLiteral("mfa_token"), mfaToken}, {QStringLiteral("method"), QStringLiteral("sms")}});
    QVERIFY2(sentReply.status == 200, describe(sentReply));
    const QString code = lastSmsCode();
    QCOMPARE(twilioRequests().size(), before + 2);
    m_secrets.append(code);
    const HttpReply done = m_server.postJson(QStringLiteral("/api/v1/mfa/verify"),
                                             {{QStringLiteral("mfa_token"), mfaToken},
                                              {QStringLiteral("method"), QStringLiteral("sms")},
                                              {QStringLiteral("code"), code}});
    QVERIFY2(done.status == 200, describe(done));
    QCOMPARE(claims(done.json().value(QStringLiteral("access_token")).toString())
                 .value(QStringLiteral("amr"))
                 .toArray(),
             (QJsonArray {QStringLiteral("pwd"), QStringLiteral("sms")}));

    // The per-user send limit (3 in 15 minutes here): the third passes, the fourth waits.
    const QString token2
        = login(m_server, account.email).json().value(QStringLiteral("mfa_token")).toString();
    const QJsonObject again {{QStringLiteral("mfa_token"), token2},
                             {QStringLiteral("method"), QStringLiteral("sms")}};
    QCOMPARE(m_server.postJson(QStringLiteral("/api/v1/mfa/send"), again).status, 200);
    m_secrets.append(lastSmsCode());
    const qsizetype sends = twilioRequests().size();
    const HttpReply limited = m_server.postJson(QStringLiteral("/api/v1/mfa/send"), again);
    QCOMPARE(limited.status, 429);
    QVERIFY(limited.header("Retry-After").toInt() > 0);
    QCOMPARE(twilioRequests().size(), sends);
}

void TestMfaMethods::emailCodeThroughSendGrid()
{
    const Account account = createAccount(QStringLiteral("mail"));
    const QString address = QStringLiteral("second-factor@mailbox.example");
    m_secrets.append(address);
    const HttpReply enrolled = m_server.postJson(QStringLiteral("/api/v1/mfa/email/enroll"),
                                                 {{QStringLiteral("email"), address}}, bearer(account.token));
    QVERIFY2(enrolled.status == 200, describe(enrolled));
    const FakeGateway::HttpRequest sent = sendGridRequests().last();
    QCOMPARE(sent.path, QByteArray("/v3/mail/send"));
    QCOMPARE(sent.headers.value("authorization"), "Bearer " + kSendGridKey.toLatin1());
    const QJsonObject mail = QJsonDocument::fromJson(sent.body).object();
    QCOMPARE(mail.value(QStringLiteral("personalizations"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("to"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("email"))
                 .toString(),
             address);
    const QString enrolCode = lastMailCode();
    QCOMPARE(enrolCode.size(), 6);
    m_secrets.append(enrolCode);
    QCOMPARE(m_server
                 .postJson(QStringLiteral("/api/v1/mfa/email/confirm"), {{QStringLiteral("code"), enrolCode}},
                           bearer(account.token))
                 .status,
             200);

    const HttpReply first = login(m_server, account.email);
    QVERIFY(methodsOf(first).contains(QStringLiteral("email")));
    const QString mfaToken = first.json().value(QStringLiteral("mfa_token")).toString();
    QCOMPARE(m_server
                 .postJson(QStringLiteral("/api/v1/mfa/send"),
                           {{QStringLiteral("mfa_token"), mfaToken},
                            {QStringLiteral("method"), QStringLiteral("email")}})
                 .status,
             200);
    const QString code = lastMailCode();
    m_secrets.append(code);
    // The code of one login does not complete another.
    const QString other = login(m_server, account.email).json().value(QStringLiteral("mfa_token")).toString();
    QCOMPARE(m_server
                 .postJson(QStringLiteral("/api/v1/mfa/verify"),
                           {{QStringLiteral("mfa_token"), other},
                            {QStringLiteral("method"), QStringLiteral("email")},
                            {QStringLiteral("code"), code}})
                 .status,
             401);
    const HttpReply done = m_server.postJson(QStringLiteral("/api/v1/mfa/verify"),
                                             {{QStringLiteral("mfa_token"), mfaToken},
                                              {QStringLiteral("method"), QStringLiteral("email")},
                                              {QStringLiteral("code"), code}});
    QVERIFY2(done.status == 200, describe(done));
    QCOMPARE(claims(done.json().value(QStringLiteral("access_token")).toString())
                 .value(QStringLiteral("amr"))
                 .toArray(),
             (QJsonArray {QStringLiteral("pwd"), QStringLiteral("otp")}));
}

void TestMfaMethods::gatewayFailureIsReported()
{
    const Account account = createAccount(QStringLiteral("fail"));
    const QString phone = QStringLiteral("+4917612345099");
    m_secrets.append(phone);
    m_gateway.setHttpResponse(500, R"({"code":20500,"message":"Internal Server Error","status":500})");
    const HttpReply failed = m_server.postJson(QStringLiteral("/api/v1/mfa/sms/enroll"),
                                               {{QStringLiteral("phone"), phone}}, bearer(account.token));
    m_gateway.setHttpResponse(202, kGatewayAnswer);
    QCOMPARE(failed.status, 502);
    QCOMPARE(errorOf(failed), QStringLiteral("delivery_failed"));
    QVERIFY(!failed.json().value(QStringLiteral("error_description")).toString().isEmpty());
    m_secrets.append(lastSmsCode());

    // Nothing was enrolled.
    const HttpReply methods = m_server.get(QStringLiteral("/api/v1/mfa/methods"), bearer(account.token));
    QCOMPARE(methods.json().value(QStringLiteral("methods")).toArray().size(), 0);

    const QList<QJsonObject> events
        = eventsOf(m_server.securityLog(), QStringLiteral("mfa_delivery"), account.id);
    QVERIFY(!events.isEmpty());
    const QJsonObject details = events.last().value(QStringLiteral("details")).toObject();
    QCOMPARE(details.value(QStringLiteral("provider")).toString(), QStringLiteral("twilio"));
    QCOMPARE(details.value(QStringLiteral("channel")).toString(), QStringLiteral("sms"));
    QCOMPARE(details.value(QStringLiteral("result")).toString(), QStringLiteral("failed"));
    QCOMPARE(details.value(QStringLiteral("http_status")).toInt(), 500);
    QCOMPARE(details.value(QStringLiteral("recipient")).toString(), QStringLiteral("+49*******5099"));
    bool inApplicationLog = false;
    for (const QJsonObject& line : m_server.applicationLog())
        inApplicationLog = inApplicationLog || QJsonDocument(line).toJson().contains("mfa_delivery");
    QVERIFY(inApplicationLog);

    const QJsonObject delivery = m_server.get(QStringLiteral("/api/v1/status"))
                                     .json()
                                     .value(QStringLiteral("mfa"))
                                     .toObject()
                                     .value(QStringLiteral("delivery"))
                                     .toObject();
    QVERIFY2(delivery.value(QStringLiteral("failed")).toInt() >= 1,
             QJsonDocument(delivery).toJson().constData());
    QVERIFY(delivery.value(QStringLiteral("sent")).toInt() >= 1);
    QVERIFY(delivery.value(QStringLiteral("last_error_at")).toDouble() > 0);
}

void TestMfaMethods::badInputChangesNothing()
{
    const Account account = createAccount(QStringLiteral("bad"));
    const qsizetype sms = twilioRequests().size();
    const qsizetype mail = sendGridRequests().size();
    const auto post = [this, &account](const char* path, const QJsonObject& body, bool auth = true) {
        return m_server.postJson(QLatin1String(path), body,
                                 auth ? bearer(account.token) : QHash<QByteArray, QByteArray> {});
    };
    QCOMPARE(post("/api/v1/mfa/sms/enroll", {{QStringLiteral("phone"), QStringLiteral("0151 123")}}).status,
             400);
    QCOMPARE(
        post("/api/v1/mfa/sms/enroll", {{QStringLiteral("phone"), QStringLiteral("+49151\n1234567")}}).status,
        400);
    QCOMPARE(post("/api/v1/mfa/sms/enroll", {{QStringLiteral("phone"), 4915112345678.0}}).status, 400);
    QCOMPARE(
        post("/api/v1/mfa/email/enroll", {{QStringLiteral("email"), QStringLiteral("a@b\r\nRCPT TO:<x@y>")}})
            .status,
        400);
    QCOMPARE(
        post("/api/v1/mfa/email/enroll", {{QStringLiteral("email"), QString(300, QLatin1Char('a'))}}).status,
        400);
    QCOMPARE(
        post("/api/v1/mfa/sms/enroll", {{QStringLiteral("phone"), QStringLiteral("+4915112345670")}}, false)
            .status,
        401);
    QCOMPARE(post("/api/v1/mfa/sms/confirm", {{QStringLiteral("code"), QStringLiteral("12ab56")}}).status,
             400);
    QCOMPARE(post("/api/v1/mfa/sms/confirm", {{QStringLiteral("code"), QStringLiteral("123456")}}).status,
             409);
    QCOMPARE(post("/api/v1/mfa/send", {{QStringLiteral("method"), QStringLiteral("fax")}}).status, 400);
    QCOMPARE(post("/api/v1/mfa/send",
                  {{QStringLiteral("method"), QStringLiteral("sms")},
                   {QStringLiteral("mfa_token"), QStringLiteral("forged")}})
                 .status,
             401);
    QCOMPARE(post("/api/v1/mfa/send", {{QStringLiteral("method"), QStringLiteral("sms")}}).status, 400);
    QCOMPARE(
        post("/api/v1/mfa/webauthn/register/verify", {{QStringLiteral("credential"), QStringLiteral("x")}})
            .status,
        400);
    const HttpReply garbage = post("/api/v1/mfa/webauthn/register/verify",
                                   {{QStringLiteral("credential"),
                                     QJsonObject {{QStringLiteral("id"), QStringLiteral("!!")},
                                                  {QStringLiteral("type"), QStringLiteral("public-key")}}}});
    QCOMPARE(garbage.status, 400);
    QCOMPARE(post("/api/v1/mfa/webauthn/options", {{QStringLiteral("mfa_token"), QStringLiteral("forged")}})
                 .status,
             401);
    QCOMPARE(post("/api/v1/mfa/webauthn/options", {}).status, 400); // no key registered
    QCOMPARE(
        m_server.request("DELETE", QStringLiteral("/api/v1/mfa/webauthn/%21%21"), {}, bearer(account.token))
            .status,
        400);
    QCOMPARE(
        m_server.request("DELETE", QStringLiteral("/api/v1/mfa/webauthn/AAAA"), {}, bearer(account.token))
            .status,
        404);
    QCOMPARE(m_server.request("DELETE", QStringLiteral("/api/v1/mfa/sms"), {}, bearer(account.token)).status,
             404);
    const HttpReply notJson = m_server.request("POST", QStringLiteral("/api/v1/mfa/send"), "{not json",
                                               {{"Content-Type", "application/json"}});
    QCOMPARE(notJson.status, 400);

    QCOMPARE(twilioRequests().size(), sms);
    QCOMPARE(sendGridRequests().size(), mail);
    const HttpReply methods = m_server.get(QStringLiteral("/api/v1/mfa/methods"), bearer(account.token));
    QCOMPARE(methods.json().value(QStringLiteral("methods")).toArray().size(), 0);
    QVERIFY(login(m_server, account.email).json().contains(QStringLiteral("access_token")));
}

void TestMfaMethods::noCodeInLogs()
{
    m_secrets.removeAll(QString());
    QVERIFY(m_secrets.size() >= 6);
    for (const QList<QJsonObject>& log : {m_server.securityLog(), m_server.applicationLog()}) {
        QByteArray text;
        for (const QJsonObject& line : log)
            text += QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
        QVERIFY(!text.isEmpty());
        for (const QString& secret : m_secrets) {
            // Whole tokens only: a code may appear by chance inside a timestamp.
            const QRegularExpression exact(
                QStringLiteral("(?<![0-9A-Za-z])%1(?![0-9A-Za-z])").arg(QRegularExpression::escape(secret)));
            QVERIFY2(!exact.match(QString::fromUtf8(text)).hasMatch(),
                     qPrintable(QStringLiteral("%1 reached a log").arg(secret)));
        }
    }
}

QTEST_MAIN(TestMfaMethods)
#include "TestMfaMethods.moc"
