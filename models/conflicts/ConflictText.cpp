// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConflictText.h"

#include "domain/rules/FieldLabels.h"

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
        return tr("The server refused this edit: %1").arg(refusal(entry.code, entry.message));
    case ConflictEntry::Kind::ScopeRemoved:
        return tr("The record was reassigned or left your branch while your edit waited "
                  "to be sent, so it could not be sent. Your value is kept here; pass it on "
                  "to the record's new owner if it still matters.");
    }
    return QString();
}

QString ConflictText::refusal(const QString &code, const QString &serverMessage)
{
    if (code == QLatin1String("not_found") || code == QLatin1String("out_of_scope"))
        return tr("the record, or the customer it belongs to, is not in your book any more "
                  "(reassigned, moved to another branch or deleted), or the owner or branch "
                  "chosen is outside yours. Nothing was changed on the server; your edit is "
                  "kept here. Ask your manager if it should be yours.");
    if (code == QLatin1String("append_only"))
        return tr("calls, visits and notes cannot be changed or deleted once saved. Log a new "
                  "entry instead.");
    if (code == QLatin1String("field_not_editable") || code == QLatin1String("forbidden")
        || code == QLatin1String("not_allowed") || code == QLatin1String("read_only"))
        return tr("your role may not change this here. Fields such as fee rates, credit "
                  "limits and risk level change through an approval.");
    if (code == QLatin1String("bad_owner"))
        return tr("the owner chosen cannot take this record: the account is disabled, their "
                  "role cannot own it, or their branch is outside yours.");
    if (code == QLatin1String("too_long"))
        return tr("a field is longer than allowed. Shorten it and save again.");
    if (code == QLatin1String("invalid"))
        return tr("some fields need correcting. Open the record, correct them and save again.");
    if (serverMessage.isEmpty())
        return tr("no reason was given. Nothing was changed on the server.");
    return serverMessage;
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
