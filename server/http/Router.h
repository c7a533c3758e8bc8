#pragma once

#include "http/HttpRequest.h"
#include "http/HttpResponse.h"

#include <QFuture>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace auth::http {

using Handler = std::function<QFuture<HttpResponse>(HttpRequest&)>;

// A finished future for handlers that answer at once.
QFuture<HttpResponse> ready(HttpResponse response);

struct RouteInfo
{
    QByteArray method;
    QString pattern; // "/admin/users/{id}/lock"
};

// Method + path-pattern table. Patterns are literal segments or `{name}`
// placeholders matching exactly one non-empty segment. HEAD falls back to GET.
class Router
{
public:
    struct Match
    {
        const Handler* handler = nullptr;
        QHash<QString, QString> params;
        QList<QByteArray> allowedMethods; // filled when the path exists but the method does not
        QString pattern; // of the matched route, for metrics labels
    };

    void add(const QByteArray& method, const QString& pattern, Handler handler);
    Match match(const QByteArray& method, const QString& path) const;
    QList<RouteInfo> routes() const;

private:
    struct Route
    {
        QByteArray method;
        QString pattern;
        QStringList segments;
        Handler handler;
    };
    static bool matches(const Route& route, const QStringList& segments, QHash<QString, QString>* params);

    QList<Route> m_routes;
};

} // namespace auth::http
