#include "threats/IpReputation.h"

#include <QJsonArray>

namespace auth::threats {

namespace {

std::optional<IntelError> loadList(const QStringList& sources, const FetchLimits& limits, IntelList* list)
{
    for (const QString& raw : sources) {
        const QString source = raw.trimmed();
        if (source.isEmpty())
            continue;
        auto fetched = fetchIntelSource(source, limits);
        if (auto* error = std::get_if<IntelError>(&fetched))
            return *error;
        QString why;
        const auto parsed = CidrSet::parse(std::get<QByteArray>(fetched), &why);
        if (!parsed)
            return IntelError {IntelError::Kind::Invalid,
                               QStringLiteral("%1 %2").arg(displaySource(source), why)};
        list->networks.merge(*parsed);
        list->sources.append({displaySource(source), parsed->entries()});
    }
    list->networks.normalize();
    return std::nullopt;
}

} // namespace

QJsonObject IntelList::toJson() const
{
    QJsonArray list;
    for (const Source& source : sources)
        list.append(QJsonObject {{QStringLiteral("source"), source.source},
                                 {QStringLiteral("entries"), source.entries}});
    return {{QStringLiteral("entries"), networks.entries()}, {QStringLiteral("sources"), list}};
}

IpReputation::IpReputation()
    : m_snapshot(std::make_shared<IntelSnapshot>())
{
}

IpReputation::Verdict IpReputation::check(const QHostAddress& address) const
{
    const auto current = snapshot();
    const auto ip = Ip128::from(address);
    if (!ip)
        return {};
    return {current->deny.networks.contains(*ip), current->allow.networks.contains(*ip)};
}

std::shared_ptr<const IntelSnapshot> IpReputation::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    return m_snapshot;
}

void IpReputation::replace(std::shared_ptr<const IntelSnapshot> snapshot)
{
    QMutexLocker lock(&m_mutex);
    m_snapshot = std::move(snapshot);
}

std::variant<std::shared_ptr<IntelSnapshot>, IntelError>
IpReputation::load(const QStringList& denySources, const QStringList& allowSources, const FetchLimits& limits)
{
    auto snapshot = std::make_shared<IntelSnapshot>();
    if (auto error = loadList(denySources, limits, &snapshot->deny)) {
        error->message.prepend(QStringLiteral("deny list "));
        return *error;
    }
    if (auto error = loadList(allowSources, limits, &snapshot->allow)) {
        error->message.prepend(QStringLiteral("allow list "));
        return *error;
    }
    snapshot->updatedAt = QDateTime::currentDateTimeUtc();
    return snapshot;
}

} // namespace auth::threats
