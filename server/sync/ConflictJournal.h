// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "records/PiiTable.h"

#include <QJsonValue>
#include <QSqlDatabase>
#include <QString>

namespace branchline::server {

// One entry of the conflict journal (rule 10): an edit that did not simply apply.
struct ConflictEntry
{
    QString id;
    QString table;
    QString recordId;
    QString field; // empty when the whole edit is concerned (edit against delete, rejected)
    // overwritten: a same-field race the later edit won; the entry keeps the losing value.
    // sensitive:   a stale edit to a sensitive field, refused for a person to decide.
    // edit_delete: an edit to a deleted record, or a delete of an edited one.
    // rejected:    refused outright (invalid value, field not editable, out of scope).
    QString kind;
    qint64 baseVersion = 0;
    QJsonValue serverValue;
    QJsonValue clientValue;
    QString clientId;
    qint64 mutation = 0;
    QString userId; // whose edit lost or was refused: they are told
    QString otherUserId; // whose edit it met
    QString branchId; // the record's branch: its managers see the entry too
    QString code;
    QString message;
    QString resolution; // empty while open: mine, theirs, merged
    QString resolverId;
};

// Writes and reads journal entries. Entries are synced like records (table sync_conflicts)
// and never purged automatically. The values in conflict are stored sealed (PiiVault),
// whatever their field: a journal entry is as likely as any record to hold a phone number.
class ConflictJournal
{
public:
    // Writes `entry` (giving it an id) and logs it for sync, in the caller's transaction.
    static bool open(QSqlDatabase &db, ConflictEntry &entry, QString *error);
    // Finds an entry to resolve; on PostgreSQL its row stays locked to the caller's commit.
    static bool load(QSqlDatabase &db, const QString &id, ConflictEntry *entry, bool *found,
                     QString *error);
    static bool markResolved(QSqlDatabase &db, const ConflictEntry &entry, QString *error);
    // The entry as a sync row, values masked as `role` sees the field.
    static QString selectColumns();
    // server_value and client_value, sealed and never looked up.
    static const PiiTable &piiTable();
    static ConflictEntry read(const class QSqlQuery &query, qint64 *version, QString *createdAt,
                              QString *updatedAt);
};

} // namespace branchline::server
