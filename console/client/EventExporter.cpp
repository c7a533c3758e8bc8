#include "client/EventExporter.h"

#include "client/EventSource.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace auth::console {

EventExporter::EventExporter(EventSource& source, QObject* parent)
    : QObject(parent)
    , m_source(source)
{
}

EventExporter::~EventExporter()
{
    if (m_file) {
        m_file->remove();
    }
}

bool EventExporter::start(const EventQuery& query, const QString& fileName, Format format, QString* error)
{
    if (m_running) {
        if (error)
            *error = tr("An export is already running.");
        return false;
    }
    m_fileName = fileName;
    m_file = std::make_unique<QFile>(fileName + QStringLiteral(".part"));
    if (!m_file->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(m_file->fileName(), m_file->errorString());
        m_file.reset();
        return false;
    }
    m_query = query;
    m_format = format;
    m_cursor.clear();
    m_written = 0;
    m_running = true;
    if (format == Format::Csv)
        m_file->write(csvHeader().join(u',').toUtf8() + "\r\n");
    next();
    return true;
}

void EventExporter::cancel()
{
    if (m_running)
        finish(false, tr("Export cancelled."));
}

QStringList EventExporter::csvHeader()
{
    return {QStringLiteral("id"),        QStringLiteral("time"),       QStringLiteral("type"),
            QStringLiteral("severity"),  QStringLiteral("user_id"),    QStringLiteral("user"),
            QStringLiteral("source_ip"), QStringLiteral("request_id"), QStringLiteral("details")};
}

QString EventExporter::csvField(const QString& value)
{
    QString text = value;
    if (!text.isEmpty() && QStringLiteral("=+-@\t\r").contains(text.at(0)))
        text.prepend(u'\'');
    if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n') || text.contains(u'\r')
        || text != value) {
        text.replace(u'"', QLatin1String("\"\""));
        return u'"' + text + u'"';
    }
    return text;
}

QByteArray EventExporter::csvLine(const QJsonObject& event)
{
    QStringList fields;
    for (const QString& key : csvHeader()) {
        const QJsonValue value = event.value(key);
        QString text;
        if (value.isObject() || value.isArray())
            text = QString::fromUtf8(value.isObject()
                                         ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
                                         : QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        else if (value.isDouble())
            text = QString::number(value.toInteger());
        else
            text = value.toString();
        fields.append(csvField(text));
    }
    return fields.join(u',').toUtf8() + "\r\n";
}

void EventExporter::next()
{
    m_source.fetchPage(m_query, m_cursor, PageSize, this, [this](const EventPage& page) { onPage(page); });
}

void EventExporter::onPage(const EventPage& page)
{
    if (!m_running)
        return;
    if (!page.error.isEmpty()) {
        finish(false, tr("Export stopped after %1 events: %2").arg(m_written).arg(page.error));
        return;
    }
    for (const QJsonObject& event : page.events) {
        if (!m_query.accepts(event))
            continue;
        const QByteArray line = m_format == Format::Csv
            ? csvLine(event)
            : QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n';
        if (m_file->write(line) != line.size()) {
            finish(false, tr("Cannot write %1: %2").arg(m_file->fileName(), m_file->errorString()));
            return;
        }
        ++m_written;
    }
    emit progress(m_written);
    if (page.nextCursor.isEmpty() || page.events.isEmpty() || page.nextCursor == m_cursor) {
        finish(true, tr("Exported %1 events to %2.").arg(m_written).arg(m_fileName));
        return;
    }
    m_cursor = page.nextCursor;
    next();
}

void EventExporter::finish(bool ok, const QString& message)
{
    m_running = false;
    QString text = message;
    m_file->close();
    if (ok) {
        QFile::remove(m_fileName);
        if (!m_file->rename(m_fileName)) {
            ok = false;
            text = tr("Cannot write %1: %2").arg(m_fileName, m_file->errorString());
        }
    }
    if (!ok)
        m_file->remove();
    m_file.reset();
    emit finished(ok, text);
}

} // namespace auth::console
