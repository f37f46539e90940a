// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuditCommands.h"

#include "core/AuditAnchor.h"
#include "core/AuditKeys.h"
#include "core/AuditLog.h"
#include "core/KeyRing.h"

namespace branchline::server {

namespace {

enum ExitCode { Success = 0, Failure = 1, Usage = 2 };

QString keyFolder()
{
    const std::shared_ptr<const KeyRing> ring = KeyRing::installed();
    return ring ? ring->directory() : QString();
}

} // namespace

QString AuditCommands::keyCreatedNote(int keyNumber)
{
    return tr("Made audit key %1 in the key folder %2. Back the folder up apart from the "
              "database: without it the audit trail cannot be verified or written.")
            .arg(keyNumber)
            .arg(keyFolder());
}

int AuditCommands::verify(const Database &database, const QString &anchorText, QTextStream &out,
                          QTextStream &err)
{
    std::optional<AuditAnchor> anchor;
    if (!anchorText.isEmpty()) {
        anchor = AuditAnchor::parse(anchorText);
        if (!anchor) {
            err << tr("--anchor takes the line branchline-server audit anchor printed (or a log "
                      "line holding it): branchline-audit-anchor seq=N mac=<64 hex digits> "
                      "at=<time>.")
                << Qt::endl;
            return Usage;
        }
    }
    QString error;
    QSqlDatabase db = database.connection(&error);
    if (!db.isOpen()) {
        err << error << Qt::endl;
        return Failure;
    }
    const AuditLog::Verification result = AuditLog::verify(db, anchor ? &*anchor : nullptr);
    if (!result.intact) {
        if (result.firstBrokenSeq == 0)
            err << result.problem << Qt::endl;
        else
            err << tr("The audit trail is broken at entry %1: %2")
                            .arg(result.firstBrokenSeq)
                            .arg(result.problem)
                << Qt::endl;
        return Failure;
    }
    out << tr("The audit trail is intact: %n entries checked.", nullptr, int(result.rows))
        << Qt::endl;
    if (result.legacyRows > 0)
        out << tr("Entries 1 to %1 are from before the trail was keyed: they are checked as "
                  "SHA-256 links, which anyone can recompute, and are vouched for by the first "
                  "keyed entry after them or, until there is one, only by an anchor.")
                        .arg(result.legacyRows)
            << Qt::endl;
    if (anchor)
        out << tr("It still holds entry %1 as the anchor recorded it.").arg(anchor->seq)
            << Qt::endl;
    return Success;
}

int AuditCommands::anchor(const Database &database, QTextStream &out, QTextStream &err)
{
    QString error;
    QSqlDatabase db = database.connection(&error);
    AuditAnchor anchor;
    if (!db.isOpen() || !AuditAnchor::read(db, &anchor, &error)) {
        err << error << Qt::endl;
        return Failure;
    }
    out << anchor.line() << Qt::endl;
    return Success;
}

int AuditCommands::rotateKey(const Database &database, QTextStream &out, QTextStream &err)
{
    int number = 0;
    QString error;
    if (!AuditKeys::rotate(database, &number, &error)) {
        err << error << Qt::endl;
        return Failure;
    }
    out << tr("Made audit key %1 in the key folder %2; new audit entries are made with it. "
              "Keep the older key files: the entries made with them are checked with them. "
              "Other instances take up the new key at their next audit entry; they must share "
              "this key folder.")
                    .arg(number)
                    .arg(keyFolder())
        << Qt::endl;
    return Success;
}

} // namespace branchline::server
