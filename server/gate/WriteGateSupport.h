// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "WriteActor.h"
#include "records/RecordSupport.h"
#include "domain/rules/FieldPolicy.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSqlDatabase>

#include <optional>

namespace branchline::server {

// The parts of WriteGate that do not depend on the kind of record: its refusals, the field
// checks, the owner rule, the audit entry and the count of its decisions.
class WriteGateSupport
{
    Q_DECLARE_TR_FUNCTIONS(WriteGate)

public:
    static WriteRefusal notFound(const QString &message);
    static WriteRefusal readOnly(const QString &message);
    static WriteRefusal appendOnly(const QString &message);
    static WriteRefusal forbidden(const QString &code, const QString &message);
    static WriteRefusal invalid(const FieldIssues &issues);
    static WriteRefusal outOfScope(bool creating);

    // The refusal as the records API answers it.
    static RecordOutcome outcome(const WriteRefusal &refusal);

    // The first field of `set` in `json` that is longer than its limit, as a 400 naming it.
    static std::optional<WriteRefusal> tooLong(RecordType type, const QJsonObject &json,
                                               const QStringList &set);
    // The first field of `set` the actor may not write: the role's field permissions, or for
    // a command the fields it was given.
    static std::optional<WriteRefusal> notWritable(const WriteActor &actor, RecordType type,
                                                   const QStringList &set);

    // The owner rule: `ownerId` (when not empty) is an active user whose role may own
    // `type` and, for an actor who reaches a subtree of branches, whose branch is in it. A
    // record follows a new owner to their branch unless the branch was chosen too
    // (`branchId` is then left as chosen). False only on a storage error.
    static bool checkOwner(QSqlDatabase &db, RecordType type, const WriteActor &actor,
                           const QString &ownerId, bool ownerChanged, QString *branchId,
                           bool branchChosen, std::optional<WriteRefusal> *refusal, QString *error);

    // The audit entry of a write, in the same transaction: who, what, which fields (never
    // their values), and by which channel.
    static bool audit(QSqlDatabase &db, const WriteActor &actor, const QString &defaultAction,
                      const QString &table, const QString &id, const QStringList &fields,
                      QString *error);

    // Every decision the gate takes (allowed or refused) is counted: the gate-coverage test
    // checks that each write route and synced table reaches it.
    static void noteDecision();
    static qint64 decisions();
};

} // namespace branchline::server
