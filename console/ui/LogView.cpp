#include "ui/LogView.h"

#include "client/ApiClient.h"
#include "client/EventExporter.h"
#include "client/EventSource.h"
#include "client/EventTableModel.h"

#include <QAction>
#include <QEvent>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPalette>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace auth::console {

LogView::LogView(EventSource& source, ApiClient& client, QWidget* parent)
    : QWidget(parent)
    , m_source(source)
    , m_model(new EventTableModel(this))
    , m_liveTail(client)
    , m_exporter(new EventExporter(source, this))
    , m_filterEdit(new QLineEdit(this))
    , m_filterErrorLabel(new QLabel(this))
    , m_applyButton(new QPushButton(this))
    , m_liveButton(new QToolButton(this))
    , m_pauseButton(new QToolButton(this))
    , m_exportButton(new QToolButton(this))
    , m_exportMenu(new QMenu(this))
    , m_table(new QTableView(this))
    , m_detailView(new QPlainTextEdit(this))
    , m_statusLabel(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
{
    setObjectName(QStringLiteral("logView"));
    m_filterEdit->setObjectName(QStringLiteral("filterEdit"));
    m_filterErrorLabel->setObjectName(QStringLiteral("filterErrorLabel"));
    m_applyButton->setObjectName(QStringLiteral("applyFilterButton"));
    m_liveButton->setObjectName(QStringLiteral("liveButton"));
    m_pauseButton->setObjectName(QStringLiteral("pauseButton"));
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    m_table->setObjectName(QStringLiteral("eventTable"));
    m_detailView->setObjectName(QStringLiteral("rawJsonView"));
    m_statusLabel->setObjectName(QStringLiteral("logStatusLabel"));
    m_splitter->setObjectName(QStringLiteral("logSplitter"));
    m_liveTail.setParent(this);

    m_model->setSource(&m_source);
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setMaxLength(EventQuery::MaxLength);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_filterErrorLabel->setFont(mono);
    m_filterErrorLabel->setTextFormat(Qt::PlainText);
    m_filterErrorLabel->hide();
    m_liveButton->setCheckable(true);
    m_pauseButton->setCheckable(true);
    m_pauseButton->setEnabled(false);
    m_liveButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_pauseButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_exportCsvAction = m_exportMenu->addAction(QString(), this, [this] { chooseExportFile(false); });
    m_exportCsvAction->setObjectName(QStringLiteral("exportCsvAction"));
    m_exportJsonAction = m_exportMenu->addAction(QString(), this, [this] { chooseExportFile(true); });
    m_exportJsonAction->setObjectName(QStringLiteral("exportJsonAction"));
    m_exportButton->setMenu(m_exportMenu);
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    m_focusFilterAction = new QAction(this);
    m_focusFilterAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    m_focusFilterAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_focusFilterAction, &QAction::triggered, this, [this] {
        m_filterEdit->setFocus();
        m_filterEdit->selectAll();
    });
    addAction(m_focusFilterAction);
    auto* exportShortcut = new QAction(this);
    exportShortcut->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportShortcut->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(exportShortcut, &QAction::triggered, m_exportButton, &QToolButton::showMenu);
    addAction(exportShortcut);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // Fixed row heights: a million rows never ask for their size one by one.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(EventTableModel::TimeColumn, 190);
    m_table->setColumnWidth(EventTableModel::TypeColumn, 200);
    m_table->setColumnWidth(EventTableModel::UserColumn, 180);
    m_table->setColumnWidth(EventTableModel::SourceIpColumn, 130);
    m_detailView->setReadOnly(true);
    m_detailView->setFont(mono);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_filterEdit, 1);
    bar->addWidget(m_applyButton);
    bar->addWidget(m_liveButton);
    bar->addWidget(m_pauseButton);
    bar->addWidget(m_exportButton);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detailView);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_filterErrorLabel);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_statusLabel);
    setTabOrder(m_filterEdit, m_applyButton);
    setTabOrder(m_applyButton, m_liveButton);
    setTabOrder(m_liveButton, m_pauseButton);
    setTabOrder(m_pauseButton, m_exportButton);
    setTabOrder(m_exportButton, m_table);
    setTabOrder(m_table, m_detailView);

    connect(m_filterEdit, &QLineEdit::textChanged, this, &LogView::validateFilter);
    connect(m_filterEdit, &QLineEdit::returnPressed, this, &LogView::applyFilter);
    connect(m_applyButton, &QPushButton::clicked, this, &LogView::applyFilter);
    connect(m_liveButton, &QToolButton::toggled, this, &LogView::setLive);
    connect(m_pauseButton, &QToolButton::toggled, this, &LogView::setPaused);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LogView::showDetails);
    connect(m_table, &QTableView::customContextMenuRequested, this, &LogView::showContextMenu);
    connect(m_model, &EventTableModel::loadingChanged, this, &LogView::updateStatus);
    connect(m_model, &EventTableModel::pageLoaded, this, &LogView::updateStatus);
    connect(m_model, &EventTableModel::failed, this, [this](const QString& message) {
        m_lastMessage = message;
        updateStatus();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { m_detailView->clear(); });
    connect(&m_liveTail, &LiveTail::eventReceived, this, &LogView::receiveLiveEvent);
    connect(&m_liveTail, &LiveTail::stateChanged, this, &LogView::updateStatus);
    connect(&m_liveTail, &LiveTail::failed, this, [this](const QString& message) {
        m_lastMessage = message;
        updateStatus();
    });
    connect(m_exporter, &EventExporter::progress, this, [this](qint64 written) {
        m_lastMessage = tr("Exporting… %1 events written.").arg(written);
        updateStatus();
    });
    connect(m_exporter, &EventExporter::finished, this, [this](bool, const QString& message) {
        m_lastMessage = message;
        m_exportButton->setEnabled(true);
        updateStatus();
    });

    retranslateUi();
}

LogView::~LogView()
{
    m_liveTail.stop();
}

void LogView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void LogView::retranslateUi()
{
    m_filterEdit->setPlaceholderText(tr(
        "Filter, e.g. type:authentication_failure ip:10.0.0.0/8 user:alice since:1h \"free text\" -type:x"));
    m_filterEdit->setToolTip(tr("Fields: type severity user ip since until; a leading - excludes; Ctrl+F"));
    m_applyButton->setText(tr("&Apply"));
    m_liveButton->setText(tr("&Live"));
    m_liveButton->setToolTip(tr("Follow new events as they happen (Ctrl+T)"));
    m_pauseButton->setText(tr("&Pause"));
    m_pauseButton->setToolTip(tr("Keep the view still and buffer new events (Ctrl+P)"));
    m_exportButton->setText(tr("E&xport"));
    m_exportButton->setToolTip(tr("Export every event of the filter, all pages (Ctrl+E)"));
    m_exportCsvAction->setText(tr("As &CSV…"));
    m_exportJsonAction->setText(tr("As &JSON Lines…"));
    validateFilter();
    updateStatus();
}

void LogView::setFilter(const QString& text)
{
    m_filterEdit->setText(text);
    applyFilter();
}

QString LogView::filter() const
{
    return m_filterEdit->text();
}

void LogView::filterTimeRange(const QDateTime& from, const QDateTime& to)
{
    static const QRegularExpression timeTerm(QStringLiteral("(^|\\s)(since|until):\\S+"));
    QString text = m_filterEdit->text();
    text.replace(timeTerm, QString());
    text = text.simplified();
    const QString range = QStringLiteral("since:%1 until:%2")
                              .arg(from.toUTC().toString(Qt::ISODate), to.toUTC().toString(Qt::ISODate));
    setFilter(text.isEmpty() ? range : text + u' ' + range);
}

void LogView::addTerm(const QString& key, const QString& value, bool exclude)
{
    const QString term = EventQuery::term(key, value, exclude);
    const QString text = m_filterEdit->text().trimmed();
    setFilter(text.isEmpty() ? term : text + u' ' + term);
}

void LogView::reload()
{
    const EventQuery::Parsed parsed = EventQuery::parse(m_filterEdit->text());
    if (!parsed.ok())
        return;
    m_applied = parsed.query;
    m_lastMessage.clear();
    m_model->setQuery(m_applied);
    if (m_liveButton->isChecked())
        m_liveTail.start(m_applied);
    updateStatus();
}

void LogView::clear()
{
    m_liveButton->setChecked(false);
    m_buffer.clear();
    m_model->clear();
    m_detailView->clear();
    m_lastMessage.clear();
    updateStatus();
}

bool LogView::exportTo(const QString& fileName, bool jsonLines)
{
    QString error;
    const EventQuery::Parsed parsed = EventQuery::parse(m_filterEdit->text());
    if (!parsed.ok())
        return false;
    if (!m_exporter->start(parsed.query, fileName,
                           jsonLines ? EventExporter::Format::JsonLines : EventExporter::Format::Csv,
                           &error)) {
        m_lastMessage = error;
        updateStatus();
        return false;
    }
    m_exportButton->setEnabled(false);
    return true;
}

void LogView::setLive(bool live)
{
    if (m_liveButton->isChecked() != live) {
        m_liveButton->setChecked(live); // comes back here through toggled
        return;
    }
    m_pauseButton->setEnabled(live);
    if (live) {
        m_liveTail.start(m_applied);
    } else {
        m_liveTail.stop();
        setPaused(false);
    }
    updateStatus();
}

void LogView::setPaused(bool paused)
{
    if (m_pauseButton->isChecked() != paused) {
        m_pauseButton->setChecked(paused);
        return;
    }
    m_paused = paused;
    if (!paused && !m_buffer.isEmpty()) {
        insertLive(std::exchange(m_buffer, {}));
        m_droppedWhilePaused = 0;
    }
    updateStatus();
}

void LogView::validateFilter()
{
    const QString text = m_filterEdit->text();
    const EventQuery::Parsed parsed = EventQuery::parse(text);
    // A palette, not a style sheet: setting a style sheet on every key that
    // flips validity re-polishes the widget, a visible hitch on a busy machine.
    if (parsed.ok()) {
        m_filterEdit->setPalette(QPalette());
        m_filterEdit->setProperty("invalid", false);
        m_filterErrorLabel->hide();
        m_applyButton->setEnabled(true);
        return;
    }
    m_filterEdit->setProperty("invalid", true);
    QPalette invalid = m_filterEdit->palette();
    invalid.setColor(QPalette::Base, QColor(0xfd, 0xe2, 0xdf));
    invalid.setColor(QPalette::Text, QColor(0x7b, 0x1d, 0x13));
    m_filterEdit->setPalette(invalid);
    // The text up to the error with a caret under the place, then the reason.
    const int at = std::clamp(parsed.errorPosition, 0, int(text.size()));
    m_filterErrorLabel->setText(tr("Column %1: %2").arg(at + 1).arg(parsed.error) + u'\n' + text + u'\n'
                                + QString(at, u' ') + u'^');
    m_filterErrorLabel->show();
    m_applyButton->setEnabled(false);
}

void LogView::applyFilter()
{
    if (!EventQuery::parse(m_filterEdit->text()).ok())
        return;
    reload();
}

void LogView::showDetails()
{
    const int row = m_table->currentIndex().row();
    const QJsonObject event = m_model->event(row);
    m_detailView->setPlainText(event.isEmpty()
                                   ? QString()
                                   : QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Indented)));
}

void LogView::showContextMenu(const QPoint& position)
{
    const QModelIndex index = m_table->indexAt(position);
    if (!index.isValid())
        return;
    const QString key = index.data(EventTableModel::FilterKeyRole).toString();
    const QString value = index.data(EventTableModel::FilterValueRole).toString();
    if (key.isEmpty() || value.isEmpty())
        return;
    QMenu menu(this);
    const QString shown = EventQuery::term(key, value);
    QAction* on = menu.addAction(tr("&Filter on %1").arg(shown), this,
                                 [this, key, value] { addTerm(key, value, false); });
    on->setObjectName(QStringLiteral("filterOnAction"));
    QAction* off = menu.addAction(tr("&Exclude %1").arg(shown), this,
                                  [this, key, value] { addTerm(key, value, true); });
    off->setObjectName(QStringLiteral("excludeAction"));
    menu.exec(m_table->viewport()->mapToGlobal(position));
}

void LogView::chooseExportFile(bool jsonLines)
{
    const QString fileName = QFileDialog::getSaveFileName(
        this, tr("Export Events"), jsonLines ? QStringLiteral("events.jsonl") : QStringLiteral("events.csv"),
        jsonLines ? tr("JSON lines (*.jsonl)") : tr("CSV (*.csv)"));
    if (!fileName.isEmpty())
        exportTo(fileName, jsonLines);
}

void LogView::receiveLiveEvent(const QJsonObject& event)
{
    if (m_paused) {
        if (m_buffer.size() >= MaxBuffered) {
            m_buffer.removeFirst();
            ++m_droppedWhilePaused;
        }
        m_buffer.append(event);
        updateStatus();
        return;
    }
    insertLive({event});
}

void LogView::insertLive(const QList<QJsonObject>& events)
{
    QScrollBar* scroll = m_table->verticalScrollBar();
    const int before = scroll->value();
    int inserted = 0;
    for (const QJsonObject& event : events)
        inserted += m_model->prependLive(event) ? 1 : 0;
    // At the top, new events scroll into view; elsewhere the rows being read stay put.
    if (before > 0 && inserted > 0)
        scroll->setValue(before + inserted);
    updateStatus();
}

void LogView::updateStatus()
{
    QStringList parts;
    parts.append(tr("Events loaded: %1").arg(m_model->rowCount()));
    if (m_model->isLoading())
        parts.append(tr("loading…"));
    else if (!m_model->atEnd())
        parts.append(tr("scroll for more"));
    switch (m_liveTail.state()) {
    case LiveTail::State::Live:
        parts.append(m_paused ? tr("live: paused, new events buffered: %1").arg(m_buffer.size())
                              : tr("live"));
        break;
    case LiveTail::State::Connecting:
        parts.append(tr("live: connecting…"));
        break;
    case LiveTail::State::Retrying:
        parts.append(tr("live: reconnecting…"));
        break;
    case LiveTail::State::Stopped:
        break;
    }
    if (!m_lastMessage.isEmpty())
        parts.append(m_lastMessage);
    m_statusLabel->setText(parts.join(QStringLiteral(" · ")));
}

} // namespace auth::console
