#include "ops/BackupManifest.h"

#include "crypto/Digest.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace auth::ops {

namespace {

std::optional<QByteArray> hashFile(const QString& path, qint64* size)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return std::nullopt;
    *size = file.size();
    return hash.result().toHex();
}

bool isPlainName(const QString& name)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"));
    return plain.match(name).hasMatch() && !name.contains(QLatin1String(".."));
}

} // namespace

QByteArray BackupManifest::keyCheck(const QByteArray& masterKey)
{
    return crypto::hmacSha256(masterKey, "auth-service backup master-key check v1").toHex();
}

QByteArray BackupManifest::toJson() const
{
    QJsonArray fileList;
    for (const File& file : files) {
        fileList.append(QJsonObject {{QStringLiteral("name"), file.name},
                                     {QStringLiteral("size"), file.size},
                                     {QStringLiteral("sha256"), QString::fromLatin1(file.sha256)}});
    }
    const QJsonObject object {
        {QStringLiteral("format"), QStringLiteral("auth-service-backup")},
        {QStringLiteral("format_version"), FormatVersion},
        {QStringLiteral("version"), serviceVersion},
        {QStringLiteral("schema_version"), schemaVersion},
        {QStringLiteral("backend"), backend},
        {QStringLiteral("created_at"), createdAt.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("master_key"), masterKey},
        {QStringLiteral("master_key_check"), QString::fromLatin1(masterKeyCheck)},
        {QStringLiteral("files"), fileList},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

std::optional<BackupManifest> BackupManifest::fromJson(const QByteArray& json, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("MANIFEST.json is not a JSON object");
        return std::nullopt;
    }
    const QJsonObject object = doc.object();
    if (object.value(QStringLiteral("format")).toString() != QLatin1String("auth-service-backup")
        || object.value(QStringLiteral("format_version")).toInt() != FormatVersion) {
        *error = QStringLiteral("MANIFEST.json is not an auth-service backup of format version %1")
                     .arg(FormatVersion);
        return std::nullopt;
    }
    BackupManifest manifest;
    manifest.serviceVersion = object.value(QStringLiteral("version")).toString();
    manifest.schemaVersion = object.value(QStringLiteral("schema_version")).toInt(-1);
    manifest.backend = object.value(QStringLiteral("backend")).toString();
    manifest.createdAt
        = QDateTime::fromString(object.value(QStringLiteral("created_at")).toString(), Qt::ISODate);
    manifest.masterKey = object.value(QStringLiteral("master_key")).toString();
    manifest.masterKeyCheck = object.value(QStringLiteral("master_key_check")).toString().toLatin1();
    if (manifest.schemaVersion < 1
        || (manifest.backend != QLatin1String("sqlite") && manifest.backend != QLatin1String("postgres"))
        || (manifest.masterKey != QLatin1String("file") && manifest.masterKey != QLatin1String("external"))
        || !manifest.createdAt.isValid()) {
        *error
            = QStringLiteral("MANIFEST.json has a missing or invalid schema_version, backend, master_key or "
                             "created_at");
        return std::nullopt;
    }
    for (const QJsonValue& value : object.value(QStringLiteral("files")).toArray()) {
        const QJsonObject entry = value.toObject();
        File file {entry.value(QStringLiteral("name")).toString(),
                   qint64(entry.value(QStringLiteral("size")).toDouble(-1)),
                   entry.value(QStringLiteral("sha256")).toString().toLatin1()};
        if (!isPlainName(file.name) || file.size < 0 || file.sha256.size() != 64) {
            *error = QStringLiteral("MANIFEST.json lists an invalid file entry");
            return std::nullopt;
        }
        manifest.files.append(file);
    }
    if (manifest.files.isEmpty()) {
        *error = QStringLiteral("MANIFEST.json lists no files");
        return std::nullopt;
    }
    return manifest;
}

bool BackupManifest::addFile(const QString& dir, const QString& name, QString* error)
{
    File file;
    file.name = name;
    const auto hash = hashFile(QDir(dir).filePath(name), &file.size);
    if (!hash) {
        *error = QStringLiteral("cannot read %1").arg(QDir(dir).filePath(name));
        return false;
    }
    file.sha256 = *hash;
    files.append(file);
    return true;
}

bool BackupManifest::verify(const QString& dir, QString* error) const
{
    for (const File& file : files) {
        const QString path = QDir(dir).filePath(file.name);
        qint64 size = 0;
        const auto hash = hashFile(path, &size);
        if (!hash) {
            *error = QStringLiteral("%1 is missing or unreadable").arg(path);
            return false;
        }
        if (size != file.size || !crypto::constantTimeEquals(*hash, file.sha256)) {
            *error = QStringLiteral("%1 does not match its SHA-256 in MANIFEST.json (damaged or altered)")
                         .arg(path);
            return false;
        }
    }
    return true;
}

} // namespace auth::ops
