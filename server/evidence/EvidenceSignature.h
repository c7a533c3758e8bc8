#pragma once

#include "evidence/EvidenceVerification.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace auth::evidence {

// The server's evidence key: Ed25519, created once and shared by every instance
// (evidence_keys table), its private half sealed with AES-256-GCM under a key
// derived from the master key. Only the public half ever leaves the server.
struct EvidenceKey
{
    QString kid;
    QByteArray publicPem;
    QByteArray privatePem; // in memory only
    QByteArray sign(const QByteArray& data) const;
    // Database pool; nullopt (with `error`) when it cannot be read or created.
    static std::optional<EvidenceKey> loadOrCreate(QSqlDatabase& db, const QByteArray& wrapKey,
                                                   QString* error);
};

// SubjectPublicKeyInfo PEM of a private key PEM; empty on failure.
QByteArray publicPemOf(const QByteArray& privatePem);
} // namespace auth::evidence
