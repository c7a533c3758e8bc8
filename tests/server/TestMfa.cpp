#include "TestBackends.h"
#include "TestServer.h"
#include "Totp.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <QThread>
#include <QThreadPool>
#include <QUrl>
#include <QUrlQuery>
#include <QtConcurrent>
#include <memory>

using namespace auth::test;

// Multi-factor sign-in end to end against the real binary, with Debian's
// oathtool as the independent TOTP generator: enrolment, the mfa_required
// login, replay and window rules, backup codes under a parallel race, the MFA
// lockout, step-up, the per-user requirement, MFA_REQUIRED_FOR_ADMIN, and the
// answers to hostile input.
class TestMfa : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void totpCompletesLoginOnce();
    void windowTwoAcceptsOlderCodeOnlyWhenConfigured();
    void backupCodeRaceHasOneWinner();
    void backupCodeRaceOnPostgres();
    void wrongCodesLockMfa();
    void badInputChangesNothing();
    void expiredMfaTokenIsRefused();
    void stepUpGuardsDisableAndRegenerate();
    void adminSetsPerUserRequirement();
    void adminApiNeedsMfaWhenRequired();
    void firstAdminFileCarriesTotp();
    void statusReportsMfaCounters();

private:
    struct Account
    {
        QString email;
        QString password;
        QString id;
        QString secret; // base32
        QStringList backupCodes;
        QString token; // an access token from a password-only login before enrolment
    };
    Account createAccount(TestServer& server, const QString& tag);
    Account enrolledAccount(TestServer& server, const QString& tag);
    QString adminToken(TestServer& server);
    void raceOneBackupCode(TestServer& server, const QString& tag);

    TestServer m_server; // defaults: MFA_TOTP_WINDOW=1
    TestServer m_strict; // MFA_TOTP_WINDOW=2, MFA_REQUIRED_FOR_ADMIN=true, MFA_CHALLENGE_TTL=5s
    int m_accounts = 0;
    QStringList m_usedSecrets; // codes and seeds that must never reach a log
};

namespace {

const QString kAdminEmail = QStringLiteral("root@mfa.example");
const QString kAdminPassword = QStringLiteral("Tangerine-Voltage-Harbor-42");
const QString kPassword = QStringLiteral("Quartz-Meadow-Lantern-91");

QHash<QByteArray, QByteArray> bearer(const QString& token)
{
    return {{"Authorization", "Bearer " + token.toLatin1()}};
}

// Codes are checked against whole 30 s steps: start a step late enough that
// the test and the server see the same one.
void awaitFreshStep()
{
    const qint64 intoStep = QDateTime::currentMSecsSinceEpoch() % 30'000;
    if (intoStep > 25'000)
        QThread::msleep(30'000 - intoStep + 200);
}

HttpReply login(const TestServer& server, const QString& email, const QString& password)
{
    return server.postJson(QStringLiteral("/api/v1/auth/login"),
                           {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}});
}

HttpReply verify(const TestServer& server, const QString& mfaToken, const QString& method,
                 const QString& code)
{
    return server.postJson(QStringLiteral("/api/v1/mfa/verify"),
                           {{QStringLiteral("mfa_token"), mfaToken},
                            {QStringLiteral("method"), method},
                            {QStringLiteral("code"), code}});
}

QJsonObject claims(const QString& token)
{
    const QByteArray part = token.toLatin1().split('.').value(1);
    return QJsonDocument::fromJson(QByteArray::fromBase64(part, QByteArray::Base64UrlEncoding)).object();
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

QString errorOf(const HttpReply& reply)
{
    return reply.json().value(QStringLiteral("error")).toString();
}

QByteArray describe(const HttpReply& reply)
{
    return QByteArray::number(reply.status) + ' ' + reply.body;
}

// A six-digit code that is none of the ones valid around now.
QString wrongCode(const QString& secret)
{
    QStringList valid;
    for (int offset = -90; offset <= 90; offset += 30)
        valid.append(oathCode(secret, offset));
    for (int candidate = 123456;; candidate += 111111) {
        const QString code = QString::number(candidate % 1000000).rightJustified(6, QLatin1Char('0'));
        if (!valid.contains(code))
            return code;
    }
}

} // namespace

TestMfa::Account TestMfa::createAccount(TestServer& server, const QString& tag)
{
    Account account;
    account.email = QStringLiteral("%1-%2@mfa.example").arg(tag).arg(++m_accounts);
    account.password = kPassword;
    const HttpReply reply = server.postJson(QStringLiteral("/api/v1/auth/register"),
                                            {{QStringLiteral("email"), account.email},
                                             {QStringLiteral("password"), account.password},
                                             {QStringLiteral("name"), tag}});
    account.id = reply.json().value(QStringLiteral("id")).toString();
    return account;
}

// An account with confirmed TOTP (confirmed with the previous step's code, so
// the current one is still unused) and its first backup codes.
TestMfa::Account TestMfa::enrolledAccount(TestServer& server, const QString& tag)
{
    Account account = createAccount(server, tag);
    const HttpReply first = login(server, account.email, account.password);
    account.token = first.json().value(QStringLiteral("access_token")).toString();
    const HttpReply enroll
        = server.request("POST", QStringLiteral("/api/v1/mfa/totp/enroll"), {}, bearer(account.token));
    account.secret = enroll.json().value(QStringLiteral("secret")).toString();
    m_usedSecrets.append(account.secret);
    awaitFreshStep();
    const HttpReply confirm
        = server.postJson(QStringLiteral("/api/v1/mfa/totp/confirm"),
                          {{QStringLiteral("code"), oathCode(account.secret, -30)}}, bearer(account.token));
    for (const QJsonValue& code : confirm.json().value(QStringLiteral("backup_codes")).toArray())
        account.backupCodes.append(code.toString());
    m_usedSecrets.append(account.backupCodes);
    return account;
}

QString TestMfa::adminToken(TestServer& server)
{
    return login(server, kAdminEmail, kAdminPassword).json().value(QStringLiteral("access_token")).toString();
}

void TestMfa::initTestCase()
{
    for (TestServer* server : {&m_server, &m_strict}) {
        server->setEnv(QStringLiteral("ADMIN_BOOTSTRAP_EMAIL"), kAdminEmail);
        server->setEnv(QStringLiteral("ADMIN_BOOTSTRAP_PASSWORD"), kAdminPassword);
        server->setEnv(QStringLiteral("RATE_LIMIT_PER_IP_PER_MINUTE"), QStringLiteral("100000"));
        server->setEnv(QStringLiteral("RATE_LIMIT_BURST"), QStringLiteral("100000"));
    }
    m_strict.setEnv(QStringLiteral("MFA_TOTP_WINDOW"), QStringLiteral("2"));
    m_strict.setEnv(QStringLiteral("MFA_REQUIRED_FOR_ADMIN"), QStringLiteral("true"));
    m_strict.setEnv(QStringLiteral("MFA_CHALLENGE_TTL"), QStringLiteral("5s"));
    QVERIFY(m_server.start());
    QVERIFY(m_strict.start());
    QVERIFY(!oathCode(QStringLiteral("JBSWY3DPEHPK3PXP")).isEmpty()); // oathtool is installed
    // The runbook's check: grep "totp_window" application.log.
    bool logged = false;
    for (const QJsonObject& line : m_strict.applicationLog())
        logged = logged || QJsonDocument(line).toJson(QJsonDocument::Compact).contains("\"totp_window\":2");
    QVERIFY(logged);
}

void TestMfa::totpCompletesLoginOnce()
{
    Account account = createAccount(m_server, QStringLiteral("totp"));
    QVERIFY(!account.id.isEmpty());
    const HttpReply first = login(m_server, account.email, account.password);
    QCOMPARE(first.status, 200);
    const QString token = first.json().value(QStringLiteral("access_token")).toString();
    QVERIFY2(!token.isEmpty(), "a user without MFA signs in with the password alone");

    const HttpReply enroll
        = m_server.request("POST", QStringLiteral("/api/v1/mfa/totp/enroll"), {}, bearer(token));
    QCOMPARE(enroll.status, 200);
    const QString secret = enroll.json().value(QStringLiteral("secret")).toString();
    m_usedSecrets.append(secret);
    QCOMPARE(secret.size(), 32); // 160 bits in base32
    const QString uri = enroll.json().value(QStringLiteral("otpauth_uri")).toString();
    QVERIFY2(uri.startsWith(QStringLiteral("otpauth://totp/"))
                 && uri.contains(QStringLiteral("secret=") + secret),
             qPrintable(uri));
    QVERIFY(enroll.json().value(QStringLiteral("qr_svg")).toString().startsWith(QStringLiteral("<svg")));

    // Not active until confirmed: the password alone still signs in.
    QVERIFY(login(m_server, account.email, account.password).json().contains(QStringLiteral("access_token")));

    awaitFreshStep();
    const HttpReply wrongConfirm
        = m_server.postJson(QStringLiteral("/api/v1/mfa/totp/confirm"),
                            {{QStringLiteral("code"), wrongCode(secret)}}, bearer(token));
    QCOMPARE(wrongConfirm.status, 422);
    const HttpReply confirm
        = m_server.postJson(QStringLiteral("/api/v1/mfa/totp/confirm"),
                            {{QStringLiteral("code"), oathCode(secret, -30)}}, bearer(token));
    QVERIFY2(confirm.status == 200, describe(confirm));
    const QJsonArray backup = confirm.json().value(QStringLiteral("backup_codes")).toArray();
    QCOMPARE(backup.size(), 10);
    QVERIFY(QRegularExpression(QStringLiteral("^[A-Z2-7]{5}-[A-Z2-7]{5}$"))
                .match(backup.at(0).toString())
                .hasMatch());
    for (const QJsonValue& code : backup)
        m_usedSecrets.append(code.toString());
    QVERIFY(!events(m_server, QStringLiteral("mfa_enrolled"), account.id).isEmpty());

    const HttpReply methods = m_server.get(QStringLiteral("/api/v1/mfa/methods"), bearer(token));
    QCOMPARE(methods.status, 200);
    QCOMPARE(methods.json().value(QStringLiteral("backup_codes_remaining")).toInt(), 10);
    QCOMPARE(methods.json()
                 .value(QStringLiteral("methods"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("method"))
                 .toString(),
             QStringLiteral("totp"));
    QCOMPARE(methods.json().value(QStringLiteral("mfa_required")).toBool(), false);

    const HttpReply challenge = login(m_server, account.email, account.password);
    QCOMPARE(challenge.status, 200);
    QCOMPARE(challenge.json().value(QStringLiteral("mfa_required")).toBool(), true);
    QVERIFY(!challenge.json().contains(QStringLiteral("access_token")));
    QVERIFY(!challenge.json().contains(QStringLiteral("refresh_token")));
    QCOMPARE(challenge.json().value(QStringLiteral("expires_in")).toInt(), 300);
    QCOMPARE(challenge.json().value(QStringLiteral("methods")).toArray(),
             QJsonArray({QStringLiteral("totp"), QStringLiteral("backup_code")}));
    const QString mfaToken = challenge.json().value(QStringLiteral("mfa_token")).toString();

    const QString code = oathCode(secret);
    const qint64 before = QDateTime::currentSecsSinceEpoch();
    const HttpReply done = verify(m_server, mfaToken, QStringLiteral("totp"), code);
    QVERIFY2(done.status == 200, describe(done));
    const QString access = done.json().value(QStringLiteral("access_token")).toString();
    QVERIFY(!done.json().value(QStringLiteral("refresh_token")).toString().isEmpty());
    const QJsonObject c = claims(access);
    QCOMPARE(c.value(QStringLiteral("mfa")).toBool(), true);
    QCOMPARE(c.value(QStringLiteral("amr")).toArray(),
             QJsonArray({QStringLiteral("pwd"), QStringLiteral("otp")}));
    QVERIFY(qint64(c.value(QStringLiteral("auth_time")).toDouble()) >= before - 1);
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/auth/me"), bearer(access)).status, 200);
    const HttpReply sessions = m_server.get(QStringLiteral("/api/v1/auth/sessions"), bearer(access));
    bool verified = false;
    for (const QJsonValue& s : sessions.json().value(QStringLiteral("sessions")).toArray())
        verified = verified
            || (s.toObject().value(QStringLiteral("current")).toBool()
                && s.toObject().value(QStringLiteral("mfa_verified")).toBool());
    QVERIFY2(verified, sessions.body.constData());

    // The mfa_token is spent, and the same code never passes again.
    QCOMPARE(errorOf(verify(m_server, mfaToken, QStringLiteral("totp"), oathCode(secret, 30))),
             QStringLiteral("invalid_mfa_token"));
    const QString again = login(m_server, account.email, account.password)
                              .json()
                              .value(QStringLiteral("mfa_token"))
                              .toString();
    const HttpReply replay = verify(m_server, again, QStringLiteral("totp"), code);
    QCOMPARE(replay.status, 401);
    QCOMPARE(errorOf(replay), QStringLiteral("invalid_code"));

    bool success = false;
    for (const QJsonObject& event : events(m_server, QStringLiteral("mfa_verification"), account.id)) {
        QVERIFY(!event.value(QStringLiteral("source_ip")).toString().isEmpty());
        QCOMPARE(detail(event, "method"), QStringLiteral("totp"));
        success = success || detail(event, "result") == QLatin1String("success");
    }
    QVERIFY(success);
    QCOMPARE(detail(events(m_server, QStringLiteral("mfa_verification"), account.id).last(), "result"),
             QStringLiteral("failure"));
}

void TestMfa::windowTwoAcceptsOlderCodeOnlyWhenConfigured()
{
    for (TestServer* server : {&m_server, &m_strict}) {
        const Account account = enrolledAccount(*server, QStringLiteral("window"));
        QVERIFY(!account.secret.isEmpty());
        QCOMPARE(account.backupCodes.size(), 10);
        awaitFreshStep();
        const QString mfaToken = login(*server, account.email, account.password)
                                     .json()
                                     .value(QStringLiteral("mfa_token"))
                                     .toString();
        const HttpReply reply
            = verify(*server, mfaToken, QStringLiteral("totp"), oathCode(account.secret, -60));
        if (server == &m_server) {
            QVERIFY2(reply.status == 401, describe(reply));
        } else {
            QVERIFY2(reply.status == 200, describe(reply));
            QCOMPARE(claims(reply.json().value(QStringLiteral("access_token")).toString())
                         .value(QStringLiteral("mfa"))
                         .toBool(),
                     true);
        }
    }
}

void TestMfa::backupCodeRaceHasOneWinner()
{
    raceOneBackupCode(m_server, QStringLiteral("race"));
}

// The same race where the conditional UPDATE runs on PostgreSQL, as it does
// behind a load balancer (make test provides AUTH_TEST_POSTGRES_URL).
void TestMfa::backupCodeRaceOnPostgres()
{
    // A database of its own, so parallel suites on the same PostgreSQL never meet.
    TestBackends backends;
    QString error;
    if (!backends.create(&error))
        QSKIP(qPrintable(error));
    TestServer postgres;
    postgres.setEnv(QStringLiteral("DATABASE_URL"), backends.databaseUrl());
    postgres.setEnv(QStringLiteral("RATE_LIMIT_PER_IP_PER_MINUTE"), QStringLiteral("100000"));
    postgres.setEnv(QStringLiteral("RATE_LIMIT_BURST"), QStringLiteral("100000"));
    QVERIFY(postgres.start());
    raceOneBackupCode(postgres, QStringLiteral("pgrace%1").arg(QCoreApplication::applicationPid()));
}

void TestMfa::raceOneBackupCode(TestServer& server, const QString& tag)
{
    const Account account = enrolledAccount(server, tag);
    QCOMPARE(account.backupCodes.size(), 10);
    QStringList mfaTokens;
    for (int i = 0; i < 20; ++i)
        mfaTokens.append(login(server, account.email, account.password)
                             .json()
                             .value(QStringLiteral("mfa_token"))
                             .toString());
    QCOMPARE(mfaTokens.filter(QRegularExpression(QStringLiteral(".{16,}"))).size(), 20);
    QThreadPool pool;
    pool.setMaxThreadCount(20);
    QList<QFuture<int>> replies;
    const QString code = account.backupCodes.at(3).toLower(); // case and dash do not matter
    for (const QString& mfaToken : mfaTokens)
        replies.append(QtConcurrent::run(&pool, [&server, mfaToken, code] {
            return verify(server, mfaToken, QStringLiteral("backup_code"), code).status;
        }));
    int successes = 0;
    for (QFuture<int>& reply : replies) {
        const int status = reply.result();
        QVERIFY2(status == 200 || status == 401 || status == 429, QByteArray::number(status));
        successes += status == 200 ? 1 : 0;
    }
    QCOMPARE(successes, 1);
    // One code is gone, the other nine are left.
    const HttpReply methods = server.get(QStringLiteral("/api/v1/mfa/methods"), bearer(account.token));
    QCOMPARE(methods.json().value(QStringLiteral("backup_codes_remaining")).toInt(), 9);
}

void TestMfa::wrongCodesLockMfa()
{
    const Account account = enrolledAccount(m_server, QStringLiteral("lock"));
    const QString mfaToken = login(m_server, account.email, account.password)
                                 .json()
                                 .value(QStringLiteral("mfa_token"))
                                 .toString();
    const QString wrong = wrongCode(account.secret);
    for (int i = 1; i <= 5; ++i) {
        const HttpReply reply = verify(m_server, mfaToken, QStringLiteral("totp"), wrong);
        QVERIFY2(reply.status == 401 && errorOf(reply) == QLatin1String("invalid_code"), describe(reply));
    }
    const HttpReply sixth = verify(m_server, mfaToken, QStringLiteral("totp"), wrong);
    QVERIFY2(sixth.status == 429 && errorOf(sixth) == QLatin1String("mfa_locked"), describe(sixth));
    QVERIFY(sixth.header("retry-after").toInt() > 800);
    // Locked: even the right code and a backup code are refused now.
    const HttpReply right = verify(m_server, mfaToken, QStringLiteral("totp"), oathCode(account.secret));
    QCOMPARE(right.status, 429);
    QCOMPARE(verify(m_server, mfaToken, QStringLiteral("backup_code"), account.backupCodes.at(0)).status,
             429);
    const QList<QJsonObject> locked = events(m_server, QStringLiteral("mfa_locked"), account.id);
    QCOMPARE(locked.size(), 1);
    const HttpReply methods = m_server.get(QStringLiteral("/api/v1/mfa/methods"), bearer(account.token));
    QVERIFY(methods.json().value(QStringLiteral("locked_until")).toDouble()
            > QDateTime::currentSecsSinceEpoch());
    QCOMPARE(methods.json().value(QStringLiteral("backup_codes_remaining")).toInt(), 10);
}

void TestMfa::badInputChangesNothing()
{
    const Account account = enrolledAccount(m_server, QStringLiteral("bad"));
    const QString mfaToken = login(m_server, account.email, account.password)
                                 .json()
                                 .value(QStringLiteral("mfa_token"))
                                 .toString();
    const QString path = QStringLiteral("/api/v1/mfa/verify");
    struct Case
    {
        const char* name;
        QJsonObject body;
        int status;
        QString error;
    };
    const QList<Case> cases {
        {"no mfa_token",
         {{QStringLiteral("method"), QStringLiteral("totp")},
          {QStringLiteral("code"), QStringLiteral("123456")}},
         400,
         QStringLiteral("invalid_request")},
        {"no method",
         {{QStringLiteral("mfa_token"), mfaToken}, {QStringLiteral("code"), QStringLiteral("123456")}},
         400,
         QStringLiteral("invalid_request")},
        {"code not a string",
         {{QStringLiteral("mfa_token"), mfaToken},
          {QStringLiteral("method"), QStringLiteral("totp")},
          {QStringLiteral("code"), 123456}},
         400,
         QStringLiteral("invalid_request")},
        {"oversized code",
         {{QStringLiteral("mfa_token"), mfaToken},
          {QStringLiteral("method"), QStringLiteral("totp")},
          {QStringLiteral("code"), QString(100000, QLatin1Char('1'))}},
         400,
         QStringLiteral("invalid_request")},
        {"unknown method",
         {{QStringLiteral("mfa_token"), mfaToken},
          {QStringLiteral("method"), QStringLiteral("carrier_pigeon")},
          {QStringLiteral("code"), QStringLiteral("123456")}},
         400,
         QStringLiteral("unsupported_method")},
        {"code of letters",
         {{QStringLiteral("mfa_token"), mfaToken},
          {QStringLiteral("method"), QStringLiteral("totp")},
          {QStringLiteral("code"), QStringLiteral("12ab56")}},
         400,
         QStringLiteral("invalid_code")},
        {"wrong mfa_token",
         {{QStringLiteral("mfa_token"), QStringLiteral("A").repeated(43)},
          {QStringLiteral("method"), QStringLiteral("totp")},
          {QStringLiteral("code"), oathCode(account.secret)}},
         401,
         QStringLiteral("invalid_mfa_token")},
        {"oversized mfa_token",
         {{QStringLiteral("mfa_token"), QString(5000, QLatin1Char('x'))},
          {QStringLiteral("method"), QStringLiteral("totp")},
          {QStringLiteral("code"), QStringLiteral("123456")}},
         400,
         QStringLiteral("invalid_request")},
    };
    for (const Case& c : cases) {
        const HttpReply reply = m_server.postJson(path, c.body);
        QVERIFY2(reply.status == c.status && errorOf(reply) == c.error,
                 (QByteArray(c.name) + ": " + describe(reply)).constData());
        QVERIFY(!reply.json().value(QStringLiteral("error_description")).toString().isEmpty());
    }
    const HttpReply notJson
        = m_server.request("POST", path, "{\"mfa_token\":", {{"Content-Type", "application/json"}});
    QCOMPARE(notJson.status, 400);
    // None of that spent the challenge, the code, a backup code or a failure count.
    const HttpReply methods = m_server.get(QStringLiteral("/api/v1/mfa/methods"), bearer(account.token));
    QCOMPARE(methods.json().value(QStringLiteral("backup_codes_remaining")).toInt(), 10);
    QVERIFY(events(m_server, QStringLiteral("mfa_verification"), account.id).size() == 1); // the confirmation
    const HttpReply done
        = verify(m_server, mfaToken, QStringLiteral("backup_code"), account.backupCodes.at(0));
    QVERIFY2(done.status == 200, describe(done));
    QCOMPARE(claims(done.json().value(QStringLiteral("access_token")).toString())
                 .value(QStringLiteral("mfa"))
                 .toBool(),
             true);
    const HttpReply reused
        = verify(m_server, mfaToken, QStringLiteral("backup_code"), account.backupCodes.at(1));
    QCOMPARE(reused.status, 401);
    QCOMPARE(errorOf(reused), QStringLiteral("invalid_mfa_token"));
    const HttpReply after = m_server.get(QStringLiteral("/api/v1/mfa/methods"), bearer(account.token));
    QCOMPARE(after.json().value(QStringLiteral("backup_codes_remaining")).toInt(), 9);
    // A used backup code is refused with a fresh challenge too.
    const QString next = login(m_server, account.email, account.password)
                             .json()
                             .value(QStringLiteral("mfa_token"))
                             .toString();
    QCOMPARE(verify(m_server, next, QStringLiteral("backup_code"), account.backupCodes.at(0)).status, 401);
}

void TestMfa::expiredMfaTokenIsRefused()
{
    const Account account = enrolledAccount(m_strict, QStringLiteral("expiry"));
    const HttpReply challenge = login(m_strict, account.email, account.password);
    QCOMPARE(challenge.json().value(QStringLiteral("expires_in")).toInt(), 5);
    const QString mfaToken = challenge.json().value(QStringLiteral("mfa_token")).toString();
    QThread::msleep(6500);
    const HttpReply reply
        = verify(m_strict, mfaToken, QStringLiteral("backup_code"), account.backupCodes.at(0));
    QCOMPARE(reply.status, 401);
    QCOMPARE(errorOf(reply), QStringLiteral("invalid_mfa_token"));
    const HttpReply methods = m_strict.get(QStringLiteral("/api/v1/mfa/methods"), bearer(account.token));
    QCOMPARE(methods.json().value(QStringLiteral("backup_codes_remaining")).toInt(), 10);
}

void TestMfa::stepUpGuardsDisableAndRegenerate()
{
    const Account account = enrolledAccount(m_server, QStringLiteral("stepup"));
    const QString mfaToken = login(m_server, account.email, account.password)
                                 .json()
                                 .value(QStringLiteral("mfa_token"))
                                 .toString();
    const HttpReply signedIn = verify(m_server, mfaToken, QStringLiteral("totp"), oathCode(account.secret));
    QVERIFY2(signedIn.status == 200, describe(signedIn));
    // A refreshed token passed MFA once but carries no fresh auth_time.
    const HttpReply refreshed
        = m_server.postJson(QStringLiteral("/api/v1/auth/refresh"),
                            {{QStringLiteral("refresh_token"),
                              signedIn.json().value(QStringLiteral("refresh_token")).toString()}});
    const QString stale = refreshed.json().value(QStringLiteral("access_token")).toString();
    QVERIFY(!stale.isEmpty());
    for (const QString& token : {stale, account.token}) {
        const HttpReply denied
            = m_server.request("DELETE", QStringLiteral("/api/v1/mfa/totp"), {}, bearer(token));
        QVERIFY2(denied.status == 403 && errorOf(denied) == QLatin1String("step_up_required"),
                 describe(denied));
        const HttpReply regen = m_server.request(
            "POST", QStringLiteral("/api/v1/mfa/backup-codes/regenerate"), {}, bearer(token));
        QCOMPARE(regen.status, 403);
    }
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/mfa/methods"), bearer(stale))
                 .json()
                 .value(QStringLiteral("backup_codes_remaining"))
                 .toInt(),
             10);

    const HttpReply wrong = m_server.postJson(QStringLiteral("/api/v1/mfa/step-up"),
                                              {{QStringLiteral("method"), QStringLiteral("totp")},
                                               {QStringLiteral("code"), wrongCode(account.secret)}},
                                              bearer(stale));
    QCOMPARE(wrong.status, 401);
    const HttpReply stepUp = m_server.postJson(QStringLiteral("/api/v1/mfa/step-up"),
                                               {{QStringLiteral("method"), QStringLiteral("backup_code")},
                                                {QStringLiteral("code"), account.backupCodes.at(5)}},
                                               bearer(stale));
    QVERIFY2(stepUp.status == 200, describe(stepUp));
    const QString fresh = stepUp.json().value(QStringLiteral("access_token")).toString();
    QCOMPARE(claims(fresh).value(QStringLiteral("mfa")).toBool(), true);
    QVERIFY(claims(fresh).value(QStringLiteral("auth_time")).toDouble()
            >= QDateTime::currentSecsSinceEpoch() - 5);

    const HttpReply regen
        = m_server.request("POST", QStringLiteral("/api/v1/mfa/backup-codes/regenerate"), {}, bearer(fresh));
    QVERIFY2(regen.status == 200, describe(regen));
    const QJsonArray codes = regen.json().value(QStringLiteral("backup_codes")).toArray();
    QCOMPARE(codes.size(), 10);
    for (const QJsonValue& code : codes)
        m_usedSecrets.append(code.toString());
    QVERIFY(!codes.contains(account.backupCodes.at(0)));
    // The old set is gone.
    const QString next = login(m_server, account.email, account.password)
                             .json()
                             .value(QStringLiteral("mfa_token"))
                             .toString();
    QCOMPARE(verify(m_server, next, QStringLiteral("backup_code"), account.backupCodes.at(0)).status, 401);

    const HttpReply removed
        = m_server.request("DELETE", QStringLiteral("/api/v1/mfa/totp"), {}, bearer(fresh));
    QVERIFY2(removed.status == 204, describe(removed));
    QVERIFY(!events(m_server, QStringLiteral("mfa_disabled"), account.id).isEmpty());
    const HttpReply methods = m_server.get(QStringLiteral("/api/v1/mfa/methods"), bearer(fresh));
    QCOMPARE(methods.json().value(QStringLiteral("methods")).toArray().size(), 0);
    QCOMPARE(methods.json().value(QStringLiteral("backup_codes_remaining")).toInt(), 0);
    QVERIFY(login(m_server, account.email, account.password).json().contains(QStringLiteral("access_token")));
}

void TestMfa::adminSetsPerUserRequirement()
{
    const QString admin = adminToken(m_server);
    QVERIFY(!admin.isEmpty());
    Account account = createAccount(m_server, QStringLiteral("required"));
    const QString path = QStringLiteral("/admin/users/%1/mfa-requirement").arg(account.id);
    auto put = [&](const QString& p, const QByteArray& body, const QString& token) {
        return m_server.request(
            "PUT", p, body,
            {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token.toLatin1()}});
    };
    const QString userToken = login(m_server, account.email, account.password)
                                  .json()
                                  .value(QStringLiteral("access_token"))
                                  .toString();
    QCOMPARE(put(path, R"({"required":true})", userToken).status, 403);
    QCOMPARE(put(path, R"({"required":"yes"})", admin).status, 422);
    QCOMPARE(put(QStringLiteral("/admin/users/no-such-user/mfa-requirement"), R"({"required":true})", admin)
                 .status,
             404);
    const HttpReply set = put(path, R"({"required":true,"reason":"finance team"})", admin);
    QVERIFY2(set.status == 200, describe(set));
    QCOMPARE(set.json().value(QStringLiteral("mfa_required")).toBool(), true);
    bool audited = false;
    for (const QJsonObject& event : events(m_server, QStringLiteral("admin_action")))
        audited = audited
            || (detail(event, "action") == QLatin1String("users.mfa_requirement")
                && detail(event, "reason") == QLatin1String("finance team"));
    QVERIFY(audited);

    // Required but not enrolled: the login is held for enrolment, no tokens.
    const HttpReply held = login(m_server, account.email, account.password);
    QCOMPARE(held.status, 200);
    QCOMPARE(held.json().value(QStringLiteral("mfa_required")).toBool(), true);
    QCOMPARE(held.json().value(QStringLiteral("enrollment_required")).toBool(), true);
    QVERIFY(!held.json().contains(QStringLiteral("access_token")));
    const QString mfaToken = held.json().value(QStringLiteral("mfa_token")).toString();
    // The enrolment mfa_token does not complete a login by itself.
    QCOMPARE(verify(m_server, mfaToken, QStringLiteral("totp"), QStringLiteral("123456")).status, 401);
    const HttpReply enroll = m_server.postJson(QStringLiteral("/api/v1/mfa/totp/enroll"),
                                               {{QStringLiteral("mfa_token"), mfaToken}});
    QVERIFY2(enroll.status == 200, describe(enroll));
    const QString secret = enroll.json().value(QStringLiteral("secret")).toString();
    m_usedSecrets.append(secret);
    awaitFreshStep();
    const HttpReply confirm = m_server.postJson(
        QStringLiteral("/api/v1/mfa/totp/confirm"),
        {{QStringLiteral("mfa_token"), mfaToken}, {QStringLiteral("code"), oathCode(secret)}});
    QVERIFY2(confirm.status == 200, describe(confirm));
    QCOMPARE(confirm.json().value(QStringLiteral("backup_codes")).toArray().size(), 10);
    for (const QJsonValue& code : confirm.json().value(QStringLiteral("backup_codes")).toArray())
        m_usedSecrets.append(code.toString());
    const QString access = confirm.json().value(QStringLiteral("access_token")).toString();
    QCOMPARE(claims(access).value(QStringLiteral("mfa")).toBool(), true);
    // Spent: it cannot enrol again.
    QCOMPARE(
        m_server
            .postJson(QStringLiteral("/api/v1/mfa/totp/enroll"), {{QStringLiteral("mfa_token"), mfaToken}})
            .status,
        401);
    // Policy keeps the last factor in place.
    const HttpReply keep = m_server.request("DELETE", QStringLiteral("/api/v1/mfa/totp"), {}, bearer(access));
    QVERIFY2(keep.status == 409 && errorOf(keep) == QLatin1String("mfa_required_by_policy"), describe(keep));
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/mfa/methods"), bearer(access))
                 .json()
                 .value(QStringLiteral("mfa_required"))
                 .toBool(),
             true);
}

void TestMfa::adminApiNeedsMfaWhenRequired()
{
    const QString plain = adminToken(m_strict);
    QVERIFY(!plain.isEmpty());
    QCOMPARE(claims(plain).value(QStringLiteral("mfa")).toBool(), false);
    const HttpReply refused
        = m_strict.request("POST", QStringLiteral("/admin/keys/rotate"), {}, bearer(plain));
    QVERIFY2(refused.status == 403 && errorOf(refused) == QLatin1String("mfa_required"), describe(refused));
    QCOMPARE(m_strict.get(QStringLiteral("/admin/keys"), bearer(plain)).status, 403);

    const HttpReply enroll
        = m_strict.request("POST", QStringLiteral("/api/v1/mfa/totp/enroll"), {}, bearer(plain));
    QVERIFY2(enroll.status == 200, describe(enroll));
    const QString secret = enroll.json().value(QStringLiteral("secret")).toString();
    m_usedSecrets.append(secret);
    awaitFreshStep();
    QCOMPARE(m_strict
                 .postJson(QStringLiteral("/api/v1/mfa/totp/confirm"),
                           {{QStringLiteral("code"), oathCode(secret, -30)}}, bearer(plain))
                 .status,
             200);
    const HttpReply challenge = login(m_strict, kAdminEmail, kAdminPassword);
    QCOMPARE(challenge.json().value(QStringLiteral("mfa_required")).toBool(), true);
    const HttpReply done = verify(m_strict, challenge.json().value(QStringLiteral("mfa_token")).toString(),
                                  QStringLiteral("totp"), oathCode(secret));
    QVERIFY2(done.status == 200, describe(done));
    const HttpReply rotated
        = m_strict.request("POST", QStringLiteral("/admin/keys/rotate"), {},
                           bearer(done.json().value(QStringLiteral("access_token")).toString()));
    QVERIFY2(rotated.status == 200, describe(rotated));
    bool violation = false;
    for (const QJsonObject& event : events(m_strict, QStringLiteral("security_violation")))
        violation = violation || detail(event, "reason") == QLatin1String("admin_without_mfa");
    QVERIFY(violation);
}

// Without ADMIN_BOOTSTRAP_PASSWORD the first admin's file carries a confirmed
// TOTP seed too, so MFA_REQUIRED_FOR_ADMIN never locks the operator out.
void TestMfa::firstAdminFileCarriesTotp()
{
    TestServer fresh;
    fresh.setEnv(QStringLiteral("MFA_REQUIRED_FOR_ADMIN"), QStringLiteral("true"));
    QVERIFY(fresh.start());
    QFile file(QDir(fresh.dataDir()).filePath(QStringLiteral("initial-admin.txt")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(int(file.permissions() & (QFile::ReadGroup | QFile::ReadOther)), 0);
    QString email;
    QString password;
    QString uri;
    for (const QByteArray& line : file.readAll().split('\n')) {
        const QString text = QString::fromUtf8(line);
        if (text.startsWith(QStringLiteral("email: ")))
            email = text.mid(7);
        else if (text.startsWith(QStringLiteral("password: ")))
            password = text.mid(10);
        else if (text.startsWith(QStringLiteral("totp_uri: ")))
            uri = text.mid(10);
    }
    QVERIFY2(uri.startsWith(QStringLiteral("otpauth://totp/")), qPrintable(uri));
    const QString secret = QUrlQuery(QUrl(uri).query()).queryItemValue(QStringLiteral("secret"));
    QCOMPARE(secret.size(), 32);
    m_usedSecrets.append(secret);
    const HttpReply challenge = login(fresh, email, password);
    QCOMPARE(challenge.json().value(QStringLiteral("mfa_required")).toBool(), true);
    const HttpReply done = verify(fresh, challenge.json().value(QStringLiteral("mfa_token")).toString(),
                                  QStringLiteral("totp"), oathCode(secret));
    QVERIFY2(done.status == 200, describe(done));
    const HttpReply keys = fresh.get(QStringLiteral("/admin/keys"),
                                     bearer(done.json().value(QStringLiteral("access_token")).toString()));
    QVERIFY2(keys.status == 200, describe(keys));
}

void TestMfa::statusReportsMfaCounters()
{
    const HttpReply health = m_server.get(QStringLiteral("/health"));
    QCOMPARE(health.json()
                 .value(QStringLiteral("features"))
                 .toObject()
                 .value(QStringLiteral("multi_factor_auth"))
                 .toBool(),
             true);
    const QJsonObject mfa
        = m_server.get(QStringLiteral("/api/v1/status")).json().value(QStringLiteral("mfa")).toObject();
    QVERIFY2(mfa.value(QStringLiteral("attempts")).toInt() > 20, QJsonDocument(mfa).toJson().constData());
    QVERIFY(mfa.value(QStringLiteral("successes")).toInt() > 3);
    QCOMPARE(mfa.value(QStringLiteral("attempts")).toInt(),
             mfa.value(QStringLiteral("successes")).toInt() + mfa.value(QStringLiteral("failures")).toInt());
    const double rate = mfa.value(QStringLiteral("success_rate")).toDouble();
    QVERIFY(rate > 0.0 && rate < 1.0);
    QVERIFY(mfa.value(QStringLiteral("lockouts")).toInt() >= 1);
    QVERIFY(mfa.value(QStringLiteral("by_method")).toObject().contains(QStringLiteral("backup_code")));
    // No seed or code ever reached a log.
    for (TestServer* server : {&m_server, &m_strict}) {
        QByteArray logs;
        for (const char* name : {"security.log", "application.log"}) {
            QFile file(QDir(server->logDir()).filePath(QLatin1String(name)));
            QVERIFY(file.open(QIODevice::ReadOnly));
            logs += file.readAll();
        }
        for (const QString& secret : m_usedSecrets) {
            QVERIFY2(!logs.contains(secret.toLatin1()), qPrintable(secret));
            QVERIFY2(!logs.contains(QString(secret).remove(QLatin1Char('-')).toLatin1()), qPrintable(secret));
        }
    }
}

QTEST_GUILESS_MAIN(TestMfa)
#include "TestMfa.moc"
