#include "threats/ThreatModule.h"

#include "core/Events.h"
#include "core/ServiceContext.h"
#include "logging/LogCategories.h"
#include "threats/IpReputation.h"
#include "threats/ThreatController.h"
#include "threats/ThreatDetector.h"

#include <QtConcurrent>
#include <algorithm>

namespace auth::threats {

namespace {

bool isUrl(const QString& source)
{
    return source.trimmed().startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
}

} // namespace

ThreatModule::ThreatModule(core::ServiceContext& context)
    : m_context(context)
    , m_reputation(std::make_unique<IpReputation>())
    , m_detector(
          std::make_unique<ThreatDetector>(ThreatSettings::fromConfig(*context.config), m_reputation.get()))
    , m_controller(std::make_unique<ThreatController>(context, *this))
{
    m_limits.maxBytes = context.config->integer(QStringLiteral("threats.intel_max_bytes"));
    m_limits.timeoutMs = int(context.config->durationMs(QStringLiteral("threats.intel_timeout")));
    m_intelPool.setMaxThreadCount(1);
    context.threats = m_detector.get();
}

ThreatModule::~ThreatModule()
{
    m_intelPool.waitForDone();
}

void ThreatModule::registerRoutes(http::Router& router)
{
    m_controller->registerRoutes(router);
}

void ThreatModule::start()
{
    const QStringList deny = m_context.config->list(QStringLiteral("threats.deny_lists"));
    const QStringList allow = m_context.config->list(QStringLiteral("threats.allow_lists"));
    if (deny.isEmpty() && allow.isEmpty())
        return;
    // Files load before the first request is served; downloads would hold the
    // start up, so with any URL the whole load goes to the background.
    const bool anyUrl
        = std::any_of(deny.cbegin(), deny.cend(), isUrl) || std::any_of(allow.cbegin(), allow.cend(), isUrl);
    auto load = [this] {
        auto result = reload();
        if (auto* error = std::get_if<IntelError>(&result)) {
            qCWarning(lcThreats).noquote() << "threat-intel lists not loaded:" << error->message;
            core::recordEvent(
                SecurityEvent::make(events::SecurityViolation, Severity::Medium,
                                    {{QStringLiteral("reason"), QStringLiteral("threat_intel_load_failed")},
                                     {QStringLiteral("error"), error->message}}));
            return;
        }
        const auto snapshot = std::get<std::shared_ptr<const IntelSnapshot>>(result);
        qCInfo(lcThreats).noquote() << "threat-intel lists loaded:" << snapshot->deny.networks.entries()
                                    << "deny and" << snapshot->allow.networks.entries() << "allow entries";
    };
    if (anyUrl)
        (void)QtConcurrent::run(&m_intelPool, load);
    else
        load();
}

std::variant<std::shared_ptr<const IntelSnapshot>, IntelError> ThreatModule::reload()
{
    QMutexLocker lock(&m_reloadMutex);
    auto loaded = IpReputation::load(m_context.config->list(QStringLiteral("threats.deny_lists")),
                                     m_context.config->list(QStringLiteral("threats.allow_lists")), m_limits);
    if (auto* error = std::get_if<IntelError>(&loaded))
        return *error;
    std::shared_ptr<const IntelSnapshot> snapshot
        = std::get<std::shared_ptr<IntelSnapshot>>(std::move(loaded));
    m_reputation->replace(snapshot);
    return snapshot;
}

} // namespace auth::threats
