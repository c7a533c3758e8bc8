#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <compare>
#include <optional>

namespace auth::threats {

// One address in a single 128-bit space: IPv4 is mapped to ::ffff:a.b.c.d, so
// an IPv4 network and its IPv4-mapped IPv6 spelling match the same clients.
struct Ip128
{
    quint64 hi = 0;
    quint64 lo = 0;
    auto operator<=>(const Ip128&) const = default;
    static std::optional<Ip128> from(const QHostAddress& address);
    QHostAddress toAddress() const; // IPv4 when mapped
};

// A set of networks for fast membership tests: merged, sorted address ranges
// searched by bisection (O(log n) per lookup, no allocation).
class CidrSet
{
public:
    struct Range
    {
        Ip128 first;
        Ip128 last;
    };

    // Parses a list in the usual feed format: one network per line in CIDR
    // notation (a bare address is a single host), comments after '#' or ';',
    // blank lines ignored. Strict: any other content, a prefix out of range or
    // host bits set makes the whole text invalid; `error` then names the line.
    static std::optional<CidrSet> parse(QByteArrayView text, QString* error, int maxEntries = 1'000'000);

    // Building: add networks, then normalize() once before sharing the set
    // between threads (lookups on an unnormalized set fall back to a scan).
    void add(const Ip128& first, const Ip128& last);
    // Adds one network; false if `cidr` is not a valid network.
    bool addCidr(const QString& cidr, QString* error = nullptr);
    void merge(const CidrSet& other);
    bool contains(const QHostAddress& address) const;
    bool contains(const Ip128& address) const;
    // Networks as written (before merging).
    int entries() const { return m_entries; }
    int ranges() const { return int(m_ranges.size()); }
    void normalize();

private:
    QList<Range> m_ranges;
    bool m_sorted = true;
    int m_entries = 0;
};

} // namespace auth::threats
