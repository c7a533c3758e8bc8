#include "mfa/Totp.h"

#include <QRegularExpression>
#include <cstdlib>
#include <liboath/oath.h>
#include <mutex>

namespace auth::mfa {

namespace {

void initOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { oath_init(); });
}

} // namespace

QString Totp::generate(const QByteArray& secret, qint64 unixSecs, int digits)
{
    initOnce();
    if (digits < 6 || digits > 8 || secret.isEmpty() || unixSecs < 0)
        return {};
    char otp[16] = {};
    const int rc
        = oath_totp_generate2(secret.constData(), size_t(secret.size()), time_t(unixSecs), unsigned(StepSecs),
                              OATH_TOTP_DEFAULT_START_TIME, unsigned(digits), 0, otp);
    return rc == OATH_OK ? QString::fromLatin1(otp) : QString();
}

std::optional<quint64> Totp::validate(const QByteArray& secret, const QString& code, qint64 unixSecs,
                                      int window)
{
    initOnce();
    static const QRegularExpression sixDigits(QStringLiteral("^[0-9]{6}$"));
    if (secret.isEmpty() || window < 0 || unixSecs < 0 || !sixDigits.match(code).hasMatch())
        return std::nullopt;
    const QByteArray otp = code.toLatin1();
    int position = 0;
    uint64_t counter = 0;
    const int rc = oath_totp_validate3(secret.constData(), size_t(secret.size()), time_t(unixSecs),
                                       unsigned(StepSecs), OATH_TOTP_DEFAULT_START_TIME, size_t(window),
                                       &position, &counter, otp.constData());
    if (rc < 0)
        return std::nullopt;
    return quint64(counter);
}

QString Totp::toBase32(const QByteArray& secret)
{
    initOnce();
    char* out = nullptr;
    size_t length = 0;
    if (oath_base32_encode(secret.constData(), size_t(secret.size()), &out, &length) != OATH_OK)
        return {};
    QString text = QString::fromLatin1(out, qsizetype(length));
    std::free(out);
    while (text.endsWith(QLatin1Char('=')))
        text.chop(1);
    return text;
}

std::optional<QByteArray> Totp::fromBase32(const QString& text)
{
    initOnce();
    const QByteArray in = text.toLatin1();
    char* out = nullptr;
    size_t length = 0;
    if (in.isEmpty() || oath_base32_decode(in.constData(), size_t(in.size()), &out, &length) != OATH_OK)
        return std::nullopt;
    QByteArray secret(out, qsizetype(length));
    std::free(out);
    return secret;
}

} // namespace auth::mfa
