#include "evidence/EvidenceVerification.h"

#include "crypto/Digest.h"
#include "crypto/OpenSslSupport.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace auth::evidence {

namespace {

using Pkey = crypto::detail::PkeyPtr;
using Bio = crypto::detail::BioPtr;

Pkey readPublic(const QByteArray& pem)
{
    Bio bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    if (!bio)
        return nullptr;
    Pkey key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    if (key && EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519)
        return nullptr;
    return key;
}

bool validHexDigest(const QByteArray& hex)
{
    if (hex.size() != 64)
        return false;
    for (char c : hex) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

} // namespace

bool verifyEd25519(const QByteArray& publicPem, const QByteArray& data, const QByteArray& signature)
{
    const Pkey key = readPublic(publicPem);
    crypto::detail::MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!key || !ctx || signature.size() != 64)
        return false;
    if (EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.constData()),
                            size_t(signature.size()),
                            reinterpret_cast<const unsigned char*>(data.constData()), size_t(data.size()))
        == 1;
}

QString publicKeyFingerprint(const QByteArray& publicPem)
{
    const Pkey key = readPublic(publicPem);
    if (!key)
        return {};
    unsigned char* der = nullptr;
    const int length = i2d_PUBKEY(key.get(), &der);
    if (length <= 0)
        return {};
    const QByteArray digest = crypto::sha256(QByteArrayView(der, length));
    OPENSSL_free(der);
    return QString::fromLatin1(digest.toHex());
}

QByteArray manifestOf(const QList<ArchiveEntry>& entries)
{
    QList<const ArchiveEntry*> sorted;
    for (const ArchiveEntry& entry : entries)
        sorted.append(&entry);
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->name < b->name; });
    QByteArray manifest;
    for (const ArchiveEntry* entry : sorted)
        manifest += crypto::sha256(entry->data).toHex() + "  " + entry->name.toUtf8() + '\n';
    return manifest;
}

Verification verifyBundle(const QList<ArchiveEntry>& entries, const QByteArray& publicPem)
{
    Verification v;
    QHash<QString, const ArchiveEntry*> byName;
    for (const ArchiveEntry& entry : entries) {
        if (byName.contains(entry.name))
            v.problems.append(QStringLiteral("DUPLICATE %1: the bundle holds it twice").arg(entry.name));
        byName.insert(entry.name, &entry);
    }
    const ArchiveEntry* manifest = byName.value(QLatin1String(kManifestName));
    const ArchiveEntry* signature = byName.value(QLatin1String(kSignatureName));
    if (!manifest || !signature) {
        for (const char* name : {kManifestName, kSignatureName}) {
            if (!byName.contains(QLatin1String(name))) {
                v.missing.append(QLatin1String(name));
                v.problems.append(QStringLiteral("MISSING %1").arg(QLatin1String(name)));
            }
        }
        return v;
    }
    QByteArray key = publicPem;
    if (key.isEmpty()) {
        if (const ArchiveEntry* embedded = byName.value(QLatin1String(kPublicKeyName)))
            key = embedded->data;
    }
    v.keyFingerprint = publicKeyFingerprint(key);
    if (v.keyFingerprint.isEmpty())
        v.problems.append(
            QStringLiteral("BAD KEY %1: no Ed25519 public key to verify with")
                .arg(publicPem.isEmpty() ? QLatin1String(kPublicKeyName) : QStringLiteral("--public-key")));
    v.signatureValid = verifyEd25519(key, manifest->data, QByteArray::fromBase64(signature->data.trimmed()));
    if (!v.signatureValid && !v.keyFingerprint.isEmpty())
        v.problems.append(QStringLiteral("ALTERED MANIFEST or MANIFEST.sig: the signature does not verify"));

    QSet<QString> listed;
    int lineNo = 0;
    for (const QByteArray& line : manifest->data.split('\n')) {
        ++lineNo;
        if (line.isEmpty())
            continue;
        const qsizetype gap = line.indexOf("  ");
        const QByteArray hex = line.left(gap);
        const QString name = QString::fromUtf8(line.mid(gap + 2));
        if (gap < 0 || !validHexDigest(hex) || name.isEmpty()) {
            v.problems.append(QStringLiteral("ALTERED MANIFEST: line %1 is malformed").arg(lineNo));
            continue;
        }
        listed.insert(name);
        const ArchiveEntry* entry = byName.value(name);
        if (!entry) {
            v.missing.append(name);
            v.problems.append(QStringLiteral("MISSING %1").arg(name));
            continue;
        }
        ++v.filesChecked;
        if (crypto::sha256(entry->data).toHex() != hex) {
            v.altered.append(name);
            v.problems.append(QStringLiteral("ALTERED %1: SHA-256 differs from MANIFEST").arg(name));
        }
    }
    for (const ArchiveEntry& entry : entries) {
        if (!listed.contains(entry.name) && entry.name != QLatin1String(kManifestName)
            && entry.name != QLatin1String(kSignatureName)) {
            v.extra.append(entry.name);
            v.problems.append(QStringLiteral("EXTRA %1: not listed in MANIFEST").arg(entry.name));
        }
    }
    v.ok = v.signatureValid && v.problems.isEmpty();
    return v;
}

} // namespace auth::evidence
