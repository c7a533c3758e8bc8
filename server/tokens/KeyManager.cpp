#include "tokens/KeyManager.h"

#include "core/Clock.h"
#include "crypto/Aead.h"
#include "logging/LogCategories.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace auth::tokens {

QJsonObject KeyInfo::toJson() const
{
    auto secs = [](qint64 v) { return v > 0 ? QJsonValue(double(v)) : QJsonValue(); };
    const qint64 now = Clock::nowSecs();
    return {{QStringLiteral("kid"), kid},
            {QStringLiteral("algorithm"), algorithm},
            {QStringLiteral("state"), state},
            {QStringLiteral("created_at"), secs(createdAt)},
            {QStringLiteral("age_days"), createdAt > 0 ? double(now - createdAt) / 86400.0 : 0.0},
            {QStringLiteral("deactivated_at"), secs(deactivatedAt)},
            {QStringLiteral("retire_after"), secs(retireAfter)},
            {QStringLiteral("retired_at"), secs(retiredAt)}};
}

KeyManager::KeyManager(storage::Database* database, QByteArray masterKey, crypto::JwsAlgorithm algorithm,
                       qint64 verifyGraceSecs)
    : m_database(database)
    , m_wrapKey(crypto::deriveKey(masterKey, "auth-service signing-key wrap v1"))
    , m_algorithm(algorithm)
    , m_verifyGraceSecs(verifyGraceSecs)
    , m_keys(std::make_shared<KeySet>())
{
}

std::shared_ptr<const KeySet> KeyManager::keys() const
{
    QReadLocker lock(&m_lock);
    return m_keys;
}

std::optional<crypto::SigningKey> KeyManager::decrypt(const QString& kid, const QByteArray& sealed) const
{
    // The kid is bound as associated data, so a row's key cannot be swapped for another's.
    const auto pem = crypto::open(m_wrapKey, sealed, kid.toUtf8());
    if (!pem) {
        qCCritical(lcTokens).noquote() << "cannot decrypt signing key" << kid << "(wrong MASTER_KEY?)";
        return std::nullopt;
    }
    QString error;
    auto key = crypto::SigningKey::fromPrivatePem(*pem, &error);
    if (key)
        key->setKid(kid);
    return key;
}

bool KeyManager::insertKey(const crypto::SigningKey& key, QString* error)
{
    QSqlDatabase db = m_database->connection();
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT INTO signing_keys (kid, algorithm, private_key, public_jwk, state, created_at) "
        "VALUES (?, ?, ?, ?, 'active', ?)"));
    query.addBindValue(key.kid());
    query.addBindValue(crypto::algorithmName(key.algorithm()));
    query.addBindValue(crypto::seal(m_wrapKey, key.privatePem(), key.kid().toUtf8()));
    query.addBindValue(QString::fromUtf8(QJsonDocument(key.publicJwk()).toJson(QJsonDocument::Compact)));
    query.addBindValue(Clock::nowSecs());
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

bool KeyManager::reload(QString* error)
{
    QSqlDatabase db = m_database->connection();
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral(
            "SELECT kid, algorithm, private_key, state, created_at, deactivated_at, retire_after, "
            "retired_at FROM signing_keys ORDER BY created_at DESC, kid"))) {
        *error = query.lastError().text();
        return false;
    }
    QList<KeyInfo> infos;
    QHash<QString, crypto::SigningKey> verifying;
    std::optional<crypto::SigningKey> active;
    while (query.next()) {
        KeyInfo info {query.value(0).toString(),   query.value(1).toString(),   query.value(3).toString(),
                      query.value(4).toLongLong(), query.value(5).toLongLong(), query.value(6).toLongLong(),
                      query.value(7).toLongLong()};
        if (info.state != QLatin1String("retired")) {
            auto key = decrypt(info.kid, query.value(2).toByteArray());
            if (!key) {
                *error = QStringLiteral("MASTER_KEY: cannot decrypt signing key %1").arg(info.kid);
                return false;
            }
            verifying.insert(info.kid, *key);
            if (info.state == QLatin1String("active") && !active)
                active = *key;
        }
        infos.append(info);
    }
    publish(infos, verifying, active);
    return true;
}

void KeyManager::publish(QList<KeyInfo> infos, QHash<QString, crypto::SigningKey> verifying,
                         std::optional<crypto::SigningKey> active)
{
    auto set = std::make_shared<KeySet>();
    QJsonArray jwks;
    // Active key first: clients that take the first usable key pick the right one.
    if (active)
        jwks.append(active->publicJwk());
    for (auto it = verifying.cbegin(); it != verifying.cend(); ++it) {
        set->verifier.addKey(it.value());
        if (!active || it.key() != active->kid())
            jwks.append(it.value().publicJwk());
    }
    set->jwks = QJsonDocument(QJsonObject {{QStringLiteral("keys"), jwks}}).toJson(QJsonDocument::Compact);
    set->active = std::move(active);
    set->verifying = std::move(verifying);
    set->keys = std::move(infos);
    QWriteLocker lock(&m_lock);
    m_keys = std::move(set);
}

bool KeyManager::load(const QByteArray& importPem, QString* error)
{
    if (!reload(error))
        return false;
    if (!importPem.isEmpty()) {
        auto imported = crypto::SigningKey::fromPrivatePem(importPem, error);
        if (!imported) {
            *error = QStringLiteral("RSA_PRIVATE_KEY: ") + *error;
            return false;
        }
        imported->setKid(imported->thumbprint());
        const auto current = keys();
        if (!current->active || current->active->kid() != imported->kid()) {
            bool known = false;
            for (const KeyInfo& info : current->keys)
                known = known || info.kid == imported->kid();
            if (known) {
                *error
                    = QStringLiteral("RSA_PRIVATE_KEY: this key was rotated out earlier; supply a new key");
                return false;
            }
            QSqlDatabase db = m_database->connection();
            QSqlQuery demote(db);
            demote.prepare(QStringLiteral(
                "UPDATE signing_keys SET state = 'passive', deactivated_at = ?, retire_after = ? "
                "WHERE state = 'active'"));
            demote.addBindValue(Clock::nowSecs());
            demote.addBindValue(Clock::nowSecs() + m_verifyGraceSecs);
            demote.exec();
            if (!insertKey(*imported, error))
                return false;
            qCInfo(lcTokens).noquote() << "imported signing key from RSA_PRIVATE_KEY, kid" << imported->kid();
            return reload(error);
        }
        return true;
    }
    if (!keys()->active) {
        crypto::SigningKey key = crypto::SigningKey::generate(m_algorithm);
        key.setKid(key.thumbprint());
        if (!insertKey(key, error))
            return reload(error); // another instance created one first
        qCInfo(lcTokens).noquote() << "generated the first signing key" << key.kid()
                                   << crypto::algorithmName(m_algorithm);
        return reload(error);
    }
    return true;
}

std::optional<KeyManager::Rotation> KeyManager::rotate(bool emergency, QString* error)
{
    crypto::SigningKey key = crypto::SigningKey::generate(m_algorithm);
    key.setKid(key.thumbprint());
    const qint64 now = Clock::nowSecs();
    QSqlDatabase db = m_database->connection();
    if (!db.transaction()) {
        *error = db.lastError().text();
        return std::nullopt;
    }
    QSqlQuery demote(db);
    if (emergency) {
        demote.prepare(QStringLiteral(
            "UPDATE signing_keys SET state = 'retired', deactivated_at = COALESCE(deactivated_at, ?), "
            "retired_at = ? WHERE state IN ('active', 'passive')"));
        demote.addBindValue(now);
        demote.addBindValue(now);
    } else {
        demote.prepare(
            QStringLiteral("UPDATE signing_keys SET state = 'passive', deactivated_at = ?, retire_after = ? "
                           "WHERE state = 'active'"));
        demote.addBindValue(now);
        demote.addBindValue(now + m_verifyGraceSecs);
    }
    if (!demote.exec() || !insertKey(key, error)) {
        if (error->isEmpty())
            *error = demote.lastError().text();
        db.rollback();
        return std::nullopt;
    }
    if (!db.commit()) {
        *error = db.lastError().text();
        return std::nullopt;
    }
    const auto before = keys();
    if (!reload(error))
        return std::nullopt;
    Rotation rotation;
    for (const KeyInfo& info : keys()->keys) {
        if (info.kid == key.kid())
            rotation.active = info;
    }
    for (const KeyInfo& old : before->keys) {
        if (old.state == QLatin1String("active") || (emergency && old.state == QLatin1String("passive"))) {
            for (const KeyInfo& info : keys()->keys) {
                if (info.kid == old.kid)
                    rotation.deactivated.append(info);
            }
        }
    }
    if (m_onChange)
        m_onChange(key.kid());
    return rotation;
}

QStringList KeyManager::retireExpired()
{
    QStringList retired;
    const qint64 now = Clock::nowSecs();
    for (const KeyInfo& info : keys()->keys) {
        if (info.state == QLatin1String("passive") && info.retireAfter > 0 && info.retireAfter <= now)
            retired.append(info.kid);
    }
    if (retired.isEmpty())
        return retired;
    QSqlDatabase db = m_database->connection();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE signing_keys SET state = 'retired', retired_at = ? "
                                 "WHERE state = 'passive' AND retire_after <= ?"));
    query.addBindValue(now);
    query.addBindValue(now);
    query.exec();
    QString error;
    reload(&error);
    if (m_onChange)
        m_onChange(retired.join(QLatin1Char(' ')));
    return retired;
}

qint64 KeyManager::activeKeyAgeSecs() const
{
    const auto set = keys();
    for (const KeyInfo& info : set->keys) {
        if (info.state == QLatin1String("active"))
            return Clock::nowSecs() - info.createdAt;
    }
    return 0;
}

} // namespace auth::tokens
