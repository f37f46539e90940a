// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>

namespace branchline {

// One row of the conflict journal (sync_conflicts, migration 2) as the conflict screen
// shows it: what happened to whose edit of which field, and the three values.
struct ConflictEntry
{
    enum class Kind {
        Overwritten, // my value lost a same-field race to a newer edit
        Sensitive, // a stale edit of a sensitive field was refused
        EditDelete, // edited on one side, deleted on the other
        Rejected, // the server refused the edit
        ScopeRemoved, // the record left my scope while my edit waited (local only)
    };

    qint64 localId = 0;
    QString id;
    QString table;
    QString recordId;
    QString recordLabel; // the record's name, empty when it is no longer on this computer
    QString field; // empty: the whole record
    Kind kind = Kind::Overwritten;
    QJsonValue theirs{ QJsonValue::Undefined }; // the value that stands on the server
    QJsonValue mine{ QJsonValue::Undefined }; // the value the edit wanted
    // The value before the racing edits, known only when this device made one of them
    // (since migration 5, within the sent history's 30 days); undefined otherwise. Filled
    // by ConflictRepository::findBase() for the entry on screen.
    QJsonValue base{ QJsonValue::Undefined };
    QString authorId; // whose edit it was
    QString otherUserId; // who made the other edit
    QString otherUserName; // their name, when known
    // The other edit was the same person's, made on another computer.
    bool otherIsAuthor() const { return !otherUserId.isEmpty() && otherUserId == authorId; }
    QString code; // the server's machine-readable reason ("out_of_scope", "append_only"…)
    QString message; // the server's reason for a rejection, in the server's words
    QString resolution; // empty: unresolved; mine, theirs or merged
    bool awaitingServer = false; // resolved here, the resolution not yet sent
    bool local = false; // journalled by this device; unknown to the server
    QDateTime createdAt; // UTC

    bool isResolved() const { return !resolution.isEmpty(); }
    // Whether "keep mine" and a merged value make sense: the edit can still be applied.
    bool canReapply() const
    {
        return !local && (kind == Kind::Overwritten || kind == Kind::EditDelete);
    }
    bool canMerge() const { return canReapply() && !field.isEmpty(); }
};

} // namespace branchline
