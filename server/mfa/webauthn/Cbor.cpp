#include "mfa/webauthn/Cbor.h"

#include <QList>
#include <QSet>
#include <limits>

namespace auth::mfa::webauthn::cbor {
namespace {

// Walks item heads as libcbor's streaming decoder reports them, tracking how many
// children each open collection still expects, so the first item's end is known
// before anything is allocated (a declared length of 2^32 never reaches malloc).
struct ScanState
{
    const Limits* limits = nullptr;
    QList<qint64> remaining;
    bool done = false;
    QString error;

    void fail(const QString& reason)
    {
        if (error.isEmpty())
            error = reason;
    }
    void consume()
    {
        for (;;) {
            if (remaining.isEmpty()) {
                done = true;
                return;
            }
            if (--remaining.last() > 0)
                return;
            remaining.removeLast();
        }
    }
    void open(size_t count, qint64 children)
    {
        if (count > size_t(limits->maxCollectionSize)) {
            fail(QStringLiteral("a CBOR map or array is larger than allowed"));
            return;
        }
        if (children == 0) {
            consume();
            return;
        }
        if (remaining.size() + 1 > limits->maxDepth) {
            fail(QStringLiteral("CBOR nesting is deeper than allowed"));
            return;
        }
        remaining.append(children);
    }
};

ScanState* state(void* context)
{
    return static_cast<ScanState*>(context);
}

template <typename T> void onValue(void* context, T)
{
    state(context)->consume();
}
void onString(void* context, cbor_data, size_t)
{
    state(context)->consume();
}
void onSimple(void* context)
{
    state(context)->consume();
}
void onIndefinite(void* context)
{
    state(context)->fail(QStringLiteral("indefinite-length CBOR items are not allowed"));
}
void onTag(void* context, uint64_t)
{
    state(context)->fail(QStringLiteral("CBOR tags are not allowed"));
}
void onArray(void* context, size_t size)
{
    state(context)->open(size, qint64(size));
}
void onMap(void* context, size_t size)
{
    state(context)->open(size, qint64(size) * 2);
}

cbor_callbacks makeCallbacks()
{
    cbor_callbacks cb = cbor_empty_callbacks;
    cb.uint8 = onValue<uint8_t>;
    cb.uint16 = onValue<uint16_t>;
    cb.uint32 = onValue<uint32_t>;
    cb.uint64 = onValue<uint64_t>;
    cb.negint8 = onValue<uint8_t>;
    cb.negint16 = onValue<uint16_t>;
    cb.negint32 = onValue<uint32_t>;
    cb.negint64 = onValue<uint64_t>;
    cb.byte_string = onString;
    cb.string = onString;
    cb.byte_string_start = onIndefinite;
    cb.string_start = onIndefinite;
    cb.indef_array_start = onIndefinite;
    cb.indef_map_start = onIndefinite;
    cb.indef_break = onIndefinite;
    cb.array_start = onArray;
    cb.map_start = onMap;
    cb.tag = onTag;
    cb.float2 = onValue<float>;
    cb.float4 = onValue<float>;
    cb.float8 = onValue<double>;
    cb.undefined = onSimple;
    cb.null = onSimple;
    cb.boolean = onValue<bool>;
    return cb;
}

// A key's type and content, so two equal keys compare equal whatever their width.
std::optional<QByteArray> keySignature(const cbor_item_t* key)
{
    if (const auto number = toInt(key))
        return QByteArray("i") + QByteArray::number(*number);
    if (const auto text = toText(key))
        return QByteArray("t") + text->toUtf8();
    return std::nullopt;
}

bool checkMaps(const cbor_item_t* item, QString* error)
{
    if (cbor_isa_array(item)) {
        cbor_item_t** items = cbor_array_handle(item);
        for (size_t i = 0; i < cbor_array_size(item); ++i)
            if (!checkMaps(items[i], error))
                return false;
    } else if (cbor_isa_map(item)) {
        QSet<QByteArray> seen;
        cbor_pair* pairs = cbor_map_handle(item);
        for (size_t i = 0; i < cbor_map_size(item); ++i) {
            const auto signature = keySignature(pairs[i].key);
            if (!signature) {
                *error = QStringLiteral("a CBOR map key is neither an integer nor text");
                return false;
            }
            if (seen.contains(*signature)) {
                *error = QStringLiteral("a CBOR map repeats a key");
                return false;
            }
            seen.insert(*signature);
            if (!checkMaps(pairs[i].value, error))
                return false;
        }
    }
    return true;
}

} // namespace

std::optional<qsizetype> scanItem(QByteArrayView data, const Limits& limits, QString* error)
{
    static const cbor_callbacks callbacks = makeCallbacks();
    ScanState scan;
    scan.limits = &limits;
    qsizetype offset = 0;
    while (!scan.done && scan.error.isEmpty()) {
        const auto* start = reinterpret_cast<cbor_data>(data.data()) + offset;
        const cbor_decoder_result result
            = cbor_stream_decode(start, size_t(data.size() - offset), &callbacks, &scan);
        if (result.status == CBOR_DECODER_NEDATA) {
            scan.fail(QStringLiteral("CBOR data ends before the item is complete"));
            break;
        }
        if (result.status != CBOR_DECODER_FINISHED || result.read == 0) {
            scan.fail(QStringLiteral("malformed CBOR"));
            break;
        }
        offset += qsizetype(result.read);
    }
    if (!scan.error.isEmpty()) {
        *error = scan.error;
        return std::nullopt;
    }
    return offset;
}

ItemPtr decodeExact(QByteArrayView data, QString* error, const Limits& limits)
{
    const auto length = scanItem(data, limits, error);
    if (!length)
        return {};
    if (*length != data.size()) {
        *error = QStringLiteral("trailing bytes after the CBOR item");
        return {};
    }
    cbor_load_result result {};
    ItemPtr item(cbor_load(reinterpret_cast<cbor_data>(data.data()), size_t(data.size()), &result));
    if (!item || result.error.code != CBOR_ERR_NONE || result.read != size_t(data.size())) {
        *error = QStringLiteral("malformed CBOR");
        return {};
    }
    if (!checkMaps(item.get(), error))
        return {};
    return item;
}

std::optional<qint64> toInt(const cbor_item_t* item)
{
    if (!item)
        return std::nullopt;
    if (cbor_isa_uint(item)) {
        const uint64_t value = cbor_get_int(item);
        if (value > uint64_t(std::numeric_limits<qint64>::max()))
            return std::nullopt;
        return qint64(value);
    }
    if (cbor_isa_negint(item)) {
        const uint64_t value = cbor_get_int(item); // the encoded n of -1 - n
        if (value >= uint64_t(std::numeric_limits<qint64>::max()))
            return std::nullopt;
        return -1 - qint64(value);
    }
    return std::nullopt;
}

std::optional<QByteArray> toBytes(const cbor_item_t* item)
{
    if (!item || !cbor_isa_bytestring(item) || !cbor_bytestring_is_definite(item))
        return std::nullopt;
    return QByteArray(reinterpret_cast<const char*>(cbor_bytestring_handle(item)),
                      qsizetype(cbor_bytestring_length(item)));
}

std::optional<QString> toText(const cbor_item_t* item)
{
    if (!item || !cbor_isa_string(item) || !cbor_string_is_definite(item))
        return std::nullopt;
    const QByteArray utf8(reinterpret_cast<const char*>(cbor_string_handle(item)),
                          qsizetype(cbor_string_length(item)));
    return QString::fromUtf8(utf8);
}

const cbor_item_t* mapValue(const cbor_item_t* map, qint64 intKey)
{
    if (!map || !cbor_isa_map(map))
        return nullptr;
    cbor_pair* pairs = cbor_map_handle(map);
    for (size_t i = 0; i < cbor_map_size(map); ++i)
        if (toInt(pairs[i].key) == intKey)
            return pairs[i].value;
    return nullptr;
}

const cbor_item_t* mapValue(const cbor_item_t* map, const char* textKey)
{
    if (!map || !cbor_isa_map(map))
        return nullptr;
    cbor_pair* pairs = cbor_map_handle(map);
    const QString key = QString::fromLatin1(textKey);
    for (size_t i = 0; i < cbor_map_size(map); ++i)
        if (toText(pairs[i].key) == key)
            return pairs[i].value;
    return nullptr;
}

} // namespace auth::mfa::webauthn::cbor
