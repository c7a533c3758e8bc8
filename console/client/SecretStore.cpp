#include "client/SecretStore.h"

#include "logging/LogCategories.h"

#include <QPointer>
#include <QTimer>
#include <qt6keychain/keychain.h>

namespace auth::console {

namespace {

// Errors that mean "there is no keychain here", as opposed to "no such entry".
bool meansNoKeychain(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
        || error == QKeychain::OtherError || error == QKeychain::AccessDenied
        || error == QKeychain::AccessDeniedByUser;
}

} // namespace

SecretStore::SecretStore(QObject* parent)
    : QObject(parent)
{
}

void SecretStore::setMemoryOnly(bool memoryOnly, const QString& reason)
{
    m_memoryOnly = memoryOnly;
    if (memoryOnly)
        markUnavailable(reason);
}

// Jobs have no parent and delete themselves when finished (QtKeychain's
// autoDelete): deleting a running job makes the libsecret backend call into
// freed memory, so a store that goes away only drops its connections.
void SecretStore::read(const QString& key, QObject* context, ReadHandler onRead)
{
    QPointer<QObject> guard(context);
    if (m_memoryOnly || !m_available) {
        const QString secret = m_memory.value(key);
        QTimer::singleShot(0, this, [guard, onRead, secret] {
            if (guard)
                onRead(secret);
        });
        return;
    }
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [this, job, key, guard, onRead] {
        QString secret;
        if (job->error() == QKeychain::NoError) {
            secret = job->textData();
            m_memory.insert(key, secret);
        } else if (job->error() == QKeychain::EntryNotFound) {
            secret = m_memory.value(key);
        } else {
            if (meansNoKeychain(job->error()))
                markUnavailable(job->errorString());
            secret = m_memory.value(key);
        }
        if (guard)
            onRead(secret);
    });
    job->start();
}

void SecretStore::write(const QString& key, const QString& secret, QObject* context, DoneHandler onDone)
{
    m_memory.insert(key, secret);
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    if (m_memoryOnly || !m_available) {
        if (onDone)
            QTimer::singleShot(0, this, [guard, hasContext, onDone] {
                if (guard || !hasContext)
                    onDone(false);
            });
        return;
    }
    auto* job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setInsecureFallback(false);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [this, job, guard, hasContext, onDone] {
        const bool stored = job->error() == QKeychain::NoError;
        if (stored)
            markAvailable();
        else
            markUnavailable(job->errorString());
        if (onDone && (guard || !hasContext))
            onDone(stored);
    });
    job->start();
}

void SecretStore::remove(const QString& key)
{
    m_memory.remove(key);
    if (m_memoryOnly || !m_available)
        return;
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    job->setInsecureFallback(false);
    job->start();
}

void SecretStore::markUnavailable(const QString& reason)
{
    m_reason = reason;
    if (!m_available)
        return;
    m_available = false;
    qCWarning(lcConsole).noquote() << "no system keychain, secrets are kept for this run only:" << reason;
    emit availabilityChanged(false, reason);
}

void SecretStore::markAvailable()
{
    if (m_available || m_memoryOnly)
        return;
    m_available = true;
    m_reason.clear();
    emit availabilityChanged(true, QString());
}

} // namespace auth::console
