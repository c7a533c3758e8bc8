#include "ui/ReportDialog.h"

#include "client/AuthSession.h"
#include "client/ReportCollector.h"
#include "ui/ReportWriter.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace auth::console {

ReportDialog::ReportDialog(ApiClient& client, AuthSession& session, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_collector(new ReportCollector(client, &session, this))
    , m_periodLabel(new QLabel(this))
    , m_periodCombo(new QComboBox(this))
    , m_fromLabel(new QLabel(this))
    , m_fromEdit(new QDateTimeEdit(this))
    , m_toLabel(new QLabel(this))
    , m_toEdit(new QDateTimeEdit(this))
    , m_fileLabel(new QLabel(this))
    , m_fileEdit(new QLineEdit(this))
    , m_browseButton(new QPushButton(this))
    , m_saveDataCheck(new QCheckBox(this))
    , m_progress(new QProgressBar(this))
    , m_messageLabel(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
    , m_exportButton(m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole))
{
    setObjectName(QStringLiteral("reportDialog"));
    m_periodCombo->setObjectName(QStringLiteral("reportPeriodCombo"));
    m_fromEdit->setObjectName(QStringLiteral("reportFromEdit"));
    m_toEdit->setObjectName(QStringLiteral("reportToEdit"));
    m_fileEdit->setObjectName(QStringLiteral("reportFileEdit"));
    m_browseButton->setObjectName(QStringLiteral("reportBrowseButton"));
    m_saveDataCheck->setObjectName(QStringLiteral("reportSaveDataCheck"));
    m_progress->setObjectName(QStringLiteral("reportProgressBar"));
    m_messageLabel->setObjectName(QStringLiteral("reportMessageLabel"));
    m_exportButton->setObjectName(QStringLiteral("reportExportButton"));

    for (const char* period : {"1h", "24h", "7d", "custom"})
        m_periodCombo->addItem(QString(), QLatin1String(period));
    m_periodCombo->setCurrentIndex(1);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (QDateTimeEdit* edit : {m_fromEdit, m_toEdit}) {
        edit->setTimeSpec(Qt::UTC);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
        edit->setCalendarPopup(true);
    }
    m_fromEdit->setDateTime(now.addDays(-1));
    m_toEdit->setDateTime(now);
    m_fileEdit->setText(QDir::home().filePath(
        QStringLiteral("auth-report-%1.pdf").arg(now.toString(QStringLiteral("yyyyMMdd-HHmm")))));
    m_progress->setRange(0, ReportCollector::stepCount() + 1);
    m_progress->setValue(0);
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_periodLabel->setBuddy(m_periodCombo);
    m_fromLabel->setBuddy(m_fromEdit);
    m_toLabel->setBuddy(m_toEdit);
    m_fileLabel->setBuddy(m_fileEdit);

    auto* form = new QFormLayout;
    form->addRow(m_periodLabel, m_periodCombo);
    form->addRow(m_fromLabel, m_fromEdit);
    form->addRow(m_toLabel, m_toEdit);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_fileEdit, 1);
    fileRow->addWidget(m_browseButton);
    form->addRow(m_fileLabel, fileRow);
    form->addRow(QString(), m_saveDataCheck);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_messageLabel);
    layout->addWidget(m_buttons);

    connect(m_periodCombo, &QComboBox::currentIndexChanged, this, &ReportDialog::updateState);
    connect(m_fileEdit, &QLineEdit::textChanged, this, &ReportDialog::updateState);
    connect(m_browseButton, &QPushButton::clicked, this, &ReportDialog::browse);
    connect(m_exportButton, &QPushButton::clicked, this, &ReportDialog::startExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ReportDialog::reject);
    connect(m_collector, &ReportCollector::progress, this, [this](int step, int, const QString& what) {
        m_progress->setValue(step);
        if (!what.isEmpty())
            setMessage(tr("Fetching %1…").arg(what), false);
    });
    connect(m_collector, &ReportCollector::finished, this, &ReportDialog::onFinished);
    connect(m_collector, &ReportCollector::failed, this, &ReportDialog::onFailed);
    connect(&m_session, &AuthSession::stateChanged, this, &ReportDialog::updateState);
    retranslateUi();
    updateState();
}

void ReportDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void ReportDialog::retranslateUi()
{
    setWindowTitle(tr("Export Report"));
    m_periodLabel->setText(tr("&Period:"));
    const QStringList periods {tr("Last hour"), tr("Last 24 hours"), tr("Last 7 days"), tr("Custom")};
    for (int i = 0; i < periods.size(); ++i)
        m_periodCombo->setItemText(i, periods.at(i));
    m_fromLabel->setText(tr("&From:"));
    m_toLabel->setText(tr("&To:"));
    m_fileLabel->setText(tr("&File:"));
    m_browseButton->setText(tr("&Browse…"));
    m_saveDataCheck->setText(tr("Also save the report &data (JSON) to check the footer's SHA-256"));
    m_exportButton->setText(tr("&Export"));
}

void ReportDialog::setFileName(const QString& fileName)
{
    m_fileEdit->setText(fileName);
}

void ReportDialog::setPeriod(const QString& period)
{
    const int index = m_periodCombo->findData(period);
    if (index >= 0)
        m_periodCombo->setCurrentIndex(index);
}

void ReportDialog::setCustomPeriod(const QDateTime& from, const QDateTime& to)
{
    setPeriod(QStringLiteral("custom"));
    m_fromEdit->setDateTime(from.toUTC());
    m_toEdit->setDateTime(to.toUTC());
}

void ReportDialog::setSaveData(bool save)
{
    m_saveDataCheck->setChecked(save);
}

bool ReportDialog::isExporting() const
{
    return m_collector->isRunning() || m_writing;
}

void ReportDialog::browse()
{
    const QString fileName = QFileDialog::getSaveFileName(this, tr("Export Report"), m_fileEdit->text(),
                                                          tr("PDF documents (*.pdf)"));
    if (!fileName.isEmpty())
        m_fileEdit->setText(fileName.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)
                                ? fileName
                                : fileName + QStringLiteral(".pdf"));
}

void ReportDialog::updateState()
{
    const bool custom = m_periodCombo->currentData().toString() == QLatin1String("custom");
    const bool running = isExporting();
    m_fromEdit->setEnabled(custom && !running);
    m_toEdit->setEnabled(custom && !running);
    m_periodCombo->setEnabled(!running);
    m_fileEdit->setEnabled(!running);
    m_browseButton->setEnabled(!running);
    m_saveDataCheck->setEnabled(!running);
    m_exportButton->setEnabled(!running && m_session.isSignedIn() && !m_fileEdit->text().trimmed().isEmpty());
    m_buttons->button(QDialogButtonBox::Close)->setText(running ? tr("&Cancel") : tr("&Close"));
    // The file is being written: it appears whole or not at all, and cannot be stopped half-way.
    m_buttons->button(QDialogButtonBox::Close)->setEnabled(!m_writing);
    if (!m_session.isSignedIn() && !running)
        setMessage(tr("Sign in to export a report."), false);
}

void ReportDialog::startExport()
{
    if (isExporting() || !m_session.isSignedIn())
        return;
    const QString fileName = m_fileEdit->text().trimmed();
    const QFileInfo info(fileName);
    if (fileName.isEmpty() || !info.absoluteDir().exists()) {
        setMessage(tr("Choose a file in an existing folder."), true);
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString period = m_periodCombo->currentData().toString();
    QDateTime from, to = now;
    if (period == QLatin1String("custom")) {
        from = m_fromEdit->dateTime().toUTC();
        to = m_toEdit->dateTime().toUTC();
    } else {
        from = ReportData::parseTime(period, now);
    }
    if (!from.isValid() || !to.isValid() || from >= to) {
        setMessage(tr("The period must end after it begins."), true);
        return;
    }
    m_fileName = info.absoluteFilePath();
    m_saveData = m_saveDataCheck->isChecked();
    m_progress->setValue(0);
    m_collector->start(from, to);
    updateState();
}

void ReportDialog::reject()
{
    if (m_writing)
        return;
    if (m_collector->isRunning()) {
        m_collector->cancel();
        m_progress->setValue(0);
        setMessage(tr("Export cancelled."), false);
        updateState();
        return;
    }
    QDialog::reject();
}

void ReportDialog::onFinished(const ReportData& data)
{
    setMessage(tr("Writing the PDF…"), false);
    // The charts are QGraphicsItems and are drawn here; pages of tables are
    // written on a worker thread so that the window stays responsive.
    const QList<QPicture> charts = ReportWriter::renderCharts(data);
    m_writing = true;
    updateState();
    struct Result
    {
        bool written = false;
        int pages = 0;
        QString error;
    };
    auto* watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcher<Result>::finished, this, [this, watcher] {
        const Result result = watcher->result();
        watcher->deleteLater();
        m_writing = false;
        m_progress->setValue(m_progress->maximum());
        updateState();
        if (!result.written) {
            setMessage(result.error, true);
            return;
        }
        // A report has a cover and a charts page at least, so "pages" is always plural.
        setMessage(tr("Report written to %1 (%2 pages).")
                       .arg(QDir::toNativeSeparators(m_fileName))
                       .arg(result.pages),
                   false);
        emit reportWritten(m_fileName, result.pages);
    });
    watcher->setFuture(QtConcurrent::run([data, charts, fileName = m_fileName, saveData = m_saveData] {
        Result result;
        result.written
            = ReportWriter::writeFiles(data, charts, fileName, saveData, &result.pages, &result.error);
        return result;
    }));
}

void ReportDialog::onFailed(const ApiError&, const QString& message)
{
    m_progress->setValue(0);
    setMessage(message, true);
    updateState();
}

void ReportDialog::setMessage(const QString& message, bool error)
{
    m_messageLabel->setText(message);
    m_messageLabel->setStyleSheet(error ? QStringLiteral("color: #c0392b;") : QString());
}

} // namespace auth::console
