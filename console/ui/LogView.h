#pragma once

#include "client/EventQuery.h"
#include "client/LiveTail.h"

#include <QJsonObject>
#include <QList>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QTableView;
class QToolButton;

namespace auth::console {

class ApiClient;
class EventExporter;
class EventSource;
class EventTableModel;

// The security log: a filter bar in the query language (checked as you type,
// the error's position shown), the event table fetched page by page, the raw
// JSON of the selected event, right-click filter-on/exclude, live tail with
// pause, and export of the whole filtered set.
class LogView : public QWidget
{
    Q_OBJECT

public:
    // `source` pages events; `client` carries the trust and token for the live stream.
    LogView(EventSource& source, ApiClient& client, QWidget* parent = nullptr);
    ~LogView() override;

    // Sets the filter text and, when it parses, runs it.
    void setFilter(const QString& text);
    QString filter() const;
    // Replaces since:/until: with an absolute range (from a chart selection).
    void filterTimeRange(const QDateTime& from, const QDateTime& to);
    // Adds "key:value" or "-key:value" and runs the filter.
    void addTerm(const QString& key, const QString& value, bool exclude);
    void reload();
    void clear(); // signed out: nothing of the old session stays on screen
    // Starts exporting the current query; the result is announced in the status line.
    bool exportTo(const QString& fileName, bool jsonLines);
    void setLive(bool live);
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    int bufferedCount() const { return int(m_buffer.size()); }
    // An event from the live stream: on top at once, or buffered while paused.
    void receiveLiveEvent(const QJsonObject& event);
    EventTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }

    static constexpr int MaxBuffered = 50000;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void validateFilter();
    void applyFilter();
    void showDetails();
    void showContextMenu(const QPoint& position);
    void chooseExportFile(bool jsonLines);
    void insertLive(const QList<QJsonObject>& events);
    void updateStatus();

    EventSource& m_source;
    EventTableModel* m_model;
    LiveTail m_liveTail;
    EventExporter* m_exporter;
    QLineEdit* m_filterEdit;
    QLabel* m_filterErrorLabel;
    QPushButton* m_applyButton;
    QToolButton* m_liveButton;
    QToolButton* m_pauseButton;
    QToolButton* m_exportButton;
    QMenu* m_exportMenu;
    QAction* m_exportCsvAction;
    QAction* m_exportJsonAction;
    QAction* m_focusFilterAction;
    QTableView* m_table;
    QPlainTextEdit* m_detailView;
    QLabel* m_statusLabel;
    QSplitter* m_splitter;
    EventQuery m_applied;
    QList<QJsonObject> m_buffer;
    qint64 m_droppedWhilePaused = 0;
    QString m_lastMessage;
    bool m_paused = false;
};

} // namespace auth::console
