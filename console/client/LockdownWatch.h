#pragma once

#include "client/ApiError.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

namespace auth::console {

class ApiClient;
class AuthSession;

// Notices when the server is in lockdown (containment isolate): any answer
// 503 service_isolated says so at once, and while signed in GET /admin/containment
// is asked every few seconds so the end of it is noticed too.
class LockdownWatch : public QObject
{
    Q_OBJECT

signals:
    void changed(bool isolated);

public:
    LockdownWatch(ApiClient& client, AuthSession& session, QObject* parent = nullptr);

    bool isIsolated() const { return m_isolated; }
    QString reason() const { return m_reason; }
    QString actor() const { return m_actor; }
    QDateTime since() const { return m_since; }
    void setInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    void reset();
    void poll();

private:
    void onCallFailed(const ApiError& error);
    void set(bool isolated);

    AuthSession& m_session;
    QTimer m_timer;
    bool m_isolated = false;
    bool m_polling = false;
    QString m_reason;
    QString m_actor;
    QDateTime m_since;
};

} // namespace auth::console
