#include "state/NoticeHub.h"

#include <QMetaObject>

namespace auth::state {

void NoticeHub::add(const QString& channel, QObject* context, StateStore::NoticeHandler handler)
{
    QMutexLocker lock(&m_mutex);
    m_listeners[channel].append({QPointer<QObject>(context), std::move(handler)});
}

void NoticeHub::deliver(const QString& channel, const QByteArray& message)
{
    QList<Listener> targets;
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_listeners.find(channel);
        if (it == m_listeners.end())
            return;
        it->removeIf([](const Listener& listener) { return listener.context.isNull(); });
        targets = *it;
    }
    for (const Listener& listener : targets) {
        QObject* context = listener.context.data();
        if (!context)
            continue;
        // Queued: the handler runs on the context's thread, and not at all once it is gone.
        QMetaObject::invokeMethod(
            context, [handler = listener.handler, channel, message] { handler(channel, message); },
            Qt::QueuedConnection);
    }
}

QStringList NoticeHub::channels()
{
    QMutexLocker lock(&m_mutex);
    return m_listeners.keys();
}

void NoticeHub::deliverResync()
{
    for (const QString& channel : channels())
        deliver(channel, {});
}

} // namespace auth::state
