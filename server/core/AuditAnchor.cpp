// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuditAnchor.h"

#include "AuditChain.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace branchline::server {

QString AuditAnchor::line() const
{
    return QStringLiteral("branchline-audit-anchor seq=%1 mac=%2 at=%3")
            .arg(seq)
            .arg(mac, at.isEmpty() ? QStringLiteral("-") : at);
}

std::optional<AuditAnchor> AuditAnchor::parse(const QString &text)
{
    static const QRegularExpression pattern(
            QStringLiteral("branchline-audit-anchor seq=([0-9]{1,18}) mac=([0-9a-f]{64}) "
                           "at=(\\S+)"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    AuditAnchor anchor;
    anchor.seq = match.captured(1).toLongLong();
    anchor.mac = match.captured(2);
    anchor.at = match.captured(3) == QLatin1String("-") ? QString() : match.captured(3);
    return anchor;
}

bool AuditAnchor::read(QSqlDatabase &db, AuditAnchor *anchor, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT seq, hash, at FROM audit_head WHERE id = 1"))) {
        *error = query.lastError().text();
        return false;
    }
    if (!query.next()) {
        *error = tr("The head of the audit trail (audit_head) is missing: the trail was tampered "
                    "with. Run branchline-server verify-audit.");
        return false;
    }
    anchor->seq = query.value(0).toLongLong();
    anchor->mac = query.value(1).toString();
    anchor->at = query.value(2).toString();
    if (anchor->seq == 0)
        anchor->mac = AuditChain::genesis();
    return true;
}

} // namespace branchline::server
