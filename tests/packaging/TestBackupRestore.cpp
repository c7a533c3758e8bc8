// `auth-service backup` and `restore` round trip: a server with an account, an
// OAuth client and a rotated signing key is backed up, restored into a fresh
// store, and the restored server logs the account in, still verifies a token
// signed before the rotation, and issues client_credentials tokens to the
// client. SQLite always; PostgreSQL when AUTH_TEST_POSTGRES_URL is set (make test).
// The account has TOTP: the restored server asks for the second factor and
// accepts a code from Debian's oathtool for the enrolled (sealed) secret.
#include "ProcessRunner.h"
#include "TestServer.h"
#include "Totp.h"
#include "storage/Database.h"

#include <QDateTime>
#include <QJsonArray>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>

using namespace auth;
using namespace auth::test;

namespace {

const QString AdminEmail = QStringLiteral("backup-admin@example.org");
const QString AdminPassword = QStringLiteral("Vault-Keeper-Passphrase-42");
const QString UserEmail = QStringLiteral("restored.user@example.org");
const QString UserPassword = QStringLiteral("Copper-Lantern-Meadow-7");

QByteArray basic(const QString& id, const QString& secret)
{
    return "Basic " + (QUrl::toPercentEncoding(id) + ':' + QUrl::toPercentEncoding(secret)).toBase64();
}

QString kidOf(const QString& token)
{
    const QByteArray header = QByteArray::fromBase64(
        token.section(u'.', 0, 0).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return QJsonDocument::fromJson(header).object().value(QStringLiteral("kid")).toString();
}

QStringList jwksKids(const TestServer& server)
{
    QStringList kids;
    for (const QJsonValue& key :
         server.get(QStringLiteral("/.well-known/jwks.json")).json().value(QStringLiteral("keys")).toArray())
        kids.append(key.toObject().value(QStringLiteral("kid")).toString());
    return kids;
}

// What the first server made, to look for on the restored one.
struct Seeded
{
    QString userToken; // signed by the key that was rotated away
    QString oldKid;
    QString newKid;
    QString clientId;
    QString clientSecret;
    QString totpSecret;
};

} // namespace

class TestBackupRestore : public QObject
{
    Q_OBJECT
private slots:
    void roundTripSqlite();
    void roundTripPostgres();
    void refusesBadArguments();

private:
    void roundTrip(const QHash<QString, QString>& source, const QHash<QString, QString>& target);
    static void prepare(TestServer& server, const QHash<QString, QString>& extra);
    static Seeded seed(TestServer& server);
    static void verifyRestored(const TestServer& server, const Seeded& seeded);
    static ProcessResult cli(const TestServer& server, const QStringList& args,
                             const QHash<QString, QString>& extra);
    static QString createDatabase(const QString& name);
};

void TestBackupRestore::prepare(TestServer& server, const QHash<QString, QString>& extra)
{
    server.setEnv(QStringLiteral("ADMIN_BOOTSTRAP_EMAIL"), AdminEmail);
    server.setEnv(QStringLiteral("ADMIN_BOOTSTRAP_PASSWORD"), AdminPassword);
    server.setEnv(QStringLiteral("MFA_REQUIRED_FOR_ADMIN"), QStringLiteral("false"));
    // The restored server answers on another port: a fixed issuer, as in a real deployment.
    server.setEnv(QStringLiteral("JWT_ISSUER"), QStringLiteral("https://auth.example.org"));
    server.setEnv(QStringLiteral("RATE_LIMIT_BURST"), QStringLiteral("100000"));
    server.setEnv(QStringLiteral("RATE_LIMIT_PER_IP_PER_MINUTE"), QStringLiteral("1000000"));
    server.setEnv(QStringLiteral("ARGON2_MEMORY_KIB"), QStringLiteral("8192"));
    server.setEnv(QStringLiteral("ARGON2_ITERATIONS"), QStringLiteral("1"));
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        server.setEnv(it.key(), it.value());
}

// The backup and restore commands run as an operator would: same config and environment as the daemon.
ProcessResult TestBackupRestore::cli(const TestServer& server, const QStringList& args,
                                     const QHash<QString, QString>& extra)
{
    QHash<QString, QString> env = extra;
    env.insert(QStringLiteral("APP_ENV"), QStringLiteral("test"));
    env.insert(QStringLiteral("DATA_DIR"), server.dataDir());
    env.insert(QStringLiteral("LOG_DIR"), server.logDir());
    const QString config = server.tempPath() + QStringLiteral("/config.toml");
    if (!QFile::exists(config)) { // the server writes it on start(); restore runs before that
        QFile file(config);
        file.open(QIODevice::WriteOnly);
    }
    QStringList all = args;
    all << QStringLiteral("--config") << config;
    return runProcess(QStringLiteral(AUTH_SERVICE_BINARY), all, env, 120000, server.tempPath());
}

Seeded TestBackupRestore::seed(TestServer& server)
{
    Seeded seeded;
    const HttpReply registered = server.postJson(QStringLiteral("/api/v1/auth/register"),
                                                 {{QStringLiteral("email"), UserEmail},
                                                  {QStringLiteral("password"), UserPassword},
                                                  {QStringLiteral("name"), QStringLiteral("Restored User")}});
    if (registered.status != 201)
        return seeded;
    seeded.userToken
        = server
              .postJson(QStringLiteral("/api/v1/auth/login"),
                        {{QStringLiteral("email"), UserEmail}, {QStringLiteral("password"), UserPassword}})
              .json()
              .value(QStringLiteral("access_token"))
              .toString();
    const QByteArray user = "Bearer " + seeded.userToken.toLatin1();
    const HttpReply enroll
        = server.request("POST", QStringLiteral("/api/v1/mfa/totp/enroll"), {}, {{"Authorization", user}});
    seeded.totpSecret = enroll.json().value(QStringLiteral("secret")).toString();
    // Confirmed with the previous step's code: the current one stays unused.
    const HttpReply confirm = server.postJson(QStringLiteral("/api/v1/mfa/totp/confirm"),
                                              {{QStringLiteral("code"), oathCode(seeded.totpSecret, -30)}},
                                              {{"Authorization", user}});
    if (confirm.status != 200)
        qWarning() << "totp confirm:" << confirm.status << confirm.body;
    const QByteArray admin = "Bearer "
        + server
              .postJson(QStringLiteral("/api/v1/auth/login"),
                        {{QStringLiteral("email"), AdminEmail}, {QStringLiteral("password"), AdminPassword}})
              .json()
              .value(QStringLiteral("access_token"))
              .toString()
              .toLatin1();
    const QJsonObject client
        = server
              .postJson(QStringLiteral("/admin/clients"),
                        {{QStringLiteral("name"), QStringLiteral("Backup test service")},
                         {QStringLiteral("confidential"), true},
                         {QStringLiteral("grant_types"), QJsonArray {QStringLiteral("client_credentials")}},
                         {QStringLiteral("scopes"), QJsonArray {QStringLiteral("read")}}},
                        {{"Authorization", admin}})
              .json();
    seeded.clientId = client.value(QStringLiteral("client_id")).toString();
    seeded.clientSecret = client.value(QStringLiteral("client_secret")).toString();
    seeded.oldKid = kidOf(seeded.userToken);
    const HttpReply rotated = server.postJson(QStringLiteral("/admin/keys/rotate"),
                                              {{QStringLiteral("reason"), QStringLiteral("backup test")}},
                                              {{"Authorization", admin}});
    if (rotated.status != 200)
        qWarning() << "rotate:" << rotated.status << rotated.body;
    const QStringList kids = jwksKids(server);
    seeded.newKid = kids.value(0);
    return seeded;
}

void TestBackupRestore::verifyRestored(const TestServer& server, const Seeded& seeded)
{
    const HttpReply login
        = server.postJson(QStringLiteral("/api/v1/auth/login"),
                          {{QStringLiteral("email"), UserEmail}, {QStringLiteral("password"), UserPassword}});
    QCOMPARE(login.status, 200);
    QVERIFY2(login.json().value(QStringLiteral("mfa_required")).toBool(), login.body.constData());
    QVERIFY(!seeded.totpSecret.isEmpty());
    const HttpReply second
        = server.postJson(QStringLiteral("/api/v1/mfa/verify"),
                          {{QStringLiteral("mfa_token"), login.json().value(QStringLiteral("mfa_token"))},
                           {QStringLiteral("method"), QStringLiteral("totp")},
                           {QStringLiteral("code"), oathCode(seeded.totpSecret)}});
    QCOMPARE(second.status, 200);
    QCOMPARE(kidOf(second.json().value(QStringLiteral("access_token")).toString()), seeded.newKid);
    const HttpReply wrong = server.postJson(QStringLiteral("/api/v1/auth/login"),
                                            {{QStringLiteral("email"), UserEmail},
                                             {QStringLiteral("password"), QStringLiteral("not it at all")}});
    QCOMPARE(wrong.status, 401);

    const QStringList kids = jwksKids(server);
    QVERIFY2(kids.contains(seeded.oldKid) && kids.contains(seeded.newKid), qPrintable(kids.join(u',')));
    // A token signed before the rotation, on the first server, still verifies here.
    const HttpReply me = server.get(QStringLiteral("/api/v1/auth/me"),
                                    {{"Authorization", "Bearer " + seeded.userToken.toLatin1()}});
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json().value(QStringLiteral("email")).toString(), UserEmail);

    const HttpReply token
        = server.request("POST", QStringLiteral("/oauth/token"), "grant_type=client_credentials&scope=read",
                         {{"Content-Type", "application/x-www-form-urlencoded"},
                          {"Authorization", basic(seeded.clientId, seeded.clientSecret)}});
    QCOMPARE(token.status, 200);
    QVERIFY(!token.json().value(QStringLiteral("access_token")).toString().isEmpty());
    const HttpReply badSecret
        = server.request("POST", QStringLiteral("/oauth/token"), "grant_type=client_credentials",
                         {{"Content-Type", "application/x-www-form-urlencoded"},
                          {"Authorization", basic(seeded.clientId, QStringLiteral("wrong-secret"))}});
    QCOMPARE(badSecret.status, 401);
}

void TestBackupRestore::roundTrip(const QHash<QString, QString>& source,
                                  const QHash<QString, QString>& target)
{
    QTemporaryDir work;
    const QString backupDir = work.filePath(QStringLiteral("backup"));
    Seeded seeded;
    TestServer first;
    prepare(first, source);
    QVERIFY(first.start());
    seeded = seed(first);
    QVERIFY(!seeded.userToken.isEmpty());
    QVERIFY(!seeded.clientSecret.isEmpty());
    QVERIFY(!seeded.newKid.isEmpty());
    QVERIFY(seeded.newKid != seeded.oldKid);
    first.stop();

    const ProcessResult backup
        = cli(first, {QStringLiteral("backup"), QStringLiteral("--out"), backupDir}, source);
    QVERIFY2(backup.exitCode == 0, qPrintable(backup.all()));
    QFile manifestFile(backupDir + QStringLiteral("/MANIFEST.json"));
    QVERIFY(manifestFile.open(QIODevice::ReadOnly));
    const QByteArray manifestText = manifestFile.readAll();
    const QJsonObject manifest = QJsonDocument::fromJson(manifestText).object();
    QCOMPARE(manifest.value(QStringLiteral("format")).toString(), QStringLiteral("auth-service-backup"));
    QVERIFY(manifest.value(QStringLiteral("schema_version")).toInt() >= 2);
    QVERIFY(!manifest.value(QStringLiteral("version")).toString().isEmpty());
    QVERIFY(QDateTime::fromString(manifest.value(QStringLiteral("created_at")).toString(), Qt::ISODate)
                .isValid());
    QStringList names;
    for (const QJsonValue& file : manifest.value(QStringLiteral("files")).toArray()) {
        names.append(file.toObject().value(QStringLiteral("name")).toString());
        QCOMPARE(file.toObject().value(QStringLiteral("sha256")).toString().size(), 64);
    }
    const bool sqlite = !source.contains(QStringLiteral("DATABASE_URL"));
    QCOMPARE(manifest.value(QStringLiteral("backend")).toString(),
             sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgres"));
    if (sqlite) {
        QCOMPARE(names, (QStringList {QStringLiteral("auth.db"), QStringLiteral("master.key")}));
        QVERIFY(backup.err.contains("master.key")); // the operator is warned about the key file
        QFile key(first.dataDir() + QStringLiteral("/master.key"));
        QVERIFY(key.open(QIODevice::ReadOnly));
        QVERIFY(!manifestText.contains(key.readAll()));
    } else {
        QCOMPARE(names, QStringList {QStringLiteral("database.pgdump")});
        QVERIFY(!backup.all().contains(source.value(QStringLiteral("MASTER_KEY"))));
    }
    QCOMPARE(QFile::permissions(backupDir) & (QFile::ReadGroup | QFile::ReadOther),
             QFileDevice::Permissions());

    // A second backup into the same directory is refused and leaves it as it was.
    const ProcessResult again
        = cli(first, {QStringLiteral("backup"), QStringLiteral("--out"), backupDir}, source);
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains("not empty"), again.err.constData());
    QVERIFY(QFile::exists(backupDir + QStringLiteral("/MANIFEST.json")));

    TestServer second;
    prepare(second, target);

    // An altered file is refused before anything is written.
    const QString tampered = work.filePath(QStringLiteral("tampered"));
    QVERIFY(QDir().mkpath(tampered));
    for (const QString& name : QDir(backupDir).entryList(QDir::Files))
        QVERIFY(QFile::copy(backupDir + u'/' + name, tampered + u'/' + name));
    {
        QFile victim(tampered + u'/' + names.first());
        QVERIFY(victim.open(QIODevice::ReadWrite));
        victim.seek(victim.size() / 2);
        const char byte = victim.peek(1).at(0);
        victim.write(QByteArray(1, char(byte ^ 0x5a)));
    }
    const ProcessResult refused = cli(second, {QStringLiteral("restore"), tampered}, target);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("does not match its SHA-256"), refused.err.constData());
    QVERIFY(!QFile::exists(second.dataDir() + QStringLiteral("/auth.db")));
    QVERIFY(!QFile::exists(second.dataDir() + QStringLiteral("/master.key")));

    if (!sqlite) {
        // The wrong MASTER_KEY would leave every signing key unreadable: refused.
        QHash<QString, QString> wrongKey = target;
        wrongKey.insert(QStringLiteral("MASTER_KEY"), QString(64, u'f'));
        const ProcessResult wrong = cli(second, {QStringLiteral("restore"), backupDir}, wrongKey);
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY2(wrong.err.contains("MASTER_KEY does not match"), wrong.err.constData());
    }

    const ProcessResult restored = cli(second, {QStringLiteral("restore"), backupDir}, target);
    QVERIFY2(restored.exitCode == 0, qPrintable(restored.all()));
    // A store that now holds data is never restored over.
    const ProcessResult twice = cli(second, {QStringLiteral("restore"), backupDir}, target);
    QCOMPARE(twice.exitCode, 1);
    QVERIFY2(twice.err.contains("not empty") || twice.err.contains("already exists"), twice.err.constData());

    QVERIFY(second.start());
    verifyRestored(second, seeded);
}

void TestBackupRestore::roundTripSqlite()
{
    roundTrip({}, {});
}

QString TestBackupRestore::createDatabase(const QString& name)
{
    const QString url = qEnvironmentVariable("AUTH_TEST_POSTGRES_URL");
    QString error;
    const auto parsed = storage::DatabaseUrl::parse(url, {}, &error);
    if (!parsed)
        return {};
    storage::Database server(*parsed);
    const bool created = server
                             .run([name](QSqlDatabase& db) {
                                 QSqlQuery query(db);
                                 query.exec(QStringLiteral("DROP DATABASE IF EXISTS ") + name);
                                 return query.exec(QStringLiteral("CREATE DATABASE ") + name);
                             })
                             .result();
    if (!created)
        return {};
    QString mine = url;
    mine.replace(QRegularExpression(QStringLiteral("/[^/?]*(\\?|$)")), QStringLiteral("/%1\\1").arg(name));
    return mine;
}

void TestBackupRestore::roundTripPostgres()
{
    if (qEnvironmentVariableIsEmpty("AUTH_TEST_POSTGRES_URL"))
        QSKIP("AUTH_TEST_POSTGRES_URL not set (make test provides it)");
    const qint64 pid = QCoreApplication::applicationPid();
    const QString source = createDatabase(QStringLiteral("backup_src_%1").arg(pid));
    const QString target = createDatabase(QStringLiteral("backup_dst_%1").arg(pid));
    QVERIFY(!source.isEmpty() && !target.isEmpty());
    const QString masterKey
        = QStringLiteral("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    roundTrip({{QStringLiteral("DATABASE_URL"), source}, {QStringLiteral("MASTER_KEY"), masterKey}},
              {{QStringLiteral("DATABASE_URL"), target}, {QStringLiteral("MASTER_KEY"), masterKey}});
}

void TestBackupRestore::refusesBadArguments()
{
    TestServer server;
    QCOMPARE(cli(server, {QStringLiteral("backup")}, {}).exitCode, 2); // no --out
    QCOMPARE(cli(server, {QStringLiteral("restore")}, {}).exitCode, 2); // no directory
    // Nothing to back up yet: a clear refusal, and no directory left behind.
    const QString out = server.tempPath() + QStringLiteral("/never");
    const ProcessResult empty = cli(server, {QStringLiteral("backup"), QStringLiteral("--out"), out}, {});
    QCOMPARE(empty.exitCode, 1);
    QVERIFY2(empty.err.contains("no database"), empty.err.constData());
    QVERIFY(!QFile::exists(out));
    const ProcessResult missing
        = cli(server, {QStringLiteral("restore"), server.tempPath() + QStringLiteral("/absent")}, {});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("MANIFEST.json"), missing.err.constData());
}

QTEST_GUILESS_MAIN(TestBackupRestore)
#include "TestBackupRestore.moc"
