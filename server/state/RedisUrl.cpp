#include "state/RedisUrl.h"

#include <QUrl>
#include <QUrlQuery>

namespace auth::state {

std::optional<RedisUrl> RedisUrl::parse(const QString& text, QString* error)
{
    const QUrl url(text, QUrl::StrictMode);
    RedisUrl result;
    if (url.scheme() == QLatin1String("rediss")) {
        *error = QStringLiteral("REDIS_URL: rediss:// (TLS) is not supported by this build (hiredis 0.14 "
                                "has no TLS); use redis:// on a trusted network or through a TLS tunnel");
        return std::nullopt;
    }
    bool ok = true;
    if (url.isValid() && url.scheme() == QLatin1String("unix")) {
        result.socketPath = url.path();
        const QString db = QUrlQuery(url).queryItemValue(QStringLiteral("db"));
        if (!db.isEmpty())
            result.db = db.toInt(&ok);
        if (result.socketPath.isEmpty() || !ok || result.db < 0) {
            *error = QStringLiteral("REDIS_URL: expected unix:///path/to/redis.sock[?db=N]");
            return std::nullopt;
        }
    } else if (url.isValid() && url.scheme() == QLatin1String("redis") && !url.host().isEmpty()) {
        result.host = url.host();
        result.port = url.port(6379);
        const QString path = url.path().mid(1);
        if (!path.isEmpty())
            result.db = path.toInt(&ok);
        if (!ok || result.db < 0 || result.port <= 0) {
            *error = QStringLiteral("REDIS_URL: the database index after the host must be a number");
            return std::nullopt;
        }
    } else {
        *error = QStringLiteral("REDIS_URL: expected redis://[:PASSWORD@]HOST[:PORT][/DB] or unix:///PATH");
        return std::nullopt;
    }
    result.user = url.userName(QUrl::FullyDecoded);
    result.password = url.password(QUrl::FullyDecoded);
    return result;
}

QString RedisUrl::redacted() const
{
    const QString auth = user.isEmpty() ? QString() : user + QLatin1Char('@');
    if (!socketPath.isEmpty())
        return QStringLiteral("unix://%1%2?db=%3").arg(auth, socketPath).arg(db);
    return QStringLiteral("redis://%1%2:%3/%4").arg(auth, host).arg(port).arg(db);
}

} // namespace auth::state
