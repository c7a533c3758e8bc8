#pragma once

#include "state/StateStore.h"

#include <QHash>
#include <QMutex>
#include <QPointer>
#include <QStringList>

namespace auth::state {

// The local end of change notices: who listens to which channel, and delivery
// to each listener on its own thread by queued invocation. Both stores use it;
// the Redis one feeds it from its subscriber thread. Thread-safe.
class NoticeHub
{
public:
    void add(const QString& channel, QObject* context, StateStore::NoticeHandler handler);
    void deliver(const QString& channel, const QByteArray& message);
    // Every channel with at least one listener.
    QStringList channels();
    // An empty message on every channel: notices may have been lost.
    void deliverResync();

private:
    struct Listener
    {
        QPointer<QObject> context;
        StateStore::NoticeHandler handler;
    };
    QMutex m_mutex;
    QHash<QString, QList<Listener>> m_listeners;
};

} // namespace auth::state
