#pragma once

// Internal to common/crypto: owning handles for OpenSSL objects and algorithm
// implementations fetched once. Not part of the public crypto API.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <memory>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

namespace auth::crypto::detail {

template <typename T, void (*Free)(T*)> struct Deleter
{
    void operator()(T* p) const { Free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, Deleter<EVP_MAC_CTX, EVP_MAC_CTX_free>>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>>;
using KdfCtxPtr = std::unique_ptr<EVP_KDF_CTX, Deleter<EVP_KDF_CTX, EVP_KDF_CTX_free>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG, ECDSA_SIG_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

// Explicitly fetched implementations, looked up once per process: an implicit
// fetch (EVP_sha256() and friends) searches the provider store on every use.
// They are never freed; the process keeps them until exit.
const EVP_MD* sha256Md();
EVP_MAC* hmacMac();
const EVP_CIPHER* aes256GcmCipher();
EVP_KDF* hkdfKdf();

// An HMAC-SHA256 context keyed with `key`, ready for data; aborts if OpenSSL cannot make one.
MacCtxPtr newHmacSha256(QByteArrayView key);
// Feeds `data` into a keyed HMAC context and returns the 32-byte MAC.
QByteArray finishHmac(EVP_MAC_CTX* ctx, QByteArrayView data);

// Errors that a failed call leaves in the thread's OpenSSL queue would otherwise
// surface later in unrelated code (QSslSocket reads the same queue). The guard
// removes everything queued after it was created, and only that.
class ErrorQueueGuard
{
public:
    ErrorQueueGuard() { ERR_set_mark(); }
    ~ErrorQueueGuard() { ERR_pop_to_mark(); }
    ErrorQueueGuard(const ErrorQueueGuard&) = delete;
    ErrorQueueGuard& operator=(const ErrorQueueGuard&) = delete;
};

// The most recent OpenSSL error as text, for messages meant for an operator.
QString lastOpenSslError();

inline const unsigned char* bytes(QByteArrayView v)
{
    return reinterpret_cast<const unsigned char*>(v.data());
}

} // namespace auth::crypto::detail
