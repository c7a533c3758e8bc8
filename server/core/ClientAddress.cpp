#include "core/ClientAddress.h"

namespace auth::core {

bool inSubnets(const QHostAddress& address, const QList<Subnet>& subnets)
{
    for (const Subnet& subnet : subnets) {
        if (address.isInSubnet(subnet))
            return true;
    }
    return false;
}

QList<Subnet> parseSubnets(const QStringList& cidrs)
{
    QList<Subnet> subnets;
    for (const QString& cidr : cidrs) {
        QString text = cidr.trimmed();
        if (text.isEmpty())
            continue;
        if (!text.contains(QLatin1Char('/')))
            text += QHostAddress(text).protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("/128")
                                                                                   : QStringLiteral("/32");
        const Subnet subnet = QHostAddress::parseSubnet(text);
        if (!subnet.first.isNull())
            subnets.append(subnet);
    }
    return subnets;
}

QHostAddress clientAddress(const http::HttpRequest& request, const QList<Subnet>& trustedProxies)
{
    if (trustedProxies.isEmpty() || !inSubnets(request.peerAddress, trustedProxies))
        return request.peerAddress;
    const QList<QByteArray> hops = request.header("x-forwarded-for").split(',');
    for (auto it = hops.crbegin(); it != hops.crend(); ++it) {
        const QHostAddress hop(QString::fromLatin1(it->trimmed()));
        if (hop.isNull())
            return request.peerAddress; // a malformed chain is not trusted at all
        if (!inSubnets(hop, trustedProxies))
            return hop;
    }
    return request.peerAddress;
}

bool isSecureRequest(const http::HttpRequest& request, const QList<Subnet>& trustedProxies)
{
    if (request.tls)
        return true;
    return inSubnets(request.peerAddress, trustedProxies)
        && request.header("x-forwarded-proto").trimmed().toLower() == "https";
}

} // namespace auth::core
