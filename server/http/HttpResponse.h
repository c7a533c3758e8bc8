#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <utility>

namespace auth::http {

struct HttpResponse
{
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool closeConnection = false;

    static HttpResponse json(int status, const QJsonObject& object);
    static HttpResponse json(int status, const QJsonArray& array);
    // The one error shape of the API: {"error": code, "error_description": text}.
    static HttpResponse error(int status, const QString& code, const QString& description);
    static HttpResponse text(int status, const QByteArray& body, const QByteArray& contentType);

    HttpResponse& setHeader(const QByteArray& name, const QByteArray& value);
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const { return !header(name).isNull(); }

    // Status line, headers (with Content-Length and Connection) and body.
    QByteArray serialize(bool keepAlive, bool headOnly = false) const;
    static QByteArray reasonPhrase(int status);
};

} // namespace auth::http
