#include "evidence/EvidenceSignature.h"

#include "core/Clock.h"
#include "crypto/Aead.h"
#include "crypto/OpenSslSupport.h"
#include "crypto/SigningKey.h"

#include <QSqlError>
#include <QSqlQuery>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace auth::evidence {

namespace {

using Pkey = crypto::detail::PkeyPtr;
using Bio = crypto::detail::BioPtr;

} // namespace

QByteArray EvidenceKey::sign(const QByteArray& data) const
{
    const auto key = crypto::SigningKey::fromPrivatePem(privatePem);
    return key ? key->sign(data) : QByteArray();
}

std::optional<EvidenceKey> EvidenceKey::loadOrCreate(QSqlDatabase& db, const QByteArray& wrapKey,
                                                     QString* error)
{
    auto load = [&]() -> std::optional<EvidenceKey> {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral(
                "SELECT kid, private_key, public_pem FROM evidence_keys ORDER BY created_at, kid LIMIT 1"))
            || !query.next())
            return std::nullopt;
        EvidenceKey key;
        key.kid = query.value(0).toString();
        key.publicPem = query.value(2).toString().toUtf8();
        const auto pem = crypto::open(wrapKey, query.value(1).toByteArray(), key.kid.toUtf8());
        if (!pem) {
            *error = QStringLiteral("the evidence key does not open with this master key");
            return std::nullopt;
        }
        key.privatePem = *pem;
        return key;
    };
    if (auto key = load())
        return key;
    if (!error->isEmpty())
        return std::nullopt;
    const crypto::SigningKey generated = crypto::SigningKey::generate(crypto::JwsAlgorithm::EdDSA);
    const QByteArray privatePem = generated.privatePem();
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO evidence_keys (kid, algorithm, private_key, public_pem, "
                                  "created_at) VALUES (?, ?, ?, ?, ?)"));
    insert.addBindValue(generated.kid());
    insert.addBindValue(QStringLiteral("Ed25519"));
    insert.addBindValue(crypto::seal(wrapKey, privatePem, generated.kid().toUtf8()));
    insert.addBindValue(QString::fromUtf8(publicPemOf(privatePem)));
    insert.addBindValue(Clock::nowSecs());
    insert.exec(); // another instance may have won the race: the oldest key stands
    if (auto key = load())
        return key;
    if (error->isEmpty())
        *error = QStringLiteral("cannot store the evidence key: %1").arg(insert.lastError().text());
    return std::nullopt;
}

QByteArray publicPemOf(const QByteArray& privatePem)
{
    Bio in(BIO_new_mem_buf(privatePem.constData(), int(privatePem.size())));
    Pkey key(in ? PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr) : nullptr);
    Bio out(BIO_new(BIO_s_mem()));
    if (!key || !out || PEM_write_bio_PUBKEY(out.get(), key.get()) != 1)
        return {};
    char* data = nullptr;
    const long size = BIO_get_mem_data(out.get(), &data);
    return QByteArray(data, qsizetype(size));
}

} // namespace auth::evidence
