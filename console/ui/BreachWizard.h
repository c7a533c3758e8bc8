#pragma once

#include "client/BreachResponse.h"
#include "client/IncidentJournal.h"

#include <QWizard>
#include <memory>

namespace auth::console {

class ApiClient;
class AuthSession;

// The runbook's "Security Breach Response" as a wizard: Assess, Contain
// (isolate, revoke all sessions, emergency key rotation), Evidence, Recover,
// Report. Every step is journalled locally and on the server; a wizard made
// for an existing journal starts at the first page whose steps are not done,
// so an incident survives a disconnect, a crash or a restart.
class BreachWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId { AssessPageId, ContainPageId, EvidencePageId, RecoverPageId, ReportPageId };

    // Session and client must outlive the wizard.
    BreachWizard(AuthSession& session, ApiClient& client, IncidentJournal journal, QWidget* parent = nullptr);
    ~BreachWizard() override;

    BreachResponse& runner() { return *m_runner; }
    IncidentJournal& journal() { return m_journal; }
    // The page a resumed incident continues at.
    int resumePage() const;

    // The operator's choice of incident: a new one, or `resumePath` when given.
    static std::optional<IncidentJournal> openJournal(const QString& directory, const QString& resumePath,
                                                      const QString& server, const QString& operatorName,
                                                      QString* error);

protected:
    void done(int result) override;

private:
    IncidentJournal m_journal;
    std::unique_ptr<BreachResponse> m_runner;
};

} // namespace auth::console
