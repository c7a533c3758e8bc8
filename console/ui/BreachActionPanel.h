#pragma once

#include "client/BreachResponse.h"

#include <QGroupBox>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace auth::console {

// One destructive step of the breach response (isolate, revoke, rotate,
// restore): the server's dry-run preview, a required reason, the step's word
// typed as confirmation, Run, then the result and its verification. Run stays
// disabled until the preview was shown, a reason is given and the word matches.
// Child names start with the lower-case word: "isolateReasonEdit", "isolateRunButton" ...
class BreachActionPanel : public QGroupBox
{
    Q_OBJECT

signals:
    void doneChanged();

public:
    BreachActionPanel(BreachResponse& runner, BreachResponse::Step step, QWidget* parent = nullptr);

    BreachResponse::Step step() const { return m_step; }
    // Completed (from this run or the journal) or skipped.
    bool isDone() const;
    // Shows what the journal says about the step, after a resume.
    void loadFromJournal();

private:
    void updateButtons();
    void onFinished(BreachResponse::Step step, bool ok, const QString& message);
    void skip();

    BreachResponse& m_runner;
    BreachResponse::Step m_step;
    QPlainTextEdit* m_previewText;
    QLineEdit* m_reasonEdit;
    QLineEdit* m_confirmEdit;
    QPushButton* m_previewButton;
    QPushButton* m_runButton;
    QPushButton* m_skipButton;
    QLabel* m_resultLabel;
    bool m_previewed = false;
};

} // namespace auth::console
