#pragma once

#include "events/EventStore.h"

#include <QRandomGenerator>
#include <QString>

namespace auth::storage {
class Database;
}

namespace auth::bench {

// A plausible security event at `timeMs`: weighted types, 20,000 users, busy
// 10.x networks plus scattered IPv4 and some IPv6, a rare `needle-N` text
// (about 1 in 20,000).
events::StoredEvent syntheticEvent(QRandomGenerator& random, qint64 timeMs);

// Tops the security_events table up to `count` synthetic events spread over the
// 30 days before `nowMs` (oldest first, so ids grow with time), through
// EventStore::insertBatch, then runs ANALYZE. Returns the number of events
// that were already there, or -1 with `error` set.
qint64 fillSecurityEvents(storage::Database& database, qint64 count, qint64 nowMs, QString* error);

} // namespace auth::bench
