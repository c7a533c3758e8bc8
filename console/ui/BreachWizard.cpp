#include "ui/BreachWizard.h"

#include "client/AuthSession.h"
#include "ui/BreachPages.h"

#include <QAbstractButton>
#include <QCloseEvent>

namespace auth::console {

BreachWizard::BreachWizard(AuthSession& session, ApiClient& client, IncidentJournal journal, QWidget* parent)
    : QWizard(parent)
    , m_journal(std::move(journal))
    , m_runner(std::make_unique<BreachResponse>(session, client, m_journal))
{
    setObjectName(QStringLiteral("breachWizard"));
    setWindowTitle(tr("Breach Response — Incident %1").arg(m_journal.incidentId()));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::HaveHelpButton, false);
    setPage(AssessPageId, new AssessPage(*m_runner, this));
    setPage(ContainPageId, new ContainPage(*m_runner, this));
    setPage(EvidencePageId, new EvidencePage(*m_runner, this));
    setPage(RecoverPageId, new RecoverPage(*m_runner, this));
    setPage(ReportPageId, new ReportPage(*m_runner, this));
    setStartId(resumePage());
    resize(760, 640);
    // Entries journalled while the session was gone reach the server once it is back.
    connect(&session, &AuthSession::stateChanged, m_runner.get(), [this](AuthSession::State state) {
        if (state == AuthSession::State::SignedIn)
            m_runner->flushServerJournal();
    });
}

BreachWizard::~BreachWizard() = default;

int BreachWizard::resumePage() const
{
    auto done = [this](const char* step) {
        return m_journal.isCompleted(QLatin1String(step))
            || m_journal.last(QLatin1String(step), QStringLiteral("skipped")).has_value();
    };
    if (!done("assess"))
        return AssessPageId;
    if (!done("isolate") || !done("revoke_sessions") || !done("rotate_keys"))
        return ContainPageId;
    if (!done("evidence"))
        return EvidencePageId;
    if (!done("restore"))
        return RecoverPageId;
    return ReportPageId;
}

std::optional<IncidentJournal> BreachWizard::openJournal(const QString& directory, const QString& resumePath,
                                                         const QString& server, const QString& operatorName,
                                                         QString* error)
{
    if (!resumePath.isEmpty())
        return IncidentJournal::open(resumePath, error);
    return IncidentJournal::create(directory, server, operatorName, error);
}

void BreachWizard::done(int result)
{
    // Closing in the middle of a step would lose its verification; the journal keeps the rest.
    if (m_runner->isBusy())
        return;
    QWizard::done(result);
}

} // namespace auth::console
