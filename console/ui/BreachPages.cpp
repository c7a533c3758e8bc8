#include "ui/BreachPages.h"

#include "ui/BreachActionPanel.h"
#include "ui/IncidentReport.h"

#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace auth::console {

namespace {

QLabel* selectableLabel(const QString& name, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString defaultFile(const QString& incidentId, const QString& suffix)
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty())
        dir = QDir::homePath();
    return QDir(dir).filePath(QStringLiteral("incident-%1%2").arg(incidentId.left(8), suffix));
}

} // namespace

AssessPage::AssessPage(BreachResponse& runner, QWidget* parent)
    : QWizardPage(parent)
    , m_runner(runner)
    , m_summary(new QPlainTextEdit(this))
    , m_refreshButton(new QPushButton(tr("&Refresh"), this))
    , m_statusLabel(selectableLabel(QStringLiteral("assessStatusLabel"), this))
{
    setObjectName(QStringLiteral("assessPage"));
    setTitle(BreachResponse::stepTitle(BreachResponse::Step::Assess));
    setSubTitle(tr("Live indicators: open alerts, threat metrics and whether the service is isolated."));
    m_summary->setObjectName(QStringLiteral("assessText"));
    m_summary->setReadOnly(true);
    m_refreshButton->setObjectName(QStringLiteral("assessRefreshButton"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    auto* row = new QHBoxLayout;
    row->addWidget(m_statusLabel, 1);
    row->addWidget(m_refreshButton);
    layout->addLayout(row);
    connect(m_refreshButton, &QPushButton::clicked, &m_runner, &BreachResponse::assess);
    connect(&m_runner, &BreachResponse::assessed, this,
            [this](const QJsonObject& alerts, const QJsonObject& metrics, const QJsonObject& containment) {
                QStringList lines;
                lines << tr("Containment: %1 (since %2, reason: %3)")
                             .arg(containment.value(QStringLiteral("state")).toString(),
                                  containment.value(QStringLiteral("since")).toVariant().toString(),
                                  containment.value(QStringLiteral("reason")).toString());
                const QJsonArray list = alerts.value(QStringLiteral("alerts")).toArray();
                lines << tr("Open alerts: %1").arg(list.size());
                for (const QJsonValue& value : list) {
                    const QJsonObject alert = value.toObject();
                    lines << QStringLiteral("  %1 %2 %3 %4")
                                 .arg(alert.value(QStringLiteral("severity")).toString(),
                                      alert.value(QStringLiteral("state")).toString(),
                                      alert.value(QStringLiteral("rule")).toString(),
                                      alert.value(QStringLiteral("subject")).toString());
                }
                lines << tr("Threat metrics:");
                for (auto it = metrics.begin(); it != metrics.end(); ++it) {
                    if (!it.value().isObject() && !it.value().isArray())
                        lines << QStringLiteral("  %1: %2").arg(it.key(), it.value().toVariant().toString());
                }
                m_summary->setPlainText(lines.join(QLatin1Char('\n')));
            });
    connect(&m_runner, &BreachResponse::stepFinished, this,
            [this](BreachResponse::Step step, bool ok, const QString& m) {
                if (step != BreachResponse::Step::Assess)
                    return;
                m_statusLabel->setText(ok ? m : tr("Failed: %1").arg(m));
                emit completeChanged();
            });
    connect(&m_runner, &BreachResponse::busyChanged, this, [this](bool busy) {
        m_refreshButton->setEnabled(!busy);
        emit completeChanged();
    });
}

void AssessPage::initializePage()
{
    if (!m_runner.isBusy())
        m_runner.assess();
}

bool AssessPage::isComplete() const
{
    return !m_runner.isBusy() && m_runner.isCompleted(BreachResponse::Step::Assess);
}

ContainPage::ContainPage(BreachResponse& runner, QWidget* parent)
    : QWizardPage(parent)
    , m_runner(runner)
{
    setObjectName(QStringLiteral("containPage"));
    setTitle(tr("Contain"));
    setSubTitle(tr("Each step is previewed by the server first, needs a reason and its word typed, and is "
                   "checked after it ran."));
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    for (BreachResponse::Step step : {BreachResponse::Step::Isolate, BreachResponse::Step::RevokeSessions,
                                      BreachResponse::Step::RotateKeys}) {
        auto* panel = new BreachActionPanel(runner, step, content);
        connect(panel, &BreachActionPanel::doneChanged, this, &QWizardPage::completeChanged);
        layout->addWidget(panel);
        m_panels.append(panel);
    }
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    connect(&m_runner, &BreachResponse::busyChanged, this, &QWizardPage::completeChanged);
}

bool ContainPage::isComplete() const
{
    if (m_runner.isBusy())
        return false;
    return std::all_of(m_panels.cbegin(), m_panels.cend(), [](BreachActionPanel* p) { return p->isDone(); });
}

EvidencePage::EvidencePage(BreachResponse& runner, QWidget* parent)
    : QWizardPage(parent)
    , m_runner(runner)
    , m_pathEdit(new QLineEdit(this))
    , m_reasonEdit(new QLineEdit(this))
    , m_browseButton(new QPushButton(tr("&Browse…"), this))
    , m_downloadButton(new QPushButton(tr("&Download and Verify"), this))
    , m_skipButton(new QPushButton(tr("S&kip"), this))
    , m_sha256Label(selectableLabel(QStringLiteral("evidenceSha256Label"), this))
    , m_fingerprintLabel(selectableLabel(QStringLiteral("evidenceFingerprintLabel"), this))
    , m_statusLabel(selectableLabel(QStringLiteral("evidenceStatusLabel"), this))
{
    setObjectName(QStringLiteral("evidencePage"));
    setTitle(BreachResponse::stepTitle(BreachResponse::Step::Evidence));
    setSubTitle(
        tr("The server's signed evidence bundle (logs, events, audit trail) is saved to a file and its "
           "manifest verified here against the server's evidence key."));
    m_pathEdit->setObjectName(QStringLiteral("evidencePathEdit"));
    m_reasonEdit->setObjectName(QStringLiteral("evidenceReasonEdit"));
    m_reasonEdit->setMaxLength(500);
    m_browseButton->setObjectName(QStringLiteral("evidenceBrowseButton"));
    m_downloadButton->setObjectName(QStringLiteral("evidenceDownloadButton"));
    m_skipButton->setObjectName(QStringLiteral("evidenceSkipButton"));
    m_pathEdit->setText(defaultFile(runner.journal().incidentId(), QStringLiteral("-evidence.tar.gz")));
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_pathEdit, 1);
    pathRow->addWidget(m_browseButton);
    auto* form = new QFormLayout;
    form->addRow(tr("Save to:"), pathRow);
    form->addRow(tr("Reason:"), m_reasonEdit);
    form->addRow(tr("SHA-256:"), m_sha256Label);
    form->addRow(tr("Evidence key:"), m_fingerprintLabel);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_skipButton);
    buttons->addWidget(m_downloadButton);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_statusLabel);
    layout->addStretch();

    connect(m_pathEdit, &QLineEdit::textChanged, this, &EvidencePage::updateButtons);
    connect(m_reasonEdit, &QLineEdit::textChanged, this, &EvidencePage::updateButtons);
    connect(m_browseButton, &QPushButton::clicked, this, &EvidencePage::browse);
    connect(m_downloadButton, &QPushButton::clicked, this, [this] {
        m_sha256Label->clear();
        m_fingerprintLabel->clear();
        m_runner.downloadEvidence(m_pathEdit->text().trimmed(), m_reasonEdit->text());
    });
    connect(m_skipButton, &QPushButton::clicked, this, [this] {
        m_runner.record(BreachResponse::Step::Evidence, QStringLiteral("skipped"), QStringLiteral("skipped"),
                        {{QStringLiteral("reason"), m_reasonEdit->text().trimmed()}},
                        m_reasonEdit->text().trimmed());
        m_statusLabel->setText(tr("Skipped."));
        updateButtons();
        emit completeChanged();
    });
    connect(&m_runner, &BreachResponse::evidenceFinished, this, [this](const EvidenceResult& result) {
        m_sha256Label->setText(result.sha256);
        m_fingerprintLabel->setText(
            result.keyFingerprint.isEmpty()
                ? tr("not verified")
                : tr("%1 (server: %2)").arg(result.keyFingerprint, result.serverFingerprint));
    });
    connect(&m_runner, &BreachResponse::progress, this,
            [this](BreachResponse::Step step, const QString& message) {
                if (step == BreachResponse::Step::Evidence)
                    m_statusLabel->setText(message);
            });
    connect(&m_runner, &BreachResponse::stepFinished, this,
            [this](BreachResponse::Step step, bool ok, const QString& m) {
                if (step != BreachResponse::Step::Evidence)
                    return;
                m_statusLabel->setText(ok ? m : tr("Failed: %1").arg(m));
                updateButtons();
                emit completeChanged();
            });
    connect(&m_runner, &BreachResponse::busyChanged, this, [this] {
        updateButtons();
        emit completeChanged();
    });
    showFromJournal();
    updateButtons();
}

void EvidencePage::showFromJournal()
{
    const auto verified = m_runner.journal().last(QStringLiteral("evidence"), QStringLiteral("verified"));
    if (!verified)
        return;
    m_pathEdit->setText(verified->details.value(QStringLiteral("file")).toString());
    m_sha256Label->setText(verified->details.value(QStringLiteral("sha256")).toString());
    m_fingerprintLabel->setText(verified->details.value(QStringLiteral("key_fingerprint")).toString());
    if (m_runner.isCompleted(BreachResponse::Step::Evidence))
        m_statusLabel->setText(tr("Done at %1.").arg(verified->time.toLocalTime().toString(Qt::ISODate)));
}

void EvidencePage::browse()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Evidence Bundle"), m_pathEdit->text(),
                                                      tr("Evidence bundles (*.tar.gz)"));
    if (!path.isEmpty())
        m_pathEdit->setText(path);
}

void EvidencePage::updateButtons()
{
    const bool done = m_runner.isCompleted(BreachResponse::Step::Evidence)
        || m_runner.journal().last(QStringLiteral("evidence"), QStringLiteral("skipped"));
    const bool ready = !m_runner.isBusy() && !done && !m_reasonEdit->text().trimmed().isEmpty();
    m_downloadButton->setEnabled(ready && !m_pathEdit->text().trimmed().isEmpty());
    m_skipButton->setEnabled(ready);
    m_browseButton->setEnabled(!done && !m_runner.isBusy());
}

bool EvidencePage::isComplete() const
{
    return !m_runner.isBusy()
        && (m_runner.isCompleted(BreachResponse::Step::Evidence)
            || m_runner.journal().last(QStringLiteral("evidence"), QStringLiteral("skipped")));
}

RecoverPage::RecoverPage(BreachResponse& runner, QWidget* parent)
    : QWizardPage(parent)
    , m_panel(new BreachActionPanel(runner, BreachResponse::Step::Restore, this))
{
    setObjectName(QStringLiteral("recoverPage"));
    setTitle(tr("Recover"));
    setSubTitle(
        tr("Lift the isolation once the threat is contained; the console then checks /health and that "
           "logins are answered again."));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_panel);
    layout->addStretch();
    connect(m_panel, &BreachActionPanel::doneChanged, this, &QWizardPage::completeChanged);
    connect(&runner, &BreachResponse::busyChanged, this, &QWizardPage::completeChanged);
}

bool RecoverPage::isComplete() const
{
    return m_panel->isDone();
}

ReportPage::ReportPage(BreachResponse& runner, QWidget* parent)
    : QWizardPage(parent)
    , m_runner(runner)
    , m_pathEdit(new QLineEdit(this))
    , m_browseButton(new QPushButton(tr("&Browse…"), this))
    , m_writeButton(new QPushButton(tr("&Write Report"), this))
    , m_statusLabel(selectableLabel(QStringLiteral("reportStatusLabel"), this))
{
    setObjectName(QStringLiteral("reportPage"));
    setTitle(BreachResponse::stepTitle(BreachResponse::Step::Report));
    setSubTitle(tr("The incident timeline as a PDF: every journal entry with its time and outcome."));
    m_pathEdit->setObjectName(QStringLiteral("reportPathEdit"));
    m_browseButton->setObjectName(QStringLiteral("reportBrowseButton"));
    m_writeButton->setObjectName(QStringLiteral("reportWriteButton"));
    m_pathEdit->setText(defaultFile(runner.journal().incidentId(), QStringLiteral("-report.pdf")));
    auto* row = new QHBoxLayout;
    row->addWidget(m_pathEdit, 1);
    row->addWidget(m_browseButton);
    row->addWidget(m_writeButton);
    auto* form = new QFormLayout;
    form->addRow(tr("Save to:"), row);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_statusLabel);
    layout->addStretch();
    connect(m_browseButton, &QPushButton::clicked, this, &ReportPage::browse);
    connect(m_writeButton, &QPushButton::clicked, this, &ReportPage::write);
    connect(m_pathEdit, &QLineEdit::textChanged, this,
            [this](const QString& text) { m_writeButton->setEnabled(!text.trimmed().isEmpty()); });
}

void ReportPage::initializePage()
{
    if (const auto done = m_runner.journal().last(QStringLiteral("report"), QStringLiteral("completed")))
        m_statusLabel->setText(
            tr("Written to %1.").arg(done->details.value(QStringLiteral("file")).toString()));
}

void ReportPage::browse()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Incident Report"), m_pathEdit->text(),
                                                      tr("PDF (*.pdf)"));
    if (!path.isEmpty())
        m_pathEdit->setText(path);
}

void ReportPage::write()
{
    const QString path = m_pathEdit->text().trimmed();
    QString error;
    // The report includes its own step, so it is recorded before and written after.
    m_runner.record(BreachResponse::Step::Report, QStringLiteral("started"), QStringLiteral("info"),
                    {{QStringLiteral("file"), path}});
    const QString sha256 = IncidentReport::write(path, m_runner.journal(), &error);
    if (sha256.isEmpty()) {
        m_runner.record(BreachResponse::Step::Report, QStringLiteral("failed"), QStringLiteral("failed"),
                        {{QStringLiteral("error"), error}}, error);
        m_statusLabel->setText(tr("Failed: %1").arg(error));
        return;
    }
    m_runner.recordReport(path, sha256);
    m_statusLabel->setText(tr("Written to %1 (SHA-256 %2).").arg(path, sha256));
    emit completeChanged();
}

bool ReportPage::isComplete() const
{
    return m_runner.isCompleted(BreachResponse::Step::Report);
}

} // namespace auth::console
