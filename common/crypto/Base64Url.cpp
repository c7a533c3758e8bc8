#include "crypto/Base64Url.h"

namespace auth::crypto {

namespace {

// Value of a base64url character, or -1 when it is outside the alphabet.
int sextet(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '-')
        return 62;
    if (c == '_')
        return 63;
    return -1;
}

} // namespace

QByteArray base64UrlEncode(QByteArrayView data)
{
    // QByteArray::toBase64 is not available on a view; fromRawData avoids the copy.
    return QByteArray::fromRawData(data.data(), data.size())
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> base64UrlDecode(QByteArrayView text)
{
    // A single character left over cannot carry a whole byte.
    if (text.size() % 4 == 1)
        return std::nullopt;
    for (const char c : text) {
        if (sextet(c) < 0)
            return std::nullopt;
    }
    // Canonical form: the bits of the last character that do not reach a whole
    // byte must be zero, otherwise several spellings would decode alike. This is
    // the same test as "re-encoding gives back the input", without the re-encode.
    if (!text.isEmpty()) {
        const int last = sextet(text.back());
        if ((text.size() % 4 == 2 && (last & 0x0f) != 0) || (text.size() % 4 == 3 && (last & 0x03) != 0))
            return std::nullopt;
    }
    auto decoded = QByteArray::fromBase64Encoding(QByteArray::fromRawData(text.data(), text.size()),
                                                  QByteArray::Base64UrlEncoding
                                                      | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return std::move(decoded.decoded);
}

} // namespace auth::crypto
