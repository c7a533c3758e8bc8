#pragma once

#include "client/ApiError.h"
#include "client/ReportData.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace auth::console {

class ApiClient;
class AuthSession;
class ReportCollector;

// File → Export Report…: choose the period and the file, then the data is
// fetched asynchronously with a progress bar (the window stays usable) and the
// PDF written, optionally with its data beside it for checking the footer hash.
class ReportDialog : public QDialog
{
    Q_OBJECT

signals:
    void reportWritten(const QString& fileName, int pages);

public:
    ReportDialog(ApiClient& client, AuthSession& session, QWidget* parent = nullptr);

    void setFileName(const QString& fileName);
    // "24h", "1h", "7d" or "custom" (the from/to fields).
    void setPeriod(const QString& period);
    void setCustomPeriod(const QDateTime& from, const QDateTime& to);
    void setSaveData(bool save);
    void startExport();
    bool isExporting() const;

protected:
    void changeEvent(QEvent* event) override;
    void reject() override;

private:
    void retranslateUi();
    void browse();
    void updateState();
    void onFinished(const ReportData& data);
    void onFailed(const ApiError& error, const QString& message);
    void setMessage(const QString& message, bool error);

    AuthSession& m_session;
    ReportCollector* m_collector;
    QLabel* m_periodLabel;
    QComboBox* m_periodCombo;
    QLabel* m_fromLabel;
    QDateTimeEdit* m_fromEdit;
    QLabel* m_toLabel;
    QDateTimeEdit* m_toEdit;
    QLabel* m_fileLabel;
    QLineEdit* m_fileEdit;
    QPushButton* m_browseButton;
    QCheckBox* m_saveDataCheck;
    QProgressBar* m_progress;
    QLabel* m_messageLabel;
    QDialogButtonBox* m_buttons;
    QPushButton* m_exportButton;
    QString m_fileName;
    bool m_saveData = false;
    bool m_writing = false; // the PDF is being written on a worker thread
};

} // namespace auth::console
