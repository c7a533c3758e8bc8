#include "TestServer.h"
#include "crypto/SigningKey.h"
#include "evidence/EvidenceArchive.h"
#include "evidence/EvidenceSignature.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>

using namespace auth::test;
using auth::evidence::ArchiveEntry;
using auth::evidence::EvidenceArchive;

// Evidence bundles end to end: POST /admin/evidence against the real binary,
// then `auth-service --verify-evidence` on the bundle as received, on copies
// with one byte changed in each file, and with files removed or added.
class TestEvidence : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void bundleHoldsThePeriodsEvidence();
    void bundleVerifiesOffline();
    void everyAlteredFileIsNamed();
    void missingAndExtraFilesAreNamed();
    void noConfiguredSecretIsInTheBundle();
    void corruptArchivesAreRefused();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray output;
    };
    Run verify(const QByteArray& bundle, const QByteArray& publicPem = {});
    QString writeTemp(const QString& name, const QByteArray& data);

    TestServer m_server;
    QString m_adminToken;
    QByteArray m_bundle;
    QList<ArchiveEntry> m_entries;
    QByteArray m_publicPem;
    QString m_databasePassword;
};

namespace {

const QString kAdminEmail = QStringLiteral("forensics@evidence.example");
const QString kAdminPassword = QStringLiteral("Obsidian-Lighthouse-Meridian-58");
const QString kJwtSecret = QStringLiteral("d2f9c07e1b5a4c3e8f6a7b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e");
const QString kMasterKey = QStringLiteral("c81f4e2a9b7d6c5e3f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e");
const QString kReason = QStringLiteral("INC-5150 preserve evidence for counsel");

QHash<QByteArray, QByteArray> bearer(const QString& token)
{
    return {{"Authorization", "Bearer " + token.toLatin1()}};
}

const ArchiveEntry* entry(const QList<ArchiveEntry>& entries, const QString& name)
{
    for (const ArchiveEntry& e : entries) {
        if (e.name == name)
            return &e;
    }
    return nullptr;
}

} // namespace

QString TestEvidence::writeTemp(const QString& name, const QByteArray& data)
{
    const QString path = m_server.tempPath() + QLatin1Char('/') + name;
    QFile file(path);
    file.open(QIODevice::WriteOnly | QIODevice::Truncate);
    file.write(data);
    return path;
}

TestEvidence::Run TestEvidence::verify(const QByteArray& bundle, const QByteArray& publicPem)
{
    QStringList args {QStringLiteral("--verify-evidence"), writeTemp(QStringLiteral("check.tar.gz"), bundle)};
    if (!publicPem.isEmpty())
        args << QStringLiteral("--public-key") << writeTemp(QStringLiteral("trusted.pem"), publicPem);
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(AUTH_SERVICE_BINARY), args);
    process.waitForFinished(30000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAll()};
}

void TestEvidence::initTestCase()
{
    // PostgreSQL when make test provides one, with a password in DATABASE_URL
    // (trust authentication ignores it) so the bundle can be searched for it.
    const QString postgres = qEnvironmentVariable("AUTH_TEST_POSTGRES_URL");
    if (!postgres.isEmpty()) {
        QString error;
        const auto parsed = auth::storage::DatabaseUrl::parse(postgres, {}, &error);
        QVERIFY2(parsed, qPrintable(error));
        const QString name = QStringLiteral("evidence_%1").arg(QCoreApplication::applicationPid());
        auth::storage::Database server(*parsed);
        server
            .run([name](QSqlDatabase& db) {
                QSqlQuery query(db);
                query.exec(QStringLiteral("DROP DATABASE IF EXISTS ") + name);
                return query.exec(QStringLiteral("CREATE DATABASE ") + name);
            })
            .waitForFinished();
        m_databasePassword = QStringLiteral("Pg-Evidence-Secret-7261");
        QUrl url(postgres);
        url.setPassword(m_databasePassword);
        url.setPath(QLatin1Char('/') + name);
        m_server.setEnv(QStringLiteral("DATABASE_URL"), url.toString());
    }
    m_server.setEnv(QStringLiteral("ADMIN_BOOTSTRAP_EMAIL"), kAdminEmail);
    m_server.setEnv(QStringLiteral("ADMIN_BOOTSTRAP_PASSWORD"), kAdminPassword);
    m_server.setEnv(QStringLiteral("JWT_SECRET"), kJwtSecret);
    m_server.setEnv(QStringLiteral("MASTER_KEY"), kMasterKey);
    m_server.setEnv(QStringLiteral("RATE_LIMIT_PER_IP_PER_MINUTE"), QStringLiteral("100000"));
    m_server.setEnv(QStringLiteral("RATE_LIMIT_BURST"), QStringLiteral("100000"));
    QVERIFY(m_server.start());
    // Something worth preserving: failed logins and an admin action.
    for (int i = 0; i < 3; ++i)
        m_server.postJson(QStringLiteral("/api/v1/auth/login"),
                          {{QStringLiteral("email"), QStringLiteral("victim@evidence.example")},
                           {QStringLiteral("password"), QStringLiteral("guess-%1").arg(i)}});
    m_adminToken = m_server
                       .postJson(QStringLiteral("/api/v1/auth/login"),
                                 {{QStringLiteral("email"), kAdminEmail},
                                  {QStringLiteral("password"), kAdminPassword}})
                       .json()
                       .value(QStringLiteral("access_token"))
                       .toString();
    QVERIFY(!m_adminToken.isEmpty());
    QCOMPARE(m_server
                 .postJson(QStringLiteral("/admin/containment/isolate"),
                           {{QStringLiteral("reason"), kReason}, {QStringLiteral("dry_run"), true}},
                           bearer(m_adminToken))
                 .status,
             200);

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const HttpReply reply = m_server.postJson(
        QStringLiteral("/admin/evidence"),
        {{QStringLiteral("reason"), kReason},
         {QStringLiteral("since"), QDateTime::fromSecsSinceEpoch(now - 3600, Qt::UTC).toString(Qt::ISODate)},
         {QStringLiteral("until"), double(now + 60)}},
        bearer(m_adminToken));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("content-type"), QByteArray("application/gzip"));
    QVERIFY(reply.header("content-disposition").startsWith("attachment; filename=\"auth-evidence-"));
    m_bundle = reply.body;
    QCOMPARE(reply.header("x-evidence-sha256"),
             QCryptographicHash::hash(m_bundle, QCryptographicHash::Sha256).toHex());
    QString error;
    const auto entries = EvidenceArchive::read(m_bundle, &error);
    QVERIFY2(entries, qPrintable(error));
    m_entries = *entries;

    const HttpReply key = m_server.get(QStringLiteral("/admin/evidence/public-key"), bearer(m_adminToken));
    QCOMPARE(key.status, 200);
    m_publicPem = key.json().value(QStringLiteral("public_key_pem")).toString().toLatin1();
    QVERIFY(m_publicPem.startsWith("-----BEGIN PUBLIC KEY-----"));
    QCOMPARE(key.json().value(QStringLiteral("algorithm")).toString(), QStringLiteral("Ed25519"));
}

void TestEvidence::bundleHoldsThePeriodsEvidence()
{
    QStringList names;
    for (const ArchiveEntry& e : m_entries)
        names.append(e.name);
    for (const char* expected :
         {"logs/application.log", "logs/security.log", "events/security-events.jsonl",
          "events/admin-audit.jsonl", "config/config-redacted.json", "keys/signing-keys.json",
          "bundle-info.json", "evidence-public.pem", "MANIFEST", "MANIFEST.sig"})
        QVERIFY2(names.contains(QLatin1String(expected)), expected);

    const QByteArray events = entry(m_entries, QStringLiteral("events/security-events.jsonl"))->data;
    int failures = 0;
    for (const QByteArray& line : events.split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        QVERIFY2(!event.isEmpty(), line.constData());
        failures
            += event.value(QStringLiteral("event")).toString() == QLatin1String("authentication_failure");
    }
    QVERIFY2(failures >= 3, qPrintable(QString::number(failures)));
    const QByteArray audit = entry(m_entries, QStringLiteral("events/admin-audit.jsonl"))->data;
    QVERIFY(audit.contains("containment.isolate"));
    QVERIFY(audit.contains("evidence.export")); // the export records itself
    QVERIFY(!audit.contains("authentication_failure"));

    const QJsonObject config
        = QJsonDocument::fromJson(entry(m_entries, QStringLiteral("config/config-redacted.json"))->data)
              .object();
    bool sawSecret = false;
    for (const QJsonValue& setting : config.value(QStringLiteral("settings")).toArray()) {
        if (setting.toObject().value(QStringLiteral("key")).toString() == QLatin1String("jwt.secret")) {
            QCOMPARE(setting.toObject().value(QStringLiteral("value")).toString(),
                     QStringLiteral("<redacted>"));
            QCOMPARE(setting.toObject().value(QStringLiteral("source")).toString(),
                     QStringLiteral("environment"));
            sawSecret = true;
        }
    }
    QVERIFY(sawSecret);
    const QJsonObject keys
        = QJsonDocument::fromJson(entry(m_entries, QStringLiteral("keys/signing-keys.json"))->data).object();
    QCOMPARE(keys.value(QStringLiteral("signing_keys"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("state"))
                 .toString(),
             QStringLiteral("active"));
    for (const ArchiveEntry& e : m_entries)
        QVERIFY2(!e.data.contains("PRIVATE KEY"), qPrintable(e.name));
    const QJsonObject info
        = QJsonDocument::fromJson(entry(m_entries, QStringLiteral("bundle-info.json"))->data).object();
    QCOMPARE(info.value(QStringLiteral("reason")).toString(), kReason);
    QCOMPARE(entry(m_entries, QStringLiteral("evidence-public.pem"))->data, m_publicPem);
    // The manifest is what sha256sum -c expects.
    QCOMPARE(entry(m_entries, QStringLiteral("MANIFEST"))->data.count('\n'), m_entries.size() - 2);
}

void TestEvidence::bundleVerifiesOffline()
{
    Run run = verify(m_bundle);
    QVERIFY2(run.exitCode == 0, run.output.constData());
    QVERIFY2(run.output.startsWith("OK "), run.output.constData());
    run = verify(m_bundle, m_publicPem);
    QVERIFY2(run.exitCode == 0, run.output.constData());
    // Another key does not vouch for it.
    const QByteArray otherKey = auth::evidence::publicPemOf(
        auth::crypto::SigningKey::generate(auth::crypto::JwsAlgorithm::EdDSA).privatePem());
    run = verify(m_bundle, otherKey);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.output.contains("MANIFEST.sig"), run.output.constData());
}

void TestEvidence::everyAlteredFileIsNamed()
{
    for (int i = 0; i < m_entries.size(); ++i) {
        QList<ArchiveEntry> changed = m_entries;
        QByteArray& data = changed[i].data;
        QVERIFY2(!data.isEmpty() || changed[i].name.endsWith(QLatin1String(".jsonl")),
                 qPrintable(changed[i].name));
        if (data.isEmpty())
            data = "x";
        else {
            const qsizetype at = data.size() / 2;
            // Stay inside the base64 alphabet where the file is base64 text.
            data[at] = data[at] == 'A'
                ? 'B'
                : (QChar::fromLatin1(data[at]).isLetterOrNumber() ? 'A' : char(data[at] ^ 0x01));
        }
        QString error;
        const auto repacked = EvidenceArchive::write(changed, &error);
        QVERIFY2(repacked, qPrintable(error));
        const Run run = verify(*repacked, m_publicPem);
        QVERIFY2(run.exitCode == 1,
                 qPrintable(changed[i].name + QLatin1String(": ") + QString::fromUtf8(run.output)));
        QVERIFY2(
            run.output.contains(changed[i].name.toUtf8()),
            qPrintable(changed[i].name + QLatin1String(" not named in: ") + QString::fromUtf8(run.output)));
    }
}

void TestEvidence::missingAndExtraFilesAreNamed()
{
    QList<ArchiveEntry> changed = m_entries;
    changed.removeIf([](const ArchiveEntry& e) { return e.name == QLatin1String("logs/security.log"); });
    changed.append({QStringLiteral("logs/planted.log"), "nothing to see\n", 0});
    QString error;
    const auto repacked = EvidenceArchive::write(changed, &error);
    QVERIFY2(repacked, qPrintable(error));
    const Run run = verify(*repacked, m_publicPem);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.output.contains("MISSING logs/security.log"), run.output.constData());
    QVERIFY2(run.output.contains("EXTRA logs/planted.log"), run.output.constData());
}

void TestEvidence::noConfiguredSecretIsInTheBundle()
{
    QList<QByteArray> secrets {kJwtSecret.toUtf8(), kMasterKey.toUtf8(), kAdminPassword.toUtf8()};
    if (m_databasePassword.isEmpty())
        qWarning("AUTH_TEST_POSTGRES_URL not set: the database password is not part of this run");
    else
        secrets.append(m_databasePassword.toUtf8());
    for (const QByteArray& secret : secrets) {
        QVERIFY(!m_bundle.contains(secret));
        for (const ArchiveEntry& e : m_entries) {
            QVERIFY2(!e.data.contains(secret), qPrintable(e.name));
            QVERIFY2(!e.data.contains(secret.toBase64()), qPrintable(e.name));
        }
    }
    // The secrets were in effect: the configuration shows them as set.
    const QByteArray config = entry(m_entries, QStringLiteral("config/config-redacted.json"))->data;
    QCOMPARE(config.count("<redacted>"), m_databasePassword.isEmpty() ? 3 : 4);
}

void TestEvidence::corruptArchivesAreRefused()
{
    for (const qsizetype keep : {m_bundle.size() / 2, m_bundle.size() - 64}) {
        const Run run = verify(m_bundle.left(keep));
        QVERIFY2(run.exitCode == 1, run.output.constData());
        QVERIFY2(run.output.startsWith("FAILED"), run.output.constData());
    }
    Run run = verify(m_bundle + QByteArray(16, '\0'));
    QVERIFY2(run.exitCode == 0, run.output.constData()); // gzip's trailing padding is harmless
    run = verify("not a bundle at all");
    QCOMPARE(run.exitCode, 1);
    // A path escaping the extraction directory is refused outright.
    QString error;
    const auto escaping = EvidenceArchive::write({{QStringLiteral("../etc/passwd"), "x", 0}}, &error);
    QVERIFY(escaping);
    QVERIFY(!EvidenceArchive::read(*escaping, &error));
    QVERIFY(error.contains(QLatin1String("unexpected entry")));
}

QTEST_GUILESS_MAIN(TestEvidence)
#include "TestEvidence.moc"
