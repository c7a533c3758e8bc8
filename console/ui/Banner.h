#pragma once

#include <QFrame>

namespace auth::console {

// A coloured strip for news the user should see without being stopped by a
// dialog; the owner fills it with labels and buttons.
class Banner : public QFrame
{
    Q_OBJECT

public:
    enum class Level { Neutral, Success, Warning, Error };
    Q_ENUM(Level)

    explicit Banner(QWidget* parent = nullptr);

    void setLevel(Level level);
    Level level() const { return m_level; }

private:
    Level m_level = Level::Neutral;
};

} // namespace auth::console
