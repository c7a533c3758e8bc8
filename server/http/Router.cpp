#include "http/Router.h"

#include <QFuture>

namespace auth::http {

QFuture<HttpResponse> ready(HttpResponse response)
{
    return QtFuture::makeReadyFuture(std::move(response));
}

void Router::add(const QByteArray& method, const QString& pattern, Handler handler)
{
    Q_ASSERT(pattern.startsWith(QLatin1Char('/')));
    m_routes.append(
        {method, pattern, pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts), std::move(handler)});
}

bool Router::matches(const Route& route, const QStringList& segments, QHash<QString, QString>* params)
{
    if (route.segments.size() != segments.size())
        return false;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString& expected = route.segments.at(i);
        if (expected.startsWith(QLatin1Char('{')) && expected.endsWith(QLatin1Char('}'))) {
            if (params)
                params->insert(expected.mid(1, expected.size() - 2), segments.at(i));
        } else if (expected != segments.at(i)) {
            return false;
        }
    }
    return true;
}

Router::Match Router::match(const QByteArray& method, const QString& path) const
{
    Match result;
    // A trailing slash or empty segment is not the same resource: "/health/" is 404.
    if (path.isEmpty() || !path.startsWith(QLatin1Char('/'))
        || (path.size() > 1 && path.endsWith(QLatin1Char('/'))) || path.contains(QLatin1String("//")))
        return result;
    const QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const QByteArray wanted = method == "HEAD" ? QByteArray("GET") : method;
    for (const Route& route : m_routes) {
        if (route.method == wanted) {
            QHash<QString, QString> params;
            if (matches(route, segments, &params)) {
                result.handler = &route.handler;
                result.params = std::move(params);
                result.pattern = route.pattern;
                result.allowedMethods.clear();
                return result;
            }
        } else if (matches(route, segments, nullptr) && !result.allowedMethods.contains(route.method)) {
            result.allowedMethods.append(route.method);
        }
    }
    return result;
}

QList<RouteInfo> Router::routes() const
{
    QList<RouteInfo> list;
    list.reserve(m_routes.size());
    for (const Route& route : m_routes)
        list.append({route.method, route.pattern});
    return list;
}

} // namespace auth::http
