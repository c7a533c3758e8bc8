#include "threats/BehaviourProfile.h"

#include "threats/CidrSet.h"

#include <QJsonArray>
#include <algorithm>

namespace auth::threats {

namespace {

void remember(QMap<QString, BehaviourProfile::Seen>& map, const QString& key, qint64 atSecs, int cap)
{
    if (key.isEmpty())
        return;
    auto it = map.find(key);
    if (it == map.end()) {
        if (map.size() >= cap) {
            auto oldest = std::min_element(
                map.begin(), map.end(), [](const auto& a, const auto& b) { return a.lastSecs < b.lastSecs; });
            map.erase(oldest);
        }
        it = map.insert(key, {});
    }
    it->count = std::min(it->count + 1, 1'000'000);
    it->lastSecs = atSecs;
}

QJsonObject seenToJson(const QMap<QString, BehaviourProfile::Seen>& map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), QJsonArray {it->count, double(it->lastSecs)});
    return object;
}

QMap<QString, BehaviourProfile::Seen> seenFromJson(const QJsonObject& object, int cap)
{
    QMap<QString, BehaviourProfile::Seen> map;
    for (auto it = object.begin(); it != object.end() && map.size() < cap; ++it) {
        const QJsonArray pair = it.value().toArray();
        if (pair.size() == 2 && it.key().size() <= 64)
            map.insert(it.key(), {std::max(0, pair.at(0).toInt()), qint64(pair.at(1).toDouble())});
    }
    return map;
}

} // namespace

QString networkOf(const QHostAddress& address)
{
    const auto ip = Ip128::from(address);
    if (!ip)
        return {};
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4 & 0xffffff00U).toString() + QStringLiteral("/24");
    Ip128 site = *ip;
    site.hi &= ~quint64(0xffff); // keep the top 48 bits
    site.lo = 0;
    return site.toAddress().toString() + QStringLiteral("/48");
}

QString agentFamily(const QString& userAgent)
{
    const QString ua = userAgent.toLower();
    if (ua.trimmed().isEmpty())
        return QStringLiteral("none");
    // Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
    static const std::pair<const char*, const char*> browsers[] = {{"edg/", "edge"},
                                                                   {"opr/", "opera"},
                                                                   {"firefox/", "firefox"},
                                                                   {"chrome/", "chrome"},
                                                                   {"crios/", "chrome"},
                                                                   {"safari/", "safari"},
                                                                   {"curl/", "curl"},
                                                                   {"wget/", "wget"},
                                                                   {"python-requests", "python"},
                                                                   {"python-urllib", "python"},
                                                                   {"go-http-client", "go"},
                                                                   {"okhttp", "okhttp"},
                                                                   {"java/", "java"},
                                                                   {"node", "node"},
                                                                   {"postman", "postman"}};
    static const std::pair<const char*, const char*> platforms[]
        = {{"android", "android"}, {"iphone", "ios"},    {"ipad", "ios"},   {"windows", "windows"},
           {"mac os x", "macos"},  {"cros", "chromeos"}, {"linux", "linux"}};
    QString browser = QStringLiteral("other");
    for (const auto& [needle, name] : browsers) {
        if (ua.contains(QLatin1String(needle))) {
            browser = QLatin1String(name);
            break;
        }
    }
    QString platform = QStringLiteral("other");
    for (const auto& [needle, name] : platforms) {
        if (ua.contains(QLatin1String(needle))) {
            platform = QLatin1String(name);
            break;
        }
    }
    return browser + QLatin1Char('/') + platform;
}

void BehaviourProfile::learn(const QString& network, const QString& agent, int hourUtc,
                             const QString& mfaMethod, qint64 atSecs)
{
    logins = std::min(logins + 1, 1'000'000);
    remember(networks, network, atSecs, MaxNetworks);
    remember(agents, agent, atSecs, MaxAgents);
    remember(mfaMethods, mfaMethod, atSecs, MaxMfaMethods);
    if (hourUtc >= 0 && hourUtc < 24) {
        ++hours[size_t(hourUtc)];
        // Old habits fade: halving keeps recent months dominant and counts small.
        if (hours[size_t(hourUtc)] > 2000)
            for (int& count : hours)
                count /= 2;
    }
    lastNetwork = network;
    lastLoginSecs = atSecs;
}

void BehaviourProfile::learnMfa(const QString& method, qint64 atSecs)
{
    remember(mfaMethods, method.left(32), atSecs, MaxMfaMethods);
}

int BehaviourProfile::loginsNearHour(int hourUtc) const
{
    if (hourUtc < 0 || hourUtc >= 24)
        return 0;
    return hours[size_t((hourUtc + 23) % 24)] + hours[size_t(hourUtc)] + hours[size_t((hourUtc + 1) % 24)];
}

QJsonObject BehaviourProfile::toJson() const
{
    QJsonArray hourList;
    for (int count : hours)
        hourList.append(count);
    return {{QStringLiteral("logins"), logins},
            {QStringLiteral("networks"), seenToJson(networks)},
            {QStringLiteral("agents"), seenToJson(agents)},
            {QStringLiteral("mfa_methods"), seenToJson(mfaMethods)},
            {QStringLiteral("hours"), hourList},
            {QStringLiteral("last_network"), lastNetwork},
            {QStringLiteral("last_login"), double(lastLoginSecs)}};
}

BehaviourProfile BehaviourProfile::fromJson(const QString& userId, const QJsonObject& object)
{
    BehaviourProfile profile;
    profile.userId = userId;
    profile.logins = std::max(0, object.value(QStringLiteral("logins")).toInt());
    profile.networks = seenFromJson(object.value(QStringLiteral("networks")).toObject(), MaxNetworks);
    profile.agents = seenFromJson(object.value(QStringLiteral("agents")).toObject(), MaxAgents);
    profile.mfaMethods = seenFromJson(object.value(QStringLiteral("mfa_methods")).toObject(), MaxMfaMethods);
    const QJsonArray hourList = object.value(QStringLiteral("hours")).toArray();
    for (int i = 0; i < 24 && i < hourList.size(); ++i)
        profile.hours[size_t(i)] = std::max(0, hourList.at(i).toInt());
    profile.lastNetwork = object.value(QStringLiteral("last_network")).toString().left(64);
    profile.lastLoginSecs = qint64(object.value(QStringLiteral("last_login")).toDouble());
    return profile;
}

} // namespace auth::threats
