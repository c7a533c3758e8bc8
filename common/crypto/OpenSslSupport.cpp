#include "crypto/OpenSslSupport.h"

#include <QtGlobal>
#include <openssl/core_names.h>

namespace auth::crypto::detail {

namespace {

// Static locals give a thread-safe one-time fetch; a failed fetch means the
// default provider is missing, and nothing in this module could work.
template <typename T> T* fetchedOrFatal(T* fetched, const char* what)
{
    if (!fetched)
        qFatal("auth::crypto: OpenSSL has no %s implementation", what);
    return fetched;
}

} // namespace

const EVP_MD* sha256Md()
{
    static EVP_MD* const md = fetchedOrFatal(EVP_MD_fetch(nullptr, "SHA2-256", nullptr), "SHA-256");
    return md;
}

EVP_MAC* hmacMac()
{
    static EVP_MAC* const mac = fetchedOrFatal(EVP_MAC_fetch(nullptr, "HMAC", nullptr), "HMAC");
    return mac;
}

const EVP_CIPHER* aes256GcmCipher()
{
    static EVP_CIPHER* const cipher
        = fetchedOrFatal(EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr), "AES-256-GCM");
    return cipher;
}

EVP_KDF* hkdfKdf()
{
    static EVP_KDF* const kdf = fetchedOrFatal(EVP_KDF_fetch(nullptr, "HKDF", nullptr), "HKDF");
    return kdf;
}

MacCtxPtr newHmacSha256(QByteArrayView key)
{
    // An empty key is legal HMAC, but OpenSSL treats a null key pointer as "no key".
    static const unsigned char empty = 0;
    char digest[] = "SHA2-256";
    const OSSL_PARAM params[]
        = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_construct_end()};
    MacCtxPtr ctx(EVP_MAC_CTX_new(hmacMac()));
    if (!ctx
        || EVP_MAC_init(ctx.get(), key.isEmpty() ? &empty : bytes(key), static_cast<size_t>(key.size()),
                        params)
            != 1)
        qFatal("auth::crypto: cannot set up HMAC-SHA256");
    return ctx;
}

QByteArray finishHmac(EVP_MAC_CTX* ctx, QByteArrayView data)
{
    QByteArray out(32, Qt::Uninitialized);
    size_t size = 0;
    if (EVP_MAC_update(ctx, bytes(data), static_cast<size_t>(data.size())) != 1
        || EVP_MAC_final(ctx, reinterpret_cast<unsigned char*>(out.data()), &size, 32) != 1 || size != 32)
        qFatal("auth::crypto: HMAC-SHA256 failed");
    return out;
}

QString lastOpenSslError()
{
    const unsigned long code = ERR_peek_last_error();
    if (code == 0)
        return QStringLiteral("unknown OpenSSL error");
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return QString::fromLatin1(text);
}

} // namespace auth::crypto::detail
