#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace auth::ops {

// MANIFEST.json of a backup directory: what was saved, from which backend and
// schema, and the SHA-256 of every file so restore can refuse a damaged or
// altered snapshot before it touches the target store.
struct BackupManifest
{
    struct File
    {
        QString name; // plain file name inside the backup directory
        qint64 size = 0;
        QByteArray sha256; // hex
    };

    static constexpr int FormatVersion = 1;

    QString serviceVersion;
    int schemaVersion = 0;
    QString backend; // "sqlite" or "postgres"
    QDateTime createdAt;
    // "file": the development DATA_DIR/master.key is in the backup; "external":
    // signing keys are sealed under MASTER_KEY, which the operator keeps elsewhere.
    QString masterKey;
    QByteArray masterKeyCheck; // hex HMAC of a fixed label under the master key
    QList<File> files;

    QByteArray toJson() const;
    static std::optional<BackupManifest> fromJson(const QByteArray& json, QString* error);

    // Adds `name` (already inside `dir`) with its size and hash.
    bool addFile(const QString& dir, const QString& name, QString* error);
    // Checks that every listed file exists with its size and hash.
    bool verify(const QString& dir, QString* error) const;

    // Tells a restore whether the master key it will use opens the saved keys,
    // without putting anything derived from the key itself on disk.
    static QByteArray keyCheck(const QByteArray& masterKey);
};

} // namespace auth::ops
