#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <functional>
#include <utility>

class QObject;
class QTcpSocket;

namespace auth::http {

struct HttpResponse
{
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool closeConnection = false;
    // When set, this response is not written: the connection hands its socket
    // over (a protocol upgrade), with the request head put back in front of the
    // socket's unread bytes, on the connection's thread; `owner` is the worker
    // object that owned the connection and may parent what takes the socket.
    std::function<void(QTcpSocket* socket, QObject* owner)> takeOver;

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
