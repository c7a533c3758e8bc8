#include "TestServer.h"

#include "TestBackends.h"
#include "TestTls.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QThread>
#include <QTimer>

namespace auth::test {

TestServer::TestServer()
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
}

void TestServer::bootstrapAdmin(const QString& email, const QString& password)
{
    setEnv(QStringLiteral("ADMIN_BOOTSTRAP_EMAIL"), email);
    setEnv(QStringLiteral("ADMIN_BOOTSTRAP_PASSWORD"), password);
    setEnv(QStringLiteral("ARGON2_MEMORY_KIB"), QStringLiteral("8192"));
    setEnv(QStringLiteral("ARGON2_ITERATIONS"), QStringLiteral("1"));
    setEnv(QStringLiteral("RATE_LIMIT_PER_IP_PER_MINUTE"), QStringLiteral("100000"));
    setEnv(QStringLiteral("RATE_LIMIT_BURST"), QStringLiteral("100000"));
}

TestServer::~TestServer()
{
    stop();
    m_backends.reset(); // after the server has let go of its database
}

quint16 TestServer::freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QString TestServer::logDir() const
{
    return m_dir.filePath(QStringLiteral("log"));
}

QString TestServer::dataDir() const
{
    return m_dir.filePath(QStringLiteral("data"));
}

QString TestServer::certificatePath() const
{
    return m_dir.filePath(QStringLiteral("tls/cert.pem"));
}

QString TestServer::baseUrl() const
{
    return QStringLiteral("https://127.0.0.1:%1").arg(m_port);
}

QByteArray TestServer::certificateSha256() const
{
    return m_certificate.digest(QCryptographicHash::Sha256).toHex();
}

void TestServer::useCertificateOf(const TestServer& other)
{
    QDir().mkpath(m_dir.filePath(QStringLiteral("tls")));
    QFile::remove(certificatePath());
    QFile::remove(m_dir.filePath(QStringLiteral("tls/key.pem")));
    QFile::copy(other.certificatePath(), certificatePath());
    QFile::copy(other.tempPath() + QStringLiteral("/tls/key.pem"),
                m_dir.filePath(QStringLiteral("tls/key.pem")));
    m_certificate = other.certificate();
}

bool TestServer::start(int timeoutMs)
{
    QDir().mkpath(m_dir.filePath(QStringLiteral("tls")));
    const QString keyPath = m_dir.filePath(QStringLiteral("tls/key.pem"));
    if (m_certificate.isNull()) {
        QString error;
        if (!writeSelfSignedCertificate(certificatePath(), keyPath, &error)) {
            qWarning() << "cannot make a certificate:" << error;
            return false;
        }
        m_certificate = QSslCertificate::fromPath(certificatePath()).value(0);
    }
    const QString configPath = m_dir.filePath(QStringLiteral("config.toml"));
    if (!QFile::exists(configPath)) {
        QFile config(configPath);
        config.open(QIODevice::WriteOnly);
        config.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }

    // A hermetic environment: nothing from the developer's shell leaks in.
    QProcessEnvironment env;
    for (const char* keep :
         {"PATH", "HOME", "LANG", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TMPDIR"}) {
        if (qEnvironmentVariableIsSet(keep))
            env.insert(QString::fromLatin1(keep), qEnvironmentVariable(keep));
    }
    if (m_port == 0)
        m_port = freePort();
    env.insert(QStringLiteral("APP_ENV"), QStringLiteral("test"));
    env.insert(QStringLiteral("PORT"), QString::number(m_port));
    env.insert(QStringLiteral("BIND_ADDRESS"), QStringLiteral("127.0.0.1"));
    env.insert(QStringLiteral("TLS_CERT_PATH"), certificatePath());
    env.insert(QStringLiteral("TLS_KEY_PATH"), keyPath);
    env.insert(QStringLiteral("LOG_DIR"), logDir());
    env.insert(QStringLiteral("DATA_DIR"), dataDir());
    env.insert(QStringLiteral("LOG_LEVEL"), QStringLiteral("debug"));
    // Suites sign in as the bootstrap admin with a password only; the MFA
    // tests turn the admin requirement back on.
    env.insert(QStringLiteral("MFA_REQUIRED_FOR_ADMIN"), QStringLiteral("false"));
    // The PostgreSQL + Redis variant of a suite: stores of its own, unless the
    // test chose them (the cluster test shares one pair between servers).
    if (TestBackends::requested() && !m_env.contains(QStringLiteral("DATABASE_URL"))) {
        if (!m_backends) {
            m_backends = std::make_unique<TestBackends>();
            QString error;
            if (!m_backends->create(&error)) {
                qWarning().noquote() << error;
                m_backends.reset();
                return false;
            }
        }
        env.insert(QStringLiteral("DATABASE_URL"), m_backends->databaseUrl());
        env.insert(QStringLiteral("REDIS_URL"), m_backends->redisUrl());
        env.insert(QStringLiteral("REDIS_KEY_PREFIX"), m_backends->redisPrefix());
    }
    for (auto it = m_env.cbegin(); it != m_env.cend(); ++it)
        env.insert(it.key(), it.value());
    m_process.setProcessEnvironment(env);
    m_process.setWorkingDirectory(m_dir.path());
    QStringList args {QStringLiteral("--config"), configPath};
    args += m_args;
    m_process.start(m_program, args);
    if (!m_process.waitForStarted(5000))
        return false;

    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process.state() != QProcess::Running) {
            qWarning().noquote() << "auth-service exited early:" << processOutput();
            return false;
        }
        const HttpReply reply = request("GET", QStringLiteral("/health"), {}, {}, 1000);
        if (reply.status == 200 || reply.status == 503)
            return true;
        QThread::msleep(50);
    }
    qWarning().noquote() << "auth-service did not answer /health:" << processOutput();
    return false;
}

void TestServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool TestServer::isRunning() const
{
    return m_process.state() == QProcess::Running;
}

int TestServer::exitCode() const
{
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QByteArray TestServer::processOutput()
{
    m_output += m_process.readAll();
    return m_output;
}

HttpReply TestServer::request(const QByteArray& method, const QString& path, const QByteArray& body,
                              const QHash<QByteArray, QByteArray>& headers, int timeoutMs) const
{
    QNetworkAccessManager manager;
    QNetworkRequest request(QUrl(baseUrl() + path));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({m_certificate});
    request.setSslConfiguration(tls);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    for (auto it = headers.cbegin(); it != headers.cend(); ++it)
        request.setRawHeader(it.key(), it.value());
    // A custom "HEAD" verb would make QNAM wait for a body that never comes.
    QNetworkReply* reply
        = method == "HEAD" ? manager.head(request) : manager.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    HttpReply result;
    if (!reply->isFinished()) {
        reply->abort();
        result.networkError = QStringLiteral("timeout");
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    for (const auto& [name, value] : reply->rawHeaderPairs())
        result.headers.insert(name.toLower(), value);
    result.body = reply->readAll();
    if (reply->error() != QNetworkReply::NoError && result.status == 0)
        result.networkError = reply->errorString();
    delete reply;
    return result;
}

HttpReply TestServer::postJson(const QString& path, const QJsonObject& body,
                               const QHash<QByteArray, QByteArray>& headers) const
{
    QHash<QByteArray, QByteArray> all = headers;
    all.insert("Content-Type", "application/json");
    return request("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), all);
}

static QList<QJsonObject> readJsonLines(const QString& path)
{
    QList<QJsonObject> lines;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return lines;
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (!line.trimmed().isEmpty())
            lines.append(QJsonDocument::fromJson(line).object());
    }
    return lines;
}

QList<QJsonObject> TestServer::securityLog() const
{
    return readJsonLines(logDir() + QStringLiteral("/security.log"));
}

QList<QJsonObject> TestServer::applicationLog() const
{
    return readJsonLines(logDir() + QStringLiteral("/application.log"));
}

} // namespace auth::test
