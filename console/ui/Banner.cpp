#include "ui/Banner.h"

#include <QApplication>
#include <QPalette>

namespace auth::console {

namespace {
struct Colours
{
    QColor background;
    QColor text;
};

// Light backgrounds with dark text of the same hue stay readable in light and
// dark desktop themes alike, and do not rely on colour alone (the text says it).
Colours coloursFor(Banner::Level level)
{
    switch (level) {
    case Banner::Level::Success:
        return {QColor(0xd1, 0xe7, 0xdd), QColor(0x0f, 0x51, 0x32)};
    case Banner::Level::Warning:
        return {QColor(0xff, 0xf3, 0xcd), QColor(0x66, 0x4d, 0x03)};
    case Banner::Level::Error:
        return {QColor(0xf8, 0xd7, 0xda), QColor(0x84, 0x20, 0x29)};
    case Banner::Level::Neutral:
        break;
    }
    return {};
}
} // namespace

Banner::Banner(QWidget* parent)
    : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setLevel(Level::Neutral);
}

void Banner::setLevel(Level level)
{
    m_level = level;
    setProperty("level", QVariant::fromValue(level));
    const Colours colours = coloursFor(level);
    QPalette palette = QApplication::palette(this);
    if (colours.background.isValid()) {
        palette.setColor(QPalette::Window, colours.background);
        palette.setColor(QPalette::WindowText, colours.text);
        palette.setColor(QPalette::Text, colours.text);
    }
    setPalette(palette);
    setAutoFillBackground(colours.background.isValid());
}

} // namespace auth::console
