#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QUrlQuery>
#include <utility>

namespace auth::http {

// One parsed request, as handlers see it. Header names are lower-cased; the
// limits in HttpLimits were enforced before a handler ever gets one.
struct HttpRequest
{
    QByteArray method;
    QByteArray target; // raw request target as received
    QString path; // percent-decoded path without the query
    QByteArray rawQuery;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress peerAddress;
    quint16 peerPort = 0;
    bool tls = false;
    QString requestId;
    QHash<QString, QString> pathParams;
    QElapsedTimer timer; // started when the request line began to arrive
    QString routePattern; // the matched route ("/admin/users/{id}/lock"); empty when none matched

    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const { return !header(name).isNull(); }
    // The query in application/x-www-form-urlencoded form: '+' is a space
    // (RFC 6749 §4.1.1 authorization requests arrive so from browsers and libraries).
    QUrlQuery query() const
    {
        return QUrlQuery(QString::fromUtf8(rawQuery).replace(QLatin1Char('+'), QLatin1Char(' ')));
    }
    QString pathParam(const QString& name) const { return pathParams.value(name); }
    // Media type of the body without parameters, lower-cased ("application/json").
    QByteArray mediaType() const;
};

} // namespace auth::http
