#include "TestServer.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

using namespace auth::test;

// The OAuth 2.0 / OpenID Connect endpoints driven by an independent, certified
// relying party: the npm package `openid-client` (v6), run by
// tests/interop/oidc-flows.mjs against the real binary over HTTPS. It checks
// discovery, client authentication, introspection, revocation, the code flow
// with PKCE and nonce (ID token signature via JWKS, iss, aud), userinfo and
// refresh token rotation by the specifications, not by our own reading of them.
// node and tests/interop/node_modules come from scripts/install-deps; without
// them this test fails rather than skips, so a missing install cannot pass CI.
class TestOpenIdClientInterop : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void discovery();
    void clientCredentials();
    void introspectionAndRevocation();
    void authorizationRequestAsBuilt();
    void publicAuthorizationRequestAsBuilt();
    void authorizationCodeWithPkce();
    void userInfo();
    void refreshRotationAndReuse();
    void publicClient();

private:
    QJsonObject createClient(const QJsonObject& body);
    QJsonObject runScript(const QJsonObject& config);
    void verifyStep(const QString& name);
    QJsonObject step(const QString& name) const { return m_steps.value(name).toObject(); }

    TestServer m_server;
    QString m_node;
    QString m_interopDir;
    QString m_adminToken;
    QString m_userId;
    QJsonObject m_output;
    QJsonObject m_steps;
};

namespace {

const QString AdminEmail = QStringLiteral("root@oidc.example");
const QString AdminPassword = QStringLiteral("Tangerine-Voltage-Harbor-42");
const QString UserEmail = QStringLiteral("carol@oidc.example");
const QString UserPassword = QStringLiteral("Marmalade-Quasar-Lantern-77");
const QString UserName = QStringLiteral("Carol Example");
// Never followed: the script only reads the Location header.
const QString ConfidentialRedirect = QStringLiteral("https://127.0.0.1/cb");
const QString PublicRedirect = QStringLiteral("http://127.0.0.1:8765/cb");

QString login(const TestServer& server, const QString& email, const QString& password)
{
    const HttpReply reply
        = server.postJson(QStringLiteral("/api/v1/auth/login"),
                          {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}});
    if (reply.status != 200)
        qWarning() << "login failed:" << reply.status << reply.body;
    return reply.json().value(QStringLiteral("access_token")).toString();
}

} // namespace

// verifyStep() in a slot, which stops at the first failed step.
#define VERIFY_STEP(name)                                                                                    \
    do {                                                                                                     \
        verifyStep(QStringLiteral(name));                                                                    \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)

void TestOpenIdClientInterop::initTestCase()
{
    m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
    QVERIFY2(!m_node.isEmpty(), "node is not on PATH: run scripts/install-deps");
    m_interopDir = QStringLiteral(AUTH_SOURCE_DIR "/tests/interop");
    QVERIFY2(QFileInfo::exists(m_interopDir + QStringLiteral("/node_modules/openid-client/package.json")),
             qPrintable(QStringLiteral("%1/node_modules/openid-client is missing: run scripts/install-deps "
                                       "(it runs npm install there)")
                            .arg(m_interopDir)));

    m_server.setEnv(QStringLiteral("ADMIN_BOOTSTRAP_EMAIL"), AdminEmail);
    m_server.setEnv(QStringLiteral("ADMIN_BOOTSTRAP_PASSWORD"), AdminPassword);
    m_server.setEnv(QStringLiteral("RATE_LIMIT_BURST"), QStringLiteral("1000"));
    QVERIFY(m_server.start());

    const HttpReply registered = m_server.postJson(QStringLiteral("/api/v1/auth/register"),
                                                   {{QStringLiteral("email"), UserEmail},
                                                    {QStringLiteral("password"), UserPassword},
                                                    {QStringLiteral("name"), UserName}});
    QVERIFY2(registered.status == 201, registered.body.constData());
    const QString userToken = login(m_server, UserEmail, UserPassword);
    QVERIFY(!userToken.isEmpty());
    m_userId
        = m_server
              .get(QStringLiteral("/api/v1/auth/me"), {{"Authorization", "Bearer " + userToken.toLatin1()}})
              .json()
              .value(QStringLiteral("id"))
              .toString();
    QVERIFY(!m_userId.isEmpty());
    m_adminToken = login(m_server, AdminEmail, AdminPassword);
    QVERIFY(!m_adminToken.isEmpty());

    const QJsonObject confidential
        = createClient({{QStringLiteral("name"), QStringLiteral("openid-client confidential")},
                        {QStringLiteral("confidential"), true},
                        {QStringLiteral("redirect_uris"), QJsonArray {ConfidentialRedirect}},
                        {QStringLiteral("grant_types"),
                         QJsonArray {QStringLiteral("client_credentials"),
                                     QStringLiteral("authorization_code"), QStringLiteral("refresh_token")}},
                        {QStringLiteral("scopes"),
                         QJsonArray {QStringLiteral("openid"), QStringLiteral("profile"),
                                     QStringLiteral("email"), QStringLiteral("read")}}});
    const QJsonObject publicClient = createClient(
        {{QStringLiteral("name"), QStringLiteral("openid-client public")},
         {QStringLiteral("confidential"), false},
         {QStringLiteral("redirect_uris"), QJsonArray {PublicRedirect}},
         {QStringLiteral("grant_types"), QJsonArray {QStringLiteral("authorization_code")}},
         {QStringLiteral("scopes"), QJsonArray {QStringLiteral("openid"), QStringLiteral("email")}}});
    QVERIFY(!confidential.value(QStringLiteral("client_secret")).toString().isEmpty());
    QVERIFY(!publicClient.value(QStringLiteral("client_id")).toString().isEmpty());

    const QJsonObject config {
        {QStringLiteral("issuer"), m_server.baseUrl()},
        {QStringLiteral("ca"), m_server.certificatePath()},
        {QStringLiteral("confidential"),
         QJsonObject {{QStringLiteral("client_id"), confidential.value(QStringLiteral("client_id"))},
                      {QStringLiteral("client_secret"), confidential.value(QStringLiteral("client_secret"))},
                      {QStringLiteral("redirect_uri"), ConfidentialRedirect},
                      {QStringLiteral("cc_scope"), QStringLiteral("read")}}},
        {QStringLiteral("public"),
         QJsonObject {{QStringLiteral("client_id"), publicClient.value(QStringLiteral("client_id"))},
                      {QStringLiteral("redirect_uri"), PublicRedirect}}},
        {QStringLiteral("user"),
         QJsonObject {{QStringLiteral("email"), UserEmail}, {QStringLiteral("password"), UserPassword}}}};
    m_output = runScript(config);
    QVERIFY2(!m_output.isEmpty(), "oidc-flows.mjs printed no JSON");
    QVERIFY2(!m_output.contains(QStringLiteral("error")),
             qPrintable(m_output.value(QStringLiteral("error")).toString()));
    m_steps = m_output.value(QStringLiteral("steps")).toObject();
    QVERIFY(!m_steps.isEmpty());
}

QJsonObject TestOpenIdClientInterop::createClient(const QJsonObject& body)
{
    const HttpReply reply = m_server.postJson(QStringLiteral("/admin/clients"), body,
                                              {{"Authorization", "Bearer " + m_adminToken.toLatin1()}});
    if (reply.status != 201)
        qWarning() << "POST /admin/clients:" << reply.status << reply.body;
    return reply.status == 201 ? reply.json() : QJsonObject();
}

// Runs tests/interop/oidc-flows.mjs once; its JSON output, or {} after a problem.
QJsonObject TestOpenIdClientInterop::runScript(const QJsonObject& config)
{
    QProcess node;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("NODE_EXTRA_CA_CERTS"), m_server.certificatePath());
    node.setProcessEnvironment(env);
    node.setWorkingDirectory(m_interopDir);
    node.start(m_node,
               {m_interopDir + QStringLiteral("/oidc-flows.mjs"),
                QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact))});
    if (!node.waitForFinished(120000)) {
        node.kill();
        node.waitForFinished();
        qWarning() << "oidc-flows.mjs timed out";
        return {};
    }
    const QByteArray out = node.readAllStandardOutput();
    const QByteArray err = node.readAllStandardError();
    if (!err.isEmpty())
        qWarning().noquote() << "oidc-flows.mjs stderr:" << err;
    if (node.exitCode() != 0)
        qWarning().noquote() << "oidc-flows.mjs exit" << node.exitCode() << "output:" << out;
    return QJsonDocument::fromJson(out).object();
}

// A step must be present and ok; the failure message is the script's report.
void TestOpenIdClientInterop::verifyStep(const QString& name)
{
    QVERIFY2(m_steps.contains(name), qPrintable(QStringLiteral("step %1 did not run").arg(name)));
    const QJsonObject result = step(name);
    QVERIFY2(result.value(QStringLiteral("ok")).toBool(),
             qPrintable(QStringLiteral("%1: %2").arg(
                 name, QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact)))));
}

void TestOpenIdClientInterop::discovery()
{
    VERIFY_STEP("discovery");
    QCOMPARE(step(QStringLiteral("discovery")).value(QStringLiteral("issuer")).toString(),
             m_server.baseUrl());
    QCOMPARE(step(QStringLiteral("discovery")).value(QStringLiteral("supportsPKCE")).toBool(), true);
}

void TestOpenIdClientInterop::clientCredentials()
{
    VERIFY_STEP("client_credentials_post");
    VERIFY_STEP("client_credentials_basic");
    QCOMPARE(step(QStringLiteral("client_credentials_basic")).value(QStringLiteral("scope")).toString(),
             QStringLiteral("read"));
}

void TestOpenIdClientInterop::introspectionAndRevocation()
{
    VERIFY_STEP("introspection_active");
    QCOMPARE(step(QStringLiteral("introspection_active")).value(QStringLiteral("scope")).toString(),
             QStringLiteral("read"));
    VERIFY_STEP("revocation");
    VERIFY_STEP("introspection_after_revocation");
}

void TestOpenIdClientInterop::authorizationRequestAsBuilt()
{
    // The URL exactly as openid-client builds it (scope spaces as '+'). When
    // this fails the script goes on with %20, so the later steps still run.
    VERIFY_STEP("authorization_request");
}

void TestOpenIdClientInterop::publicAuthorizationRequestAsBuilt()
{
    VERIFY_STEP("public_authorization_request");
}

void TestOpenIdClientInterop::authorizationCodeWithPkce()
{
    VERIFY_STEP("authorization_code");
    const QJsonObject result = step(QStringLiteral("authorization_code"));
    QCOMPARE(result.value(QStringLiteral("sub")).toString(), m_userId);
    QCOMPARE(result.value(QStringLiteral("iss")).toString(), m_server.baseUrl());
    QCOMPARE(result.value(QStringLiteral("id_token_email")).toString(), UserEmail);
    QVERIFY(result.value(QStringLiteral("callback_params")).toArray().contains(QStringLiteral("iss")));
}

void TestOpenIdClientInterop::userInfo()
{
    VERIFY_STEP("userinfo");
    QCOMPARE(step(QStringLiteral("userinfo")).value(QStringLiteral("sub")).toString(), m_userId);
    QCOMPARE(step(QStringLiteral("userinfo")).value(QStringLiteral("name")).toString(), UserName);
}

void TestOpenIdClientInterop::refreshRotationAndReuse()
{
    VERIFY_STEP("refresh_rotation");
    VERIFY_STEP("refresh_reuse_refused");
    VERIFY_STEP("refresh_family_revoked");
}

void TestOpenIdClientInterop::publicClient()
{
    VERIFY_STEP("public_discovery");
    VERIFY_STEP("public_authorization_code");
    QCOMPARE(step(QStringLiteral("public_authorization_code")).value(QStringLiteral("sub")).toString(),
             m_userId);
}

QTEST_GUILESS_MAIN(TestOpenIdClientInterop)
#include "TestOpenIdClientInterop.moc"
