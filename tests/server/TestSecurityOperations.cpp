#include "TestServer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrlQuery>
#include <memory>

using namespace auth::test;

// Containment, revoke-all, the admin maintenance reports and compliance,
// against the real binary: what an operator sees, the runbook's jq filters
// included, and what the audit trail records.
class TestSecurityOperations : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void routesNeedAnAdmin_data();
    void routesNeedAnAdmin();
    void badInputIsRefused_data();
    void badInputIsRefused();
    void inactiveUsersReport();
    void weakPasswordsReport();
    void encryptionStatus();
    void complianceSummaryAndViolations();
    void userSessionsListAndRevoke();
    void keyRotationDryRunChangesNothing();
    void isolateAndRestore();
    void isolationSurvivesRestartAndReachesOtherInstances();
    void revokeAllInvalidatesEveryEarlierToken();

private:
    struct Account
    {
        QString email;
        QString id;
    };
    Account createAccount(const QString& tag);
    QString login(const TestServer& server, const QString& email, const QString& password) const;
    HttpReply adminPost(const QString& path, const QJsonObject& body) const;
    HttpReply adminGet(const QString& path) const;
    bool sql(const QString& statement, const QVariantList& values = {});
    QByteArray jq(const QString& filter, const QByteArray& input) const;

    TestServer m_server;
    std::unique_ptr<TestServer> m_peer;
    QString m_adminToken;
    QString m_adminId;
    QString m_userToken;
    int m_accounts = 0;
};

namespace {

const QString kAdminEmail = QStringLiteral("soc-lead@secops.example");
const QString kAdminPassword = QStringLiteral("Marble-Falcon-Orchard-73");
const QString kPassword = QStringLiteral("Velvet-Compass-Glacier-19");
const QString kWeakJwtSecret = QStringLiteral("changeme");
const QString kMasterKey = QStringLiteral("7f1c2a9e4b3d8f60a5e7c1b2d3f4a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c");

QHash<QByteArray, QByteArray> bearer(const QString& token)
{
    return {{"Authorization", "Bearer " + token.toLatin1()}};
}

QString jsonBody(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QList<QJsonObject> events(const TestServer& server, const QString& type)
{
    QList<QJsonObject> found;
    for (const QJsonObject& event : server.securityLog()) {
        if (event.value(QStringLiteral("event")).toString() == type)
            found.append(event);
    }
    return found;
}

bool audited(const TestServer& server, const QString& action, const QString& reason)
{
    for (const QJsonObject& event : events(server, QStringLiteral("admin_action"))) {
        const QJsonObject details = event.value(QStringLiteral("details")).toObject();
        if (details.value(QStringLiteral("action")).toString() == action
            && details.value(QStringLiteral("reason")).toString() == reason)
            return true;
    }
    return false;
}

QByteArray formBody(const QList<std::pair<QString, QString>>& fields)
{
    QUrlQuery query;
    for (const auto& [name, value] : fields)
        query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    return query.toString(QUrl::FullyEncoded).toLatin1();
}

} // namespace

void TestSecurityOperations::initTestCase()
{
    m_server.setEnv(QStringLiteral("ADMIN_BOOTSTRAP_EMAIL"), kAdminEmail);
    m_server.setEnv(QStringLiteral("ADMIN_BOOTSTRAP_PASSWORD"), kAdminPassword);
    m_server.setEnv(QStringLiteral("RATE_LIMIT_PER_IP_PER_MINUTE"), QStringLiteral("100000"));
    m_server.setEnv(QStringLiteral("RATE_LIMIT_BURST"), QStringLiteral("100000"));
    // A weak secret (a critical violation) and admins without MFA (high).
    m_server.setEnv(QStringLiteral("JWT_SECRET"), kWeakJwtSecret);
    m_server.setEnv(QStringLiteral("MFA_REQUIRED_FOR_ADMIN"), QStringLiteral("false"));
    m_server.setEnv(QStringLiteral("MASTER_KEY"), kMasterKey);
    QVERIFY(m_server.start());
    m_adminToken = login(m_server, kAdminEmail, kAdminPassword);
    QVERIFY(!m_adminToken.isEmpty());
    const HttpReply me = m_server.get(QStringLiteral("/api/v1/auth/me"), bearer(m_adminToken));
    m_adminId = me.json().value(QStringLiteral("id")).toString();
    QVERIFY(!m_adminId.isEmpty());
    const Account user = createAccount(QStringLiteral("plain"));
    m_userToken = login(m_server, user.email, kPassword);
    QVERIFY(!m_userToken.isEmpty());
}

void TestSecurityOperations::cleanupTestCase()
{
    QSqlDatabase::removeDatabase(QStringLiteral("secops-test"));
}

TestSecurityOperations::Account TestSecurityOperations::createAccount(const QString& tag)
{
    Account account {QStringLiteral("%1-%2@secops.example").arg(tag).arg(++m_accounts), {}};
    const HttpReply reply = m_server.postJson(QStringLiteral("/api/v1/auth/register"),
                                              {{QStringLiteral("email"), account.email},
                                               {QStringLiteral("password"), kPassword},
                                               {QStringLiteral("name"), QStringLiteral("Ops Tester")}});
    if (reply.status == 201)
        account.id = reply.json().value(QStringLiteral("id")).toString();
    else
        qWarning() << "register failed:" << reply.status << reply.body;
    return account;
}

QString TestSecurityOperations::login(const TestServer& server, const QString& email,
                                      const QString& password) const
{
    return server
        .postJson(QStringLiteral("/api/v1/auth/login"),
                  {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}})
        .json()
        .value(QStringLiteral("access_token"))
        .toString();
}

HttpReply TestSecurityOperations::adminPost(const QString& path, const QJsonObject& body) const
{
    return m_server.postJson(path, body, bearer(m_adminToken));
}

HttpReply TestSecurityOperations::adminGet(const QString& path) const
{
    return m_server.get(path, bearer(m_adminToken));
}

// Changes the server's SQLite database directly, to age accounts or weaken
// stored strengths without waiting months.
bool TestSecurityOperations::sql(const QString& statement, const QVariantList& values)
{
    QSqlDatabase db = QSqlDatabase::contains(QStringLiteral("secops-test"))
        ? QSqlDatabase::database(QStringLiteral("secops-test"))
        : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("secops-test"));
    db.setDatabaseName(m_server.dataDir() + QStringLiteral("/auth.db"));
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.isOpen() && !db.open())
        return false;
    QSqlQuery query(db);
    query.prepare(statement);
    for (const QVariant& value : values)
        query.addBindValue(value);
    const bool ok = query.exec();
    if (!ok)
        qWarning() << statement << query.lastError().text();
    return ok && query.numRowsAffected() > 0;
}

QByteArray TestSecurityOperations::jq(const QString& filter, const QByteArray& input) const
{
    QProcess process;
    process.start(QStringLiteral("jq"), {QStringLiteral("-c"), filter});
    if (!process.waitForStarted(5000))
        return "jq not available";
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(10000);
    return process.exitCode() == 0 ? process.readAllStandardOutput()
                                   : "jq failed: " + process.readAllStandardError();
}

void TestSecurityOperations::routesNeedAnAdmin_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    const QString userPath = QStringLiteral("/admin/users/00000000-0000-4000-8000-000000000000/sessions");
    QTest::newRow("containment") << QByteArray("GET") << QStringLiteral("/admin/containment");
    QTest::newRow("isolate") << QByteArray("POST") << QStringLiteral("/admin/containment/isolate");
    QTest::newRow("restore") << QByteArray("POST") << QStringLiteral("/admin/containment/restore");
    QTest::newRow("revoke-all") << QByteArray("POST") << QStringLiteral("/admin/sessions/revoke-all");
    QTest::newRow("inactive") << QByteArray("GET") << QStringLiteral("/admin/users/inactive");
    QTest::newRow("weak-passwords") << QByteArray("GET") << QStringLiteral("/admin/security/weak-passwords");
    QTest::newRow("encryption") << QByteArray("GET") << QStringLiteral("/admin/security/encryption-status");
    QTest::newRow("sessions") << QByteArray("GET") << userPath;
    QTest::newRow("revoke sessions") << QByteArray("DELETE") << userPath;
    QTest::newRow("summary") << QByteArray("GET") << QStringLiteral("/compliance/summary");
    QTest::newRow("violations") << QByteArray("GET") << QStringLiteral("/compliance/violations");
    QTest::newRow("evidence") << QByteArray("POST") << QStringLiteral("/admin/evidence");
    QTest::newRow("evidence key") << QByteArray("GET") << QStringLiteral("/admin/evidence/public-key");
}

void TestSecurityOperations::routesNeedAnAdmin()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    const QByteArray body = method == "GET" ? QByteArray() : QByteArray(R"({"reason":"permission test"})");
    QHash<QByteArray, QByteArray> json {{"Content-Type", "application/json"}};
    HttpReply reply = m_server.request(method, path, body, json);
    QCOMPARE(reply.status, 401);
    QHash<QByteArray, QByteArray> user = bearer(m_userToken);
    user.insert("Content-Type", "application/json");
    reply = m_server.request(method, path, body, user);
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.json().value(QStringLiteral("error")).toString(), QStringLiteral("forbidden"));
    // Nothing changed for the refused callers.
    QCOMPARE(adminGet(QStringLiteral("/admin/containment")).json().value(QStringLiteral("isolated")).toBool(),
             false);
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/auth/me"), bearer(m_userToken)).status, 200);
}

void TestSecurityOperations::badInputIsRefused_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");
    const QString sessions = QStringLiteral("/admin/users/00000000-0000-4000-8000-000000000000/sessions");
    QTest::newRow("isolate without reason")
        << QByteArray("POST") << QStringLiteral("/admin/containment/isolate") << QByteArray("{}")
        << QStringLiteral("reason_required");
    QTest::newRow("isolate blank reason")
        << QByteArray("POST") << QStringLiteral("/admin/containment/isolate")
        << QByteArray(R"({"reason":"   "})") << QStringLiteral("reason_required");
    QTest::newRow("isolate dry_run not bool")
        << QByteArray("POST") << QStringLiteral("/admin/containment/isolate")
        << QByteArray(R"({"reason":"x","dry_run":"yes"})") << QStringLiteral("invalid_request");
    QTest::newRow("isolate reason not string")
        << QByteArray("POST") << QStringLiteral("/admin/containment/isolate") << QByteArray(R"({"reason":5})")
        << QStringLiteral("invalid_request");
    QTest::newRow("isolate malformed json")
        << QByteArray("POST") << QStringLiteral("/admin/containment/isolate") << QByteArray(R"({"reason":)")
        << QStringLiteral("invalid_request");
    QTest::newRow("restore without reason")
        << QByteArray("POST") << QStringLiteral("/admin/containment/restore") << QByteArray()
        << QStringLiteral("reason_required");
    QTest::newRow("revoke-all without reason")
        << QByteArray("POST") << QStringLiteral("/admin/sessions/revoke-all")
        << QByteArray(R"({"dry_run":true})") << QStringLiteral("reason_required");
    QTest::newRow("revoke sessions without reason")
        << QByteArray("DELETE") << sessions << QByteArray() << QStringLiteral("reason_required");
    QTest::newRow("inactive days 0") << QByteArray("GET") << QStringLiteral("/admin/users/inactive?days=0")
                                     << QByteArray() << QStringLiteral("invalid_request");
    QTest::newRow("inactive days text")
        << QByteArray("GET") << QStringLiteral("/admin/users/inactive?days=ninety") << QByteArray()
        << QStringLiteral("invalid_request");
    QTest::newRow("weak below 500") << QByteArray("GET")
                                    << QStringLiteral("/admin/security/weak-passwords?below=500")
                                    << QByteArray() << QStringLiteral("invalid_request");
    QTest::newRow("sessions active=maybe") << QByteArray("GET") << sessions + QStringLiteral("?active=maybe")
                                           << QByteArray() << QStringLiteral("invalid_request");
    QTest::newRow("rotate dry_run not bool")
        << QByteArray("POST") << QStringLiteral("/admin/keys/rotate") << QByteArray(R"({"dry_run":1})")
        << QStringLiteral("invalid_request");
    QTest::newRow("evidence without reason") << QByteArray("POST") << QStringLiteral("/admin/evidence")
                                             << QByteArray("{}") << QStringLiteral("reason_required");
    QTest::newRow("evidence since after until")
        << QByteArray("POST") << QStringLiteral("/admin/evidence")
        << QByteArray(R"({"reason":"x","since":"2026-01-02T00:00:00Z","until":"2026-01-01T00:00:00Z"})")
        << QStringLiteral("invalid_request");
    QTest::newRow("evidence bad date")
        << QByteArray("POST") << QStringLiteral("/admin/evidence")
        << QByteArray(R"({"reason":"x","since":"yesterday"})") << QStringLiteral("invalid_request");
    QTest::newRow("evidence two years")
        << QByteArray("POST") << QStringLiteral("/admin/evidence")
        << QByteArray(R"({"reason":"x","since":0,"until":63072000})") << QStringLiteral("invalid_request");
}

void TestSecurityOperations::badInputIsRefused()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    QHash<QByteArray, QByteArray> headers = bearer(m_adminToken);
    if (!body.isEmpty())
        headers.insert("Content-Type", "application/json");
    const HttpReply reply = m_server.request(method, path, body, headers);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json().value(QStringLiteral("error")).toString(), error);
    QVERIFY(!reply.json().value(QStringLiteral("error_description")).toString().isEmpty());
    QCOMPARE(adminGet(QStringLiteral("/admin/containment")).json().value(QStringLiteral("isolated")).toBool(),
             false);
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/auth/me"), bearer(m_userToken)).status, 200);
}

void TestSecurityOperations::inactiveUsersReport()
{
    const Account old = createAccount(QStringLiteral("dormant"));
    const Account recent = createAccount(QStringLiteral("recent"));
    QVERIFY(!login(m_server, recent.email, kPassword).isEmpty());
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QVERIFY(sql(QStringLiteral("UPDATE users SET created_at = ? WHERE id = ?"), {now - 120 * 86400, old.id}));

    const HttpReply reply = adminGet(QStringLiteral("/admin/users/inactive?days=90"));
    QCOMPARE(reply.status, 200);
    QJsonObject found;
    for (const QJsonValue& user : reply.json().value(QStringLiteral("users")).toArray()) {
        if (user.toObject().value(QStringLiteral("email")).toString() == old.email)
            found = user.toObject();
        QVERIFY(user.toObject().value(QStringLiteral("email")).toString() != recent.email);
    }
    QCOMPARE(found.value(QStringLiteral("id")).toString(), old.id);
    QVERIFY(found.value(QStringLiteral("last_login")).isNull());
    QCOMPARE(found.value(QStringLiteral("days_inactive")).toInt(), 120);
    QCOMPARE(qint64(found.value(QStringLiteral("created_at")).toDouble()), now - 120 * 86400);

    // The runbook's monthly filter, as written.
    const QByteArray out
        = jq(QStringLiteral(".users[] | select(.last_login < (now - 86400*30))"), reply.body);
    QVERIFY2(out.contains(old.email.toUtf8()), out.constData());
    QVERIFY(!out.contains(recent.email.toUtf8()));
    // Logged in long ago: last_login is Unix seconds.
    QVERIFY(
        sql(QStringLiteral("UPDATE users SET last_login_at = ? WHERE id = ?"), {now - 100 * 86400, old.id}));
    const HttpReply again = adminGet(QStringLiteral("/admin/users/inactive?days=90"));
    QVERIFY(jq(QStringLiteral(".users[] | select(.email == \"%1\") | .last_login").arg(old.email), again.body)
                .trimmed()
            == QByteArray::number(now - 100 * 86400));
}

void TestSecurityOperations::weakPasswordsReport()
{
    const Account weak = createAccount(QStringLiteral("weak"));
    QVERIFY(sql(QStringLiteral("UPDATE users SET password_strength = 35 WHERE id = ?"), {weak.id}));
    const HttpReply reply = adminGet(QStringLiteral("/admin/security/weak-passwords"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("threshold")).toInt(), 60);
    QJsonObject found;
    for (const QJsonValue& entry : reply.json().value(QStringLiteral("weak_passwords")).toArray()) {
        QVERIFY(entry.toObject().value(QStringLiteral("strength")).toInt() < 60);
        if (entry.toObject().value(QStringLiteral("user_id")).toString() == weak.id)
            found = entry.toObject();
    }
    QCOMPARE(found.value(QStringLiteral("email")).toString(), weak.email);
    QCOMPARE(found.value(QStringLiteral("strength")).toInt(), 35);
    QVERIFY(
        found.value(QStringLiteral("reasons")).toArray().contains(QStringLiteral("below_policy_minimum")));
    QVERIFY(!reply.body.contains("password_hash") && !reply.body.contains("$argon2"));
    const QByteArray out = jq(QStringLiteral(".weak_passwords[] | select(.strength < 60)"), reply.body);
    QVERIFY2(out.contains(weak.email.toUtf8()), out.constData());
    // A stricter threshold narrows the list.
    const HttpReply strict = adminGet(QStringLiteral("/admin/security/weak-passwords?below=30"));
    QVERIFY(!strict.body.contains(weak.email.toUtf8()));
}

void TestSecurityOperations::encryptionStatus()
{
    const HttpReply reply = adminGet(QStringLiteral("/admin/security/encryption-status"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(jq(QStringLiteral(".encryption_enabled"), reply.body).trimmed(), QByteArray("true"));
    const QJsonObject status = reply.json();
    const QJsonObject transit = status.value(QStringLiteral("in_transit")).toObject();
    QCOMPARE(transit.value(QStringLiteral("tls")).toBool(), true);
    QVERIFY(!transit.value(QStringLiteral("ciphers")).toArray().isEmpty());
    QVERIFY(transit.value(QStringLiteral("versions")).toArray().contains(QStringLiteral("TLSv1.3")));
    const QJsonObject signing = status.value(QStringLiteral("at_rest")).toArray().first().toObject();
    QCOMPARE(signing.value(QStringLiteral("what")).toString(), QStringLiteral("signing private keys"));
    QCOMPARE(signing.value(QStringLiteral("algorithm")).toString(), QStringLiteral("AES-256-GCM"));
    QCOMPARE(signing.value(QStringLiteral("key_source")).toString(), QStringLiteral("MASTER_KEY"));
    const QJsonObject hashing = status.value(QStringLiteral("password_hashing")).toObject();
    QCOMPARE(hashing.value(QStringLiteral("algorithm")).toString(), QStringLiteral("argon2id"));
    QCOMPARE(hashing.value(QStringLiteral("memory_kib")).toInt(), 19456);
    QCOMPARE(hashing.value(QStringLiteral("meets_owasp_minimum")).toBool(), true);
    QVERIFY(!reply.body.contains(kMasterKey.toUtf8()));
}

void TestSecurityOperations::complianceSummaryAndViolations()
{
    const HttpReply summary = adminGet(QStringLiteral("/compliance/summary"));
    QCOMPARE(summary.status, 200);
    QVERIFY(
        QDateTime::fromString(summary.json().value(QStringLiteral("generated_at")).toString(), Qt::ISODate)
            .isValid());
    const QJsonArray frameworks = summary.json().value(QStringLiteral("frameworks")).toArray();
    QStringList ids;
    for (const QJsonValue& value : frameworks) {
        const QJsonObject framework = value.toObject();
        ids.append(framework.value(QStringLiteral("id")).toString());
        int passed = 0;
        int failed = 0;
        for (const QJsonValue& check : framework.value(QStringLiteral("checks")).toArray()) {
            const QString status = check.toObject().value(QStringLiteral("status")).toString();
            QVERIFY2(status == QLatin1String("pass") || status == QLatin1String("fail")
                         || status == QLatin1String("not_applicable"),
                     qPrintable(status));
            for (const char* field : {"id", "control", "title", "severity", "detail"})
                QVERIFY2(check.toObject().value(QLatin1String(field)).isString(), field);
            passed += status == QLatin1String("pass");
            failed += status == QLatin1String("fail");
        }
        QCOMPARE(framework.value(QStringLiteral("passed")).toInt(), passed);
        QCOMPARE(framework.value(QStringLiteral("failed")).toInt(), failed);
        QVERIFY(passed > 0);
    }
    QCOMPARE(ids,
             (QStringList {QStringLiteral("nist-800-63b"), QStringLiteral("owasp-asvs-l2"),
                           QStringLiteral("soc2-cc6")}));
    QCOMPARE(jq(QStringLiteral(".frameworks | map(.name)"), summary.body).trimmed(),
             QByteArray(R"(["NIST SP 800-63B","OWASP ASVS 4.0.3 Level 2","SOC 2 CC6"])"));

    const HttpReply violations = adminGet(QStringLiteral("/compliance/violations"));
    QCOMPARE(violations.status, 200);
    auto idsOf = [&](const char* list) {
        QStringList found;
        for (const QJsonValue& v : violations.json().value(QLatin1String(list)).toArray()) {
            const QJsonObject violation = v.toObject();
            for (const char* field : {"id", "framework", "control", "severity", "finding", "remediation"})
                [&] { QVERIFY2(!violation.value(QLatin1String(field)).toString().isEmpty(), field); }();
            found.append(violation.value(QStringLiteral("id")).toString());
        }
        return found;
    };
    const QStringList critical = idsOf("critical_violations");
    const QStringList high = idsOf("high_violations");
    QVERIFY2(critical.contains(QStringLiteral("asvs-secrets")), qPrintable(critical.join(',')));
    QVERIFY2(high.contains(QStringLiteral("nist-aal2-admins")), qPrintable(high.join(',')));
    QVERIFY2(high.contains(QStringLiteral("nist-admins-enrolled")), qPrintable(high.join(',')));
    QVERIFY(!critical.contains(QStringLiteral("asvs-tls")) && !high.contains(QStringLiteral("asvs-tls")));
    QVERIFY(violations.json().value(QStringLiteral("medium_violations")).isArray());
    QVERIFY(violations.json().value(QStringLiteral("low_violations")).isArray());
    const QByteArray out = jq(QStringLiteral(".critical_violations[]"), violations.body);
    QVERIFY2(out.contains("JWT_SECRET is a well-known default"), out.constData());
    // The finding names the setting, never its value.
    QVERIFY(!violations.body.contains("\"changeme\"") && !violations.body.contains(": changeme"));
    QVERIFY(!summary.body.contains(kMasterKey.toUtf8()));
}

void TestSecurityOperations::userSessionsListAndRevoke()
{
    const Account account = createAccount(QStringLiteral("sessions"));
    const QString first = login(m_server, account.email, kPassword);
    const QString second = login(m_server, account.email, kPassword);
    const QString path = QStringLiteral("/admin/users/%1/sessions").arg(account.id);
    HttpReply reply = adminGet(path);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("sessions")).toArray().size(), 2);

    const QString reason = QStringLiteral("device reported stolen");
    QHash<QByteArray, QByteArray> headers = bearer(m_adminToken);
    headers.insert("Content-Type", "application/json");
    reply = m_server.request(
        "DELETE", path,
        jsonBody({{QStringLiteral("reason"), reason}, {QStringLiteral("dry_run"), true}}).toUtf8(), headers);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("sessions")).toInt(), 2);
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/auth/me"), bearer(first)).status, 200);

    reply
        = m_server.request("DELETE", path, jsonBody({{QStringLiteral("reason"), reason}}).toUtf8(), headers);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("sessions_revoked")).toInt(), 2);
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/auth/me"), bearer(first)).status, 401);
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/auth/me"), bearer(second)).status, 401);
    QCOMPARE(adminGet(path).json().value(QStringLiteral("sessions")).toArray().size(), 0);
    QCOMPARE(adminGet(path + QStringLiteral("?active=false"))
                 .json()
                 .value(QStringLiteral("sessions"))
                 .toArray()
                 .size(),
             2);
    // Idempotent: nothing left to revoke.
    reply
        = m_server.request("DELETE", path, jsonBody({{QStringLiteral("reason"), reason}}).toUtf8(), headers);
    QCOMPARE(reply.json().value(QStringLiteral("sessions_revoked")).toInt(), 0);
    QVERIFY(audited(m_server, QStringLiteral("users.revoke_sessions"), reason));
    // Others keep theirs; unknown users are 404.
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/auth/me"), bearer(m_userToken)).status, 200);
    const QString missing = QStringLiteral("/admin/users/00000000-0000-4000-8000-000000000000/sessions");
    QCOMPARE(adminGet(missing).status, 404);
    QCOMPARE(
        m_server.request("DELETE", missing, jsonBody({{QStringLiteral("reason"), reason}}).toUtf8(), headers)
            .status,
        404);
}

void TestSecurityOperations::keyRotationDryRunChangesNothing()
{
    const QByteArray jwksBefore = m_server.get(QStringLiteral("/.well-known/jwks.json")).body;
    const QString kid = QJsonDocument::fromJson(jwksBefore)
                            .object()
                            .value(QStringLiteral("keys"))
                            .toArray()
                            .first()
                            .toObject()
                            .value(QStringLiteral("kid"))
                            .toString();
    const QString reason = QStringLiteral("rehearsal");
    HttpReply reply = adminPost(QStringLiteral("/admin/keys/rotate"),
                                {{QStringLiteral("emergency"), true},
                                 {QStringLiteral("dry_run"), true},
                                 {QStringLiteral("reason"), reason}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("dry_run")).toBool(), true);
    QCOMPARE(reply.json().value(QStringLiteral("current_active")).toString(), kid);
    QVERIFY(reply.json().value(QStringLiteral("would_retire")).toArray().contains(kid));
    QCOMPARE(m_server.get(QStringLiteral("/.well-known/jwks.json")).body, jwksBefore);
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/auth/me"), bearer(m_adminToken)).status, 200);
    QVERIFY(audited(m_server, QStringLiteral("keys.rotate"), reason));
}

void TestSecurityOperations::isolateAndRestore()
{
    const Account account = createAccount(QStringLiteral("isolated"));
    const QString reason = QStringLiteral("INC-4711 credential stuffing from botnet");

    HttpReply reply = adminPost(QStringLiteral("/admin/containment/isolate"),
                                {{QStringLiteral("reason"), reason}, {QStringLiteral("dry_run"), true}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("would_change")).toBool(), true);
    QVERIFY(!login(m_server, account.email, kPassword).isEmpty());

    reply = adminPost(QStringLiteral("/admin/containment/isolate"), {{QStringLiteral("reason"), reason}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("isolated")).toBool(), true);
    QCOMPARE(reply.json().value(QStringLiteral("already_isolated")).toBool(), false);
    reply = adminPost(QStringLiteral("/admin/containment/isolate"), {{QStringLiteral("reason"), reason}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("already_isolated")).toBool(), true);

    const HttpReply refused = m_server.postJson(
        QStringLiteral("/api/v1/auth/login"),
        {{QStringLiteral("email"), account.email}, {QStringLiteral("password"), kPassword}});
    QCOMPARE(refused.status, 503);
    QCOMPARE(refused.json().value(QStringLiteral("error")).toString(), QStringLiteral("service_isolated"));
    QVERIFY(refused.header("retry-after").toInt() > 0);
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/auth/me"), bearer(m_userToken)).status, 503);
    QCOMPARE(m_server.postJson(QStringLiteral("/api/v1/auth/register"), {}).status, 503);
    QCOMPARE(m_server.get(QStringLiteral("/health")).status, 200);
    QCOMPARE(m_server.get(QStringLiteral("/.well-known/jwks.json")).status, 200);
    QCOMPARE(adminGet(QStringLiteral("/admin/users")).status, 200);
    QCOMPARE(adminGet(QStringLiteral("/compliance/summary")).status, 200);
    const QJsonObject state = adminGet(QStringLiteral("/admin/containment")).json();
    QCOMPARE(state.value(QStringLiteral("state")).toString(), QStringLiteral("isolated"));
    QCOMPARE(state.value(QStringLiteral("by")).toString(), m_adminId);
    QCOMPARE(state.value(QStringLiteral("reason")).toString(), reason);
    QVERIFY(qAbs(qint64(state.value(QStringLiteral("since")).toDouble()) - QDateTime::currentSecsSinceEpoch())
            < 10);
    QVERIFY(audited(m_server, QStringLiteral("containment.isolate"), reason));
    QCOMPARE(events(m_server, QStringLiteral("service_isolated")).size(), 1); // the repeat changed nothing

    const QString restoreReason = QStringLiteral("INC-4711 contained");
    reply = adminPost(QStringLiteral("/admin/containment/restore"),
                      {{QStringLiteral("reason"), restoreReason}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("isolated")).toBool(), false);
    QVERIFY(!login(m_server, account.email, kPassword).isEmpty());
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/auth/me"), bearer(m_userToken)).status, 200);
    reply = adminPost(QStringLiteral("/admin/containment/restore"),
                      {{QStringLiteral("reason"), restoreReason}});
    QCOMPARE(reply.json().value(QStringLiteral("already_normal")).toBool(), true);
    QVERIFY(audited(m_server, QStringLiteral("containment.restore"), restoreReason));
}

void TestSecurityOperations::isolationSurvivesRestartAndReachesOtherInstances()
{
    // A second instance on the same database (and master key) follows the first.
    m_peer = std::make_unique<TestServer>();
    m_peer->setEnv(QStringLiteral("DATABASE_URL"),
                   QStringLiteral("sqlite:") + m_server.dataDir() + QStringLiteral("/auth.db"));
    m_peer->setEnv(QStringLiteral("MASTER_KEY"), kMasterKey);
    m_peer->setEnv(QStringLiteral("RATE_LIMIT_PER_IP_PER_MINUTE"), QStringLiteral("100000"));
    m_peer->setEnv(QStringLiteral("RATE_LIMIT_BURST"), QStringLiteral("100000"));
    // It believes X-Forwarded-For from loopback, to stand for a remote admin.
    m_peer->setEnv(QStringLiteral("TRUSTED_PROXIES"), QStringLiteral("127.0.0.1/32"));
    QVERIFY(m_peer->start());
    const QString peerAdmin = login(*m_peer, kAdminEmail, kAdminPassword);
    QVERIFY(!peerAdmin.isEmpty());
    QHash<QByteArray, QByteArray> remote = bearer(peerAdmin);
    remote.insert("X-Forwarded-For", "203.0.113.9");

    const QString reason = QStringLiteral("INC-4712 restart drill");
    // Isolating from outside the isolation networks would lock the caller out.
    const HttpReply outside = m_peer->postJson(QStringLiteral("/admin/containment/isolate"),
                                               {{QStringLiteral("reason"), reason}}, remote);
    QCOMPARE(outside.status, 409);
    QCOMPARE(outside.json().value(QStringLiteral("error")).toString(),
             QStringLiteral("caller_outside_isolation_networks"));
    QCOMPARE(m_peer->get(QStringLiteral("/admin/users"), remote).status, 200);
    QCOMPARE(
        adminPost(QStringLiteral("/admin/containment/isolate"), {{QStringLiteral("reason"), reason}}).status,
        200);
    QElapsedTimer seen;
    seen.start();
    QTRY_COMPARE_WITH_TIMEOUT(m_peer->postJson(QStringLiteral("/api/v1/auth/login"), {}).status, 503, 3000);
    qInfo("the other instance refused logins %lld ms after isolation", seen.elapsed());
    QVERIFY(seen.elapsed() < 2500);
    // While isolated the admin API answers only from the isolation networks.
    const HttpReply remoteAdmin = m_peer->get(QStringLiteral("/admin/users"), remote);
    QCOMPARE(remoteAdmin.status, 503);
    QCOMPARE(remoteAdmin.json().value(QStringLiteral("error")).toString(),
             QStringLiteral("service_isolated"));
    QCOMPARE(m_peer->get(QStringLiteral("/admin/users"), bearer(peerAdmin)).status, 200);

    m_server.stop();
    QVERIFY(m_server.start());
    QCOMPARE(
        m_server
            .postJson(QStringLiteral("/api/v1/auth/login"),
                      {{QStringLiteral("email"), kAdminEmail}, {QStringLiteral("password"), kAdminPassword}})
            .status,
        503);
    // The admin's session outlived the restart: restore from it.
    QCOMPARE(
        adminPost(QStringLiteral("/admin/containment/restore"), {{QStringLiteral("reason"), reason}}).status,
        200);
    QVERIFY(!login(m_server, kAdminEmail, kAdminPassword).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!login(*m_peer, kAdminEmail, kAdminPassword).isEmpty(), 3000);
    m_peer->stop();
}

void TestSecurityOperations::revokeAllInvalidatesEveryEarlierToken()
{
    // A client_credentials token (no session) and a user's session token and refresh token.
    const HttpReply client
        = adminPost(QStringLiteral("/admin/clients"),
                    {{QStringLiteral("name"), QStringLiteral("Reporting job")},
                     {QStringLiteral("confidential"), true},
                     {QStringLiteral("grant_types"), QJsonArray {QStringLiteral("client_credentials")}},
                     {QStringLiteral("scopes"), QJsonArray {QStringLiteral("read")}}});
    QCOMPARE(client.status, 201);
    const QByteArray basic = "Basic "
        + (client.json().value(QStringLiteral("client_id")).toString() + QLatin1Char(':')
           + client.json().value(QStringLiteral("client_secret")).toString())
              .toUtf8()
              .toBase64();
    QHash<QByteArray, QByteArray> form {{"Content-Type", "application/x-www-form-urlencoded"},
                                        {"Authorization", basic}};
    const QString clientToken
        = m_server
              .request("POST", QStringLiteral("/oauth/token"),
                       formBody({{QStringLiteral("grant_type"), QStringLiteral("client_credentials")}}), form)
              .json()
              .value(QStringLiteral("access_token"))
              .toString();
    QVERIFY(!clientToken.isEmpty());
    auto introspect = [&](const QString& token) {
        return m_server
            .request("POST", QStringLiteral("/oauth/introspect"),
                     formBody({{QStringLiteral("token"), token}}), form)
            .json()
            .value(QStringLiteral("active"))
            .toBool();
    };
    const Account account = createAccount(QStringLiteral("revoked"));
    const HttpReply session = m_server.postJson(
        QStringLiteral("/api/v1/auth/login"),
        {{QStringLiteral("email"), account.email}, {QStringLiteral("password"), kPassword}});
    const QString userToken = session.json().value(QStringLiteral("access_token")).toString();
    const QString refresh = session.json().value(QStringLiteral("refresh_token")).toString();
    QVERIFY(introspect(userToken) && introspect(clientToken));

    const QString reason = QStringLiteral("INC-4713 signing host compromised");
    HttpReply reply = adminPost(QStringLiteral("/admin/sessions/revoke-all"),
                                {{QStringLiteral("reason"), reason}, {QStringLiteral("dry_run"), true}});
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.json().value(QStringLiteral("sessions")).toInt() >= 3);
    QVERIFY(reply.json().value(QStringLiteral("refresh_tokens")).toInt() >= 2);
    QVERIFY(introspect(userToken));
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/auth/me"), bearer(userToken)).status, 200);

    reply = adminPost(QStringLiteral("/admin/sessions/revoke-all"), {{QStringLiteral("reason"), reason}});
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.json().value(QStringLiteral("sessions_revoked")).toInt() >= 3);
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/auth/me"), bearer(userToken)).status, 401);
    QCOMPARE(introspect(userToken), false);
    QCOMPARE(introspect(clientToken), false);
    QCOMPARE(
        m_server
            .postJson(QStringLiteral("/api/v1/auth/refresh"), {{QStringLiteral("refresh_token"), refresh}})
            .status,
        401);
    QCOMPARE(adminGet(QStringLiteral("/admin/containment")).status, 401); // the admin's own session too
    QVERIFY(!events(m_server, QStringLiteral("sessions_revoked")).isEmpty());

    // Signing in again works; the mark survives a restart.
    m_adminToken = login(m_server, kAdminEmail, kAdminPassword);
    QVERIFY(!m_adminToken.isEmpty());
    QVERIFY(audited(m_server, QStringLiteral("sessions.revoke_all"), reason));
    const QString fresh = login(m_server, account.email, kPassword);
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/auth/me"), bearer(fresh)).status, 200);
    m_server.stop();
    QVERIFY(m_server.start());
    QCOMPARE(introspect(clientToken), false);
    QCOMPARE(introspect(userToken), false);
    QCOMPARE(m_server.get(QStringLiteral("/api/v1/auth/me"), bearer(fresh)).status, 200);
    // Idempotent: a second run has nothing left but still succeeds.
    m_adminToken = login(m_server, kAdminEmail, kAdminPassword);
    reply = adminPost(QStringLiteral("/admin/sessions/revoke-all"),
                      {{QStringLiteral("reason"), reason}, {QStringLiteral("dry_run"), true}});
    QCOMPARE(reply.status, 200);
}

QTEST_GUILESS_MAIN(TestSecurityOperations)
#include "TestSecurityOperations.moc"
