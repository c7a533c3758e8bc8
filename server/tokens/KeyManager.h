#pragma once

#include "crypto/JwtVerifier.h"
#include "crypto/SigningKey.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QReadWriteLock>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

namespace auth::storage {
class Database;
}

namespace auth::tokens {

// One signing key as operators see it (never the private part).
struct KeyInfo
{
    QString kid;
    QString algorithm;
    QString state; // active | passive | retired
    qint64 createdAt = 0;
    qint64 deactivatedAt = 0;
    qint64 retireAfter = 0;
    qint64 retiredAt = 0;
    QJsonObject toJson() const;
};

// An immutable view of the keys, swapped whole on every change so the signing
// and verifying hot paths take no lock beyond copying one pointer.
struct KeySet
{
    std::optional<crypto::SigningKey> active;
    QHash<QString, crypto::SigningKey> verifying; // active + passive, by kid
    crypto::JwtVerifier verifier; // over `verifying`
    QByteArray jwks; // the JSON document served at /.well-known/jwks.json
    QList<KeyInfo> keys;
};

// Signing keys: generated (or imported from RSA_PRIVATE_KEY), stored in the
// database encrypted with AES-256-GCM under a key derived from the master key,
// rotated on demand or every KEY_ROTATION_DAYS. A rotated-out key stays
// published and verifying until every token it signed has expired
// (`verifyGraceSecs` after rotation); an emergency rotation retires it at once.
// Database methods run on the database pool.
class KeyManager
{
public:
    KeyManager(storage::Database* database, QByteArray masterKey, crypto::JwsAlgorithm algorithm,
               qint64 verifyGraceSecs);

    // Loads the keys; creates the first one (or imports `importPem`) when there is no active key.
    bool load(const QByteArray& importPem, QString* error);
    std::shared_ptr<const KeySet> keys() const;

    struct Rotation
    {
        KeyInfo active;
        QList<KeyInfo> deactivated;
    };
    std::optional<Rotation> rotate(bool emergency, QString* error);
    // Retires passive keys whose grace has ended; returns their kids.
    QStringList retireExpired();
    // Re-reads the table (another instance rotated).
    bool reload(QString* error);
    qint64 activeKeyAgeSecs() const;
    // Called (on the calling pool thread) after this instance changed the keys,
    // so other instances can be told to reload.
    void setChangeListener(std::function<void(const QString& kid)> listener)
    {
        m_onChange = std::move(listener);
    }

private:
    bool insertKey(const crypto::SigningKey& key, QString* error);
    std::optional<crypto::SigningKey> decrypt(const QString& kid, const QByteArray& sealed) const;
    void publish(QList<KeyInfo> infos, QHash<QString, crypto::SigningKey> verifying,
                 std::optional<crypto::SigningKey> active);

    storage::Database* m_database;
    QByteArray m_wrapKey;
    crypto::JwsAlgorithm m_algorithm;
    qint64 m_verifyGraceSecs;
    mutable QReadWriteLock m_lock;
    std::shared_ptr<const KeySet> m_keys;
    std::function<void(const QString& kid)> m_onChange;
};

} // namespace auth::tokens
