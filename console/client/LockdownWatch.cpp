#include "client/LockdownWatch.h"

#include "client/ApiClient.h"
#include "client/AuthSession.h"

namespace auth::console {

LockdownWatch::LockdownWatch(ApiClient& client, AuthSession& session, QObject* parent)
    : QObject(parent)
    , m_session(session)
{
    m_timer.setInterval(5000);
    connect(&m_timer, &QTimer::timeout, this, &LockdownWatch::poll);
    connect(&client, &ApiClient::callFailed, this, &LockdownWatch::onCallFailed);
    connect(&session, &AuthSession::stateChanged, this, [this](AuthSession::State state) {
        m_polling = false; // a call of the previous session may have been dropped
        if (state == AuthSession::State::SignedIn) {
            m_timer.start();
            poll();
        } else {
            m_timer.stop();
        }
    });
}

void LockdownWatch::reset()
{
    m_timer.stop();
    m_polling = false;
    m_reason.clear();
    m_actor.clear();
    m_since = {};
    set(false);
}

void LockdownWatch::poll()
{
    if (!m_session.isSignedIn() || m_polling)
        return;
    m_polling = true;
    m_session.call(
        "GET", QStringLiteral("/admin/containment"), {}, std::nullopt, this,
        [this](const QJsonObject& body, int, qint64) {
            m_polling = false;
            const QJsonValue isolated = body.value(QStringLiteral("isolated"));
            const bool on = isolated.isBool()
                ? isolated.toBool()
                : body.value(QStringLiteral("state")).toString() == QLatin1String("isolated");
            m_reason = body.value(QStringLiteral("reason")).toString();
            m_actor = body.value(QStringLiteral("by")).toString();
            m_since = QDateTime::fromString(body.value(QStringLiteral("since")).toString(), Qt::ISODate);
            set(on);
        },
        [this](const ApiError&) { m_polling = false; });
}

void LockdownWatch::onCallFailed(const ApiError& error)
{
    if (error.httpStatus == 503 && error.errorCode == QLatin1String("service_isolated"))
        set(true);
}

void LockdownWatch::set(bool isolated)
{
    if (m_isolated == isolated)
        return;
    m_isolated = isolated;
    emit changed(isolated);
}

} // namespace auth::console
