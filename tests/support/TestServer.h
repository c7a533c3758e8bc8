#pragma once

#include <QByteArray>
#include <QDir>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QSslCertificate>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace auth::test {

class TestBackends;

// A reply as a test sees it.
struct HttpReply
{
    int status = 0;
    QHash<QByteArray, QByteArray> headers; // lower-cased names
    QByteArray body;
    QString networkError;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const QByteArray& name) const { return headers.value(name.toLower()); }
};

// Starts the real auth-service binary on a free loopback port over HTTPS with a
// fresh self-signed certificate, temporary data and log directories, and waits
// until /health answers. Stops it (SIGTERM, then SIGKILL) on destruction.
class TestServer
{
public:
    TestServer();
    ~TestServer();

    // Extra environment for the process (e.g. RATE_LIMIT_BURST); set before start().
    void setEnv(const QString& name, const QString& value) { m_env.insert(name, value); }
    void setArguments(const QStringList& args) { m_args = args; }
    // What tests that sign in as an administrator set: the bootstrap account,
    // cheap Argon2 parameters, and rate limits out of the way.
    void bootstrapAdmin(const QString& email, const QString& password);
    // Another auth-service binary (e.g. one unpacked from the .deb); set before start().
    void setProgram(const QString& program) { m_program = program; }
    // Serve `other`'s certificate and key (instances behind one balancer that
    // verifies them against one trusted certificate); call before start().
    void useCertificateOf(const TestServer& other);
    bool start(int timeoutMs = 15000);
    void stop();
    bool isRunning() const;
    int exitCode() const;
    qint64 processId() const { return m_process.processId(); }

    quint16 port() const { return m_port; }
    QString baseUrl() const; // https://127.0.0.1:PORT
    QString logDir() const;
    QString dataDir() const;
    QString tempPath() const { return m_dir.path(); }
    QSslCertificate certificate() const { return m_certificate; }
    QByteArray certificateSha256() const; // hex, lower case
    QString certificatePath() const;
    QByteArray processOutput(); // stdout+stderr so far

    // Synchronous HTTPS request trusting only this server's certificate.
    HttpReply request(const QByteArray& method, const QString& path, const QByteArray& body = {},
                      const QHash<QByteArray, QByteArray>& headers = {}, int timeoutMs = 10000) const;
    HttpReply get(const QString& path, const QHash<QByteArray, QByteArray>& headers = {}) const
    {
        return request("GET", path, {}, headers);
    }
    HttpReply postJson(const QString& path, const QJsonObject& body,
                       const QHash<QByteArray, QByteArray>& headers = {}) const;

    // Lines of security.log / application.log parsed as JSON objects.
    QList<QJsonObject> securityLog() const;
    QList<QJsonObject> applicationLog() const;

    static quint16 freePort();

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QHash<QString, QString> m_env;
    QStringList m_args;
    QString m_program = QStringLiteral(AUTH_SERVICE_BINARY);
    quint16 m_port = 0;
    QSslCertificate m_certificate;
    QByteArray m_output;
    std::unique_ptr<TestBackends> m_backends; // PostgreSQL + Redis variant only
};

} // namespace auth::test
