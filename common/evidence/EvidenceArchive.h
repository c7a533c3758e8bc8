#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace auth::evidence {

// One regular file inside a bundle.
struct ArchiveEntry
{
    QString name; // relative path, '/'-separated
    QByteArray data;
    qint64 mtime = 0; // seconds
};

// tar.gz (POSIX pax) in memory through libarchive. Reading is bounded: at most
// kMaxEntries entries and kMaxTotalBytes of content, anything but regular files,
// absolute paths and ".." components refused, so a hostile bundle given to
// --verify-evidence cannot exhaust memory or escape.
class EvidenceArchive
{
public:
    static constexpr int kMaxEntries = 10'000;
    static constexpr qint64 kMaxTotalBytes = qint64(2) * 1024 * 1024 * 1024;

    static std::optional<QByteArray> write(const QList<ArchiveEntry>& entries, QString* error);
    static std::optional<QList<ArchiveEntry>> read(const QByteArray& archive, QString* error);
    static std::optional<QList<ArchiveEntry>> readFile(const QString& path, QString* error);
};

} // namespace auth::evidence
