#include "TestServer.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

using namespace auth::test;

// Our access tokens verified by an independent implementation: the npm package
// `jose`, fetching /.well-known/jwks.json over HTTPS like any resource server.
// node and tests/interop/node_modules come from scripts/install-deps; without
// them this test fails rather than skips, so a missing install cannot pass CI.
class TestJoseInterop : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void freshTokenVerifies();
    void tamperedTokenDoesNot();
    void bothTokensVerifyAcrossRotation();

private:
    QJsonObject verifyWithJose(const QStringList& tokens);
    QString login();

    TestServer m_server;
    QString m_node;
    QString m_interopDir;
};

namespace {

const QString kAdminEmail = QStringLiteral("root@jose.example");
const QString kAdminPassword = QStringLiteral("Tangerine-Voltage-Harbor-42");

QJsonObject jwtHeader(const QString& token)
{
    const QByteArray encoded = token.toLatin1().split('.').value(0);
    return QJsonDocument::fromJson(QByteArray::fromBase64(encoded, QByteArray::Base64UrlEncoding)).object();
}

QStringList jwksKids(const TestServer& server)
{
    QStringList kids;
    for (const QJsonValue& key :
         server.get(QStringLiteral("/.well-known/jwks.json")).json().value(QStringLiteral("keys")).toArray())
        kids.append(key.toObject().value(QStringLiteral("kid")).toString());
    kids.sort();
    return kids;
}

} // namespace

void TestJoseInterop::initTestCase()
{
    m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
    QVERIFY2(!m_node.isEmpty(), "node is not on PATH: run scripts/install-deps");
    m_interopDir = QStringLiteral(AUTH_SOURCE_DIR "/tests/interop");
    QVERIFY2(QFileInfo::exists(m_interopDir + QStringLiteral("/node_modules/jose/package.json")),
             qPrintable(QStringLiteral("%1/node_modules/jose is missing: run scripts/install-deps "
                                       "(it runs npm install there)")
                            .arg(m_interopDir)));
    m_server.setEnv(QStringLiteral("ADMIN_BOOTSTRAP_EMAIL"), kAdminEmail);
    m_server.setEnv(QStringLiteral("ADMIN_BOOTSTRAP_PASSWORD"), kAdminPassword);
    QVERIFY(m_server.start());
}

QString TestJoseInterop::login()
{
    const HttpReply reply = m_server.postJson(
        QStringLiteral("/api/v1/auth/login"),
        {{QStringLiteral("email"), kAdminEmail}, {QStringLiteral("password"), kAdminPassword}});
    if (reply.status != 200)
        qWarning() << "login failed:" << reply.status << reply.body;
    return reply.json().value(QStringLiteral("access_token")).toString();
}

// Runs tests/interop/jwks-verify.mjs; its JSON output, or {} after a QFAIL-worthy problem.
QJsonObject TestJoseInterop::verifyWithJose(const QStringList& tokens)
{
    QProcess node;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("NODE_EXTRA_CA_CERTS"), m_server.certificatePath());
    node.setProcessEnvironment(env);
    node.setWorkingDirectory(m_interopDir);
    node.start(m_node,
               QStringList {m_interopDir + QStringLiteral("/jwks-verify.mjs"), m_server.baseUrl(),
                            m_server.certificatePath()}
                   + tokens);
    if (!node.waitForFinished(60000)) {
        node.kill();
        node.waitForFinished();
        qWarning() << "jwks-verify.mjs timed out";
        return {};
    }
    const QByteArray out = node.readAllStandardOutput();
    const QByteArray err = node.readAllStandardError();
    if (!err.isEmpty())
        qWarning().noquote() << "jwks-verify.mjs stderr:" << err;
    const QJsonObject result = QJsonDocument::fromJson(out).object();
    if (result.isEmpty() || result.contains(QStringLiteral("error")))
        qWarning().noquote() << "jwks-verify.mjs exit" << node.exitCode() << "output:" << out;
    return result;
}

void TestJoseInterop::freshTokenVerifies()
{
    const QString token = login();
    QVERIFY(!token.isEmpty());
    const QJsonObject output = verifyWithJose({token});
    QCOMPARE(output.value(QStringLiteral("issuer")).toString(), m_server.baseUrl());
    const QJsonArray results = output.value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 1);
    const QJsonObject result = results.first().toObject();
    QVERIFY2(result.value(QStringLiteral("verified")).toBool(),
             qPrintable(result.value(QStringLiteral("message")).toString()));
    QCOMPARE(result.value(QStringLiteral("kid")).toString(), jwtHeader(token).value("kid").toString());
    QCOMPARE(result.value(QStringLiteral("alg")).toString(), QStringLiteral("RS256"));
    const QJsonObject me
        = m_server.get(QStringLiteral("/api/v1/auth/me"), {{"Authorization", "Bearer " + token.toLatin1()}})
              .json();
    QCOMPARE(result.value(QStringLiteral("sub")).toString(), me.value(QStringLiteral("id")).toString());
}

void TestJoseInterop::tamperedTokenDoesNot()
{
    // A negative control, so "verified" above means something.
    QList<QByteArray> parts = login().toLatin1().split('.');
    QCOMPARE(parts.size(), 3);
    QJsonObject claims
        = QJsonDocument::fromJson(QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding)).object();
    claims.insert(QStringLiteral("sub"), QStringLiteral("someone-else"));
    parts[1] = QJsonDocument(claims)
                   .toJson(QJsonDocument::Compact)
                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QJsonObject result = verifyWithJose({QString::fromLatin1(parts.join('.'))})
                                   .value(QStringLiteral("results"))
                                   .toArray()
                                   .first()
                                   .toObject();
    QCOMPARE(result.value(QStringLiteral("verified")).toBool(true), false);
    QCOMPARE(result.value(QStringLiteral("code")).toString(),
             QStringLiteral("ERR_JWS_SIGNATURE_VERIFICATION_FAILED"));
}

void TestJoseInterop::bothTokensVerifyAcrossRotation()
{
    const QString before = login();
    const QString oldKid = jwtHeader(before).value(QStringLiteral("kid")).toString();
    QCOMPARE(jwksKids(m_server), QStringList {oldKid});

    const HttpReply rotation = m_server.request("POST", QStringLiteral("/admin/keys/rotate"), {},
                                                {{"Authorization", "Bearer " + before.toLatin1()}});
    QCOMPARE(rotation.status, 200);
    const QString newKid
        = rotation.json().value(QStringLiteral("active")).toObject().value(QStringLiteral("kid")).toString();
    QVERIFY(!newKid.isEmpty() && newKid != oldKid);

    QStringList both {oldKid, newKid};
    both.sort();
    QCOMPARE(jwksKids(m_server), both);
    const QString after = login();
    QCOMPARE(jwtHeader(after).value(QStringLiteral("kid")).toString(), newKid);

    const QJsonArray results = verifyWithJose({before, after}).value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 2);
    for (const QJsonValue& value : results) {
        const QJsonObject result = value.toObject();
        QVERIFY2(result.value(QStringLiteral("verified")).toBool(),
                 qPrintable(result.value(QStringLiteral("message")).toString()));
    }
    QCOMPARE(results.at(0).toObject().value(QStringLiteral("kid")).toString(), oldKid);
    QCOMPARE(results.at(1).toObject().value(QStringLiteral("kid")).toString(), newKid);
}

QTEST_GUILESS_MAIN(TestJoseInterop)
#include "TestJoseInterop.moc"
