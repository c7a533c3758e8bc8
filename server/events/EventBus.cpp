#include "events/EventBus.h"

namespace auth::events {

EventBus& EventBus::instance()
{
    static EventBus* bus = [] {
        qRegisterMetaType<StoredEvent>();
        return new EventBus; // lives for the process: streams may outlive AuthService teardown order
    }();
    return *bus;
}

} // namespace auth::events
