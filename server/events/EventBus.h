#pragma once

#include "events/StoredEvent.h"

#include <QObject>

namespace auth::events {

// Fans stored events out to live consumers (the WebSocket streams) on their own
// threads: emitted from the store's writer after the row has its id; receivers
// in other threads get queued copies.
class EventBus : public QObject
{
    Q_OBJECT
signals:
    void stored(const auth::events::StoredEvent& event);

public:
    static EventBus& instance();
    void publish(const StoredEvent& event) { emit stored(event); }
};

} // namespace auth::events
