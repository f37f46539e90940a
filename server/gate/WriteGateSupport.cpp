// SPDX-License-Identifier: GPL-3.0-or-later
#include "WriteGateSupport.h"

#include "core/AuditLog.h"
#include "records/RecordSupport.h"
#include "domain/rules/Ownership.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

namespace branchline::server {

namespace {

std::atomic<qint64> decisionCount{ 0 };

} // namespace

QString channelName(WriteChannel channel)
{
    switch (channel) {
    case WriteChannel::Api:
        return QStringLiteral("api");
    case WriteChannel::Sync:
        return QStringLiteral("sync");
    case WriteChannel::Resolution:
        return QStringLiteral("resolution");
    case WriteChannel::Approval:
        return QStringLiteral("approval");
    case WriteChannel::Integration:
        return QStringLiteral("integration");
    case WriteChannel::System:
        return QStringLiteral("system");
    }
    return QStringLiteral("unknown");
}

WriteRefusal WriteGateSupport::notFound(const QString &message)
{
    return WriteRefusal{ 404, QStringLiteral("not_found"), message, {} };
}

WriteRefusal WriteGateSupport::readOnly(const QString &message)
{
    return WriteRefusal{ 403, QStringLiteral("read_only"), message, {} };
}

WriteRefusal WriteGateSupport::appendOnly(const QString &message)
{
    return WriteRefusal{ 409, QStringLiteral("append_only"), message, {} };
}

WriteRefusal WriteGateSupport::forbidden(const QString &code, const QString &message)
{
    return WriteRefusal{ 403, code, message, {} };
}

WriteRefusal WriteGateSupport::invalid(const FieldIssues &issues)
{
    return WriteRefusal{ 422, QStringLiteral("invalid"), tr("The record has fields to correct."),
                         issues };
}

WriteRefusal WriteGateSupport::outOfScope(bool creating)
{
    return WriteRefusal{ 403,
                         QStringLiteral("out_of_scope"),
                         creating ? tr("You may not create it for that owner or branch.")
                                  : tr("You may not move it outside your scope."),
                         {} };
}

RecordOutcome WriteGateSupport::outcome(const WriteRefusal &refusal)
{
    RecordOutcome outcome = RecordSupport::failure(refusal.status, refusal.code, refusal.message);
    if (!refusal.issues.isEmpty()) {
        QJsonArray issues;
        for (const FieldIssue &issue : refusal.issues)
            issues.append(QJsonObject{ { QStringLiteral("field"), issue.field },
                                       { QStringLiteral("message"), issue.message } });
        outcome.body.insert(QStringLiteral("issues"), issues);
    }
    return outcome;
}

std::optional<WriteRefusal> WriteGateSupport::tooLong(RecordType type, const QJsonObject &json,
                                                      const QStringList &set)
{
    for (const QString &field : set) {
        const QJsonValue value = json.value(field);
        const int limit = FieldPolicy::maxLength(type, field);
        const qsizetype length = value.isString()
                ? value.toString().size()
                : (value.isDouble() ? QString::number(value.toDouble(), 'g', 17).size() : 0);
        if (length > limit)
            return WriteRefusal{
                400,
                QStringLiteral("too_long"),
                tr("\"%1\" is too long: at most %n characters.", nullptr, limit).arg(field),
                { FieldIssue{ field,
                              tr("This text is too long: at most %n "
                                 "characters.",
                                 nullptr, limit) } }
            };
    }
    return std::nullopt;
}

std::optional<WriteRefusal> WriteGateSupport::notWritable(const WriteActor &actor, RecordType type,
                                                          const QStringList &set)
{
    for (const QString &field : set) {
        if (actor.command()) {
            if (actor.commandFields.contains(field))
                continue;
            return forbidden(QStringLiteral("field_not_editable"),
                             tr("This change may not set \"%1\".").arg(field));
        }
        if (FieldPolicy::permission(actor.caller.role, type, field) == FieldPermission::Editable)
            continue;
        return forbidden(QStringLiteral("field_not_editable"),
                         FieldPolicy::isSensitive(type, field)
                                 ? tr("\"%1\" changes only through an approval or by the role "
                                      "responsible for it.")
                                           .arg(field)
                                 : tr("Your role may not change \"%1\".").arg(field));
    }
    return std::nullopt;
}

bool WriteGateSupport::checkOwner(QSqlDatabase &db, RecordType type, const WriteActor &actor,
                                  const QString &ownerId, bool ownerChanged, QString *branchId,
                                  bool branchChosen, std::optional<WriteRefusal> *refusal,
                                  QString *error)
{
    if (ownerId.isEmpty())
        return true; // unassigned (a lead waiting for a manager): the branch alone scopes it
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT role, branch_id, disabled FROM users WHERE id = ?"));
    query.addBindValue(ownerId);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    const bool found = query.next();
    const std::optional<Role> role =
            found ? roleFromCode(query.value(0).toString()) : std::optional<Role>();
    const QString ownerBranch = found ? query.value(1).toString() : QString();
    if (!found || query.value(2).toInt() != 0 || !role || !Ownership::mayOwn(*role, type)) {
        *refusal = WriteRefusal{ 422,
                                 QStringLiteral("bad_owner"),
                                 tr("The owner must be an active user whose role may own this "
                                    "record."),
                                 { FieldIssue{ QStringLiteral("owner_id"),
                                               tr("Choose an active sales rep or manager.") } } };
        return true;
    }
    if (!actor.command() && actor.scope.reach() == DataScope::Reach::BranchSubtree
        && !actor.scope.branchIds().contains(ownerBranch)) {
        *refusal = WriteRefusal{ 403,
                                 QStringLiteral("out_of_scope"),
                                 tr("The owner works outside your branches: you may hand records "
                                    "only to people in your branch and the branches below it."),
                                 { FieldIssue{ QStringLiteral("owner_id"),
                                               tr("Choose someone in your branches.") } } };
        return true;
    }
    if (ownerChanged && !branchChosen)
        *branchId = ownerBranch;
    return true;
}

bool WriteGateSupport::audit(QSqlDatabase &db, const WriteActor &actor,
                             const QString &defaultAction, const QString &table, const QString &id,
                             const QStringList &fields, QString *error)
{
    if (actor.auditedByBatch)
        return true;
    QJsonObject detail = actor.auditDetail;
    if (!fields.isEmpty())
        detail.insert(QStringLiteral("fields"), QJsonArray::fromStringList(fields));
    detail.insert(QStringLiteral("via"), channelName(actor.channel));
    const QString action = actor.auditAction.isEmpty() ? defaultAction : actor.auditAction;
    return AuditLog::append(
            db, { actor.caller.userId, action, table, id, QString(), RecordSupport::json(detail) },
            error);
}

void WriteGateSupport::noteDecision()
{
    ++decisionCount;
}

qint64 WriteGateSupport::decisions()
{
    return decisionCount.load();
}

} // namespace branchline::server
