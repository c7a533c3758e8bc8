#pragma once

#include "client/EventQuery.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <QWebSocket>

namespace auth::console {

class ApiClient;

// The live event stream: a WebSocket to /admin/events/stream with the query's
// filters and the admin's Bearer token, under the same TLS trust as the API.
// Reconnects with backoff while it is meant to run.
class LiveTail : public QObject
{
    Q_OBJECT

public:
    enum class State { Stopped, Connecting, Live, Retrying };
    Q_ENUM(State)

signals:
    void eventReceived(const QJsonObject& event);
    void stateChanged(auth::console::LiveTail::State state);
    void failed(const QString& message);

public:
    explicit LiveTail(ApiClient& client, QObject* parent = nullptr);

    void start(const EventQuery& query);
    void stop();
    State state() const { return m_state; }
    QString lastError() const { return m_error; }

    static constexpr int MaxFrameBytes = 256 * 1024;

private:
    void open();
    void onTextMessage(const QString& message);
    void onClosed();
    void setState(State state);

    ApiClient& m_client;
    QWebSocket m_socket;
    QTimer m_retry;
    EventQuery m_query;
    State m_state = State::Stopped;
    QString m_error;
    int m_retryDelayMs = 1000;
    bool m_pinRefused = false;
};

} // namespace auth::console
