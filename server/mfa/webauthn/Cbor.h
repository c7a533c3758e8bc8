#pragma once

#include <QByteArray>
#include <QString>
#include <cbor.h>
#include <memory>
#include <optional>

// Strict CBOR decoding for WebAuthn structures over libcbor. Internal to
// server/mfa/webauthn; callers use WebAuthnVerifier.
namespace auth::mfa::webauthn::cbor {

struct ItemDeleter
{
    void operator()(cbor_item_t* item) const
    {
        if (item)
            cbor_decref(&item);
    }
};
using ItemPtr = std::unique_ptr<cbor_item_t, ItemDeleter>;

// Bounds that no legitimate attestation object, COSE key or extension map comes near.
struct Limits
{
    int maxDepth = 6;
    int maxCollectionSize = 32; // entries of a map, items of an array
};

// Measures the first complete CBOR item in `data` without building it and checks
// the structure first: only definite lengths, no tags, nesting and collection sizes
// within `limits`. Returns the item's length in bytes, or nullopt with `error`.
std::optional<qsizetype> scanItem(QByteArrayView data, const Limits& limits, QString* error);

// Decodes exactly one item filling all of `data`: trailing bytes are an error.
// Maps must not repeat a key.
ItemPtr decodeExact(QByteArrayView data, QString* error, const Limits& limits = {});

// Accessors that return nullopt/nullptr on a wrong type instead of asserting.
std::optional<qint64> toInt(const cbor_item_t* item);
std::optional<QByteArray> toBytes(const cbor_item_t* item);
std::optional<QString> toText(const cbor_item_t* item);
const cbor_item_t* mapValue(const cbor_item_t* map, qint64 intKey);
const cbor_item_t* mapValue(const cbor_item_t* map, const char* textKey);

} // namespace auth::mfa::webauthn::cbor
