#pragma once

#include "client/MetricsSeries.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QTimer>
#include <QWidget>

class QChartView;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace auth::console {

class AuthSession;

// The live dashboard: the runbook's metrics as time series over 15 min to 7 days
// with its thresholds drawn as dashed lines and markers for key rotations,
// containment steps and alerts; the top failing source IPs; and the alerts
// panel with acknowledge. Dragging across a chart selects that time range.
class DashboardView : public QWidget
{
    Q_OBJECT

signals:
    // The user dragged across a chart: show the security log of this period.
    void rangeSelected(const QDateTime& from, const QDateTime& to);

public:
    explicit DashboardView(AuthSession& session, QWidget* parent = nullptr);

    void refresh(); // fetches series, metrics and alerts for the chosen range
    void clear();
    void setRange(const QString& range); // "15m", "1h", "24h", "7d"
    QString range() const;
    void setAutoRefresh(bool on);

    void showSeries(const MetricsSeries& series);
    void showMetrics(const QJsonObject& metrics);
    void showAlerts(const QJsonArray& alerts);
    // Acknowledges the selected alert with the typed reason.
    void acknowledgeSelected();

    // Chart object names, in display order (for tests and the PDF report).
    static QStringList chartNames();
    QChartView* chartView(const QString& name) const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    QChartView* addChart(const QString& objectName);
    void onAxisRangeChanged(const QDateTime& min, const QDateTime& max);
    void updateAckButton();
    void setMessage(const QString& message);

    AuthSession& m_session;
    QTimer m_timer;
    QComboBox* m_rangeCombo;
    QPushButton* m_refreshButton;
    QLabel* m_updatedLabel;
    QLabel* m_summaryLabel;
    QListWidget* m_topIpsList;
    QLabel* m_topIpsCaption;
    QTableWidget* m_alertsTable;
    QLineEdit* m_ackReasonEdit;
    QPushButton* m_ackButton;
    QLabel* m_alertsCaption;
    QList<QChartView*> m_charts;
    MetricsSeries m_series;
    QJsonArray m_alerts;
    QString m_message;
    bool m_plotting = false;
    bool m_fetching = false;
};

} // namespace auth::console
