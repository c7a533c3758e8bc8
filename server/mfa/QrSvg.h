#pragma once

#include <QString>

namespace auth::mfa {

// `text` as a QR code (libqrencode, error correction level M) drawn as one SVG
// path with a 4-module quiet zone; empty if it does not fit in a QR code.
QString qrSvg(const QString& text);

} // namespace auth::mfa
