#pragma once

#include <QByteArray>
#include <QException>
#include <QString>

namespace auth::core {

// Thrown when a store a request needs (the database, Redis) is down or does not
// answer within its timeout. It travels through QtConcurrent futures (hence
// QException) to the HTTP layer, which answers 503
// {"error":"dependency_unavailable","dependency":...}: a request that cannot
// run its checks fails closed instead of running without them.
class DependencyUnavailable : public QException
{
public:
    DependencyUnavailable(QString dependency, QString detail)
        : m_dependency(std::move(dependency))
        , m_detail(std::move(detail))
        , m_what((m_dependency + QStringLiteral(" unavailable: ") + m_detail).toUtf8())
    {
    }
    void raise() const override { throw *this; }
    DependencyUnavailable* clone() const override { return new DependencyUnavailable(*this); }
    const char* what() const noexcept override { return m_what.constData(); }

    const QString& dependency() const { return m_dependency; }
    const QString& detail() const { return m_detail; }

private:
    QString m_dependency;
    QString m_detail;
    QByteArray m_what;
};

} // namespace auth::core
