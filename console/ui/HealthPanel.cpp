#include "ui/HealthPanel.h"

#include "ui/Banner.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace auth::console {

namespace {
QLabel* valueLabel(QWidget* parent, const QString& objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString camelCase(const QString& snakeCase)
{
    QString result;
    bool upper = false;
    for (const QChar c : snakeCase) {
        if (c == u'_') {
            upper = true;
            continue;
        }
        result.append(upper ? c.toUpper() : c);
        upper = false;
    }
    return result;
}
} // namespace

const QStringList& HealthPanel::knownFeatures()
{
    static const QStringList features {
        QStringLiteral("user_registration"),  QStringLiteral("oauth2_flows"),
        QStringLiteral("jwt_authentication"), QStringLiteral("multi_factor_auth"),
        QStringLiteral("session_management"),
    };
    return features;
}

HealthPanel::HealthPanel(QWidget* parent)
    : QWidget(parent)
    , m_statusFrame(new Banner(this))
    , m_statusLabel(new QLabel(m_statusFrame))
    , m_statusDetailLabel(new QLabel(m_statusFrame))
    , m_serviceCaption(new QLabel(this))
    , m_serviceLabel(valueLabel(this, QStringLiteral("serviceLabel")))
    , m_versionCaption(new QLabel(this))
    , m_versionLabel(valueLabel(this, QStringLiteral("versionLabel")))
    , m_timestampCaption(new QLabel(this))
    , m_timestampLabel(valueLabel(this, QStringLiteral("timestampLabel")))
    , m_featuresCaption(new QLabel(this))
    , m_otherFeaturesLabel(valueLabel(this, QStringLiteral("otherFeaturesLabel")))
{
    m_statusFrame->setObjectName(QStringLiteral("statusFrame"));
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_statusDetailLabel->setObjectName(QStringLiteral("statusDetailLabel"));
    QFont verdictFont = m_statusLabel->font();
    verdictFont.setPointSizeF(verdictFont.pointSizeF() * 1.6);
    verdictFont.setBold(true);
    m_statusLabel->setFont(verdictFont);
    m_statusDetailLabel->setWordWrap(true);
    m_statusDetailLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* verdictLayout = new QVBoxLayout(m_statusFrame);
    verdictLayout->addWidget(m_statusLabel);
    verdictLayout->addWidget(m_statusDetailLabel);

    auto* details = new QGridLayout;
    details->setColumnStretch(1, 1);
    details->addWidget(m_serviceCaption, 0, 0);
    details->addWidget(m_serviceLabel, 0, 1);
    details->addWidget(m_versionCaption, 1, 0);
    details->addWidget(m_versionLabel, 1, 1);
    details->addWidget(m_timestampCaption, 2, 0);
    details->addWidget(m_timestampLabel, 2, 1);
    details->addWidget(m_featuresCaption, 3, 0, Qt::AlignTop);
    int row = 3;
    for (const QString& key : knownFeatures()) {
        QLabel* label = valueLabel(this, camelCase(key) + QStringLiteral("Label"));
        label->setTextFormat(Qt::RichText);
        details->addWidget(label, row++, 1);
        m_features.append({key, label});
    }
    details->addWidget(m_otherFeaturesLabel, row, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_statusFrame);
    layout->addSpacing(8);
    layout->addLayout(details);
    layout->addStretch(1);

    render();
}

void HealthPanel::showConnection(ServerConnection::State state, const std::optional<api::HealthInfo>& health,
                                 const std::optional<ApiError>& error)
{
    m_state = state;
    // The last report stays on screen while the server is unreachable: it is what
    // an operator compares against; the verdict above says it is stale.
    if (health || state == ServerConnection::State::Disconnected
        || state == ServerConnection::State::Connecting)
        m_health = health;
    m_error = error;
    render();
}

void HealthPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        render();
    QWidget::changeEvent(event);
}

void HealthPanel::render()
{
    m_serviceCaption->setText(tr("Service:"));
    m_versionCaption->setText(tr("Version:"));
    m_timestampCaption->setText(tr("Server time:"));
    m_featuresCaption->setText(tr("Features:"));
    renderVerdict();
    renderDetails();
}

void HealthPanel::renderVerdict()
{
    using State = ServerConnection::State;
    Banner::Level level = Banner::Level::Neutral;
    QString verdict;
    QString detail;
    switch (m_state) {
    case State::Disconnected:
        verdict = tr("Not connected");
        detail = tr("Enter the server address and press Connect.");
        break;
    case State::Connecting:
        verdict = tr("Connecting…");
        break;
    case State::Online:
        if (m_health && m_health->status == QLatin1String("healthy")) {
            level = Banner::Level::Success;
            verdict = tr("Healthy");
        } else {
            level = Banner::Level::Warning;
            verdict = m_health && m_health->status == QLatin1String("degraded")
                ? tr("Degraded")
                : tr("Unknown status \"%1\"").arg(m_health ? m_health->status : QString());
            if (m_health && !m_health->reasons.isEmpty())
                detail = QStringLiteral("• ") + m_health->reasons.join(QStringLiteral("\n• "));
            else
                detail = tr("The server gave no reason.");
        }
        break;
    case State::Unreachable:
        level = Banner::Level::Error;
        verdict = tr("Unreachable");
        detail = m_error ? m_error->message : QString();
        if (m_health)
            detail += u'\n' + tr("The details below are from the last answer.");
        break;
    case State::CertificateProblem:
        level = Banner::Level::Error;
        // The certificate banner above explains it and offers what can be done.
        verdict = tr("Certificate not trusted");
        break;
    }
    m_statusFrame->setLevel(level);
    m_statusLabel->setText(verdict);
    m_statusDetailLabel->setText(detail.trimmed());
    m_statusDetailLabel->setVisible(!detail.trimmed().isEmpty());
}

void HealthPanel::renderDetails()
{
    const QString none = QStringLiteral("–");
    m_serviceLabel->setText(m_health ? m_health->service : none);
    m_versionLabel->setText(m_health && !m_health->version.isEmpty() ? m_health->version : none);
    m_timestampLabel->setText(
        m_health ? m_health->timestamp.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")) : none);

    for (const FeatureRow& row : std::as_const(m_features)) {
        const auto value = m_health && m_health->features.contains(row.key)
            ? std::optional<bool>(m_health->features.value(row.key))
            : std::nullopt;
        QString mark;
        QString state;
        if (!value) {
            mark = QStringLiteral("<span style=\"color:#6c757d\">–</span>");
            state = tr("not reported");
        } else if (*value) {
            mark = QStringLiteral("<span style=\"color:#198754\">✔</span>");
            state = tr("enabled");
        } else {
            mark = QStringLiteral("<span style=\"color:#b02a37\">✘</span>");
            state = tr("disabled");
        }
        row.label->setText(mark + QStringLiteral("&nbsp;") + featureName(row.key).toHtmlEscaped());
        row.label->setProperty("enabledOnServer", value ? QVariant(*value) : QVariant());
        row.label->setAccessibleName(tr("%1: %2").arg(featureName(row.key), state));
    }

    QStringList others;
    if (m_health) {
        for (auto it = m_health->features.cbegin(); it != m_health->features.cend(); ++it) {
            if (!knownFeatures().contains(it.key()))
                others.append(tr("%1: %2").arg(it.key(), it.value() ? tr("enabled") : tr("disabled")));
        }
    }
    m_otherFeaturesLabel->setText(others.join(QStringLiteral(", ")));
    m_otherFeaturesLabel->setVisible(!others.isEmpty());
}

QString HealthPanel::featureName(const QString& key) const
{
    if (key == QLatin1String("user_registration"))
        return tr("User registration");
    if (key == QLatin1String("oauth2_flows"))
        return tr("OAuth 2.0 flows");
    if (key == QLatin1String("jwt_authentication"))
        return tr("JWT authentication");
    if (key == QLatin1String("multi_factor_auth"))
        return tr("Multi-factor authentication");
    if (key == QLatin1String("session_management"))
        return tr("Session management");
    return key;
}

} // namespace auth::console
