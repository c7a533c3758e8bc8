// Argon2id hashes per second with the default (OWASP) parameters, on one thread
// and on QThread::idealThreadCount() threads, as one line of JSON:
//   bench-argon2 [seconds per phase, default 5]
#include "accounts/PasswordHasher.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <atomic>
#include <cstdio>
#include <memory>
#include <vector>

using auth::accounts::PasswordHasher;

namespace {

// Hashes on `threads` threads until `seconds` have passed; returns hashes per second.
double rate(const PasswordHasher& hasher, int threads, int seconds)
{
    const QString password = QStringLiteral("correct horse battery staple");
    std::atomic<qint64> hashes {0};
    const QDeadlineTimer deadline(qint64(seconds) * 1000);
    QElapsedTimer elapsed;
    elapsed.start();
    std::vector<std::unique_ptr<QThread>> workers;
    for (int i = 0; i < threads; ++i) {
        workers.emplace_back(QThread::create([&] {
            while (!deadline.hasExpired()) {
                if (hasher.hash(password).isEmpty())
                    qFatal("hashing failed");
                hashes.fetch_add(1, std::memory_order_relaxed);
            }
        }));
        workers.back()->start();
    }
    for (auto& worker : workers)
        worker->wait();
    return double(hashes.load()) * 1000.0 / double(elapsed.elapsed());
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
    if (argc > 1) {
        bool ok = false;
        seconds = QByteArray(argv[1]).toInt(&ok);
        if (!ok || seconds < 1 || seconds > 3600) {
            std::fprintf(stderr, "usage: %s [seconds per phase, 1..3600]\n", argv[0]);
            return 2;
        }
    }
    const PasswordHasher hasher; // OWASP defaults: m=19456 KiB, t=2, p=1
    const int threads = QThread::idealThreadCount();
    const double single = rate(hasher, 1, seconds);
    const double multi = rate(hasher, threads, seconds);
    const QJsonObject result {
        {QStringLiteral("argon2id_hashes_per_s_1t"), rounded(single)},
        {QStringLiteral("argon2id_hashes_per_s_nt"), rounded(multi)},
        {QStringLiteral("threads"), threads},
    };
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
