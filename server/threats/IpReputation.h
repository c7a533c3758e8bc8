#pragma once

#include "threats/CidrSet.h"
#include "threats/IntelFetcher.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMutex>
#include <QStringList>
#include <memory>
#include <variant>

namespace auth::threats {

// One loaded list (deny or allow): the networks of every source, merged.
struct IntelList
{
    struct Source
    {
        QString source; // display form
        int entries = 0;
    };
    CidrSet networks;
    QList<Source> sources;
    QJsonObject toJson() const; // {"entries": n, "sources": [{"source", "entries"}]}
};

struct IntelSnapshot
{
    IntelList deny;
    IntelList allow;
    QDateTime updatedAt; // UTC; invalid before the first load
};

// IP reputation from the configured deny and allow lists. Readers take the
// current snapshot (a shared pointer copy under a mutex); a reload builds a
// complete new one and swaps it in, so a lookup never sees half a list and a
// failed reload leaves the previous lists in force.
class IpReputation
{
public:
    struct Verdict
    {
        bool denied = false;
        bool allowed = false;
    };

    IpReputation();

    Verdict check(const QHostAddress& address) const;
    std::shared_ptr<const IntelSnapshot> snapshot() const;
    void replace(std::shared_ptr<const IntelSnapshot> snapshot);

    // Reads and validates every source (blocking; pool thread). Any source that
    // fails fails the whole load, so the result is all or nothing.
    static std::variant<std::shared_ptr<IntelSnapshot>, IntelError>
    load(const QStringList& denySources, const QStringList& allowSources, const FetchLimits& limits);

private:
    mutable QMutex m_mutex;
    std::shared_ptr<const IntelSnapshot> m_snapshot;
};

} // namespace auth::threats
