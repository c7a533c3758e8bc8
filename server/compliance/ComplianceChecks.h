#pragma once

#include "config/Config.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace auth::compliance {

// What the checks need to know about the running service beyond its
// configuration; gathered from the database and the process by ComplianceService.
struct ServiceFacts
{
    bool tls = false;
    bool logsWritable = true;
    int admins = 0;
    int adminsWithoutMfa = 0; // admin accounts whose users.mfa_required is unset
    int weakPasswordUsers = 0; // stored strength below the policy minimum
    int weakPasswordAdmins = 0;
    int inactiveUsers = 0; // no login for 90 days
    qint64 activeKeyAgeSecs = 0;
    int passwordMinLength = 8;
    int passwordMinStrength = 50;
};

struct Check
{
    QString id;
    QString framework; // nist-800-63b | owasp-asvs-l2 | soc2-cc6
    QString control;
    QString title;
    QString status; // pass | fail | not_applicable
    QString severity; // critical | high | medium | low
    QString detail;
    QString remediation;
    QJsonObject toJson() const;
    // The violations view: {id, framework, control, severity, finding, remediation}.
    QJsonObject toViolation() const;
};

// Every check of the three frameworks, evaluated against `config` and `facts`.
// Pure: no I/O, so it is tested with plain values.
QList<Check> evaluate(const Config& config, const ServiceFacts& facts);

// {"frameworks": [...]} and {"critical_violations": [...], ...} from evaluate()'s result.
QJsonObject summary(const QList<Check>& checks);
QJsonObject violations(const QList<Check>& checks);

} // namespace auth::compliance
