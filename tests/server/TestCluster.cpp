#include "TestBackends.h"
#include "TestServer.h"
#include "Totp.h"

#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSet>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <memory>
#include <unistd.h>

using namespace auth::test;

// Two auth-service instances sharing one PostgreSQL database and one Redis
// key prefix, behind nginx (round robin, TLS to clients and to the upstreams),
// as scripts/cluster-up runs them. Every limit, lockout, revocation and
// rotation made through one instance must hold on the other.
class TestCluster : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void nginxSpreadsRequests();
    void rateLimitIsGlobal();
    void rateLimitIsGlobalThroughNginx();
    void lockoutHoldsOnTheOtherInstance();
    void logoutIsRefusedByTheOtherInstance();
    void logoutAllIsRefusedByTheOtherInstance();
    void rotatedKeyIsPublishedByTheOtherInstance();
    void refreshReplayOnTheOtherInstanceIsReuse();
    void disabledClientIsRefusedByTheOtherInstance();
    void totpReplayOnTheOtherInstanceIsRefused();

private:
    QHash<QByteArray, QByteArray> from(const QString& ip,
                                       const QHash<QByteArray, QByteArray>& more = {}) const;
    QString nextIp();
    QString registerAccount(TestServer& server, const QString& email);
    HttpReply login(TestServer& server, const QString& email, const QString& password, const QString& ip);
    HttpReply viaNginx(const QByteArray& method, const QString& path, const QByteArray& body,
                       const QHash<QByteArray, QByteArray>& headers);

    TestBackends m_backends;
    TestServer m_a;
    TestServer m_b;
    QTemporaryDir m_nginxDir;
    QProcess m_nginx;
    quint16 m_nginxPort = 0;
    int m_ips = 0;
    QString m_skip;
};

namespace {

const QString kAdminEmail = QStringLiteral("root@cluster.example");
const QString kAdminPassword = QStringLiteral("Tangerine-Voltage-Harbor-42");
const QString kPassword = QStringLiteral("Quartz-Meadow-Lantern-91");
constexpr int kBurst = 6;

QHash<QByteArray, QByteArray> bearer(const QString& token)
{
    return {{"Authorization", "Bearer " + token.toLatin1()}};
}

QString accessToken(const HttpReply& reply)
{
    return reply.json().value(QStringLiteral("access_token")).toString();
}

QJsonObject jwtPart(const QString& token, int part)
{
    const QByteArray encoded = token.toLatin1().split('.').value(part);
    return QJsonDocument::fromJson(QByteArray::fromBase64(encoded, QByteArray::Base64UrlEncoding)).object();
}

QStringList jwksKids(const TestServer& server)
{
    QStringList kids;
    for (const QJsonValue& key :
         server.get(QStringLiteral("/.well-known/jwks.json")).json().value(QStringLiteral("keys")).toArray())
        kids.append(key.toObject().value(QStringLiteral("kid")).toString());
    return kids;
}

int countEvents(const TestServer& server, const QString& type, const QString& sourceIp = {})
{
    int count = 0;
    for (const QJsonObject& event : server.securityLog()) {
        if (event.value(QStringLiteral("event")).toString() == type
            && (sourceIp.isEmpty() || event.value(QStringLiteral("source_ip")).toString() == sourceIp))
            ++count;
    }
    return count;
}

} // namespace

QString TestCluster::nextIp()
{
    ++m_ips;
    return QStringLiteral("198.51.100.%1").arg(m_ips);
}

QHash<QByteArray, QByteArray> TestCluster::from(const QString& ip,
                                                const QHash<QByteArray, QByteArray>& more) const
{
    QHash<QByteArray, QByteArray> headers = more;
    headers.insert("X-Forwarded-For", ip.toLatin1());
    return headers;
}

QString TestCluster::registerAccount(TestServer& server, const QString& email)
{
    const HttpReply reply = server.postJson(QStringLiteral("/api/v1/auth/register"),
                                            {{QStringLiteral("email"), email},
                                             {QStringLiteral("password"), kPassword},
                                             {QStringLiteral("name"), QStringLiteral("Cluster Tester")}},
                                            from(nextIp()));
    if (reply.status != 201)
        qWarning() << "register failed:" << reply.status << reply.body;
    return reply.json().value(QStringLiteral("id")).toString();
}

HttpReply TestCluster::login(TestServer& server, const QString& email, const QString& password,
                             const QString& ip)
{
    return server.postJson(QStringLiteral("/api/v1/auth/login"),
                           {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}},
                           from(ip));
}

HttpReply TestCluster::viaNginx(const QByteArray& method, const QString& path, const QByteArray& body,
                                const QHash<QByteArray, QByteArray>& headers)
{
    QNetworkAccessManager manager;
    QNetworkRequest request(QUrl(QStringLiteral("https://127.0.0.1:%1%2").arg(m_nginxPort).arg(path)));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({m_a.certificate()}); // nginx presents instance A's certificate
    request.setSslConfiguration(tls);
    for (auto it = headers.cbegin(); it != headers.cend(); ++it)
        request.setRawHeader(it.key(), it.value());
    QNetworkReply* reply = manager.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    HttpReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    if (result.status == 0)
        result.networkError = reply->errorString();
    delete reply;
    return result;
}

void TestCluster::initTestCase()
{
    QString error;
    if (!m_backends.create(&error))
        QSKIP(qPrintable(error));
    const QString nginx
        = QStandardPaths::findExecutable(QStringLiteral("nginx"), {QStringLiteral("/usr/sbin")}).isEmpty()
        ? QStandardPaths::findExecutable(QStringLiteral("nginx"))
        : QStandardPaths::findExecutable(QStringLiteral("nginx"), {QStringLiteral("/usr/sbin")});
    if (nginx.isEmpty())
        QSKIP("nginx is not installed (Debian package nginx-light)");

    // Tokens name the balancer as issuer, so each instance accepts the other's.
    m_nginxPort = TestServer::freePort();
    for (TestServer* server : {&m_a, &m_b}) {
        server->setEnv(QStringLiteral("JWT_ISSUER"), QStringLiteral("https://127.0.0.1:%1").arg(m_nginxPort));
        server->setEnv(QStringLiteral("DATABASE_URL"), m_backends.databaseUrl());
        server->setEnv(QStringLiteral("REDIS_URL"), m_backends.redisUrl());
        server->setEnv(QStringLiteral("REDIS_KEY_PREFIX"), m_backends.redisPrefix());
        server->setEnv(QStringLiteral("ADMIN_BOOTSTRAP_EMAIL"), kAdminEmail);
        server->setEnv(QStringLiteral("ADMIN_BOOTSTRAP_PASSWORD"), kAdminPassword);
        server->setEnv(QStringLiteral("RATE_LIMIT_PER_IP_PER_MINUTE"), QString::number(kBurst));
        server->setEnv(QStringLiteral("RATE_LIMIT_BURST"), QString::number(kBurst));
        server->setEnv(QStringLiteral("TRUSTED_PROXIES"), QStringLiteral("127.0.0.1/32"));
        server->setEnv(QStringLiteral("MASTER_KEY"),
                       QStringLiteral("cluster-test-master-key-0123456789abcdef"));
        if (server == &m_b)
            m_b.useCertificateOf(m_a); // nginx verifies both upstreams against one certificate
        QVERIFY(server->start());
    }

    // nginx: TLS to the clients with A's certificate, TLS to both upstreams
    // verified against that certificate.
    const QString dir = m_nginxDir.path();
    QDir().mkpath(dir + QStringLiteral("/tmp"));
    QFile trusted(dir + QStringLiteral("/upstreams.pem"));
    QVERIFY(trusted.open(QIODevice::WriteOnly));
    trusted.write(m_a.certificate().toPem()); // B serves the same certificate
    trusted.close();
    const QString conf = QStringLiteral(R"(%1
worker_processes 1;
error_log %2/error.log warn;
pid %2/nginx.pid;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path %2/tmp/body;
  proxy_temp_path %2/tmp/proxy;
  fastcgi_temp_path %2/tmp/fastcgi;
  uwsgi_temp_path %2/tmp/uwsgi;
  scgi_temp_path %2/tmp/scgi;
  upstream auth_service {
    server 127.0.0.1:%3;
    server 127.0.0.1:%4;
    keepalive 8;
  }
  server {
    listen 127.0.0.1:%5 ssl;
    ssl_certificate %6;
    ssl_certificate_key %7;
    location / {
      proxy_pass https://auth_service;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto https;
      proxy_ssl_verify on;
      proxy_ssl_name localhost;
      proxy_ssl_server_name on;
      proxy_ssl_trusted_certificate %2/upstreams.pem;
      proxy_ssl_session_reuse on;
    }
  }
}
)")
                             .arg(geteuid() == 0 ? QStringLiteral("user root;") : QString(), dir)
                             .arg(m_a.port())
                             .arg(m_b.port())
                             .arg(m_nginxPort)
                             .arg(m_a.certificatePath(), m_a.tempPath() + QStringLiteral("/tls/key.pem"));
    QFile file(dir + QStringLiteral("/nginx.conf"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(conf.toUtf8());
    file.close();
    m_nginx.setProcessChannelMode(QProcess::MergedChannels);
    m_nginx.start(nginx,
                  {QStringLiteral("-p"), dir, QStringLiteral("-c"), dir + QStringLiteral("/nginx.conf"),
                   QStringLiteral("-g"), QStringLiteral("daemon off;")});
    QVERIFY(m_nginx.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(viaNginx("GET", QStringLiteral("/health"), {}, {}).status == 200, 10000);
}

void TestCluster::cleanupTestCase()
{
    if (m_nginx.state() != QProcess::NotRunning) {
        m_nginx.terminate();
        if (!m_nginx.waitForFinished(5000))
            m_nginx.kill();
        m_nginx.waitForFinished();
    }
    m_a.stop();
    m_b.stop();
}

void TestCluster::nginxSpreadsRequests()
{
    QSet<QString> instances;
    for (int i = 0; i < 6; ++i) {
        const HttpReply reply = viaNginx("GET", QStringLiteral("/api/v1/status"), {}, {});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("state")).toObject().value("backend").toString(),
                 QStringLiteral("redis"));
        QCOMPARE(reply.json().value(QStringLiteral("storage")).toObject().value("backend").toString(),
                 QStringLiteral("postgres"));
        instances.insert(reply.json().value(QStringLiteral("instance_id")).toString());
    }
    QCOMPARE(instances.size(), 2);
    // One installation: both share the database.
    QCOMPARE(m_a.get(QStringLiteral("/api/v1/status")).json().value("installation_id"),
             m_b.get(QStringLiteral("/api/v1/status")).json().value("installation_id"));
}

void TestCluster::rateLimitIsGlobal()
{
    const QString ip = nextIp();
    for (int i = 0; i < kBurst; ++i) {
        TestServer& server = i % 2 ? m_b : m_a;
        QCOMPARE(login(server, QStringLiteral("nobody@cluster.example"), kPassword, ip).status, 401);
    }
    // Each instance alone has seen only half the burst; together they have seen it all.
    const HttpReply refusedA = login(m_a, QStringLiteral("nobody@cluster.example"), kPassword, ip);
    const HttpReply refusedB = login(m_b, QStringLiteral("nobody@cluster.example"), kPassword, ip);
    QCOMPARE(refusedA.status, 429);
    QCOMPARE(refusedB.status, 429);
    QCOMPARE(refusedB.json().value(QStringLiteral("error")).toString(), QStringLiteral("rate_limited"));
    // Another address is not affected.
    QCOMPARE(login(m_b, QStringLiteral("nobody@cluster.example"), kPassword, nextIp()).status, 401);
}

void TestCluster::rateLimitIsGlobalThroughNginx()
{
    const QString ip = nextIp();
    const QJsonObject body {{QStringLiteral("email"), QStringLiteral("nobody@cluster.example")},
                            {QStringLiteral("password"), kPassword}};
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    const QHash<QByteArray, QByteArray> headers {{"Content-Type", "application/json"},
                                                 {"X-Forwarded-For", ip.toLatin1()}};
    for (int i = 0; i < kBurst; ++i)
        QCOMPARE(viaNginx("POST", QStringLiteral("/api/v1/auth/login"), json, headers).status, 401);
    QCOMPARE(viaNginx("POST", QStringLiteral("/api/v1/auth/login"), json, headers).status, 429);
    // Round robin really spread them: both instances logged failures for the address.
    QTRY_VERIFY(countEvents(m_a, QStringLiteral("authentication_failure"), ip) > 0);
    QTRY_VERIFY(countEvents(m_b, QStringLiteral("authentication_failure"), ip) > 0);
}

void TestCluster::lockoutHoldsOnTheOtherInstance()
{
    const QString email = QStringLiteral("lockout@cluster.example");
    QVERIFY(!registerAccount(m_a, email).isEmpty());
    // LOCKOUT_THRESHOLD (5) failures, alternating instances, lock the account.
    for (int i = 0; i < 5; ++i)
        QCOMPARE(login(i % 2 ? m_b : m_a, email, QStringLiteral("Wrong-Password-Guess-77"), nextIp()).status,
                 401);
    // The right password now fails on both: the lock is in the shared database.
    QCOMPARE(login(m_b, email, kPassword, nextIp()).status, 401);
    QCOMPARE(login(m_a, email, kPassword, nextIp()).status, 401);
    QTRY_COMPARE(countEvents(m_a, QStringLiteral("account_locked"))
                     + countEvents(m_b, QStringLiteral("account_locked")),
                 1);
}

void TestCluster::logoutIsRefusedByTheOtherInstance()
{
    const QString email = QStringLiteral("logout@cluster.example");
    QVERIFY(!registerAccount(m_a, email).isEmpty());
    const QString token = accessToken(login(m_a, email, kPassword, nextIp()));
    QVERIFY(!token.isEmpty());
    QCOMPARE(m_b.get(QStringLiteral("/api/v1/auth/me"), from(nextIp(), bearer(token))).status, 200);
    QCOMPARE(
        m_a.request("POST", QStringLiteral("/api/v1/auth/logout"), {}, from(nextIp(), bearer(token))).status,
        204);
    QTRY_COMPARE_WITH_TIMEOUT(
        m_b.get(QStringLiteral("/api/v1/auth/me"), from(nextIp(), bearer(token))).status, 401, 1000);
}

void TestCluster::logoutAllIsRefusedByTheOtherInstance()
{
    const QString email = QStringLiteral("logout-all@cluster.example");
    QVERIFY(!registerAccount(m_b, email).isEmpty());
    const QString first = accessToken(login(m_a, email, kPassword, nextIp()));
    const QString second = accessToken(login(m_b, email, kPassword, nextIp()));
    QCOMPARE(m_a.get(QStringLiteral("/api/v1/auth/me"), from(nextIp(), bearer(second))).status, 200);
    QCOMPARE(
        m_b.request("POST", QStringLiteral("/api/v1/auth/logout-all"), {}, from(nextIp(), bearer(second)))
            .status,
        204);
    QTRY_COMPARE_WITH_TIMEOUT(
        m_a.get(QStringLiteral("/api/v1/auth/me"), from(nextIp(), bearer(first))).status, 401, 1000);
    QTRY_COMPARE_WITH_TIMEOUT(
        m_a.get(QStringLiteral("/api/v1/auth/me"), from(nextIp(), bearer(second))).status, 401, 1000);
}

void TestCluster::rotatedKeyIsPublishedByTheOtherInstance()
{
    const QString admin = accessToken(login(m_a, kAdminEmail, kAdminPassword, nextIp()));
    QVERIFY(!admin.isEmpty());
    const QString oldKid = jwtPart(admin, 0).value(QStringLiteral("kid")).toString();
    QVERIFY(jwksKids(m_b).contains(oldKid));
    const HttpReply reply
        = m_a.request("POST", QStringLiteral("/admin/keys/rotate"), {}, from(nextIp(), bearer(admin)));
    QCOMPARE(reply.status, 200);
    const QString newKid = reply.json().value(QStringLiteral("active")).toObject().value("kid").toString();
    QVERIFY(!newKid.isEmpty() && newKid != oldKid);
    QTRY_VERIFY_WITH_TIMEOUT(jwksKids(m_b).contains(newKid), 1000);
    // B signs with the new key too, and A accepts what B signed.
    const QString fromB = accessToken(login(m_b, kAdminEmail, kAdminPassword, nextIp()));
    QCOMPARE(jwtPart(fromB, 0).value(QStringLiteral("kid")).toString(), newKid);
    QCOMPARE(m_a.get(QStringLiteral("/api/v1/auth/me"), from(nextIp(), bearer(fromB))).status, 200);
}

void TestCluster::refreshReplayOnTheOtherInstanceIsReuse()
{
    const QString email = QStringLiteral("refresh@cluster.example");
    QVERIFY(!registerAccount(m_a, email).isEmpty());
    const HttpReply first = login(m_a, email, kPassword, nextIp());
    const QString original = first.json().value(QStringLiteral("refresh_token")).toString();
    const HttpReply rotated = m_a.postJson(QStringLiteral("/api/v1/auth/refresh"),
                                           {{QStringLiteral("refresh_token"), original}}, from(nextIp()));
    QCOMPARE(rotated.status, 200);
    const QString next = rotated.json().value(QStringLiteral("refresh_token")).toString();
    const HttpReply replay = m_b.postJson(QStringLiteral("/api/v1/auth/refresh"),
                                          {{QStringLiteral("refresh_token"), original}}, from(nextIp()));
    QCOMPARE(replay.status, 401);
    QTRY_COMPARE(countEvents(m_b, QStringLiteral("refresh_token_reuse")), 1);
    // The whole family died: the legitimate successor is refused on A as well.
    QCOMPARE(m_a.postJson(QStringLiteral("/api/v1/auth/refresh"), {{QStringLiteral("refresh_token"), next}},
                          from(nextIp()))
                 .status,
             401);
    QCOMPARE(m_a.get(QStringLiteral("/api/v1/auth/me"), from(nextIp(), bearer(accessToken(rotated)))).status,
             401);
}

void TestCluster::disabledClientIsRefusedByTheOtherInstance()
{
    const QString admin = accessToken(login(m_a, kAdminEmail, kAdminPassword, nextIp()));
    const HttpReply created
        = m_a.postJson(QStringLiteral("/admin/clients"),
                       {{QStringLiteral("name"), QStringLiteral("Cluster service")},
                        {QStringLiteral("confidential"), true},
                        {QStringLiteral("grant_types"), QJsonArray {QStringLiteral("client_credentials")}}},
                       from(nextIp(), bearer(admin)));
    QCOMPARE(created.status, 201);
    const QByteArray basic = "Basic "
        + (QUrl::toPercentEncoding(created.json().value(QStringLiteral("client_id")).toString()) + ':'
           + QUrl::toPercentEncoding(created.json().value(QStringLiteral("client_secret")).toString()))
              .toBase64();
    const auto token = [&](TestServer& server) {
        return server
            .request("POST", QStringLiteral("/oauth/token"), "grant_type=client_credentials",
                     from(nextIp(),
                          {{"Authorization", basic}, {"Content-Type", "application/x-www-form-urlencoded"}}))
            .status;
    };
    // B has the client in its cache now; A disables it.
    QCOMPARE(token(m_b), 200);
    const QString id = created.json().value(QStringLiteral("client_id")).toString();
    QCOMPARE(m_a.postJson(QStringLiteral("/admin/clients/%1/disable").arg(id),
                          {{QStringLiteral("reason"), QStringLiteral("compromised")}},
                          from(nextIp(), bearer(admin)))
                 .status,
             200);
    // The notice drops it from B's cache well before the cache would expire.
    QTRY_COMPARE_WITH_TIMEOUT(token(m_b), 401, 1000);
}

void TestCluster::totpReplayOnTheOtherInstanceIsRefused()
{
    const QString email = QStringLiteral("totp-replay@example.com");
    QVERIFY(!registerAccount(m_a, email).isEmpty());
    const QString ip = nextIp();
    const HttpReply first = login(m_a, email, kPassword, ip);
    QCOMPARE(first.status, 200);
    const QByteArray bearer
        = "Bearer " + first.json().value(QStringLiteral("access_token")).toString().toLatin1();
    const HttpReply enroll = m_a.request("POST", QStringLiteral("/api/v1/mfa/totp/enroll"), {},
                                         from(ip, {{"Authorization", bearer}}));
    QCOMPARE(enroll.status, 200);
    const QString secret = enroll.json().value(QStringLiteral("secret")).toString();
    QVERIFY(!secret.isEmpty());

    // Confirm with the previous step's code, so the current one is still unused;
    // start early enough in a step that both verifications fall into it.
    const qint64 intoStep = QDateTime::currentMSecsSinceEpoch() % 30'000;
    if (intoStep > 20'000)
        QThread::msleep(30'000 - intoStep + 200);
    const HttpReply confirm = m_a.postJson(QStringLiteral("/api/v1/mfa/totp/confirm"),
                                           {{QStringLiteral("code"), oathCode(secret, -30)}},
                                           from(ip, {{"Authorization", bearer}}));
    QCOMPARE(confirm.status, 200);

    // One challenge on each instance, then the same code on both.
    const HttpReply onA = login(m_a, email, kPassword, ip);
    const HttpReply onB = login(m_b, email, kPassword, ip);
    QCOMPARE(onA.status, 200);
    QCOMPARE(onB.status, 200);
    QVERIFY(onA.json().value(QStringLiteral("mfa_required")).toBool());
    QVERIFY(onB.json().value(QStringLiteral("mfa_required")).toBool());
    const QString code = oathCode(secret);
    QCOMPARE(code.size(), 6);
    const auto verify = [&](TestServer& server, const HttpReply& challenge) {
        return server.postJson(
            QStringLiteral("/api/v1/mfa/verify"),
            {{QStringLiteral("mfa_token"), challenge.json().value(QStringLiteral("mfa_token"))},
             {QStringLiteral("method"), QStringLiteral("totp")},
             {QStringLiteral("code"), code}},
            from(ip));
    };
    const HttpReply accepted = verify(m_a, onA);
    QCOMPARE(accepted.status, 200);
    QVERIFY(!accepted.json().value(QStringLiteral("access_token")).toString().isEmpty());
    const HttpReply replayed = verify(m_b, onB);
    QCOMPARE(replayed.status, 401);
    QCOMPARE(replayed.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_code"));
}

QTEST_GUILESS_MAIN(TestCluster)
#include "TestCluster.moc"
