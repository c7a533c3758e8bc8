#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QTranslator>

namespace auth::console {

// Installs the console's catalogue (compiled into the program under :/i18n) and
// Qt's own for one language; installing sends LanguageChange to every widget.
class LanguageManager : public QObject
{
    Q_OBJECT

signals:
    void languageChanged(const QString& code);

public:
    struct Language
    {
        QString code; // "en", "de"
        QString nativeName; // in its own language, so anyone can find theirs
    };

    explicit LanguageManager(QObject* parent = nullptr);
    ~LanguageManager() override;

    static QList<Language> available();
    static bool isAvailable(const QString& code);
    // "" picks the system language when there is a catalogue for it, else English.
    static QString resolve(const QString& code);

    // False (and nothing changes) when there is no catalogue for `code`.
    bool setLanguage(const QString& code);
    QString language() const { return m_code; }

private:
    void uninstall();

    QTranslator m_console;
    QTranslator m_qt;
    QString m_code = QStringLiteral("en");
    bool m_installed = false;
};

} // namespace auth::console
