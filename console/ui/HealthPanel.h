#pragma once

#include "api/HealthInfo.h"
#include "client/ApiError.h"
#include "client/ServerConnection.h"

#include <QList>
#include <QWidget>
#include <optional>

class QLabel;

namespace auth::console {

class Banner;

// What GET /health said last: a coloured verdict (healthy, degraded with its
// reasons, unreachable with the error) above the service's identity and features.
class HealthPanel : public QWidget
{
    Q_OBJECT

public:
    explicit HealthPanel(QWidget* parent = nullptr);

    void showConnection(ServerConnection::State state, const std::optional<api::HealthInfo>& health,
                        const std::optional<ApiError>& error);

    // The features the runbook's /health lists, in its order.
    static const QStringList& knownFeatures();

protected:
    void changeEvent(QEvent* event) override;

private:
    struct FeatureRow
    {
        QString key;
        QLabel* label;
    };

    void render();
    void renderVerdict();
    void renderDetails();
    QString featureName(const QString& key) const;

    Banner* m_statusFrame;
    QLabel* m_statusLabel;
    QLabel* m_statusDetailLabel;
    QLabel* m_serviceCaption;
    QLabel* m_serviceLabel;
    QLabel* m_versionCaption;
    QLabel* m_versionLabel;
    QLabel* m_timestampCaption;
    QLabel* m_timestampLabel;
    QLabel* m_featuresCaption;
    QList<FeatureRow> m_features;
    QLabel* m_otherFeaturesLabel;

    ServerConnection::State m_state = ServerConnection::State::Disconnected;
    std::optional<api::HealthInfo> m_health;
    std::optional<ApiError> m_error;
};

} // namespace auth::console
