#pragma once

#include <QString>

// Channel names of the change notices instances send each other through
// StateStore::publish (Redis PUBLISH on "<prefix>notice:<name>"). The message
// says what changed; an empty one asks receivers to reload everything.
namespace auth::state::notices {

// A signing key was created, rotated or retired: reload KeyManager and the JWKS.
inline const QString Keys = QStringLiteral("keys");
// An OAuth client changed (message: client_id): drop it from the client cache.
inline const QString Clients = QStringLiteral("clients");
// Sessions or tokens were revoked (message: user id, or "*" for all). Nothing
// is cached per instance today (sessions are read from the database and
// revocations from the shared store); listeners that cache must subscribe.
inline const QString Revocations = QStringLiteral("revocations");
// Containment mode changed (reserved for the security-operations API).
inline const QString Containment = QStringLiteral("containment");

} // namespace auth::state::notices
