#include "crypto/Aead.h"

#include "crypto/OpenSslSupport.h"

#include <QtGlobal>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

namespace auth::crypto {

using detail::bytes;

namespace {

constexpr char kVersion = 0x01;
constexpr int kKeySize = 32;
constexpr int kNonceSize = 12;
constexpr int kTagSize = 16;
constexpr qsizetype kOverhead = 1 + kNonceSize + kTagSize;
// EVP update calls take int lengths; larger inputs go through in pieces.
constexpr qsizetype kChunk = 1 << 30;

unsigned char* writable(QByteArray& array, qsizetype offset)
{
    return reinterpret_cast<unsigned char*>(array.data()) + offset;
}

// Feeds the version byte and the caller's aad as additional data.
bool addAad(EVP_CIPHER_CTX* ctx, QByteArrayView aad, bool encrypting)
{
    const auto update = encrypting ? EVP_EncryptUpdate : EVP_DecryptUpdate;
    int written = 0;
    const unsigned char version = kVersion;
    if (update(ctx, nullptr, &written, &version, 1) != 1)
        return false;
    for (qsizetype offset = 0; offset < aad.size(); offset += kChunk) {
        const int size = static_cast<int>(std::min(kChunk, aad.size() - offset));
        if (update(ctx, nullptr, &written, bytes(aad) + offset, size) != 1)
            return false;
    }
    return true;
}

// Runs `in` through the cipher into `out`; returns the bytes written or -1.
qsizetype transform(EVP_CIPHER_CTX* ctx, QByteArrayView in, unsigned char* out, bool encrypting)
{
    const auto update = encrypting ? EVP_EncryptUpdate : EVP_DecryptUpdate;
    qsizetype total = 0;
    for (qsizetype offset = 0; offset < in.size(); offset += kChunk) {
        int written = 0;
        const int size = static_cast<int>(std::min(kChunk, in.size() - offset));
        if (update(ctx, out + total, &written, bytes(in) + offset, size) != 1)
            return -1;
        total += written;
    }
    return total;
}

} // namespace

QByteArray seal(const QByteArray& key32, QByteArrayView plaintext, QByteArrayView aad)
{
    if (key32.size() != kKeySize)
        qFatal("auth::crypto::seal: the key must be 32 bytes, not %lld",
               static_cast<long long>(key32.size()));
    const detail::ErrorQueueGuard guard;
    QByteArray sealed(kOverhead + plaintext.size(), Qt::Uninitialized);
    sealed[0] = kVersion;
    unsigned char* nonce = writable(sealed, 1);
    unsigned char* ciphertext = nonce + kNonceSize;
    if (RAND_bytes(nonce, kNonceSize) != 1)
        qFatal("auth::crypto: the OpenSSL random generator failed");

    const detail::CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    int finalSize = 0;
    const bool ok = ctx
        && EVP_EncryptInit_ex2(ctx.get(), detail::aes256GcmCipher(), bytes(key32), nonce, nullptr) == 1
        && addAad(ctx.get(), aad, true)
        && transform(ctx.get(), plaintext, ciphertext, true) == plaintext.size()
        && EVP_EncryptFinal_ex(ctx.get(), ciphertext + plaintext.size(), &finalSize) == 1 && finalSize == 0
        && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagSize, ciphertext + plaintext.size()) == 1;
    if (!ok)
        qFatal("auth::crypto: AES-256-GCM encryption failed: %s", qPrintable(detail::lastOpenSslError()));
    return sealed;
}

std::optional<QByteArray> open(const QByteArray& key32, QByteArrayView sealed, QByteArrayView aad)
{
    if (key32.size() != kKeySize || sealed.size() < kOverhead || sealed.front() != kVersion)
        return std::nullopt;
    const detail::ErrorQueueGuard guard;
    const unsigned char* nonce = bytes(sealed) + 1;
    const QByteArrayView ciphertext = sealed.sliced(1 + kNonceSize, sealed.size() - kOverhead);
    // OpenSSL's tag setter takes a non-const pointer, though it only reads it.
    unsigned char tag[kTagSize];
    memcpy(tag, bytes(sealed) + sealed.size() - kTagSize, kTagSize);

    QByteArray plaintext(ciphertext.size(), Qt::Uninitialized);
    const detail::CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    int finalSize = 0;
    const bool ok = ctx
        && EVP_DecryptInit_ex2(ctx.get(), detail::aes256GcmCipher(), bytes(key32), nonce, nullptr) == 1
        && addAad(ctx.get(), aad, false)
        && transform(ctx.get(), ciphertext, writable(plaintext, 0), false) == ciphertext.size()
        && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagSize, tag) == 1
        && EVP_DecryptFinal_ex(ctx.get(), writable(plaintext, ciphertext.size()), &finalSize) == 1;
    if (!ok) {
        // Unauthenticated plaintext must not linger in memory.
        OPENSSL_cleanse(plaintext.data(), static_cast<size_t>(plaintext.size()));
        return std::nullopt;
    }
    return plaintext;
}

QByteArray hkdfSha256(QByteArrayView secret, QByteArrayView salt, QByteArrayView info, int length)
{
    if (secret.isEmpty())
        qFatal("auth::crypto: HKDF needs a non-empty secret");
    if (length <= 0 || length > 255 * 32)
        qFatal("auth::crypto: HKDF-SHA256 cannot produce %d bytes", length);
    char digest[] = "SHA2-256";
    OSSL_PARAM params[5];
    int count = 0;
    params[count++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0);
    params[count++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<char*>(secret.data()),
                                                        static_cast<size_t>(secret.size()));
    // Absent salt means HashLen zero bytes (RFC 5869 §2.2), which OpenSSL applies itself.
    if (!salt.isEmpty())
        params[count++] = OSSL_PARAM_construct_octet_string(
            OSSL_KDF_PARAM_SALT, const_cast<char*>(salt.data()), static_cast<size_t>(salt.size()));
    if (!info.isEmpty())
        params[count++] = OSSL_PARAM_construct_octet_string(
            OSSL_KDF_PARAM_INFO, const_cast<char*>(info.data()), static_cast<size_t>(info.size()));
    params[count] = OSSL_PARAM_construct_end();

    const detail::ErrorQueueGuard guard;
    const detail::KdfCtxPtr ctx(EVP_KDF_CTX_new(detail::hkdfKdf()));
    QByteArray out(length, Qt::Uninitialized);
    if (!ctx || EVP_KDF_derive(ctx.get(), writable(out, 0), static_cast<size_t>(length), params) != 1)
        qFatal("auth::crypto: HKDF-SHA256 failed: %s", qPrintable(detail::lastOpenSslError()));
    return out;
}

QByteArray deriveKey(QByteArrayView secret, QByteArrayView info)
{
    return hkdfSha256(secret, {}, info, kKeySize);
}

} // namespace auth::crypto
