#include "evidence/EvidenceArchive.h"

#include <QFile>
#include <archive.h>
#include <archive_entry.h>
#include <memory>

namespace auth::evidence {

namespace {

struct WriteDeleter
{
    void operator()(archive* a) const { archive_write_free(a); }
};
struct ReadDeleter
{
    void operator()(archive* a) const { archive_read_free(a); }
};
struct EntryDeleter
{
    void operator()(archive_entry* e) const { archive_entry_free(e); }
};

la_ssize_t appendToBuffer(archive*, void* client, const void* buffer, size_t length)
{
    static_cast<QByteArray*>(client)->append(static_cast<const char*>(buffer), qsizetype(length));
    return la_ssize_t(length);
}

bool safeName(const QString& name)
{
    if (name.isEmpty() || name.startsWith(QLatin1Char('/')) || name.contains(QLatin1Char('\\')))
        return false;
    for (const QString& part : name.split(QLatin1Char('/'))) {
        if (part.isEmpty() || part == QLatin1String("..") || part == QLatin1String("."))
            return false;
    }
    return true;
}

} // namespace

std::optional<QByteArray> EvidenceArchive::write(const QList<ArchiveEntry>& entries, QString* error)
{
    QByteArray out;
    std::unique_ptr<archive, WriteDeleter> a(archive_write_new());
    if (!a || archive_write_set_format_pax_restricted(a.get()) != ARCHIVE_OK
        || archive_write_add_filter_gzip(a.get()) != ARCHIVE_OK
        // No zero padding after the gzip stream: the bundle ends where its data does.
        || archive_write_set_bytes_in_last_block(a.get(), 1) != ARCHIVE_OK
        || archive_write_open(a.get(), &out, nullptr, appendToBuffer, nullptr) != ARCHIVE_OK) {
        *error = QStringLiteral("cannot create the archive: %1")
                     .arg(QString::fromUtf8(a ? archive_error_string(a.get()) : "out of memory"));
        return std::nullopt;
    }
    for (const ArchiveEntry& item : entries) {
        std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
        const QByteArray name = item.name.toUtf8();
        archive_entry_set_pathname(entry.get(), name.constData());
        archive_entry_set_size(entry.get(), item.data.size());
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_perm(entry.get(), 0600);
        archive_entry_set_mtime(entry.get(), time_t(item.mtime), 0);
        if (archive_write_header(a.get(), entry.get()) != ARCHIVE_OK
            || (!item.data.isEmpty()
                && archive_write_data(a.get(), item.data.constData(), size_t(item.data.size())) < 0)) {
            *error = QStringLiteral("cannot write %1: %2")
                         .arg(item.name, QString::fromUtf8(archive_error_string(a.get())));
            return std::nullopt;
        }
    }
    if (archive_write_close(a.get()) != ARCHIVE_OK) {
        *error = QStringLiteral("cannot finish the archive: %1")
                     .arg(QString::fromUtf8(archive_error_string(a.get())));
        return std::nullopt;
    }
    return out;
}

std::optional<QList<ArchiveEntry>> EvidenceArchive::read(const QByteArray& data, QString* error)
{
    std::unique_ptr<archive, ReadDeleter> a(archive_read_new());
    archive_read_support_filter_gzip(a.get());
    archive_read_support_format_tar(a.get());
    if (archive_read_open_memory(a.get(), data.constData(), size_t(data.size())) != ARCHIVE_OK) {
        *error
            = QStringLiteral("not a tar.gz bundle: %1").arg(QString::fromUtf8(archive_error_string(a.get())));
        return std::nullopt;
    }
    QList<ArchiveEntry> entries;
    qint64 total = 0;
    archive_entry* entry = nullptr;
    int status = ARCHIVE_OK;
    while ((status = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK) {
        const QString name
            = QString::fromUtf8(archive_entry_pathname_utf8(entry) ? archive_entry_pathname_utf8(entry)
                                                                   : archive_entry_pathname(entry));
        if (archive_entry_filetype(entry) != AE_IFREG || !safeName(name)) {
            *error = QStringLiteral("unexpected entry in the bundle: %1").arg(name.left(200));
            return std::nullopt;
        }
        if (entries.size() >= kMaxEntries) {
            *error = QStringLiteral("the bundle has more than %1 entries").arg(kMaxEntries);
            return std::nullopt;
        }
        const la_int64_t size = archive_entry_size(entry);
        if (size < 0 || total + size > kMaxTotalBytes) {
            *error = QStringLiteral("the bundle is larger than allowed");
            return std::nullopt;
        }
        ArchiveEntry item;
        item.name = name;
        item.mtime = archive_entry_mtime(entry);
        item.data.resize(qsizetype(size));
        qint64 got = 0;
        while (got < size) {
            const la_ssize_t n = archive_read_data(a.get(), item.data.data() + got, size_t(size - got));
            if (n <= 0) {
                *error = QStringLiteral("truncated entry %1: %2")
                             .arg(name, QString::fromUtf8(archive_error_string(a.get())));
                return std::nullopt;
            }
            got += n;
        }
        total += size;
        entries.append(item);
    }
    if (status != ARCHIVE_EOF) {
        *error = QStringLiteral("damaged bundle: %1").arg(QString::fromUtf8(archive_error_string(a.get())));
        return std::nullopt;
    }
    return entries;
}

std::optional<QList<ArchiveEntry>> EvidenceArchive::readFile(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    if (file.size() > kMaxTotalBytes) {
        *error = QStringLiteral("%1 is larger than allowed").arg(path);
        return std::nullopt;
    }
    return read(file.readAll(), error);
}

} // namespace auth::evidence
