#include "mfa/QrSvg.h"

#include <memory>
#include <qrencode.h>

namespace auth::mfa {

QString qrSvg(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString8bit(utf8.constData(), 0, QR_ECLEVEL_M), &QRcode_free);
    if (!code)
        return {};
    constexpr int Quiet = 4;
    const int width = code->width;
    const int size = width + 2 * Quiet;
    QString path;
    path.reserve(width * width * 4);
    for (int y = 0; y < width; ++y) {
        for (int x = 0; x < width; ++x) {
            // Bit 0 of each module byte is "dark" (qrencode.h).
            if (code->data[y * width + x] & 1)
                path += QStringLiteral("M%1 %2h1v1h-1z").arg(x + Quiet).arg(y + Quiet);
        }
    }
    return QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %1 %1\" "
                          "width=\"%2\" height=\"%2\" shape-rendering=\"crispEdges\">"
                          "<rect width=\"%1\" height=\"%1\" fill=\"#fff\"/>"
                          "<path fill=\"#000\" d=\"%3\"/></svg>")
        .arg(size)
        .arg(size * 4)
        .arg(path);
}

} // namespace auth::mfa
