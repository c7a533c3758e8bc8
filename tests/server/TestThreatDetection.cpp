#include "TestServer.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace auth::test;

// Threat detection through the real server: credential stuffing seen in
// security.log and then blocked, deny lists reloaded by an admin, token replay.
// Client addresses vary through X-Forwarded-For from the trusted loopback proxy.
class TestThreatDetection : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void credentialStuffingIsReportedThenBlocked();
    void summaryAndRiskNeedAnAdmin();
    void denyListReloadBlocksAnAddress();
    void badListChangesNothing();
    void unreachableFeedChangesNothing();
    void tokenReplayFromNewNetwork();

private:
    QString registerUser(const QString& email);
    HttpReply login(const QString& email, const QString& password, const QString& from) const;
    QHash<QByteArray, QByteArray> admin() const
    {
        return {{"Authorization", "Bearer " + m_adminToken.toLatin1()}};
    }
    // The plain user's token, used from the network it was issued to (no replay).
    QHash<QByteArray, QByteArray> user() const
    {
        return {{"Authorization", "Bearer " + m_userToken.toLatin1()}, {"X-Forwarded-For", "10.20.0.1"}};
    }
    void writeDeny(const QByteArray& content);
    HttpReply update(const QHash<QByteArray, QByteArray>& headers, const QJsonObject& body) const
    {
        return m_server.postJson(QStringLiteral("/admin/threat-intel/update"), body, headers);
    }
    QList<QJsonObject> suspicious(const QString& detector) const;

    TestServer m_server;
    QString m_denyPath;
    QString m_adminToken;
    QString m_userToken;
};

namespace {

const QString kAdminEmail = QStringLiteral("soc@threats.example");
const QString kAdminPassword = QStringLiteral("Tangerine-Voltage-Harbor-42");
const QString kPassword = QStringLiteral("Quartz-Meadow-Lantern-91");
const QJsonObject kReason {{QStringLiteral("reason"), QStringLiteral("weekly feed refresh")}};

QHash<QByteArray, QByteArray> from(const QString& address)
{
    return {{"X-Forwarded-For", address.toLatin1()}};
}

} // namespace

void TestThreatDetection::initTestCase()
{
    m_denyPath = m_server.tempPath() + QStringLiteral("/deny.txt");
    writeDeny("# initial list\n198.51.100.0/24\n");
    m_server.bootstrapAdmin(kAdminEmail, kAdminPassword);
    m_server.setEnv(QStringLiteral("TRUSTED_PROXIES"), QStringLiteral("127.0.0.1/32"));
    m_server.setEnv(QStringLiteral("THREATS_DENY_LISTS"), m_denyPath);
    QVERIFY2(m_server.start(), m_server.processOutput().constData());
    const HttpReply adminLogin = login(kAdminEmail, kAdminPassword, QStringLiteral("127.0.0.1"));
    QCOMPARE(adminLogin.status, 200);
    m_adminToken = adminLogin.json().value(QStringLiteral("access_token")).toString();
    registerUser(QStringLiteral("plain@threats.example"));
    const HttpReply userLogin
        = login(QStringLiteral("plain@threats.example"), kPassword, QStringLiteral("10.20.0.1"));
    QCOMPARE(userLogin.status, 200);
    m_userToken = userLogin.json().value(QStringLiteral("access_token")).toString();
}

QString TestThreatDetection::registerUser(const QString& email)
{
    const HttpReply reply = m_server.postJson(QStringLiteral("/api/v1/auth/register"),
                                              {{QStringLiteral("email"), email},
                                               {QStringLiteral("password"), kPassword},
                                               {QStringLiteral("name"), QStringLiteral("Test User")}});
    if (reply.status != 201)
        qWarning() << "register" << reply.status << reply.body;
    return reply.json().value(QStringLiteral("id")).toString();
}

HttpReply TestThreatDetection::login(const QString& email, const QString& password,
                                     const QString& address) const
{
    return m_server.postJson(QStringLiteral("/api/v1/auth/login"),
                             {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}},
                             from(address));
}

void TestThreatDetection::writeDeny(const QByteArray& content)
{
    QFile file(m_denyPath);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
}

QList<QJsonObject> TestThreatDetection::suspicious(const QString& detector) const
{
    QList<QJsonObject> found;
    for (const QJsonObject& event : m_server.securityLog()) {
        if (event.value(QStringLiteral("event")).toString() == QLatin1String("suspicious_activity")
            && event.value(QStringLiteral("details")).toObject().value(QStringLiteral("detector")).toString()
                == detector)
            found.append(event);
    }
    return found;
}

void TestThreatDetection::credentialStuffingIsReportedThenBlocked()
{
    const QString attacker = QStringLiteral("203.0.113.50");
    const QString victim = QStringLiteral("victim@threats.example");
    registerUser(victim);
    // A leaked list replayed from one address: ten accounts, each with its own wrong password.
    for (int i = 0; i < 10; ++i) {
        const HttpReply reply = login(QStringLiteral("leaked%1@threats.example").arg(i),
                                      QStringLiteral("Leaked-Password-%1").arg(i), attacker);
        QCOMPARE(reply.status, 401);
    }
    QTRY_COMPARE(int(suspicious(QStringLiteral("credential_stuffing")).size()), 1);
    const QJsonObject event = suspicious(QStringLiteral("credential_stuffing")).first();
    QCOMPARE(event.value(QStringLiteral("source_ip")).toString(), attacker);
    QCOMPARE(event.value(QStringLiteral("severity")).toString(), QStringLiteral("HIGH"));
    const QJsonObject details = event.value(QStringLiteral("details")).toObject();
    QVERIFY(
        details.value(QStringLiteral("reasons")).toArray().contains(QStringLiteral("credential_stuffing")));
    QCOMPARE(details.value(QStringLiteral("count")).toInt(), 10);
    QVERIFY(details.contains(QStringLiteral("score")));

    // Then the address is blocked, even with a correct password, before any hashing.
    const HttpReply blocked = login(victim, kPassword, attacker);
    QCOMPARE(blocked.status, 403);
    QCOMPARE(blocked.json().value(QStringLiteral("error")).toString(), QStringLiteral("login_blocked"));
    QCOMPARE(blocked.json().value(QStringLiteral("reason")).toString(),
             QStringLiteral("credential_stuffing"));
    const int retryAfter = blocked.header("Retry-After").toInt();
    QVERIFY2(retryAfter > 800 && retryAfter <= 900, blocked.header("Retry-After").constData());
    // Nobody else is.
    QCOMPARE(login(victim, kPassword, QStringLiteral("10.30.0.7")).status, 200);
    // No password, not even a fingerprint of one, reached the log.
    const QByteArray log = [this] {
        QFile file(m_server.logDir() + QStringLiteral("/security.log"));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    QVERIFY(!log.contains("Leaked-Password"));
    QVERIFY(!log.contains(kPassword.toLatin1()));
}

void TestThreatDetection::summaryAndRiskNeedAnAdmin()
{
    QCOMPARE(m_server.get(QStringLiteral("/admin/threats/summary")).status, 401);
    QCOMPARE(m_server.get(QStringLiteral("/admin/threats/summary"), user()).status, 403);
    const HttpReply summary = m_server.get(QStringLiteral("/admin/threats/summary"), admin());
    QCOMPARE(summary.status, 200);
    const QJsonObject body = summary.json();
    QStringList stuffing;
    for (const QJsonValue& item : body.value(QStringLiteral("active_stuffing_ips")).toArray())
        stuffing.append(item.toObject().value(QStringLiteral("ip")).toString());
    QVERIFY(stuffing.contains(QStringLiteral("203.0.113.50")));
    QVERIFY(body.value(QStringLiteral("blocked_last_hour")).toInt() >= 1);
    QVERIFY(body.contains(QStringLiteral("spraying_fingerprints_count")));
    QVERIFY(body.value(QStringLiteral("targeted_accounts")).isArray());
    QCOMPARE(body.value(QStringLiteral("thresholds")).toObject().value(QStringLiteral("block_score")).toInt(),
             85);

    const HttpReply ip = m_server.get(QStringLiteral("/admin/threats/risk?ip=203.0.113.50"), admin());
    QCOMPARE(ip.status, 200);
    QCOMPARE(ip.json().value(QStringLiteral("blocked")).toBool(), true);
    QCOMPARE(ip.json().value(QStringLiteral("credential_stuffing")).toBool(), true);
    QCOMPARE(m_server.get(QStringLiteral("/admin/threats/risk?ip=not-an-ip"), admin()).status, 400);
    QCOMPARE(m_server.get(QStringLiteral("/admin/threats/risk"), admin()).status, 400);
    QCOMPARE(m_server.get(QStringLiteral("/admin/threats/risk?user=no-such-user"), admin()).status, 404);
    QCOMPARE(m_server.get(QStringLiteral("/admin/threats/risk?ip=1.2.3.4")).status, 401);
    const HttpReply me = m_server.get(QStringLiteral("/api/v1/auth/me"), user());
    const QString userId = me.json().value(QStringLiteral("id")).toString();
    const HttpReply profile = m_server.get(QStringLiteral("/admin/threats/risk?user=") + userId, admin());
    QCOMPARE(profile.status, 200);
    QCOMPARE(profile.json().value(QStringLiteral("logins")).toInt(), 1);
    QVERIFY(
        profile.json().value(QStringLiteral("networks")).toObject().contains(QStringLiteral("10.20.0.0/24")));
}

void TestThreatDetection::denyListReloadBlocksAnAddress()
{
    const QString email = QStringLiteral("listed@threats.example");
    registerUser(email);
    // The list from the configuration is loaded at start.
    QTRY_COMPARE(login(email, kPassword, QStringLiteral("198.51.100.9")).status, 403);
    QCOMPARE(login(email, kPassword, QStringLiteral("192.0.2.77")).status, 200);

    QCOMPARE(update({}, kReason).status, 401);
    QCOMPARE(update(user(), kReason).status, 403);
    QCOMPARE(update(admin(), {}).status, 422); // a reason is required

    writeDeny("# feed v2\n198.51.100.0/24 ; old\n192.0.2.77\n\n2001:db8:bad::/48\n");
    const HttpReply reply = update(admin(), kReason);
    QCOMPARE(reply.status, 200);
    const QJsonObject deny = reply.json().value(QStringLiteral("deny")).toObject();
    QCOMPARE(deny.value(QStringLiteral("entries")).toInt(), 3);
    const QJsonObject source = deny.value(QStringLiteral("sources")).toArray().first().toObject();
    QCOMPARE(source.value(QStringLiteral("source")).toString(), m_denyPath);
    QCOMPARE(source.value(QStringLiteral("entries")).toInt(), 3);
    QCOMPARE(reply.json().value(QStringLiteral("allow")).toObject().value(QStringLiteral("entries")).toInt(),
             0);
    QVERIFY(!reply.json().value(QStringLiteral("updated_at")).toString().isEmpty());

    const HttpReply blocked = login(email, kPassword, QStringLiteral("192.0.2.77"));
    QCOMPARE(blocked.status, 403);
    QCOMPARE(blocked.json().value(QStringLiteral("error")).toString(), QStringLiteral("login_blocked"));
    QCOMPARE(blocked.json().value(QStringLiteral("reason")).toString(), QStringLiteral("ip_reputation"));
    QCOMPARE(login(email, kPassword, QStringLiteral("2001:db8:bad:7::1")).status, 403);
    QCOMPARE(login(email, kPassword, QStringLiteral("192.0.2.78")).status, 200);

    bool audited = false;
    for (const QJsonObject& event : m_server.securityLog()) {
        const QJsonObject details = event.value(QStringLiteral("details")).toObject();
        audited = audited
            || (event.value(QStringLiteral("event")).toString() == QLatin1String("admin_action")
                && details.value(QStringLiteral("action")).toString() == QLatin1String("threat_intel.update")
                && details.value(QStringLiteral("reason")).toString() == QLatin1String("weekly feed refresh")
                && details.value(QStringLiteral("result")).toString().startsWith(QLatin1String("ok")));
    }
    QVERIFY(audited);
    QTRY_VERIFY(!suspicious(QStringLiteral("ip_reputation")).isEmpty());
}

void TestThreatDetection::badListChangesNothing()
{
    writeDeny("192.0.2.77\n# fine so far\nevil.example.com\n10.0.0.0/8\n");
    const HttpReply reply = update(admin(), kReason);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_threat_list"));
    const QString description = reply.json().value(QStringLiteral("error_description")).toString();
    QVERIFY2(description.contains(QStringLiteral("line 3")), qPrintable(description));
    QVERIFY2(description.contains(m_denyPath), qPrintable(description));
    // The lists in force are the previous ones: 192.0.2.77 still blocked, 10/8 not.
    const QString email = QStringLiteral("listed@threats.example");
    QCOMPARE(login(email, kPassword, QStringLiteral("192.0.2.77")).status, 403);
    QCOMPARE(login(email, kPassword, QStringLiteral("10.1.2.3")).status, 200);
    const HttpReply summary = m_server.get(QStringLiteral("/admin/threats/summary"), admin());
    QCOMPARE(summary.json()
                 .value(QStringLiteral("threat_intel"))
                 .toObject()
                 .value(QStringLiteral("deny"))
                 .toObject()
                 .value(QStringLiteral("entries"))
                 .toInt(),
             3);
    // Host bits set is refused as well (a typo for a different network).
    writeDeny("10.0.0.1/8\n");
    QCOMPARE(update(admin(), kReason).status, 400);
    QCOMPARE(login(email, kPassword, QStringLiteral("10.1.2.3")).status, 200);
}

void TestThreatDetection::unreachableFeedChangesNothing()
{
    // A second server whose allow list is a URL nobody answers: 503, nothing loaded.
    TestServer feedless;
    feedless.setEnv(QStringLiteral("ADMIN_BOOTSTRAP_EMAIL"), kAdminEmail);
    feedless.setEnv(QStringLiteral("ADMIN_BOOTSTRAP_PASSWORD"), kAdminPassword);
    feedless.setEnv(
        QStringLiteral("THREATS_ALLOW_LISTS"),
        QStringLiteral("https://127.0.0.1:%1/allow.txt?token=secret-feed-key").arg(TestServer::freePort()));
    feedless.setEnv(QStringLiteral("THREATS_INTEL_TIMEOUT"), QStringLiteral("5s"));
    QVERIFY2(feedless.start(), feedless.processOutput().constData());
    const HttpReply adminLogin = feedless.postJson(
        QStringLiteral("/api/v1/auth/login"),
        {{QStringLiteral("email"), kAdminEmail}, {QStringLiteral("password"), kAdminPassword}});
    QCOMPARE(adminLogin.status, 200);
    const QByteArray token = adminLogin.json().value(QStringLiteral("access_token")).toString().toLatin1();
    const HttpReply reply = feedless.postJson(QStringLiteral("/admin/threat-intel/update"), kReason,
                                              {{"Authorization", "Bearer " + token}});
    QCOMPARE(reply.status, 503);
    QCOMPARE(reply.json().value(QStringLiteral("error")).toString(),
             QStringLiteral("threat_intel_unavailable"));
    QVERIFY(!reply.body.contains("secret-feed-key")); // credentials in feed URLs stay out of answers
    const HttpReply summary
        = feedless.get(QStringLiteral("/admin/threats/summary"), {{"Authorization", "Bearer " + token}});
    QVERIFY(summary.json()
                .value(QStringLiteral("threat_intel"))
                .toObject()
                .value(QStringLiteral("updated_at"))
                .isNull());
    QFile log(feedless.logDir() + QStringLiteral("/security.log"));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QVERIFY(!log.readAll().contains("secret-feed-key"));
}

void TestThreatDetection::tokenReplayFromNewNetwork()
{
    const QString email = QStringLiteral("traveller@threats.example");
    registerUser(email);
    const HttpReply issued = login(email, kPassword, QStringLiteral("10.40.0.5"));
    QCOMPARE(issued.status, 200);
    const QByteArray token = issued.json().value(QStringLiteral("access_token")).toString().toLatin1();
    QHash<QByteArray, QByteArray> headers {{"Authorization", "Bearer " + token},
                                           {"X-Forwarded-For", "10.40.0.9"}};
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/auth/me"), headers).status, 200); // same network
    const int before = int(suspicious(QStringLiteral("token_replay")).size());
    headers.insert("X-Forwarded-For", "45.66.77.88");
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/auth/me"), headers).status, 200);
    QTRY_COMPARE(int(suspicious(QStringLiteral("token_replay")).size()), before + 1);
    const QJsonObject event = suspicious(QStringLiteral("token_replay")).last();
    QCOMPARE(event.value(QStringLiteral("source_ip")).toString(), QStringLiteral("45.66.77.88"));
    QCOMPARE(event.value(QStringLiteral("details")).toObject().value(QStringLiteral("network")).toString(),
             QStringLiteral("45.66.77.0/24"));
    const QString userId = m_server.get(QStringLiteral("/api/v1/auth/me"), headers)
                               .json()
                               .value(QStringLiteral("id"))
                               .toString();
    QVERIFY(!userId.isEmpty());
    QCOMPARE(event.value(QStringLiteral("user_id")).toString(), userId);
    // Reported once per new network.
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/auth/me"), headers).status, 200);
    QTest::qWait(200);
    QCOMPARE(int(suspicious(QStringLiteral("token_replay")).size()), before + 1);
    // The refresh token from there as well.
    const HttpReply refreshed = m_server.postJson(
        QStringLiteral("/api/v1/auth/refresh"),
        {{QStringLiteral("refresh_token"), issued.json().value(QStringLiteral("refresh_token")).toString()}},
        from(QStringLiteral("81.2.3.4")));
    QCOMPARE(refreshed.status, 200);
    QTRY_COMPARE(int(suspicious(QStringLiteral("token_replay")).size()), before + 2);
    QCOMPARE(suspicious(QStringLiteral("token_replay"))
                 .last()
                 .value(QStringLiteral("details"))
                 .toObject()
                 .value(QStringLiteral("token"))
                 .toString(),
             QStringLiteral("refresh_token"));
}

QTEST_GUILESS_MAIN(TestThreatDetection)
#include "TestThreatDetection.moc"
