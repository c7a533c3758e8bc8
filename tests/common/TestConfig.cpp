#include "config/Config.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace auth;

namespace {

QStringList problemLines(const QList<ConfigProblem>& problems)
{
    QStringList lines;
    for (const ConfigProblem& problem : problems)
        lines.append(problem.toLine());
    return lines;
}

QProcessEnvironment makeEnv(const QList<QPair<QString, QString>>& vars)
{
    QProcessEnvironment env;
    for (const auto& [name, value] : vars)
        env.insert(name, value);
    return env;
}

// A production configuration that passes every production check.
QProcessEnvironment productionEnv()
{
    return makeEnv(
        {{QStringLiteral("APP_ENV"), QStringLiteral("production")},
         {QStringLiteral("TLS_CERT_PATH"), QStringLiteral("/etc/ssl/certs/auth-service.crt")},
         {QStringLiteral("TLS_KEY_PATH"), QStringLiteral("/etc/ssl/private/auth-service.key")},
         {QStringLiteral("JWT_SECRET"), QStringLiteral("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822c")},
         {QStringLiteral("MASTER_KEY"), QStringLiteral("c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a")}});
}

} // namespace

class TestConfig : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void tableIsConsistent();
    void defaults();
    void fileValues();
    void envOverridesFile();
    void emptyEnvIsUnset();
    void rustLogAlias();
    void badIntFromEnvNamesVariable();
    void badInt_data();
    void badInt();
    void outOfRange_data();
    void outOfRange();
    void boolValues_data();
    void boolValues();
    void durations_data();
    void durations();
    void badChoices();
    void unknownTomlKey();
    void wrongTomlType();
    void tomlSyntaxErrorReportsLine();
    void missingFile();
    void cidrLists();
    void urlsAndAddresses();
    void fromValues();
    void productionProblems();
    void nothingOutsideProduction();
    void secretsNeverShown();
    void readableFileWithSecrets();

private:
    QString writeToml(const QByteArray& content,
                      QFileDevice::Permissions perms = QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestConfig::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestConfig::writeToml(const QByteArray& content, QFileDevice::Permissions perms)
{
    const QString path = m_dir->filePath(QStringLiteral("config.toml"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write(content);
    file.close();
    file.setPermissions(perms);
    return path;
}

void TestConfig::tableIsConsistent()
{
    QSet<QString> keys;
    QSet<QString> envVars;
    for (const Config::KeyInfo& info : Config::keys()) {
        const QString key = QString::fromLatin1(info.key);
        QVERIFY2(!keys.contains(key), info.key);
        keys.insert(key);
        QCOMPARE(Config::find(key), &info);
        QVERIFY2(qstrlen(info.help) > 0, info.key);
        if (info.envVar) {
            QVERIFY2(!envVars.contains(QString::fromLatin1(info.envVar)), info.envVar);
            envVars.insert(QString::fromLatin1(info.envVar));
        }
    }
    QVERIFY(!Config::find(QStringLiteral("server.nonexistent")));
    // Every default passes its own validation.
    const Config config = Config::fromValues({});
    QCOMPARE(problemLines(config.problems()), QStringList());
}

void TestConfig::defaults()
{
    const Config config
        = Config::load(m_dir->filePath(QStringLiteral("absent.toml")), false, QProcessEnvironment());
    QCOMPARE(problemLines(config.problems()), QStringList());
    QCOMPARE(config.string(QStringLiteral("app.env")), QStringLiteral("development"));
    QVERIFY(!config.isProduction());
    QCOMPARE(config.integer(QStringLiteral("server.port")), 3000);
    QCOMPARE(config.string(QStringLiteral("server.bind_address")), QStringLiteral("127.0.0.1"));
    QCOMPARE(config.integer(QStringLiteral("server.worker_threads")), 0);
    QCOMPARE(config.boolean(QStringLiteral("server.allow_plain_http")), false);
    QCOMPARE(config.list(QStringLiteral("server.trusted_proxies")), QStringList());
    QCOMPARE(config.boolean(QStringLiteral("security.headers_enabled")), true);
    QCOMPARE(config.integer(QStringLiteral("security.hsts_max_age")), 31536000);
    QCOMPARE(config.string(QStringLiteral("security.csp_policy")),
             QStringLiteral("default-src 'self'; frame-ancestors 'none'"));
    QCOMPARE(config.integer(QStringLiteral("limits.max_body_bytes")), 1048576);
    QCOMPARE(config.durationMs(QStringLiteral("limits.header_timeout")), 10000);
    QCOMPARE(config.durationMs(QStringLiteral("limits.idle_timeout")), 60000);
    QCOMPARE(config.string(QStringLiteral("log.level")), QStringLiteral("info"));
    QCOMPARE(config.durationMs(QStringLiteral("jwt.access_token_ttl")), 15 * 60 * 1000);
    QCOMPARE(config.durationMs(QStringLiteral("jwt.refresh_token_ttl")), 30LL * 24 * 3600 * 1000);
    QCOMPARE(config.string(QStringLiteral("jwt.refresh_token_ttl")), QStringLiteral("30d"));
    QCOMPARE(config.string(QStringLiteral("jwt.algorithm")), QStringLiteral("RS256"));
    QCOMPARE(config.integer(QStringLiteral("rate_limit.per_ip_per_minute")), 100);
    QCOMPARE(config.integer(QStringLiteral("rate_limit.burst")), 10);
    QCOMPARE(config.durationMs(QStringLiteral("lockout.base_duration")), 5 * 60 * 1000);
    QCOMPARE(config.boolean(QStringLiteral("mfa.required_for_admin")), true);
    QCOMPARE(config.integer(QStringLiteral("mfa.backup_codes_count")), 10);
    QCOMPARE(config.integer(QStringLiteral("password.argon2_memory_kib")), 19456);
    QCOMPARE(config.string(QStringLiteral("jwt.secret")), QString());
    QCOMPARE(config.source(QStringLiteral("server.port")), ConfigSource::Default);
    QVERIFY(!config.isSet(QStringLiteral("server.port")));
}

void TestConfig::fileValues()
{
    const QString path = writeToml("# operator's file\n"
                                   "rate_limit.burst = 20\n"
                                   "[server]\n"
                                   "port = 8443\n"
                                   "bind_address = \"0.0.0.0\"\n"
                                   "force_https = true\n"
                                   "trusted_proxies = [\"10.0.0.0/8\", \"192.168.1.0/24\"]\n"
                                   "[limits]\n"
                                   "header_timeout = \"5s\"\n"
                                   "idle_timeout = 30000\n"
                                   "[log]\n"
                                   "level = \"debug\"\n");
    const Config config = Config::load(path, true, QProcessEnvironment());
    QCOMPARE(problemLines(config.problems()), QStringList());
    QCOMPARE(config.integer(QStringLiteral("server.port")), 8443);
    QCOMPARE(config.source(QStringLiteral("server.port")), ConfigSource::File);
    QCOMPARE(config.string(QStringLiteral("server.bind_address")), QStringLiteral("0.0.0.0"));
    QCOMPARE(config.boolean(QStringLiteral("server.force_https")), true);
    QCOMPARE(config.list(QStringLiteral("server.trusted_proxies")),
             QStringList({QStringLiteral("10.0.0.0/8"), QStringLiteral("192.168.1.0/24")}));
    QCOMPARE(config.durationMs(QStringLiteral("limits.header_timeout")), 5000);
    QCOMPARE(config.durationMs(QStringLiteral("limits.idle_timeout")), 30000);
    QCOMPARE(config.string(QStringLiteral("log.level")), QStringLiteral("debug"));
    QCOMPARE(config.integer(QStringLiteral("rate_limit.burst")), 20);
    QCOMPARE(config.source(QStringLiteral("rate_limit.per_ip_per_minute")), ConfigSource::Default);
}

void TestConfig::envOverridesFile()
{
    const QString path = writeToml("[server]\nport = 8443\n[rate_limit]\nper_ip_per_minute = 50\n");
    const Config config
        = Config::load(path, true, makeEnv({{QStringLiteral("PORT"), QStringLiteral("9000")}}));
    QCOMPARE(problemLines(config.problems()), QStringList());
    QCOMPARE(config.integer(QStringLiteral("server.port")), 9000);
    QCOMPARE(config.source(QStringLiteral("server.port")), ConfigSource::Environment);
    QCOMPARE(config.integer(QStringLiteral("rate_limit.per_ip_per_minute")), 50);
    QCOMPARE(config.source(QStringLiteral("rate_limit.per_ip_per_minute")), ConfigSource::File);
}

void TestConfig::emptyEnvIsUnset()
{
    const Config config = Config::load(QString(), false,
                                       makeEnv({{QStringLiteral("PORT"), QString()},
                                                {QStringLiteral("LOG_LEVEL"), QString()},
                                                {QStringLiteral("RUST_LOG"), QStringLiteral("warn")}}));
    QCOMPARE(problemLines(config.problems()), QStringList());
    QCOMPARE(config.integer(QStringLiteral("server.port")), 3000);
    QCOMPARE(config.string(QStringLiteral("log.level")), QStringLiteral("warn"));
}

void TestConfig::rustLogAlias()
{
    const QString filter = QStringLiteral("auth_service=debug,tower=info");
    Config config = Config::load(QString(), false, makeEnv({{QStringLiteral("RUST_LOG"), filter}}));
    QCOMPARE(problemLines(config.problems()), QStringList());
    QCOMPARE(config.string(QStringLiteral("log.level")), filter);
    QCOMPARE(config.source(QStringLiteral("log.level")), ConfigSource::Environment);

    config = Config::load(QString(), false,
                          makeEnv({{QStringLiteral("RUST_LOG"), filter},
                                   {QStringLiteral("LOG_LEVEL"), QStringLiteral("warn")}}));
    QCOMPARE(problemLines(config.problems()), QStringList());
    QCOMPARE(config.string(QStringLiteral("log.level")), QStringLiteral("warn"));

    config
        = Config::load(QString(), false, makeEnv({{QStringLiteral("RUST_LOG"), QStringLiteral("verbose")}}));
    QCOMPARE(config.problems().size(), 1);
    QCOMPARE(config.problems().constFirst().key, QStringLiteral("RUST_LOG"));
    QVERIFY(config.problems().constFirst().message.contains(QLatin1String("\"verbose\"")));
    QCOMPARE(config.string(QStringLiteral("log.level")), QStringLiteral("info"));

    for (const char* bad : {"auth_service=loud", "=debug", "info,", "a b=info"}) {
        config = Config::load(QString(), false, makeEnv({{QStringLiteral("LOG_LEVEL"), QLatin1String(bad)}}));
        QVERIFY2(config.problems().size() == 1, bad);
        QCOMPARE(config.problems().constFirst().key, QStringLiteral("LOG_LEVEL"));
    }
}

void TestConfig::badIntFromEnvNamesVariable()
{
    const Config config = Config::load(
        QString(), false, makeEnv({{QStringLiteral("RATE_LIMIT_PER_IP_PER_MINUTE"), QStringLiteral("abc")}}));
    QCOMPARE(problemLines(config.problems()),
             QStringList(QStringLiteral("RATE_LIMIT_PER_IP_PER_MINUTE: must be an integer, got \"abc\"")));
    // The problem is reported; the value is not silently replaced by the bad input.
    QCOMPARE(config.integer(QStringLiteral("rate_limit.per_ip_per_minute")), 100);
    QCOMPARE(config.source(QStringLiteral("rate_limit.per_ip_per_minute")), ConfigSource::Default);
}

void TestConfig::badInt_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("leading space") << QStringLiteral(" 3000");
    QTest::newRow("trailing garbage") << QStringLiteral("3000abc");
    QTest::newRow("exponent") << QStringLiteral("3e3");
    QTest::newRow("hex") << QStringLiteral("0x10");
    QTest::newRow("plus") << QStringLiteral("+3000");
    QTest::newRow("float") << QStringLiteral("3000.0");
    QTest::newRow("overflow") << QStringLiteral("99999999999999999999999");
    QTest::newRow("minus only") << QStringLiteral("-");
}

void TestConfig::badInt()
{
    QFETCH(QString, value);
    const Config config = Config::load(QString(), false, makeEnv({{QStringLiteral("PORT"), value}}));
    QCOMPARE(problemLines(config.problems()),
             QStringList(QStringLiteral("PORT: must be an integer, got \"%1\"").arg(value)));
    QCOMPARE(config.integer(QStringLiteral("server.port")), 3000);
}

void TestConfig::outOfRange_data()
{
    QTest::addColumn<QString>("var");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("port high") << "PORT"
                               << "70000"
                               << "PORT: must be between 1 and 65535, got \"70000\"";
    QTest::newRow("port zero") << "PORT"
                               << "0"
                               << "PORT: must be between 1 and 65535, got \"0\"";
    QTest::newRow("negative") << "MFA_TOTP_WINDOW"
                              << "-1"
                              << "MFA_TOTP_WINDOW: must be between 0 and 10, got \"-1\"";
    QTest::newRow("hsts") << "HSTS_MAX_AGE"
                          << "63072001"
                          << "HSTS_MAX_AGE: must be between 0 and 63072000, got \"63072001\"";
    QTest::newRow("argon2 memory") << "ARGON2_MEMORY_KIB"
                                   << "1024"
                                   << "ARGON2_MEMORY_KIB: must be between 8192 and 4194304, got \"1024\"";
}

void TestConfig::outOfRange()
{
    QFETCH(QString, var);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    const Config config = Config::load(QString(), false, makeEnv({{var, value}}));
    QCOMPARE(problemLines(config.problems()), QStringList(expected));

    // Bounds hold for values from the file as well, named by TOML path.
    const Config fromFile = Config::load(writeToml("[server]\nport = 70000\n"), true, QProcessEnvironment());
    QCOMPARE(problemLines(fromFile.problems()),
             QStringList(QStringLiteral("server.port: must be between 1 and 65535, got \"70000\"")));
    QCOMPARE(fromFile.integer(QStringLiteral("server.port")), 3000);
}

void TestConfig::boolValues_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("expected");
    for (const char* t : {"true", "TRUE", "True", "1", "yes", "YES", "on", "On"})
        QTest::newRow(t) << QString::fromLatin1(t) << true << true;
    for (const char* f : {"false", "False", "0", "no", "NO", "off", "OFF"})
        QTest::newRow(f) << QString::fromLatin1(f) << true << false;
    for (const char* bad : {"maybe", "2", "y", "enabled", " true"})
        QTest::newRow(bad) << QString::fromLatin1(bad) << false << false;
}

void TestConfig::boolValues()
{
    QFETCH(QString, value);
    QFETCH(bool, valid);
    QFETCH(bool, expected);
    const Config config = Config::load(QString(), false, makeEnv({{QStringLiteral("FORCE_HTTPS"), value}}));
    if (valid) {
        QCOMPARE(problemLines(config.problems()), QStringList());
        QCOMPARE(config.boolean(QStringLiteral("server.force_https")), expected);
    } else {
        QCOMPARE(config.problems().size(), 1);
        QCOMPARE(config.problems().constFirst().key, QStringLiteral("FORCE_HTTPS"));
        QVERIFY(config.problems().constFirst().message.startsWith(QLatin1String("must be true or false")));
        QVERIFY(config.problems().constFirst().message.contains(QLatin1Char('"') + value + QLatin1Char('"')));
    }
}

void TestConfig::durations_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<qint64>("expectedMs"); // -1: invalid
    QTest::newRow("ms") << "250ms" << qint64(250);
    QTest::newRow("seconds") << "30s" << qint64(30000);
    QTest::newRow("minutes") << "5m" << qint64(300000);
    QTest::newRow("hours") << "1h" << qint64(3600000);
    QTest::newRow("days") << "2d" << qint64(172800000);
    QTest::newRow("plain ms") << "1500" << qint64(1500);
    QTest::newRow("zero") << "0" << qint64(-1);
    QTest::newRow("zero seconds") << "0s" << qint64(-1);
    QTest::newRow("negative") << "-5s" << qint64(-1);
    QTest::newRow("unknown unit") << "5x" << qint64(-1);
    QTest::newRow("unit only") << "s" << qint64(-1);
    QTest::newRow("fraction") << "1.5h" << qint64(-1);
    QTest::newRow("space") << "5 m" << qint64(-1);
    QTest::newRow("overflow") << "9999999999999999d" << qint64(-1);
}

void TestConfig::durations()
{
    QFETCH(QString, value);
    QFETCH(qint64, expectedMs);
    const Config config = Config::load(QString(), false, makeEnv({{QStringLiteral("IDLE_TIMEOUT"), value}}));
    if (expectedMs > 0) {
        QCOMPARE(problemLines(config.problems()), QStringList());
        QCOMPARE(config.durationMs(QStringLiteral("limits.idle_timeout")), expectedMs);
    } else {
        QCOMPARE(config.problems().size(), 1);
        QCOMPARE(config.problems().constFirst().key, QStringLiteral("IDLE_TIMEOUT"));
        QVERIFY(config.problems().constFirst().message.contains(QLatin1Char('"') + value + QLatin1Char('"')));
        QCOMPARE(config.durationMs(QStringLiteral("limits.idle_timeout")), 60000);
    }
}

void TestConfig::badChoices()
{
    Config config
        = Config::load(QString(), false, makeEnv({{QStringLiteral("APP_ENV"), QStringLiteral("prod")}}));
    QCOMPARE(problemLines(config.problems()),
             QStringList(QStringLiteral(
                 "APP_ENV: must be one of development, staging, production, test, got \"prod\"")));
    QCOMPARE(config.string(QStringLiteral("app.env")), QStringLiteral("development"));

    config = Config::load(QString(), false,
                          makeEnv({{QStringLiteral("JWT_ALGORITHM"), QStringLiteral("HS256")}}));
    QCOMPARE(config.problems().size(), 1);
    QCOMPARE(config.problems().constFirst().key, QStringLiteral("JWT_ALGORITHM"));

    config = Config::load(writeToml("[jwt]\nalgorithm = \"EdDSA\"\n[app]\nenv = \"staging\"\n"), true,
                          QProcessEnvironment());
    QCOMPARE(problemLines(config.problems()), QStringList());
    QCOMPARE(config.string(QStringLiteral("jwt.algorithm")), QStringLiteral("EdDSA"));
    QCOMPARE(config.string(QStringLiteral("app.env")), QStringLiteral("staging"));
}

void TestConfig::unknownTomlKey()
{
    const QString path = writeToml("[server]\nprt = 3000\n[nonsense]\nvalue = 1\n[jwt.extra]\nx = 1\n");
    const Config config = Config::load(path, true, QProcessEnvironment());
    QStringList lines = problemLines(config.problems());
    lines.sort();
    QCOMPARE(lines,
             QStringList({QStringLiteral("jwt.extra: unknown setting"),
                          QStringLiteral("nonsense: unknown setting"),
                          QStringLiteral("server.prt: unknown setting")}));
}

void TestConfig::wrongTomlType()
{
    const QString path = writeToml("server = { port = \"3000\", force_https = \"yes\","
                                   " trusted_proxies = [\"10.0.0.0/8\", 7] }\n"
                                   "[limits]\nidle_timeout = 1.5\n");
    const Config config = Config::load(path, true, QProcessEnvironment());
    const QStringList lines = problemLines(config.problems());
    QVERIFY2(lines.contains(QStringLiteral("server.port: must be an integer, got a string")),
             qPrintable(lines.join(QLatin1Char('\n'))));
    QVERIFY(lines.contains(QStringLiteral("server.force_https: must be true or false, got a string")));
    QVERIFY(lines.contains(QStringLiteral(
        "server.trusted_proxies: must be an array of strings, got an element that is an integer")));
    QVERIFY(lines.contains(QStringLiteral(
        "limits.idle_timeout: must be a duration string such as \"30s\" or milliseconds, got a float")));
    QCOMPARE(lines.size(), 4);

    const Config notATable = Config::load(writeToml("server = 3\n"), true, QProcessEnvironment());
    QCOMPARE(problemLines(notATable.problems()),
             QStringList(QStringLiteral("server: must be a table, got an integer")));
}

void TestConfig::tomlSyntaxErrorReportsLine()
{
    const QString path = writeToml("[server]\nport = 3000\nbind_address = \n");
    const Config config
        = Config::load(path, true, makeEnv({{QStringLiteral("PORT"), QStringLiteral("4000")}}));
    QCOMPARE(config.problems().size(), 1);
    QCOMPARE(config.problems().constFirst().key, path);
    QVERIFY2(config.problems().constFirst().message.startsWith(QLatin1String("line 3, column ")),
             qPrintable(config.problems().constFirst().message));
    // The environment still applies, so --check-config reports everything at once.
    QCOMPARE(config.integer(QStringLiteral("server.port")), 4000);
}

void TestConfig::missingFile()
{
    const QString path = m_dir->filePath(QStringLiteral("missing.toml"));
    Config config = Config::load(path, true, QProcessEnvironment());
    QCOMPARE(problemLines(config.problems()), QStringList(path + QStringLiteral(": file not found")));

    config = Config::load(path, false, QProcessEnvironment());
    QCOMPARE(problemLines(config.problems()), QStringList());

    config = Config::load(m_dir->path(), true, QProcessEnvironment());
    QCOMPARE(problemLines(config.problems()),
             QStringList(m_dir->path() + QStringLiteral(": is not a regular file")));
}

void TestConfig::cidrLists()
{
    Config config = Config::load(
        QString(), false,
        makeEnv({{QStringLiteral("TRUSTED_PROXIES"), QStringLiteral("10.0.0.0/8, fd00::/8,192.168.0.1")},
                 {QStringLiteral("ADMIN_ALLOWED_NETWORKS"), QStringLiteral("127.0.0.0/8")}}));
    QCOMPARE(problemLines(config.problems()), QStringList());
    QCOMPARE(config.list(QStringLiteral("server.trusted_proxies")),
             QStringList(
                 {QStringLiteral("10.0.0.0/8"), QStringLiteral("fd00::/8"), QStringLiteral("192.168.0.1")}));
    QCOMPARE(config.list(QStringLiteral("admin.allowed_networks")),
             QStringList(QStringLiteral("127.0.0.0/8")));

    config = Config::load(
        QString(), false,
        makeEnv({{QStringLiteral("TRUSTED_PROXIES"), QStringLiteral("10.0.0.0/8,10.0.0.0/33")}}));
    QCOMPARE(problemLines(config.problems()),
             QStringList(QStringLiteral("TRUSTED_PROXIES: must be a network in CIDR notation such as "
                                        "10.0.0.0/8 or fd00::/8, got \"10.0.0.0/33\"")));
    QCOMPARE(config.list(QStringLiteral("server.trusted_proxies")), QStringList());

    config
        = Config::load(writeToml("[admin]\nallowed_networks = [\"office\"]\n"), true, QProcessEnvironment());
    QCOMPARE(config.problems().size(), 1);
    QCOMPARE(config.problems().constFirst().key, QStringLiteral("admin.allowed_networks"));
    QVERIFY(config.problems().constFirst().message.contains(QLatin1String("\"office\"")));
}

void TestConfig::urlsAndAddresses()
{
    auto problemsFor = [](const QString& var, const QString& value) {
        return problemLines(Config::load(QString(), false, makeEnv({{var, value}})).problems());
    };
    QCOMPARE(problemsFor(QStringLiteral("BIND_ADDRESS"), QStringLiteral("::")), QStringList());
    QCOMPARE(problemsFor(QStringLiteral("BIND_ADDRESS"), QStringLiteral("localhost")),
             QStringList(QStringLiteral("BIND_ADDRESS: must be an IP address, got \"localhost\"")));
    QCOMPARE(problemsFor(QStringLiteral("DATABASE_URL"), QStringLiteral("sqlite:///var/lib/auth/auth.db")),
             QStringList());
    QCOMPARE(problemsFor(QStringLiteral("DATABASE_URL"), QStringLiteral("postgresql://auth@db:5432/auth")),
             QStringList());
    QCOMPARE(
        problemsFor(QStringLiteral("DATABASE_URL"), QStringLiteral("mysql://u:hunter2@db/auth")),
        QStringList(QStringLiteral("DATABASE_URL: must start with sqlite:, postgres:// or postgresql://, "
                                   "got \"mysql://u:<redacted>@db/auth\"")));
    QCOMPARE(problemsFor(QStringLiteral("DATABASE_URL"), QStringLiteral("sqlite:")).size(), 1);
    QCOMPARE(problemsFor(QStringLiteral("REDIS_URL"), QStringLiteral("rediss://cache:6380/0")),
             QStringList());
    QCOMPARE(problemsFor(QStringLiteral("REDIS_URL"), QStringLiteral("http://cache")),
             QStringList(QStringLiteral(
                 "REDIS_URL: must start with redis://, rediss:// or unix://, got \"http://cache\"")));
    QCOMPARE(problemsFor(QStringLiteral("REDIS_URL"), QStringLiteral("redis://")).size(), 1);

    // A password inside a URL is shown redacted, like a secret.
    const Config config = Config::load(
        QString(), false,
        makeEnv({{QStringLiteral("DATABASE_URL"), QStringLiteral("postgres://auth:hunter2@db/auth")}}));
    QCOMPARE(config.string(QStringLiteral("storage.database_url")),
             QStringLiteral("postgres://auth:hunter2@db/auth"));
    for (const auto& [key, value] : config.redactedDump()) {
        QVERIFY(!value.contains(QLatin1String("hunter2")));
        if (key == QLatin1String("storage.database_url"))
            QCOMPARE(value, QStringLiteral("postgres://auth:<redacted>@db/auth"));
    }
}

void TestConfig::fromValues()
{
    const Config config = Config::fromValues({{QStringLiteral("server.port"), QStringLiteral("4443")},
                                              {QStringLiteral("jwt.access_token_ttl"), QStringLiteral("2m")},
                                              {QStringLiteral("no.such"), QStringLiteral("1")},
                                              {QStringLiteral("rate_limit.burst"), QStringLiteral("lots")}});
    QCOMPARE(config.integer(QStringLiteral("server.port")), 4443);
    QCOMPARE(config.durationMs(QStringLiteral("jwt.access_token_ttl")), 120000);
    QCOMPARE(config.integer(QStringLiteral("rate_limit.burst")), 10);
    QStringList lines = problemLines(config.problems());
    lines.sort();
    QCOMPARE(lines,
             QStringList({QStringLiteral("no.such: unknown setting"),
                          QStringLiteral("rate_limit.burst: must be an integer, got \"lots\"")}));
}

void TestConfig::productionProblems()
{
    Config config = Config::load(QString(), false, productionEnv());
    QVERIFY(config.isProduction());
    QCOMPARE(problemLines(config.problems()), QStringList());
    QCOMPARE(problemLines(config.productionProblems()), QStringList());

    // Plain HTTP is not a way out in production.
    config = Config::load(QString(), false,
                          makeEnv({{QStringLiteral("APP_ENV"), QStringLiteral("production")},
                                   {QStringLiteral("ALLOW_PLAIN_HTTP"), QStringLiteral("true")}}));
    QStringList lines = problemLines(config.productionProblems());
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).startsWith(QLatin1String("TLS_CERT_PATH: required in production")));
    QVERIFY(lines.at(1).startsWith(QLatin1String("TLS_KEY_PATH: required in production")));
    QCOMPARE(lines.at(2), QStringLiteral("MASTER_KEY: required in production to encrypt keys at rest"));

    QProcessEnvironment env = productionEnv();
    env.insert(QStringLiteral("JWT_SECRET"), QStringLiteral("changeme"));
    env.insert(QStringLiteral("ADMIN_BOOTSTRAP_PASSWORD"), QStringLiteral("Example-Admin-2024!"));
    env.insert(QStringLiteral("SECURITY_HEADERS_ENABLED"), QStringLiteral("false"));
    env.insert(QStringLiteral("MFA_REQUIRED_FOR_ADMIN"), QStringLiteral("0"));
    config = Config::load(QString(), false, env);
    QCOMPARE(
        problemLines(config.productionProblems()),
        QStringList(
            {QStringLiteral("JWT_SECRET: must be at least 32 bytes in production (openssl rand -hex 32)"),
             QStringLiteral("JWT_SECRET: is a well-known default; generate a new one"),
             QStringLiteral("ADMIN_BOOTSTRAP_PASSWORD: is a well-known default; generate a new one"),
             QStringLiteral("SECURITY_HEADERS_ENABLED: must be true in production"),
             QStringLiteral("MFA_REQUIRED_FOR_ADMIN: must be true in production")}));

    // Settings from the file are named by their TOML path.
    const QString path
        = writeToml("[app]\nenv = \"production\"\n[tls]\ncert_path = \"/c.pem\"\n"
                    "key_path = \"/k.pem\"\n[jwt]\nmaster_key = \"d2f1c3a4b5e6f7a8b9c0d1e2f3a4b5c6\"\n"
                    "[mfa]\nrequired_for_admin = false\n");
    config = Config::load(path, true, QProcessEnvironment());
    QCOMPARE(problemLines(config.problems()), QStringList());
    QCOMPARE(problemLines(config.productionProblems()),
             QStringList(QStringLiteral("mfa.required_for_admin: must be true in production")));
}

void TestConfig::nothingOutsideProduction()
{
    for (const char* appEnv : {"development", "staging", "test"}) {
        const Config config
            = Config::load(QString(), false,
                           makeEnv({{QStringLiteral("APP_ENV"), QLatin1String(appEnv)},
                                    {QStringLiteral("JWT_SECRET"), QStringLiteral("secret")},
                                    {QStringLiteral("SECURITY_HEADERS_ENABLED"), QStringLiteral("no")},
                                    {QStringLiteral("MFA_REQUIRED_FOR_ADMIN"), QStringLiteral("no")}}));
        QVERIFY(!config.isProduction());
        QCOMPARE(problemLines(config.productionProblems()), QStringList());
    }
}

void TestConfig::secretsNeverShown()
{
    const QString jwt = QStringLiteral("sEcReT-jwt-value-Q7");
    const QString admin = QStringLiteral("example-admin-pw-Z9");
    const QString master = QStringLiteral("mAsTeR-key-value-K3");
    const QString rsa = QStringLiteral("LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t");
    QProcessEnvironment env = makeEnv({{QStringLiteral("APP_ENV"), QStringLiteral("production")},
                                       {QStringLiteral("JWT_SECRET"), jwt},
                                       {QStringLiteral("ADMIN_BOOTSTRAP_PASSWORD"), admin},
                                       {QStringLiteral("MASTER_KEY"), master},
                                       {QStringLiteral("RSA_PRIVATE_KEY"), rsa}});
    // A world-readable file holding a secret with a wrong type adds file-sourced problems too.
    const QString path = writeToml("[jwt]\nsecret = \"file-secret-value-W4\"\nmaster_key = 12345\n",
                                   QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
    const Config config = Config::load(path, true, env);
    QStringList everything = problemLines(config.problems()) + problemLines(config.productionProblems());
    QVERIFY(!everything.isEmpty());
    for (const auto& [key, value] : config.redactedDump())
        everything.append(key + QLatin1Char('=') + value);
    for (const QString& secret :
         {jwt, admin, master, rsa, QStringLiteral("file-secret-value-W4"), QStringLiteral("12345")}) {
        for (const QString& line : everything)
            QVERIFY2(!line.contains(secret), qPrintable(line));
    }

    const QList<QPair<QString, QString>> dump = config.redactedDump();
    QCOMPARE(dump.size(), Config::keys().size());
    for (qsizetype i = 1; i < dump.size(); ++i)
        QVERIFY(dump.at(i - 1).first < dump.at(i).first);
    auto valueOf = [&dump](const QString& key) {
        for (const auto& [k, v] : dump) {
            if (k == key)
                return v;
        }
        return QStringLiteral("<missing>");
    };
    QCOMPARE(valueOf(QStringLiteral("jwt.secret")), QStringLiteral("<redacted>"));
    QCOMPARE(valueOf(QStringLiteral("jwt.master_key")), QStringLiteral("<redacted>"));
    QCOMPARE(valueOf(QStringLiteral("server.port")), QStringLiteral("3000"));
    QCOMPARE(valueOf(QStringLiteral("limits.header_timeout")), QStringLiteral("10s"));
    QCOMPARE(valueOf(QStringLiteral("app.env")), QStringLiteral("production"));

    // An unset secret shows as empty, so the operator can tell it is missing.
    const Config plain = Config::fromValues({});
    for (const auto& [key, value] : plain.redactedDump()) {
        if (key == QLatin1String("jwt.secret"))
            QCOMPARE(value, QString());
    }
    // The accessor still gives the real value to the code that needs it.
    QCOMPARE(config.string(QStringLiteral("jwt.secret")), jwt);
}

void TestConfig::readableFileWithSecrets()
{
    const QByteArray withSecret = "[jwt]\nsecret = \"0123456789abcdef0123456789abcdef\"\n";
    const QString warning = QStringLiteral("file is readable by others and holds secrets; chmod 600");

    QString path = writeToml(withSecret,
                             QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                 | QFileDevice::ReadOther);
    Config config = Config::load(path, true, QProcessEnvironment());
    QCOMPARE(problemLines(config.problems()), QStringList(path + QStringLiteral(": ") + warning));
    QCOMPARE(config.string(QStringLiteral("jwt.secret")), QStringLiteral("0123456789abcdef0123456789abcdef"));

    path = writeToml(withSecret, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    config = Config::load(path, true, QProcessEnvironment());
    QCOMPARE(problemLines(config.problems()), QStringList());

    // A readable file without secrets is the common /etc case and fine.
    path = writeToml("[server]\nport = 3001\n",
                     QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                         | QFileDevice::ReadOther);
    config = Config::load(path, true, QProcessEnvironment());
    QCOMPARE(problemLines(config.problems()), QStringList());
}

QTEST_GUILESS_MAIN(TestConfig)
#include "TestConfig.moc"
