// The Incident menu of MainWindow: the breach-response wizard, new or resumed.
#include "client/IncidentJournal.h"
#include "ui/BreachWizard.h"
#include "ui/MainWindow.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

namespace auth::console {

void MainWindow::createIncidentMenu()
{
    m_incidentMenu = new QMenu(this);
    m_incidentMenu->setObjectName(QStringLiteral("incidentMenu"));
    menuBar()->insertMenu(m_helpMenu->menuAction(), m_incidentMenu);
    m_breachAction = m_incidentMenu->addAction(QString(), this, &MainWindow::openBreachResponse);
    m_breachAction->setObjectName(QStringLiteral("breachResponseAction"));
    m_breachAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
}

void MainWindow::retranslateIncidentMenu()
{
    m_incidentMenu->setTitle(tr("I&ncident"));
    m_breachAction->setText(tr("&Breach Response…"));
}

void MainWindow::openBreachResponse()
{
    if (m_breachWizard) {
        m_breachWizard->raise();
        m_breachWizard->activateWindow();
        return;
    }
    if (!m_session.isSignedIn()) {
        statusBar()->showMessage(tr("Sign in as an admin before starting a breach response."), 5000);
        openSignIn();
        return;
    }
    const QString origin = m_connection.profile().origin();
    QString resumable;
    for (const QString& path : IncidentJournal::unfinished(IncidentJournal::defaultDirectory())) {
        const auto journal = IncidentJournal::open(path, nullptr);
        if (journal && journal->server() == origin) {
            resumable = path;
            break;
        }
    }
    if (resumable.isEmpty()) {
        startBreachWizard();
        return;
    }
    const auto journal = IncidentJournal::open(resumable, nullptr);
    auto* box = new QMessageBox(QMessageBox::Question, tr("Breach Response"),
                                tr("Incident %1, opened %2 by %3, is not finished.")
                                    .arg(journal->incidentId(),
                                         journal->openedAt().toLocalTime().toString(Qt::ISODate),
                                         journal->operatorName()),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("resumeIncidentBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* resume = box->addButton(tr("&Resume Incident %1").arg(journal->incidentId().left(8)),
                                         QMessageBox::AcceptRole);
    resume->setObjectName(QStringLiteral("resumeIncidentButton"));
    QPushButton* fresh = box->addButton(tr("&New Incident"), QMessageBox::ActionRole);
    fresh->setObjectName(QStringLiteral("newIncidentButton"));
    box->setDefaultButton(resume);
    connect(box, &QMessageBox::buttonClicked, this,
            [this, resume, fresh, resumable](QAbstractButton* button) {
                if (button == resume)
                    startBreachWizard(resumable);
                else if (button == fresh)
                    startBreachWizard();
            });
    box->open();
}

BreachWizard* MainWindow::breachWizard() const
{
    return m_breachWizard;
}

BreachWizard* MainWindow::startBreachWizard(const QString& resumePath)
{
    QString error;
    auto journal = BreachWizard::openJournal(IncidentJournal::defaultDirectory(), resumePath,
                                             m_connection.profile().origin(), m_session.email(), &error);
    if (!journal) {
        QMessageBox::warning(this, tr("Breach Response"), error);
        return nullptr;
    }
    m_breachWizard = new BreachWizard(m_session, m_connection.client(), std::move(*journal), this);
    m_breachWizard->setAttribute(Qt::WA_DeleteOnClose);
    m_breachWizard->show();
    return m_breachWizard;
}

} // namespace auth::console
