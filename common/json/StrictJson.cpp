#include "json/StrictJson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <jansson.h>
#include <memory>

namespace auth {

namespace {

// Beyond 2^53 a double no longer holds every integer, so larger values are handed
// over as double explicitly rather than pretending to be exact.
constexpr json_int_t kMaxExactInteger = json_int_t(1) << 53;

struct JsonDeleter
{
    void operator()(json_t* json) const { json_decref(json); }
};
using JsonPtr = std::unique_ptr<json_t, JsonDeleter>;

// Returns false when a container sits deeper than maxDepth (the top-level
// container is depth 1).
bool convert(const json_t* json, int depth, int maxDepth, QJsonValue* out)
{
    switch (json_typeof(json)) {
    case JSON_OBJECT: {
        if (depth > maxDepth)
            return false;
        QJsonObject object;
        const char* key = nullptr;
        json_t* member = nullptr;
        // Keys cannot contain NUL: jansson refuses "\u0000" without JSON_ALLOW_NUL.
        json_object_foreach(const_cast<json_t*>(json), key, member)
        {
            QJsonValue value;
            if (!convert(member, depth + 1, maxDepth, &value))
                return false;
            object.insert(QString::fromUtf8(key), value);
        }
        *out = object;
        return true;
    }
    case JSON_ARRAY: {
        if (depth > maxDepth)
            return false;
        QJsonArray array;
        const size_t size = json_array_size(json);
        for (size_t i = 0; i < size; ++i) {
            QJsonValue value;
            if (!convert(json_array_get(json, i), depth + 1, maxDepth, &value))
                return false;
            array.append(value);
        }
        *out = array;
        return true;
    }
    case JSON_STRING:
        *out = QString::fromUtf8(json_string_value(json), static_cast<qsizetype>(json_string_length(json)));
        return true;
    case JSON_INTEGER: {
        const json_int_t n = json_integer_value(json);
        if (n >= -kMaxExactInteger && n <= kMaxExactInteger)
            *out = QJsonValue(static_cast<qint64>(n));
        else
            *out = QJsonValue(static_cast<double>(n));
        return true;
    }
    case JSON_REAL:
        *out = json_real_value(json);
        return true;
    case JSON_TRUE:
        *out = true;
        return true;
    case JSON_FALSE:
        *out = false;
        return true;
    case JSON_NULL:
        *out = QJsonValue(QJsonValue::Null);
        return true;
    }
    return false;
}

// Byte offset of the first bracket that opens a container deeper than maxDepth.
// Only called on text jansson has already accepted, so strings are well formed.
int depthErrorPosition(const QByteArray& text, int maxDepth)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > maxDepth)
                return static_cast<int>(i);
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return -1;
}

} // namespace

StrictJsonResult parseStrictJson(const QByteArray& text, int maxDepth)
{
    StrictJsonResult result;
    if (text.isEmpty()) {
        result.error = QStringLiteral("empty input");
        result.position = 0;
        return result;
    }

    json_error_t error;
    // JSON_DECODE_ANY: a scalar is a valid JSON text (RFC 8259); callers that
    // need an object check the type themselves.
    JsonPtr root(json_loadb(text.constData(), static_cast<size_t>(text.size()),
                            JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &error));
    if (!root) {
        result.error = json_error_code(&error) == json_error_duplicate_key
            ? QStringLiteral("duplicate object key")
            : QString::fromUtf8(error.text);
        if (result.error.isEmpty())
            result.error = QStringLiteral("invalid JSON");
        result.position = error.position;
        return result;
    }

    QJsonValue value;
    if (!convert(root.get(), 1, maxDepth, &value)) {
        result.error = QStringLiteral("nesting deeper than %1 levels").arg(maxDepth);
        result.position = depthErrorPosition(text, maxDepth);
        return result;
    }
    result.value = value;
    if (value.isObject())
        result.document = QJsonDocument(value.toObject());
    else if (value.isArray())
        result.document = QJsonDocument(value.toArray());
    return result;
}

} // namespace auth
