// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "WriteGateSupport.h"
#include "records/RecordRows.h"
#include "domain/rules/Ownership.h"
#include "domain/rules/RecordValidator.h"
#include "sync/ChangeLog.h"
#include "sync/KindTraits.h"

#include <optional>
#include <type_traits>

namespace branchline::server {

// Whether a kind's records carry an owner and a branch of their own (customers, leads,
// tasks), which the owner rule checks.
template<typename Record, typename = void>
struct HasOwner : std::false_type
{
};
template<typename Record>
struct HasOwner<Record,
                std::void_t<decltype(std::declval<Record>().ownerId),
                            decltype(std::declval<Record>().branchId)>> : std::true_type
{
};

// The one way a record is written on the server. The records API, sync pushes, conflict
// resolutions, approval effects, integrations and the server's own derived data all call it,
// and RecordRows' writing functions are reachable from nowhere else. In the caller's
// transaction it checks, in order:
//
// - the kind may be written this way (terminals and volumes come only from integrations);
// - append-only kinds (the timeline) are never changed or deleted;
// - the record is in the actor's scope before the write (out of scope answers exactly as
//   missing, so the gate is no oracle of other branches' records);
// - the kind's own rules (KindTraits: the KYC checklist's moves, server-written fields);
// - each field that changes fits its length and is one the actor may write: the role's field
//   permissions for a person, the given fields for a command; sensitive fields therefore only
//   by the role responsible or through an approval;
// - the owner rule: an active user whose role may own the kind, the record in their branch;
// - the record's validation;
// - the record is still in the actor's scope after the write (a reassignment stays in the
//   caller's subtree);
//
// then writes the row, its change-log entry (rule 1 of docs/sync.md) and its audit entry.
// Each function returns false only on a storage error (the caller's transaction then rolls
// back); a refusal comes back in `refusal` with nothing written.
template<typename Kind>
class WriteGate
{
public:
    using Record = typename Kind::Record;
    using Rows = RecordRows<Kind>;

    // Loads `id` for a write, row locked: `visible` says whether it exists (a tombstone only
    // with `includeDeleted`) and lies in the actor's scope.
    static bool load(QSqlDatabase &db, const WriteActor &actor, const QString &id, Record *record,
                     bool *visible, bool includeDeleted, QString *error)
    {
        WriteGateSupport::noteDecision(); // the scope-before check is the gate's first
        bool found = false;
        *visible = false;
        if (!Rows::load(db, id, record, &found, error))
            return false;
        if (!found || (record->meta.deleted && !includeDeleted))
            return true;
        return inScope(db, actor, *record, visible, error);
    }

    // An early answer for a caller that must know before it does more (sync's per-field
    // merge journals races only for an edit that may be made at all): the kind's rules and
    // the fields of `set` that change. The write itself checks everything again.
    static std::optional<WriteRefusal> fieldsRefused(const WriteActor &actor, const Record &before,
                                                     Record after, const QStringList &set)
    {
        if (auto refused = refusedKind(actor))
            return refused;
        QStringList chosen = changing(before, after, set);
        if (auto refused = refusedByKind(actor, &before, after, &chosen))
            return refused;
        return refusedFields(actor, Kind::toJson(after), chosen, chosen);
    }

    // Whether this kind may be written this way at all (terminals and volumes only by the
    // feed): a refusal that needs no record, for a caller that has none to hand.
    static std::optional<WriteRefusal> refuseKind(const WriteActor &actor)
    {
        WriteGateSupport::noteDecision();
        return refusedKind(actor);
    }

    // A new record with the fields `set` chosen by the actor (the rest defaults).
    static bool create(QSqlDatabase &db, const WriteActor &actor, Record &record, QStringList set,
                       std::optional<WriteRefusal> *refusal, QString *error)
    {
        WriteGateSupport::noteDecision();
        *refusal = std::nullopt;
        if (auto refused = refusedKind(actor)) {
            *refusal = refused;
            return true;
        }
        if (auto refused = refusedByKind(actor, nullptr, record, &set)) {
            *refusal = refused;
            return true;
        }
        // A client sends every column of its new row; only what differs from the record the
        // server would make anyway is the actor's choice.
        const QStringList chosen =
                actor.command() ? set : Rows::chosenOnCreate(record, set, actor.caller);
        if (auto refused = refusedFields(actor, Kind::toJson(record), set, chosen)) {
            *refusal = refused;
            return true;
        }
        if (!actor.command())
            Kind::applyDefaults(record, actor.caller);
        const Record blank;
        if (!checkOwner(db, actor, blank, record, chosen, refusal, error))
            return false;
        if (*refusal)
            return true;
        if (auto refused = refusedRecord(record)) {
            *refusal = refused;
            return true;
        }
        bool inside = false;
        if (!inScope(db, actor, record, &inside, error))
            return false;
        if (!inside) {
            *refusal = WriteGateSupport::outOfScope(true);
            return true;
        }
        stampWrite<Kind>(record, actor.caller);
        return Rows::insert(db, record, error)
                && ChangeLog::recordOf<Kind>(db, record, {}, nullptr, actor.caller.userId, error)
                && WriteGateSupport::audit(db, actor, QStringLiteral("record.create"),
                                           Kind::table(), record.meta.id, chosen, error);
    }

    // `after` is `before` (as load() gave it) with the actor's changes to the fields `set`
    // applied, and whatever the caller decided to keep (a stale sensitive field sync left
    // at the server's value). `changed` gets the fields written, empty when none differ.
    // A tombstone `before` is restored (a conflict resolved for an edit over a delete).
    static bool update(QSqlDatabase &db, const WriteActor &actor, const Record &before,
                       Record &after, const QStringList &set, std::optional<WriteRefusal> *refusal,
                       QStringList *changed, QString *error)
    {
        WriteGateSupport::noteDecision();
        *refusal = std::nullopt;
        changed->clear();
        if (auto refused = refusedKind(actor)) {
            *refusal = refused;
            return true;
        }
        if (const std::optional<QString> appendOnly = Kind::updateRefusal()) {
            *refusal = WriteGateSupport::appendOnly(*appendOnly);
            return true;
        }
        bool visible = false;
        if (!inScope(db, actor, before, &visible, error))
            return false;
        if (!visible) {
            *refusal = WriteGateSupport::notFound(Kind::notFound(before.meta.id));
            return true;
        }
        // Only what changes is checked: a client may send a field as it already stands, and
        // sync may have kept the server's value of a stale one.
        QStringList chosen = changing(before, after, set);
        if (auto refused = refusedByKind(actor, &before, after, &chosen)) {
            *refusal = refused;
            return true;
        }
        if (auto refused = refusedFields(actor, Kind::toJson(after), chosen, chosen)) {
            *refusal = refused;
            return true;
        }
        if (!checkOwner(db, actor, before, after, chosen, refusal, error))
            return false;
        if (*refusal)
            return true;
        if (auto refused = refusedRecord(after)) {
            *refusal = refused;
            return true;
        }
        if (!inScope(db, actor, after, &visible, error))
            return false;
        if (!visible) {
            *refusal = WriteGateSupport::outOfScope(false);
            return true;
        }
        after.meta.deleted = false;
        if (Rows::changedFields(before, after).isEmpty() && !before.meta.deleted)
            return true;
        stampWrite<Kind>(after, actor.caller);
        *changed = Rows::changedFields(before, after);
        return (!before.meta.deleted || Rows::restore(db, before.meta.id, error))
                && Rows::update(db, after, error)
                && ChangeLog::recordOf<Kind>(db, after, *changed, &before, actor.caller.userId,
                                             error)
                && WriteGateSupport::audit(db, actor, QStringLiteral("record.update"),
                                           Kind::table(), after.meta.id, *changed, error);
    }

    // Deletes `before` (as load() gave it): a tombstone stays for sync (rule 9).
    static bool remove(QSqlDatabase &db, const WriteActor &actor, const Record &before,
                       std::optional<WriteRefusal> *refusal, QString *error)
    {
        WriteGateSupport::noteDecision();
        *refusal = std::nullopt;
        if (auto refused = refusedKind(actor)) {
            *refusal = refused;
            return true;
        }
        if (const std::optional<QString> appendOnly = Kind::updateRefusal()) {
            *refusal = WriteGateSupport::appendOnly(*appendOnly);
            return true;
        }
        bool visible = false;
        if (!inScope(db, actor, before, &visible, error))
            return false;
        if (!visible || before.meta.deleted) {
            *refusal = WriteGateSupport::notFound(Kind::notFound(before.meta.id));
            return true;
        }
        if (const std::optional<QString> refused = Kind::deleteRefusal(actor.caller.role)) {
            *refusal = WriteGateSupport::forbidden(QStringLiteral("forbidden"), *refused);
            return true;
        }
        Record deleted = before;
        deleted.meta.deleted = true;
        return Rows::softDelete(db, before.meta.id, error)
                && ChangeLog::recordOf<Kind>(db, deleted, {}, &before, actor.caller.userId, error)
                && WriteGateSupport::audit(db, actor, QStringLiteral("record.delete"),
                                           Kind::table(), before.meta.id, {}, error);
    }

private:
    // The fields of `set` whose value differs between `before` and `after`.
    static QStringList changing(const Record &before, const Record &after, const QStringList &set)
    {
        const QStringList differs = Rows::changedFields(before, after);
        QStringList chosen;
        for (const QString &field : set)
            if (differs.contains(field))
                chosen << field;
        return chosen;
    }

    // Whether `record` lies in the actor's scope. A command's authority is its flow or its
    // API key, not a person's scope.
    static bool inScope(QSqlDatabase &db, const WriteActor &actor, const Record &record,
                        bool *inside, QString *error)
    {
        if (actor.command()) {
            *inside = true;
            return true;
        }
        return Kind::inScope(db, actor.scope, record, inside, error);
    }

    static std::optional<WriteRefusal> refusedKind(const WriteActor &actor)
    {
        if constexpr (IsReadOnlyKind<Kind>::value) {
            if (!actor.command())
                return WriteGateSupport::readOnly(Kind::readOnlyReason());
        }
        return std::nullopt;
    }

    // The kind's own rules; they may take fields the server writes itself out of `set`.
    static std::optional<WriteRefusal> refusedByKind(const WriteActor &actor, const Record *before,
                                                     Record &record, QStringList *set)
    {
        if (actor.command())
            return std::nullopt;
        if (const std::optional<QString> refused =
                    checkWrite<Kind>(actor.caller, before, record, set))
            return WriteGateSupport::forbidden(QStringLiteral("not_allowed"), *refused);
        return std::nullopt;
    }

    // Every field in `set` fits its length; every one in `chosen` is the actor's to write.
    static std::optional<WriteRefusal> refusedFields(const WriteActor &actor,
                                                     const QJsonObject &json,
                                                     const QStringList &set,
                                                     const QStringList &chosen)
    {
        if (auto refused = WriteGateSupport::tooLong(Kind::type, json, set))
            return refused;
        return WriteGateSupport::notWritable(actor, Kind::type, chosen);
    }

    static std::optional<WriteRefusal> refusedRecord(Record &record)
    {
        RecordValidator::normalize(record);
        if (const FieldIssues issues = RecordValidator::validate(record); !issues.isEmpty())
            return WriteGateSupport::invalid(issues);
        return std::nullopt;
    }

    // The owner rule, where the owner or the branch is set or changes.
    static bool checkOwner(QSqlDatabase &db, const WriteActor &actor, const Record &before,
                           Record &after, const QStringList &chosen,
                           std::optional<WriteRefusal> *refusal, QString *error)
    {
        if constexpr (HasOwner<Record>::value) {
            const bool ownerMoves = after.ownerId != before.ownerId;
            const bool branchMoves = chosen.contains(QStringLiteral("branch_id"));
            if (!ownerMoves && !branchMoves)
                return true;
            // A command never moves a record; only people, within their scope, do.
            if (actor.command() && !before.meta.id.isEmpty()
                && !(actor.commandFields.contains(QStringLiteral("owner_id"))
                     || actor.commandFields.contains(QStringLiteral("branch_id")))) {
                *refusal = WriteGateSupport::outOfScope(false);
                return true;
            }
            return WriteGateSupport::checkOwner(db, Kind::type, actor, after.ownerId, ownerMoves,
                                                &after.branchId, branchMoves, refusal, error);
        } else {
            Q_UNUSED(db);
            Q_UNUSED(actor);
            Q_UNUSED(before);
            Q_UNUSED(after);
            Q_UNUSED(chosen);
            Q_UNUSED(refusal);
            Q_UNUSED(error);
            return true;
        }
    }
};

} // namespace branchline::server
