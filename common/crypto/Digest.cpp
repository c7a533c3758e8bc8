#include "crypto/Digest.h"

#include "crypto/OpenSslSupport.h"

#include <QtGlobal>
#include <openssl/crypto.h>

namespace auth::crypto {

QByteArray sha256(QByteArrayView data)
{
    QByteArray out(32, Qt::Uninitialized);
    unsigned int size = 0;
    if (EVP_Digest(data.data(), static_cast<size_t>(data.size()),
                   reinterpret_cast<unsigned char*>(out.data()), &size, detail::sha256Md(), nullptr)
            != 1
        || size != 32)
        qFatal("auth::crypto: SHA-256 failed");
    return out;
}

QByteArray hmacSha256(QByteArrayView key, QByteArrayView data)
{
    const detail::MacCtxPtr ctx = detail::newHmacSha256(key);
    return detail::finishHmac(ctx.get(), data);
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    return CRYPTO_memcmp(a.data(), b.data(), static_cast<size_t>(a.size())) == 0;
}

} // namespace auth::crypto
