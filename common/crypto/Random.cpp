#include "crypto/Random.h"

#include "crypto/Base64Url.h"

#include <QtGlobal>
#include <openssl/rand.h>

namespace auth::crypto {

QByteArray randomBytes(int n)
{
    if (n <= 0)
        return {};
    QByteArray out(n, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), n) != 1)
        qFatal("auth::crypto: the OpenSSL random generator failed");
    return out;
}

QString randomToken(int bytes)
{
    return QString::fromLatin1(base64UrlEncode(randomBytes(bytes)));
}

} // namespace auth::crypto
