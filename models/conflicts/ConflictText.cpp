// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConflictText.h"

#include "rules/FieldLabels.h"

namespace branchline {

QString ConflictText::summary(const ConflictEntry &entry)
{
    switch (entry.kind) {
    case ConflictEntry::Kind::Overwritten:
        if (entry.otherIsAuthor())
            return tr("Replaced by your edit on another computer");
        return entry.otherUserName.isEmpty()
                ? tr("Replaced by a newer edit")
                : tr("Replaced by %1's newer edit").arg(entry.otherUserName);
    case ConflictEntry::Kind::Sensitive:
        return tr("Sensitive field changed meanwhile");
    case ConflictEntry::Kind::EditDelete:
        return tr("Edited and deleted at once");
    case ConflictEntry::Kind::Rejected:
        return tr("Refused by the server");
    case ConflictEntry::Kind::ScopeRemoved:
        return tr("No longer yours to edit");
    }
    return QString();
}

QString ConflictText::explanation(const ConflictEntry &entry)
{
    const QString who = entry.otherUserName.isEmpty() ? tr("Someone else")
                                                      : entry.otherUserName;
    switch (entry.kind) {
    case ConflictEntry::Kind::Overwritten:
        if (entry.otherIsAuthor())
            return tr("You changed the same field on another computer too, and that newer "
                      "value stands. The older value is kept here: keep it to apply it "
                      "again, leave the newer one, or write a merged value.");
        return tr("%1 changed the same field after your edit was made, and the newer "
                  "value stands. Your value is kept here: keep yours to apply it again, "
                  "keep theirs to leave it, or write a merged value.")
                .arg(who);
    case ConflictEntry::Kind::Sensitive:
        return tr("This field changes only through an approval or a checked command, and "
                  "it had changed since you made your edit, so your edit was not applied. "
                  "Look at the current value, then ask again if it is still needed.");
    case ConflictEntry::Kind::EditDelete:
        return tr("The record was edited on one side and deleted on the other. Keep yours "
                  "to apply your side again, or keep theirs to accept the other.");
    case ConflictEntry::Kind::Rejected:
        return entry.message.isEmpty()
                ? tr("The server refused this edit. Nothing was changed on the server.")
                : tr("The server refused this edit: %1").arg(entry.message);
    case ConflictEntry::Kind::ScopeRemoved:
        return tr("The record was reassigned or left your branch while your edit waited "
                  "to be sent, so it could not be sent. Your value is kept here; pass it on "
                  "to the record's new owner if it still matters.");
    }
    return QString();
}

QString ConflictText::resolution(const ConflictEntry &entry)
{
    QString text;
    if (entry.resolution == QLatin1String("mine"))
        text = tr("Kept yours");
    else if (entry.resolution == QLatin1String("theirs"))
        text = entry.canReapply() ? tr("Kept theirs") : tr("Acknowledged");
    else if (entry.resolution == QLatin1String("merged"))
        text = tr("Merged");
    if (entry.awaitingServer)
        text = tr("%1, waiting to be sent").arg(text);
    return text;
}

QString ConflictText::record(const ConflictEntry &entry)
{
    if (!entry.recordLabel.isEmpty())
        return entry.recordLabel;
    return tr("%1 %2 (not on this computer)")
            .arg(FieldLabels::recordKind(entry.table), entry.recordId.left(8));
}

} // namespace branchline
