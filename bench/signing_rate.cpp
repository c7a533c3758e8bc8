// JWT signatures per second for RS256, ES256 and EdDSA, on one thread and on
// QThread::idealThreadCount() threads, as one line of JSON per algorithm:
//   bench-signing [seconds per phase, default 5] [algorithm ...]   (default: RS256 ES256 EdDSA)
// Each signature is a full signJwt() of an access-token claim set shaped like the
// one TokenService::issue() builds for a client_credentials grant (fresh jti,
// "typ":"at+jwt" header), so the figure is the ceiling of the token endpoint.
#include "crypto/Jwt.h"
#include "crypto/Random.h"
#include "crypto/SigningKey.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QThread>
#include <atomic>
#include <cstdio>
#include <memory>
#include <vector>

using auth::crypto::JwsAlgorithm;
using auth::crypto::SigningKey;

namespace {

QByteArray signOne(const SigningKey& key)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QString issuer = QStringLiteral("https://auth.example.com");
    const QString clientId = QStringLiteral("cl_3Zq9xVtY0bXk1sQeWm7pAa");
    QJsonObject claims;
    claims.insert(QStringLiteral("iss"), issuer);
    claims.insert(QStringLiteral("sub"), clientId);
    claims.insert(QStringLiteral("aud"), issuer);
    claims.insert(QStringLiteral("client_id"), clientId);
    claims.insert(QStringLiteral("iat"), double(now));
    claims.insert(QStringLiteral("nbf"), double(now));
    claims.insert(QStringLiteral("exp"), double(now + 960));
    claims.insert(QStringLiteral("jti"), auth::crypto::randomToken(16));
    claims.insert(QStringLiteral("scope"), QStringLiteral("read"));
    return auth::crypto::signJwt({{QStringLiteral("typ"), QStringLiteral("at+jwt")}}, claims, key);
}

// Signs on `threads` threads until `seconds` have passed; returns signatures per second.
double rate(const SigningKey& key, int threads, int seconds)
{
    std::atomic<qint64> signatures {0};
    const QDeadlineTimer deadline(qint64(seconds) * 1000);
    QElapsedTimer elapsed;
    elapsed.start();
    std::vector<std::unique_ptr<QThread>> workers;
    for (int i = 0; i < threads; ++i) {
        workers.emplace_back(QThread::create([&] {
            qint64 local = 0;
            while (!deadline.hasExpired()) {
                if (signOne(key).isEmpty())
                    qFatal("signing failed");
                ++local;
            }
            signatures.fetch_add(local, std::memory_order_relaxed);
        }));
        workers.back()->start();
    }
    for (auto& worker : workers)
        worker->wait();
    return double(signatures.load()) * 1000.0 / double(elapsed.elapsed());
}

double rounded(double value)
{
    return qRound64(value * 10.0) / 10.0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    int seconds = 5;
    QStringList names;
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        bool ok = false;
        const int value = arg.toInt(&ok);
        if (ok && i == 1) {
            seconds = value;
            if (seconds < 1 || seconds > 3600)
                ok = false;
        } else if (!ok) {
            names << QString::fromLatin1(arg);
            ok = true;
        } else {
            ok = false;
        }
        if (!ok) {
            std::fprintf(stderr, "usage: %s [seconds per phase, 1..3600] [RS256|ES256|EdDSA ...]\n", argv[0]);
            return 2;
        }
    }
    if (names.isEmpty())
        names = {QStringLiteral("RS256"), QStringLiteral("ES256"), QStringLiteral("EdDSA")};

    std::vector<JwsAlgorithm> algorithms;
    for (const QString& name : std::as_const(names)) {
        const auto algorithm = auth::crypto::parseAlgorithm(name);
        if (!algorithm || *algorithm == JwsAlgorithm::HS256) {
            std::fprintf(stderr, "%s: unsupported algorithm %s (RS256, ES256, EdDSA)\n", argv[0],
                         qPrintable(name));
            return 2;
        }
        algorithms.push_back(*algorithm);
    }

    const int threads = QThread::idealThreadCount();
    for (const JwsAlgorithm algorithm : algorithms) {
        const SigningKey key = SigningKey::generate(algorithm);
        if (signOne(key).isEmpty())
            qFatal("cannot sign with %s", qPrintable(auth::crypto::algorithmName(algorithm)));
        const double single = rate(key, 1, seconds);
        const double multi = rate(key, threads, seconds);
        const QJsonObject result {
            {QStringLiteral("alg"), auth::crypto::algorithmName(algorithm)},
            {QStringLiteral("jwt_sign_per_s_1t"), rounded(single)},
            {QStringLiteral("jwt_sign_per_s_nt"), rounded(multi)},
            {QStringLiteral("threads"), threads},
        };
        std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
    }
    return 0;
}
