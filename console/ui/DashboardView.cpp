#include "ui/DashboardView.h"

#include "client/AuthSession.h"
#include "ui/MetricsCharts.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLegendMarker>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <cmath>

namespace auth::console {

namespace {
const QColor Orange(0xd9, 0x5f, 0x02);
const QColor Red(0xc0, 0x39, 0x2b);
} // namespace

DashboardView::DashboardView(AuthSession& session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_rangeCombo(new QComboBox(this))
    , m_refreshButton(new QPushButton(this))
    , m_updatedLabel(new QLabel(this))
    , m_summaryLabel(new QLabel(this))
    , m_topIpsList(new QListWidget(this))
    , m_topIpsCaption(new QLabel(this))
    , m_alertsTable(new QTableWidget(0, 6, this))
    , m_ackReasonEdit(new QLineEdit(this))
    , m_ackButton(new QPushButton(this))
    , m_alertsCaption(new QLabel(this))
{
    setObjectName(QStringLiteral("dashboardView"));
    m_rangeCombo->setObjectName(QStringLiteral("rangeCombo"));
    m_refreshButton->setObjectName(QStringLiteral("dashboardRefreshButton"));
    m_updatedLabel->setObjectName(QStringLiteral("dashboardUpdatedLabel"));
    m_summaryLabel->setObjectName(QStringLiteral("metricsSummaryLabel"));
    m_topIpsList->setObjectName(QStringLiteral("topIpsList"));
    m_alertsTable->setObjectName(QStringLiteral("alertsTable"));
    m_ackReasonEdit->setObjectName(QStringLiteral("ackReasonEdit"));
    m_ackButton->setObjectName(QStringLiteral("ackButton"));

    for (const QString& range : MetricsSeries::ranges())
        m_rangeCombo->addItem(QString(), range);
    m_rangeCombo->setCurrentIndex(1);
    m_summaryLabel->setWordWrap(true);
    m_topIpsList->setMaximumHeight(140);
    m_alertsTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_alertsTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_alertsTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_alertsTable->verticalHeader()->hide();
    m_alertsTable->horizontalHeader()->setStretchLastSection(true);
    m_ackReasonEdit->setMaxLength(500);

    auto* top = new QHBoxLayout;
    top->addWidget(m_rangeCombo);
    top->addWidget(m_refreshButton);
    top->addWidget(m_updatedLabel, 1);

    auto* grid = new QGridLayout;
    const QStringList names = chartNames();
    for (int i = 0; i < names.size(); ++i)
        grid->addWidget(addChart(names.at(i)), i / 3, i % 3);
    auto* charts = new QWidget(this);
    charts->setLayout(grid);

    auto* side = new QWidget(this);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->addWidget(m_summaryLabel);
    sideLayout->addWidget(m_topIpsCaption);
    sideLayout->addWidget(m_topIpsList);
    sideLayout->addWidget(m_alertsCaption);
    sideLayout->addWidget(m_alertsTable, 1);
    auto* ackRow = new QHBoxLayout;
    ackRow->addWidget(m_ackReasonEdit, 1);
    ackRow->addWidget(m_ackButton);
    sideLayout->addLayout(ackRow);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(charts);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    setTabOrder(m_rangeCombo, m_refreshButton);
    setTabOrder(m_refreshButton, m_alertsTable);
    setTabOrder(m_alertsTable, m_ackReasonEdit);
    setTabOrder(m_ackReasonEdit, m_ackButton);

    connect(m_rangeCombo, &QComboBox::currentIndexChanged, this, &DashboardView::refresh);
    connect(m_refreshButton, &QPushButton::clicked, this, &DashboardView::refresh);
    connect(m_ackButton, &QPushButton::clicked, this, &DashboardView::acknowledgeSelected);
    connect(m_ackReasonEdit, &QLineEdit::textChanged, this, &DashboardView::updateAckButton);
    connect(m_ackReasonEdit, &QLineEdit::returnPressed, this, &DashboardView::acknowledgeSelected);
    connect(m_alertsTable, &QTableWidget::itemSelectionChanged, this, &DashboardView::updateAckButton);
    m_timer.setInterval(10000);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    retranslateUi();
    updateAckButton();
}

QStringList DashboardView::chartNames()
{
    return MetricsCharts::names();
}

QChartView* DashboardView::chartView(const QString& name) const
{
    for (QChartView* view : m_charts) {
        if (view->objectName() == name)
            return view;
    }
    return nullptr;
}

QChartView* DashboardView::addChart(const QString& objectName)
{
    auto* chart = new QChart;
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto* view = new QChartView(chart, this);
    view->setObjectName(objectName);
    view->setRenderHint(QPainter::Antialiasing);
    view->setRubberBand(QChartView::HorizontalRubberBand);
    view->setMinimumSize(260, 180);
    m_charts.append(view);
    return view;
}

void DashboardView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void DashboardView::retranslateUi()
{
    const QStringList labels {tr("Last 15 minutes"), tr("Last hour"), tr("Last 24 hours"), tr("Last 7 days")};
    for (int i = 0; i < labels.size() && i < m_rangeCombo->count(); ++i)
        m_rangeCombo->setItemText(i, labels.at(i));
    m_rangeCombo->setToolTip(tr("Time range of the charts"));
    m_refreshButton->setText(tr("Refresh"));
    m_topIpsCaption->setText(tr("Top source IPs of failed logins (5 min)"));
    m_alertsCaption->setText(tr("Alerts"));
    m_alertsTable->setHorizontalHeaderLabels(
        {tr("Severity"), tr("Rule"), tr("State"), tr("First seen"), tr("Last seen"), tr("Details")});
    m_ackReasonEdit->setPlaceholderText(tr("Reason for acknowledging (required)"));
    m_ackButton->setText(tr("&Acknowledge"));
    if (!m_series.points.isEmpty())
        showSeries(m_series);
    setMessage(m_message);
}

void DashboardView::setRange(const QString& range)
{
    const int index = m_rangeCombo->findData(range);
    if (index >= 0)
        m_rangeCombo->setCurrentIndex(index);
}

QString DashboardView::range() const
{
    return m_rangeCombo->currentData().toString();
}

void DashboardView::setAutoRefresh(bool on)
{
    if (on)
        m_timer.start();
    else
        m_timer.stop();
}

void DashboardView::clear()
{
    // A call dropped with the old session never answers; do not wait for it.
    m_fetching = false;
    m_series = {};
    m_alerts = {};
    m_alertsTable->setRowCount(0);
    m_topIpsList->clear();
    m_summaryLabel->clear();
    for (QChartView* view : m_charts) {
        view->chart()->removeAllSeries();
        for (QAbstractAxis* axis : view->chart()->axes())
            view->chart()->removeAxis(axis);
    }
    setMessage(QString());
}

void DashboardView::refresh()
{
    if (!m_session.isSignedIn() || m_fetching)
        return;
    m_fetching = true;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("range"), range());
    m_session.call(
        "GET", QStringLiteral("/admin/metrics/series"), query, std::nullopt, this,
        [this](const QJsonObject& body, int, qint64) {
            m_fetching = false;
            QString error;
            const auto series = MetricsSeries::fromJson(body, &error);
            if (!series) {
                setMessage(error);
                return;
            }
            showSeries(*series);
            setMessage(
                tr("Updated %1").arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"))));
        },
        [this](const ApiError& error) {
            m_fetching = false;
            setMessage(error.message);
        });
    m_session.call(
        "GET", QStringLiteral("/security/threats/metrics"), {}, std::nullopt, this,
        [this](const QJsonObject& body, int, qint64) { showMetrics(body); }, [](const ApiError&) {});
    m_session.call(
        "GET", QStringLiteral("/admin/alerts"), {}, std::nullopt, this,
        [this](const QJsonObject& body, int, qint64) {
            showAlerts(body.value(QStringLiteral("alerts")).toArray());
        },
        [](const ApiError&) {});
}

void DashboardView::showSeries(const MetricsSeries& series)
{
    m_series = series;
    m_plotting = true;
    for (const MetricsCharts::Chart& spec : MetricsCharts::build(series)) {
        if (QChartView* view = chartView(spec.name)) {
            QDateTimeAxis* x = MetricsCharts::plot(view->chart(), spec, m_series);
            connect(x, &QDateTimeAxis::rangeChanged, this, &DashboardView::onAxisRangeChanged);
        }
    }
    m_plotting = false;
}

void DashboardView::onAxisRangeChanged(const QDateTime& min, const QDateTime& max)
{
    if (m_plotting || m_series.points.isEmpty())
        return;
    emit rangeSelected(min.toUTC(), max.toUTC());
}

void DashboardView::showMetrics(const QJsonObject& metrics)
{
    const QJsonObject failed = metrics.value(QStringLiteral("failed_logins")).toObject();
    const QJsonValue lockouts = metrics.value(QStringLiteral("lockouts"));
    const QJsonValue alerts = metrics.value(QStringLiteral("suspicious_alerts"));
    auto show = [](const QJsonValue& value) {
        if (value.isDouble())
            return QString::number(value.toDouble());
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            for (const char* key : {"total", "last_5m", "active", "count"}) {
                if (object.value(QLatin1String(key)).isDouble())
                    return QString::number(object.value(QLatin1String(key)).toDouble());
            }
        }
        return QStringLiteral("–");
    };
    m_summaryLabel->setText(tr("Failed logins: %1 in the last minute, %2 in 5 minutes · Lockouts: %3 · "
                               "Suspicious-activity alerts: %4")
                                .arg(show(failed.value(QStringLiteral("last_1m"))),
                                     show(failed.value(QStringLiteral("last_5m"))), show(lockouts),
                                     show(alerts)));
    m_topIpsList->clear();
    for (const QJsonValue& value : failed.value(QStringLiteral("top_ips")).toArray()) {
        const QJsonObject entry = value.toObject();
        const QString ip = value.isString() ? value.toString() : entry.value(QStringLiteral("ip")).toString();
        const QJsonValue count = entry.value(QStringLiteral("count"));
        m_topIpsList->addItem(count.isDouble() ? tr("%1 – %2 failures").arg(ip).arg(count.toDouble()) : ip);
    }
}

void DashboardView::showAlerts(const QJsonArray& alerts)
{
    m_alerts = alerts;
    const QString selected
        = m_alertsTable->currentRow() >= 0 && m_alertsTable->item(m_alertsTable->currentRow(), 0)
        ? m_alertsTable->item(m_alertsTable->currentRow(), 0)->data(Qt::UserRole).toString()
        : QString();
    m_alertsTable->setRowCount(0);
    for (const QJsonValue& value : alerts) {
        const QJsonObject alert = value.toObject();
        const int row = m_alertsTable->rowCount();
        m_alertsTable->insertRow(row);
        const QJsonValue id = alert.value(QStringLiteral("id"));
        const QString idText = id.isDouble() ? QString::number(id.toInteger()) : id.toString();
        const QString state = alert.value(QStringLiteral("state")).toString();
        const QString details = alert.value(QStringLiteral("details")).isObject()
            ? QString::fromUtf8(QJsonDocument(alert.value(QStringLiteral("details")).toObject())
                                    .toJson(QJsonDocument::Compact))
            : alert.value(QStringLiteral("details")).toString();
        const QStringList cells {alert.value(QStringLiteral("severity")).toString(),
                                 alert.value(QStringLiteral("rule")).toString(),
                                 state,
                                 alert.value(QStringLiteral("first_seen")).toVariant().toString(),
                                 alert.value(QStringLiteral("last_seen")).toVariant().toString(),
                                 details};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells.at(column));
            item->setData(Qt::UserRole, idText);
            item->setData(Qt::UserRole + 1, state);
            if (state == QLatin1String("firing"))
                item->setForeground(cells.at(0) == QLatin1String("P0") ? Red : Orange);
            m_alertsTable->setItem(row, column, item);
        }
        if (idText == selected)
            m_alertsTable->selectRow(row);
    }
    updateAckButton();
}

void DashboardView::acknowledgeSelected()
{
    const int row = m_alertsTable->currentRow();
    const QString reason = m_ackReasonEdit->text().trimmed();
    if (row < 0 || reason.isEmpty() || !m_ackButton->isEnabled())
        return;
    const QString id = m_alertsTable->item(row, 0)->data(Qt::UserRole).toString();
    m_ackButton->setEnabled(false);
    m_session.call(
        "POST", QStringLiteral("/admin/alerts/%1/ack").arg(QString::fromLatin1(QUrl::toPercentEncoding(id))),
        {}, QJsonObject {{QStringLiteral("reason"), reason}}, this,
        [this, id](const QJsonObject&, int, qint64) {
            m_ackReasonEdit->clear();
            setMessage(tr("Alert %1 acknowledged.").arg(id));
            refresh();
        },
        [this](const ApiError& error) {
            setMessage(error.message);
            updateAckButton();
        });
}

void DashboardView::updateAckButton()
{
    const int row = m_alertsTable->currentRow();
    const bool firing = row >= 0 && m_alertsTable->item(row, 0)
        && m_alertsTable->item(row, 0)->data(Qt::UserRole + 1).toString() == QLatin1String("firing");
    m_ackButton->setEnabled(firing && !m_ackReasonEdit->text().trimmed().isEmpty());
}

void DashboardView::setMessage(const QString& message)
{
    m_message = message;
    m_updatedLabel->setText(message);
}

} // namespace auth::console
