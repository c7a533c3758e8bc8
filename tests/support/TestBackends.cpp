#include "TestBackends.h"

#include <QDebug>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

namespace auth::test {

namespace {

// Runs one statement on the server's maintenance connection (not inside the
// database being created or dropped).
bool adminExec(const QString& adminUrl, const QString& sql, QString* error)
{
    const QUrl url(adminUrl);
    const QString name = QStringLiteral("test-backends-") + QUuid::createUuid().toString(QUuid::Id128);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
        db.setConnectOptions(QStringLiteral("connect_timeout=5"));
        if (db.open()) {
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok && error)
                *error = query.lastError().text();
            db.close();
        } else if (error) {
            *error = db.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

bool TestBackends::requested()
{
    return qEnvironmentVariable("AUTH_TEST_BACKENDS") == QLatin1String("postgres-redis");
}

TestBackends::~TestBackends()
{
    drop();
}

bool TestBackends::create(QString* error)
{
    m_adminUrl = qEnvironmentVariable("AUTH_TEST_POSTGRES_URL");
    m_redisUrl = qEnvironmentVariable("AUTH_TEST_REDIS_URL");
    if (m_adminUrl.isEmpty() || m_redisUrl.isEmpty()) {
        *error = QStringLiteral("AUTH_TEST_POSTGRES_URL and AUTH_TEST_REDIS_URL are not set "
                                "(run through scripts/with-test-services)");
        return false;
    }
    const QString id = QUuid::createUuid().toString(QUuid::Id128).left(16);
    m_databaseName = QStringLiteral("auth_test_") + id;
    if (!adminExec(m_adminUrl, QStringLiteral("CREATE DATABASE ") + m_databaseName, error)) {
        m_databaseName.clear();
        return false;
    }
    QUrl url(m_adminUrl);
    url.setPath(QLatin1Char('/') + m_databaseName);
    m_databaseUrl = url.toString();
    m_redisPrefix = QStringLiteral("test-%1:").arg(id);
    return true;
}

void TestBackends::drop()
{
    if (!m_databaseName.isEmpty()) {
        QString error;
        if (!adminExec(m_adminUrl,
                       QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_databaseName), &error))
            qWarning().noquote() << "cannot drop test database" << m_databaseName << error;
        m_databaseName.clear();
    }
    if (!m_redisPrefix.isEmpty()) {
        // Only this test's keys: other tests share the server.
        QProcess cli;
        cli.start(
            QStringLiteral("redis-cli"),
            {QStringLiteral("-u"), m_redisUrl, QStringLiteral("EVAL"),
             QStringLiteral("for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end"),
             QStringLiteral("0"), m_redisPrefix + QLatin1Char('*')});
        cli.waitForFinished(5000);
        m_redisPrefix.clear();
    }
}

} // namespace auth::test
