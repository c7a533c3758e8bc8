#pragma once

#include "client/EventQuery.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QJsonObject>
#include <QPointer>
#include <QSet>
#include <QVector>

namespace auth::console {

class EventSource;
struct EventPage;

// Security events, newest first, over the cursor-paged event API: a page is
// fetched only when the view asks for more (canFetchMore/fetchMore), so a log of
// millions of events costs what has been scrolled through. Live events from the
// stream go on top. Rows are kept compact (the raw JSON once, as bytes).
class EventTableModel : public QAbstractTableModel
{
    Q_OBJECT

signals:
    void loadingChanged(bool loading);
    void failed(const QString& message);
    void pageLoaded(int rowsAdded);

public:
    enum Column {
        TimeColumn,
        SeverityColumn,
        TypeColumn,
        UserColumn,
        SourceIpColumn,
        RequestIdColumn,
        DetailsColumn,
        ColumnCount
    };
    enum Role {
        RawJsonRole = Qt::UserRole + 1, // QByteArray: the event as the server sent it
        FilterKeyRole, // the query-language field of the cell ("type", "ip", ...) or empty
        FilterValueRole, // the cell's value for "filter on" / "exclude"
        TimeMsRole,
    };

    explicit EventTableModel(QObject* parent = nullptr);

    void setSource(EventSource* source);
    // Clears the rows and fetches the first page of the new query.
    void setQuery(const EventQuery& query);
    const EventQuery& query() const { return m_query; }
    void reload() { setQuery(m_query); }
    void setPageSize(int size) { m_pageSize = size; }
    // A live event: inserted on top when it passes the query's exclusions and is new.
    bool prependLive(const QJsonObject& event);
    void clear();

    bool isLoading() const { return m_loading; }
    bool atEnd() const { return m_atEnd; }
    QString lastError() const { return m_error; }
    QJsonObject event(int row) const;
    QByteArray rawJson(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    static constexpr int DefaultPageSize = 200;
    static constexpr int MaxRows = 2'000'000;

private:
    struct Row
    {
        qint64 timeMs = 0;
        QString id;
        QString time;
        QString type;
        QString severity;
        QString user;
        QString sourceIp;
        QString requestId;
        QString summary;
        QByteArray json;
    };

    static Row makeRow(const QJsonObject& event);
    void onPage(quint64 generation, const EventPage& page);
    void insertPage(quint64 generation, QVector<Row> rows, const QString& nextCursor, bool pageWasEmpty);
    void discardRows();
    void setLoading(bool loading);

    QPointer<EventSource> m_source;
    EventQuery m_query;
    QVector<Row> m_rows;
    QSet<QString> m_ids;
    QString m_cursor;
    QString m_error;
    bool m_atEnd = true;
    bool m_loading = false;
    int m_pageSize = DefaultPageSize;
    int m_emptyPagesInARow = 0;
    quint64 m_generation = 0;
};

} // namespace auth::console
