#pragma once

#include "client/EventQuery.h"

#include <QFile>
#include <QObject>
#include <QPointer>
#include <memory>

namespace auth::console {

class EventSource;
struct EventPage;

// Writes every event of a query (all pages, following the cursor) to a file as
// CSV or JSON lines, page by page, so the window stays responsive. The file is
// written under a temporary name and renamed only when complete.
class EventExporter : public QObject
{
    Q_OBJECT

signals:
    void progress(qint64 written);
    void finished(bool ok, const QString& message);

public:
    enum class Format { Csv, JsonLines };

    EventExporter(EventSource& source, QObject* parent = nullptr);
    ~EventExporter() override;

    // False (and `finished` is not emitted) when the file cannot be opened.
    bool start(const EventQuery& query, const QString& fileName, Format format, QString* error = nullptr);
    void cancel();
    bool isRunning() const { return m_running; }
    qint64 written() const { return m_written; }

    static QStringList csvHeader();
    static QByteArray csvLine(const QJsonObject& event);
    // One CSV field: quoted per RFC 4180, and a leading = + - @ neutralised so a
    // spreadsheet does not run attacker-supplied text as a formula.
    static QString csvField(const QString& value);
    static constexpr int PageSize = 1000;

private:
    void next();
    void onPage(const EventPage& page);
    void finish(bool ok, const QString& message);

    EventSource& m_source;
    EventQuery m_query;
    Format m_format = Format::Csv;
    std::unique_ptr<QFile> m_file;
    QString m_fileName;
    QString m_cursor;
    qint64 m_written = 0;
    bool m_running = false;
};

} // namespace auth::console
