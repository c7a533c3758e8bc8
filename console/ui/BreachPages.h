#pragma once

#include "client/BreachResponse.h"

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace auth::console {

class BreachActionPanel;

// Assess: open alerts, threat metrics and the containment state, fetched on entry.
class AssessPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit AssessPage(BreachResponse& runner, QWidget* parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;

private:
    BreachResponse& m_runner;
    QPlainTextEdit* m_summary;
    QPushButton* m_refreshButton;
    QLabel* m_statusLabel;
};

// Contain: isolate, revoke all sessions, emergency key rotation.
class ContainPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit ContainPage(BreachResponse& runner, QWidget* parent = nullptr);
    bool isComplete() const override;

private:
    BreachResponse& m_runner;
    QList<BreachActionPanel*> m_panels;
};

// Evidence: the signed bundle downloaded to a file the operator chooses and verified.
class EvidencePage : public QWizardPage
{
    Q_OBJECT
public:
    explicit EvidencePage(BreachResponse& runner, QWidget* parent = nullptr);
    bool isComplete() const override;

private:
    void browse();
    void updateButtons();
    void showFromJournal();

    BreachResponse& m_runner;
    QLineEdit* m_pathEdit;
    QLineEdit* m_reasonEdit;
    QPushButton* m_browseButton;
    QPushButton* m_downloadButton;
    QPushButton* m_skipButton;
    QLabel* m_sha256Label;
    QLabel* m_fingerprintLabel;
    QLabel* m_statusLabel;
};

// Recover: restore the service and check it answers again.
class RecoverPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit RecoverPage(BreachResponse& runner, QWidget* parent = nullptr);
    bool isComplete() const override;

private:
    BreachActionPanel* m_panel;
};

// Report: the incident timeline as a PDF; writing it closes the incident.
class ReportPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit ReportPage(BreachResponse& runner, QWidget* parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;

private:
    void browse();
    void write();

    BreachResponse& m_runner;
    QLineEdit* m_pathEdit;
    QPushButton* m_browseButton;
    QPushButton* m_writeButton;
    QLabel* m_statusLabel;
};

} // namespace auth::console
