#pragma once

#include "evidence/EvidenceArchive.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

// Offline verification of an evidence bundle, shared by `auth-service
// --verify-evidence` and the console: no database, no server state.
namespace auth::evidence {

// Whether `signature` is a valid Ed25519 signature of `data` under `publicPem`.
bool verifyEd25519(const QByteArray& publicPem, const QByteArray& data, const QByteArray& signature);
// SHA-256 of the DER public key, hex: the fingerprint operators compare.
QString publicKeyFingerprint(const QByteArray& publicPem);

// "MANIFEST": sha256sum(1) lines ("<hex>  <name>") of every entry, sorted by name.
QByteArray manifestOf(const QList<ArchiveEntry>& entries);

struct Verification
{
    bool ok = false;
    bool signatureValid = false;
    QString keyFingerprint;
    QStringList altered;
    QStringList missing;
    QStringList extra;
    QStringList problems; // one line each, naming the file concerned
    int filesChecked = 0;
};

// Offline check of a bundle: MANIFEST.sig over MANIFEST with `publicPem` (or
// the bundle's own evidence-public.pem when empty), then every listed hash;
// names each altered, missing or unlisted file.
Verification verifyBundle(const QList<ArchiveEntry>& entries, const QByteArray& publicPem);

inline constexpr auto kManifestName = "MANIFEST";
inline constexpr auto kSignatureName = "MANIFEST.sig";
inline constexpr auto kPublicKeyName = "evidence-public.pem";

} // namespace auth::evidence
