#include "ui/BreachActionPanel.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace auth::console {

BreachActionPanel::BreachActionPanel(BreachResponse& runner, BreachResponse::Step step, QWidget* parent)
    : QGroupBox(BreachResponse::stepTitle(step), parent)
    , m_runner(runner)
    , m_step(step)
    , m_previewText(new QPlainTextEdit(this))
    , m_reasonEdit(new QLineEdit(this))
    , m_confirmEdit(new QLineEdit(this))
    , m_previewButton(new QPushButton(tr("&Preview (dry run)"), this))
    , m_runButton(new QPushButton(tr("&Run"), this))
    , m_skipButton(new QPushButton(tr("S&kip"), this))
    , m_resultLabel(new QLabel(this))
{
    const QString word = BreachResponse::confirmationWord(step);
    const QString prefix = word.toLower();
    setObjectName(prefix + QStringLiteral("Panel"));
    m_previewText->setObjectName(prefix + QStringLiteral("PreviewText"));
    m_reasonEdit->setObjectName(prefix + QStringLiteral("ReasonEdit"));
    m_confirmEdit->setObjectName(prefix + QStringLiteral("ConfirmEdit"));
    m_previewButton->setObjectName(prefix + QStringLiteral("PreviewButton"));
    m_runButton->setObjectName(prefix + QStringLiteral("RunButton"));
    m_skipButton->setObjectName(prefix + QStringLiteral("SkipButton"));
    m_resultLabel->setObjectName(prefix + QStringLiteral("ResultLabel"));

    m_previewText->setReadOnly(true);
    m_previewText->setPlaceholderText(tr("Give a reason, then preview what the server would do."));
    m_previewText->setMaximumHeight(110);
    m_reasonEdit->setMaxLength(500);
    m_reasonEdit->setPlaceholderText(tr("Why (recorded in the audit trail), e.g. the ticket number"));
    m_confirmEdit->setPlaceholderText(tr("Type %1 to confirm").arg(word));
    m_resultLabel->setWordWrap(true);
    m_resultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_runButton->setToolTip(tr("Enabled after the preview, with a reason and %1 typed.").arg(word));
    m_skipButton->setToolTip(tr("Record that this step was deliberately not taken (needs a reason)."));

    auto* form = new QFormLayout;
    form->addRow(tr("Reason:"), m_reasonEdit);
    form->addRow(tr("Confirmation:"), m_confirmEdit);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_previewButton);
    buttons->addStretch();
    buttons->addWidget(m_skipButton);
    buttons->addWidget(m_runButton);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_previewText);
    layout->addLayout(buttons);
    layout->addWidget(m_resultLabel);

    connect(m_reasonEdit, &QLineEdit::textChanged, this, [this] {
        m_previewed = false; // a preview is audited with its reason; a new reason needs a new one
        updateButtons();
    });
    connect(m_confirmEdit, &QLineEdit::textChanged, this, &BreachActionPanel::updateButtons);
    connect(m_previewButton, &QPushButton::clicked, this,
            [this] { m_runner.preview(m_step, m_reasonEdit->text()); });
    connect(m_runButton, &QPushButton::clicked, this, [this] {
        if (m_runButton->isEnabled())
            m_runner.execute(m_step, m_reasonEdit->text());
    });
    connect(m_skipButton, &QPushButton::clicked, this, &BreachActionPanel::skip);
    connect(&m_runner, &BreachResponse::previewReady, this,
            [this](BreachResponse::Step s, bool ok, const QString& text) {
                if (s != m_step)
                    return;
                m_previewText->setPlainText(text);
                m_previewed = ok;
                updateButtons();
            });
    connect(&m_runner, &BreachResponse::progress, this,
            [this](BreachResponse::Step s, const QString& message) {
                if (s == m_step)
                    m_resultLabel->setText(message);
            });
    connect(&m_runner, &BreachResponse::stepFinished, this, &BreachActionPanel::onFinished);
    connect(&m_runner, &BreachResponse::busyChanged, this, &BreachActionPanel::updateButtons);
    loadFromJournal();
}

bool BreachActionPanel::isDone() const
{
    const QString name = BreachResponse::stepName(m_step);
    return m_runner.journal().isCompleted(name)
        || m_runner.journal().last(name, QStringLiteral("skipped")).has_value();
}

void BreachActionPanel::loadFromJournal()
{
    const QString name = BreachResponse::stepName(m_step);
    if (const auto done = m_runner.journal().last(name, QStringLiteral("completed"));
        done && done->outcome == QLatin1String("ok"))
        m_resultLabel->setText(tr("Done at %1: %2")
                                   .arg(done->time.toLocalTime().toString(Qt::ISODate),
                                        done->details.value(QStringLiteral("message")).toString()));
    else if (m_runner.journal().last(name, QStringLiteral("skipped")))
        m_resultLabel->setText(tr("Skipped."));
    updateButtons();
}

void BreachActionPanel::updateButtons()
{
    const bool done = isDone();
    const bool busy = m_runner.isBusy();
    const bool reason = !m_reasonEdit->text().trimmed().isEmpty();
    const bool confirmed = m_confirmEdit->text() == BreachResponse::confirmationWord(m_step);
    m_reasonEdit->setEnabled(!done);
    m_confirmEdit->setEnabled(!done);
    m_previewButton->setEnabled(!done && !busy && reason);
    m_skipButton->setEnabled(!done && !busy && reason);
    m_runButton->setEnabled(!done && !busy && reason && confirmed && m_previewed);
}

void BreachActionPanel::onFinished(BreachResponse::Step step, bool ok, const QString& message)
{
    if (step != m_step)
        return;
    m_resultLabel->setText(ok ? tr("Done: %1").arg(message) : tr("Failed: %1").arg(message));
    m_resultLabel->setStyleSheet(ok ? QString() : QStringLiteral("color: #b00020"));
    if (!ok)
        m_confirmEdit->clear(); // a second attempt is confirmed afresh
    updateButtons();
    emit doneChanged();
}

void BreachActionPanel::skip()
{
    const QString reason = m_reasonEdit->text().trimmed();
    if (reason.isEmpty() || isDone())
        return;
    m_runner.record(m_step, QStringLiteral("skipped"), QStringLiteral("skipped"),
                    {{QStringLiteral("reason"), reason}}, reason);
    m_resultLabel->setText(tr("Skipped."));
    updateButtons();
    emit doneChanged();
}

} // namespace auth::console
