#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <functional>

namespace auth::console {

// Secrets (refresh tokens) in the system keychain through QtKeychain, always
// asynchronous. There is no plain-text fallback: when no keychain answers, the
// store keeps secrets for this run only and says so through keychainAvailable().
class SecretStore : public QObject
{
    Q_OBJECT

signals:
    // The keychain was found missing (or back); the window shows a notice while it is.
    void availabilityChanged(bool available, const QString& reason);

public:
    explicit SecretStore(QObject* parent = nullptr);

    // Under this service name the entries appear in the keychain ("auth-console").
    void setServiceName(const QString& name) { m_service = name; }
    // Tests and the --no-keychain option: keep everything in memory, never touch the keychain.
    void setMemoryOnly(bool memoryOnly, const QString& reason);

    using ReadHandler = std::function<void(const QString& secret)>; // empty when none
    using DoneHandler = std::function<void(bool stored)>;

    void read(const QString& key, QObject* context, ReadHandler onRead);
    void write(const QString& key, const QString& secret, QObject* context = nullptr,
               DoneHandler onDone = {});
    void remove(const QString& key);

    bool keychainAvailable() const { return m_available; }
    QString unavailableReason() const { return m_reason; }

private:
    void markUnavailable(const QString& reason);
    void markAvailable();

    QString m_service = QStringLiteral("auth-console");
    QHash<QString, QString> m_memory; // this run's copy; the only copy without a keychain
    bool m_available = true;
    bool m_memoryOnly = false;
    QString m_reason;
};

} // namespace auth::console
