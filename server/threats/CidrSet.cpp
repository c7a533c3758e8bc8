#include "threats/CidrSet.h"

#include <QRegularExpression>
#include <algorithm>

namespace auth::threats {

namespace {

// Bits 0..127 counted from the top; sets every bit below `prefix` to `value`.
Ip128 withHostBits(Ip128 ip, int prefix, bool value)
{
    auto apply = [value](quint64 word, int keep) {
        if (keep >= 64)
            return word;
        const quint64 mask = keep <= 0 ? ~quint64(0) : (~quint64(0) >> keep);
        return value ? (word | mask) : (word & ~mask);
    };
    ip.hi = apply(ip.hi, prefix);
    ip.lo = apply(ip.lo, prefix - 64);
    return ip;
}

Ip128 next(Ip128 ip)
{
    if (++ip.lo == 0)
        ++ip.hi;
    return ip;
}

const Ip128 MaxIp {~quint64(0), ~quint64(0)};

struct Network
{
    Ip128 first;
    Ip128 last;
};

std::optional<Network> parseNetwork(const QString& text, QString* why)
{
    static const QRegularExpression ipv4(QStringLiteral("^\\d{1,3}(\\.\\d{1,3}){3}$"));
    static const QRegularExpression digits(QStringLiteral("^\\d{1,3}$"));
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    const QString addressText = slash < 0 ? text : text.left(slash);
    const bool v4 = ipv4.match(addressText).hasMatch();
    const bool v6 = !v4 && addressText.contains(QLatin1Char(':')) && !addressText.contains(QLatin1Char('%'));
    QHostAddress address;
    if ((!v4 && !v6) || !address.setAddress(addressText)) {
        *why = QStringLiteral("not an IP address or CIDR network");
        return std::nullopt;
    }
    const int bits = v4 ? 32 : 128;
    int prefix = bits;
    if (slash >= 0) {
        const QString prefixText = text.mid(slash + 1);
        if (!digits.match(prefixText).hasMatch() || prefixText.toInt() > bits) {
            *why = QStringLiteral("prefix length must be 0 to %1").arg(bits);
            return std::nullopt;
        }
        prefix = prefixText.toInt();
    }
    const auto ip = Ip128::from(address);
    if (!ip) {
        *why = QStringLiteral("not an IP address or CIDR network");
        return std::nullopt;
    }
    const int prefix128 = v4 ? 96 + prefix : prefix;
    const Ip128 first = withHostBits(*ip, prefix128, false);
    if (first != *ip) {
        *why = QStringLiteral("host bits set (the network is %1/%2)")
                   .arg(first.toAddress().toString())
                   .arg(prefix);
        return std::nullopt;
    }
    return Network {first, withHostBits(*ip, prefix128, true)};
}

} // namespace

std::optional<Ip128> Ip128::from(const QHostAddress& address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4); // also unwraps ::ffff:a.b.c.d
    if (isV4)
        return Ip128 {0, 0x0000ffff00000000ULL | v4};
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return std::nullopt;
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    Ip128 ip;
    for (int i = 0; i < 8; ++i) {
        ip.hi = (ip.hi << 8) | bytes[i];
        ip.lo = (ip.lo << 8) | bytes[i + 8];
    }
    return ip;
}

QHostAddress Ip128::toAddress() const
{
    if (hi == 0 && (lo >> 32) == 0xffffULL)
        return QHostAddress(quint32(lo));
    Q_IPV6ADDR bytes;
    for (int i = 0; i < 8; ++i) {
        bytes[i] = quint8(hi >> (56 - 8 * i));
        bytes[i + 8] = quint8(lo >> (56 - 8 * i));
    }
    return QHostAddress(bytes);
}

std::optional<CidrSet> CidrSet::parse(QByteArrayView text, QString* error, int maxEntries)
{
    CidrSet set;
    int lineNumber = 0;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        QByteArrayView line = text.sliced(start, end - start);
        start = end + 1;
        ++lineNumber;
        for (const char marker : {'#', ';'}) {
            const qsizetype at = line.indexOf(marker);
            if (at >= 0)
                line = line.first(at);
        }
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        if (line.size() > 64) {
            *error = QStringLiteral("line %1: too long for a network").arg(lineNumber);
            return std::nullopt;
        }
        QString why;
        const auto network = parseNetwork(QString::fromLatin1(line), &why);
        if (!network) {
            // The line itself is not echoed: lists may be fetched from anywhere.
            *error = QStringLiteral("line %1: %2").arg(lineNumber).arg(why);
            return std::nullopt;
        }
        if (set.m_entries >= maxEntries) {
            *error = QStringLiteral("line %1: more than %2 networks").arg(lineNumber).arg(maxEntries);
            return std::nullopt;
        }
        set.add(network->first, network->last);
    }
    set.normalize();
    return set;
}

void CidrSet::add(const Ip128& first, const Ip128& last)
{
    m_ranges.append({first, last});
    m_sorted = false;
    ++m_entries;
}

bool CidrSet::addCidr(const QString& cidr, QString* error)
{
    QString why;
    const auto network = parseNetwork(cidr.trimmed(), &why);
    if (!network) {
        if (error)
            *error = why;
        return false;
    }
    add(network->first, network->last);
    return true;
}

void CidrSet::merge(const CidrSet& other)
{
    m_ranges.append(other.m_ranges);
    m_entries += other.m_entries;
    m_sorted = false;
}

void CidrSet::normalize()
{
    if (m_sorted)
        return;
    std::sort(m_ranges.begin(), m_ranges.end(),
              [](const Range& a, const Range& b) { return a.first < b.first; });
    QList<Range> merged;
    merged.reserve(m_ranges.size());
    for (const Range& range : std::as_const(m_ranges)) {
        if (!merged.isEmpty() && (merged.last().last == MaxIp || range.first <= next(merged.last().last))) {
            merged.last().last = std::max(merged.last().last, range.last);
            continue;
        }
        merged.append(range);
    }
    m_ranges = merged;
    m_sorted = true;
}

bool CidrSet::contains(const QHostAddress& address) const
{
    const auto ip = Ip128::from(address);
    return ip && contains(*ip);
}

bool CidrSet::contains(const Ip128& address) const
{
    if (!m_sorted) {
        return std::any_of(m_ranges.cbegin(), m_ranges.cend(), [&](const Range& range) {
            return range.first <= address && address <= range.last;
        });
    }
    auto it = std::upper_bound(m_ranges.cbegin(), m_ranges.cend(), address,
                               [](const Ip128& value, const Range& range) { return value < range.first; });
    if (it == m_ranges.cbegin())
        return false;
    --it;
    return address <= it->last;
}

} // namespace auth::threats
