#include "threats/IntelFetcher.h"

#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrl>

namespace auth::threats {

namespace {

IntelError unavailable(const QString& source, const QString& why)
{
    return {IntelError::Kind::Unavailable, QStringLiteral("%1: %2").arg(displaySource(source), why)};
}

std::variant<QByteArray, IntelError> readFile(const QString& path, const FetchLimits& limits)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return unavailable(path, QStringLiteral("cannot read (%1)").arg(file.errorString()));
    const QByteArray data = file.read(limits.maxBytes + 1);
    if (data.size() > limits.maxBytes)
        return IntelError {
            IntelError::Kind::Invalid,
            QStringLiteral("%1: larger than %2 bytes").arg(displaySource(path)).arg(limits.maxBytes)};
    return data;
}

std::variant<QByteArray, IntelError> download(const QUrl& url, const QString& source,
                                              const FetchLimits& limits)
{
    // A manager of this thread only, driven by a local loop: pool threads have no
    // event loop of their own and the answer is needed before the handler returns.
    QNetworkAccessManager manager;
    manager.setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    manager.setStrictTransportSecurityEnabled(false);
    QNetworkRequest request(url);
    request.setTransferTimeout(limits.timeoutMs);
    request.setMaximumRedirectsAllowed(5);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("auth-service threat-intel"));
    QNetworkReply* reply = manager.get(request);
    QByteArray data;
    bool tooLarge = false;
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, [&] {
        data += reply->read(limits.maxBytes + 1 - data.size());
        if (data.size() > limits.maxBytes) {
            tooLarge = true;
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    // transferTimeout covers stalls; this bounds a slow trickle as well.
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, reply, &QNetworkReply::abort);
    deadline.start(limits.timeoutMs);
    if (!reply->isFinished())
        loop.exec();
    const bool timedOut = !deadline.isActive() && !tooLarge;
    deadline.stop();
    if (!tooLarge && reply->error() == QNetworkReply::NoError)
        data += reply->readAll();
    const auto error = reply->error();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString errorText = reply->errorString();
    const QUrl finalUrl = reply->url();
    delete reply;
    if (tooLarge || data.size() > limits.maxBytes)
        return IntelError {
            IntelError::Kind::Invalid,
            QStringLiteral("%1: larger than %2 bytes").arg(displaySource(source)).arg(limits.maxBytes)};
    if (timedOut && error != QNetworkReply::NoError)
        return unavailable(source, QStringLiteral("no complete answer within %1 ms").arg(limits.timeoutMs));
    if (error != QNetworkReply::NoError)
        return unavailable(source, status > 0 ? QStringLiteral("HTTP %1").arg(status) : errorText);
    if (finalUrl.scheme() != QLatin1String("https"))
        return unavailable(source, QStringLiteral("redirected away from https"));
    return data;
}

} // namespace

QString displaySource(const QString& source)
{
    if (!source.startsWith(QLatin1String("https://"), Qt::CaseInsensitive))
        return source;
    return QUrl(source).adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

std::variant<QByteArray, IntelError> fetchIntelSource(const QString& source, const FetchLimits& limits)
{
    if (source.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)) {
        const QUrl url(source, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty())
            return IntelError {IntelError::Kind::Invalid,
                               QStringLiteral("%1: not a valid URL").arg(displaySource(source))};
        return download(url, source, limits);
    }
    if (!QFileInfo(source).isAbsolute())
        return IntelError {IntelError::Kind::Invalid,
                           QStringLiteral("%1: must be an absolute path or an https:// URL").arg(source)};
    return readFile(source, limits);
}

} // namespace auth::threats
