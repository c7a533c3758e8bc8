#include "client/EventTableModel.h"

#include "client/EventSource.h"

#include <QJsonDocument>
#include <QTimeZone>
#include <QTimer>
#include <QtConcurrent>

namespace auth::console {

EventTableModel::EventTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void EventTableModel::setSource(EventSource* source)
{
    m_source = source;
}

void EventTableModel::setQuery(const EventQuery& query)
{
    ++m_generation;
    beginResetModel();
    m_query = query;
    discardRows();
    m_cursor.clear();
    m_error.clear();
    m_atEnd = m_source.isNull();
    m_emptyPagesInARow = 0;
    endResetModel();
    setLoading(false);
    if (!m_atEnd)
        fetchMore({});
}

void EventTableModel::clear()
{
    ++m_generation;
    beginResetModel();
    discardRows();
    m_cursor.clear();
    m_atEnd = true;
    endResetModel();
    setLoading(false);
}

bool EventTableModel::prependLive(const QJsonObject& event)
{
    if (!m_query.accepts(event))
        return false;
    Row row = makeRow(event);
    if (!row.id.isEmpty() && m_ids.contains(row.id))
        return false;
    if (m_rows.size() >= MaxRows) {
        beginRemoveRows({}, int(m_rows.size()) - 1, int(m_rows.size()) - 1);
        m_ids.remove(m_rows.last().id);
        m_rows.removeLast();
        endRemoveRows();
    }
    beginInsertRows({}, 0, 0);
    if (!row.id.isEmpty())
        m_ids.insert(row.id);
    m_rows.prepend(std::move(row));
    endInsertRows();
    return true;
}

QJsonObject EventTableModel::event(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    return QJsonDocument::fromJson(m_rows.at(row).json).object();
}

QByteArray EventTableModel::rawJson(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).json : QByteArray();
}

int EventTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return row.time;
        case SeverityColumn:
            return row.severity;
        case TypeColumn:
            return row.type;
        case UserColumn:
            return row.user;
        case SourceIpColumn:
            return row.sourceIp;
        case RequestIdColumn:
            return row.requestId;
        case DetailsColumn:
            return row.summary;
        }
        return {};
    case RawJsonRole:
        return row.json;
    case TimeMsRole:
        return row.timeMs;
    case FilterKeyRole:
        switch (index.column()) {
        case SeverityColumn:
            return QStringLiteral("severity");
        case TypeColumn:
            return QStringLiteral("type");
        case UserColumn:
            return QStringLiteral("user");
        case SourceIpColumn:
            return QStringLiteral("ip");
        case RequestIdColumn:
        case DetailsColumn:
            return QStringLiteral("text");
        }
        return QString();
    case FilterValueRole:
        switch (index.column()) {
        case SeverityColumn:
            return row.severity.toLower();
        case TypeColumn:
            return row.type;
        case UserColumn:
            return row.user;
        case SourceIpColumn:
            return row.sourceIp;
        case RequestIdColumn:
            return row.requestId;
        }
        return QString();
    default:
        return {};
    }
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time (UTC)");
    case SeverityColumn:
        return tr("Severity");
    case TypeColumn:
        return tr("Type");
    case UserColumn:
        return tr("User");
    case SourceIpColumn:
        return tr("Source IP");
    case RequestIdColumn:
        return tr("Request ID");
    case DetailsColumn:
        return tr("Details");
    }
    return {};
}

bool EventTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_atEnd && !m_loading && m_error.isEmpty() && m_rows.size() < MaxRows;
}

void EventTableModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent) || !m_source)
        return;
    setLoading(true);
    const quint64 generation = m_generation;
    m_source->fetchPage(m_query, m_cursor, m_pageSize, this,
                        [this, generation](const EventPage& page) { onPage(generation, page); });
}

void EventTableModel::onPage(quint64 generation, const EventPage& page)
{
    if (generation != m_generation)
        return;
    if (!page.error.isEmpty()) {
        setLoading(false);
        m_error = page.error;
        emit failed(page.error);
        return;
    }
    // The rows are built on a worker (each event serialised again and its time
    // formatted), so the GUI thread only inserts them. The model stays loading
    // meanwhile, so no other page can overtake this one.
    const EventQuery query = m_query;
    QtConcurrent::run([query, events = page.events] {
        QVector<Row> rows;
        rows.reserve(events.size());
        for (const QJsonObject& event : events) {
            if (query.accepts(event))
                rows.append(makeRow(event));
        }
        return rows;
    })
        .then(this,
              [this, generation, nextCursor = page.nextCursor, empty = page.events.isEmpty()](
                  QVector<Row> rows) { insertPage(generation, std::move(rows), nextCursor, empty); });
}

void EventTableModel::insertPage(quint64 generation, QVector<Row> rows, const QString& nextCursor,
                                 bool pageWasEmpty)
{
    if (generation != m_generation)
        return;
    setLoading(false);
    QVector<Row> fresh;
    fresh.reserve(rows.size());
    for (Row& row : rows) {
        // A live event may already be on top; cursor pages never repeat otherwise.
        if (!row.id.isEmpty() && m_ids.contains(row.id))
            continue;
        fresh.append(std::move(row));
    }
    m_cursor = nextCursor;
    // The same cursor twice would loop forever; treat it as the end.
    m_atEnd = nextCursor.isEmpty() || pageWasEmpty;
    if (!fresh.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        m_ids.reserve(m_ids.size() + fresh.size());
        for (Row& row : fresh) {
            if (!row.id.isEmpty())
                m_ids.insert(row.id);
            m_rows.append(std::move(row));
        }
        endInsertRows();
    }
    emit pageLoaded(int(fresh.size()));
    // A page emptied by exclusions gives the view nothing to scroll, so it would
    // never ask again: fetch on, a bounded number of times, to fill the window.
    if (fresh.size() < m_pageSize / 4 && !m_atEnd && ++m_emptyPagesInARow < 20)
        QTimer::singleShot(0, this, [this, generation] {
            if (generation == m_generation)
                fetchMore({});
        });
    else if (!fresh.isEmpty())
        m_emptyPagesInARow = 0;
}

void EventTableModel::discardRows()
{
    // Freeing tens of thousands of rows takes the GUI thread tens of milliseconds
    // on a busy machine; nothing else holds them, so a worker may.
    if (m_rows.size() > 5000)
        static_cast<void>(
            QtConcurrent::run([rows = std::exchange(m_rows, {}), ids = std::exchange(m_ids, {})] {}));
    m_rows.clear();
    m_rows.squeeze();
    m_ids.clear();
}

void EventTableModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

EventTableModel::Row EventTableModel::makeRow(const QJsonObject& event)
{
    Row row;
    const QJsonValue id = event.value(QStringLiteral("id"));
    row.id = id.isString() ? id.toString() : (id.isDouble() ? QString::number(id.toInteger()) : QString());
    row.timeMs = event.value(QStringLiteral("time_unix_ms")).toInteger();
    row.time = row.timeMs > 0 ? QDateTime::fromMSecsSinceEpoch(row.timeMs, Qt::UTC)
                                    .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))
                              : event.value(QStringLiteral("time")).toString();
    row.type = event.value(QStringLiteral("type")).toString();
    row.severity = event.value(QStringLiteral("severity")).toString();
    row.user = event.value(QStringLiteral("user")).toString();
    if (row.user.isEmpty())
        row.user = event.value(QStringLiteral("user_id")).toString();
    row.sourceIp = event.value(QStringLiteral("source_ip")).toString();
    row.requestId = event.value(QStringLiteral("request_id")).toString();
    const QJsonObject details = event.value(QStringLiteral("details")).toObject();
    QStringList parts;
    for (auto it = details.begin(); it != details.end() && parts.size() < 6; ++it) {
        const QJsonValue value = it.value();
        const QString text = value.isString() ? value.toString()
            : value.isDouble()                ? QString::number(value.toDouble())
            : value.isBool() ? (value.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                             : QStringLiteral("…");
        parts.append(it.key() + u'=' + text.left(80));
    }
    row.summary = parts.join(QStringLiteral("  "));
    row.json = QJsonDocument(event).toJson(QJsonDocument::Compact);
    return row;
}

} // namespace auth::console
