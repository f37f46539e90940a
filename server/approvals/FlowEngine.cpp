// SPDX-License-Identifier: GPL-3.0-or-later
#include "FlowEngine.h"

#include "ApprovalMessages.h"

namespace branchline::server {

namespace {

// A branch tree deeper than this is a cycle an administrator made by mistake.
constexpr int maxTreeDepth = 64;

bool holds(const std::optional<FlowCondition> &condition, const RequestFacts &facts)
{
    return condition && condition->holds(facts);
}

void addUnique(QList<ApproverSlot> *approvers, const QList<ApproverSlot> &more)
{
    for (const ApproverSlot &slot : more) {
        bool present = false;
        for (const ApproverSlot &existing : std::as_const(*approvers))
            present = present || existing.userId == slot.userId;
        if (!present)
            approvers->append(slot);
    }
}

} // namespace

FlowEngine::FlowEngine(const OrgDirectory &directory)
    : m_directory(directory)
{
}

QString FlowEngine::ancestorAtLevel(const QString &branchId, const QString &level) const
{
    QString current = branchId;
    for (int depth = 0; depth < maxTreeDepth && !current.isEmpty(); ++depth) {
        const std::optional<DirectoryBranch> branch = m_directory.branch(current);
        if (!branch)
            return QString();
        if (branch->level == level)
            return branch->id;
        current = branch->parentId;
    }
    return QString();
}

FlowEngine::Found FlowEngine::walkUp(Role role, const QString &branchId,
                                     const QSet<QString> &excluded, const QString &via) const
{
    Found found;
    QString current = branchId;
    for (int depth = 0; depth < maxTreeDepth && !current.isEmpty(); ++depth) {
        for (const DirectoryUser &user : m_directory.holders(role, current)) {
            if (excluded.contains(user.id))
                continue;
            found.approvers << ApproverSlot{ user.id, via,       roleCode(role), current,
                                             user.id, QString(), QString(),      QString() };
        }
        if (!found.approvers.isEmpty()) {
            found.anchor = current;
            return found;
        }
        const std::optional<DirectoryBranch> branch = m_directory.branch(current);
        current = branch ? branch->parentId : QString();
    }
    return found;
}

std::optional<ApproverSlot> FlowEngine::namedSlot(const QString &userId, const QString &requesterId,
                                                  const QString &via) const
{
    const std::optional<DirectoryUser> user = m_directory.user(userId);
    if (!user || !user->active || user->id == requesterId)
        return std::nullopt;
    return ApproverSlot{ user->id, via,       QString(), QString(),
                         user->id, QString(), QString(), QString() };
}

FlowEngine::Found FlowEngine::resolveRule(const ApproverRule &rule, const QString &requesterId,
                                          const QString &branchId, const RequestFacts &facts) const
{
    const QSet<QString> requester{ requesterId };
    Found found;
    switch (rule.kind) {
    case ApproverRule::Kind::Role: {
        QString start;
        switch (rule.start) {
        case ApproverRule::Start::Own:
            start = branchId;
            break;
        case ApproverRule::Start::Parent: {
            const std::optional<DirectoryBranch> branch = m_directory.branch(branchId);
            start = branch ? branch->parentId : QString();
            break;
        }
        case ApproverRule::Start::Region:
            start = ancestorAtLevel(branchId, QStringLiteral("region"));
            break;
        case ApproverRule::Start::HeadOffice:
            start = ancestorAtLevel(branchId, QStringLiteral("head_office"));
            break;
        case ApproverRule::Start::Anywhere:
            for (const DirectoryUser &user : m_directory.holders(rule.role, QString()))
                if (user.id != requesterId)
                    found.approvers << ApproverSlot{ user.id,
                                                     QStringLiteral("role"),
                                                     roleCode(rule.role),
                                                     QString(),
                                                     user.id,
                                                     QString(),
                                                     QString(),
                                                     QString() };
            return found;
        }
        return walkUp(rule.role, start, requester, QStringLiteral("role"));
    }
    case ApproverRule::Kind::Manager: {
        // The requester's own manager when one is set and may act; otherwise the branch
        // manager of their branch, or the nearest one above it.
        const std::optional<DirectoryUser> requesterUser = m_directory.user(requesterId);
        if (requesterUser && !requesterUser->managerId.isEmpty()) {
            const std::optional<DirectoryUser> manager = m_directory.user(requesterUser->managerId);
            if (manager && manager->active && manager->id != requesterId) {
                found.approvers << ApproverSlot{ manager->id,
                                                 QStringLiteral("manager"),
                                                 roleCode(manager->role),
                                                 manager->branchId,
                                                 manager->id,
                                                 QString(),
                                                 QString(),
                                                 QString() };
                found.anchor = manager->branchId;
                return found;
            }
        }
        return walkUp(Role::BranchManager, branchId, requester, QStringLiteral("manager"));
    }
    case ApproverRule::Kind::Users:
        for (const QString &id : rule.userIds)
            if (const auto slot = namedSlot(id, requesterId, QStringLiteral("user")))
                found.approvers << *slot;
        return found;
    case ApproverRule::Kind::RecordField:
        if (const auto slot = namedSlot(facts.record.value(rule.field).toString(), requesterId,
                                        QStringLiteral("record_field")))
            found.approvers << *slot;
        return found;
    }
    return found;
}

Resolution FlowEngine::resolve(const FlowDefinition &flow, const QString &requesterId,
                               const QString &branchId, const RequestFacts &facts,
                               int firstPosition, int round) const
{
    Resolution resolution;
    int position = firstPosition;
    for (const StepDefinition &definition : flow.steps) {
        if ((definition.when && !holds(definition.when, facts)) || holds(definition.skipIf, facts))
            continue;
        StepState step;
        step.position = position++;
        step.round = round;
        step.key = definition.key;
        step.nameEn = definition.nameEn;
        step.nameZh = definition.nameZh;
        step.countersign = definition.countersign;
        step.dueHours = definition.dueHours;
        step.escalation = definition.escalation;
        for (const ApproverRule &rule : definition.approvers) {
            const Found found = resolveRule(rule, requesterId, branchId, facts);
            addUnique(&step.approvers, found.approvers);
            if (step.anchorBranchId.isEmpty())
                step.anchorBranchId = found.anchor;
        }
        if (step.anchorBranchId.isEmpty())
            step.anchorBranchId = branchId;
        if (step.approvers.isEmpty()) {
            resolution.steps.clear();
            resolution.code = QStringLiteral("no_approver");
            resolution.message = ApprovalMessages::noApprover(definition.nameEn);
            return resolution;
        }
        resolution.steps << step;
    }
    return resolution;
}

void FlowEngine::start(StepState &step, const QDateTime &now)
{
    step.state = QStringLiteral("pending");
    step.dueAt = step.dueHours > 0 ? now.addSecs(qint64(step.dueHours) * 3600) : QDateTime();
    step.changed = true;
}

QStringList FlowEngine::escalate(RequestState &request, const QDateTime &now) const
{
    StepState *step = request.step(request.currentStep);
    if (request.status != QLatin1String("pending") || !step || !step->isOpen()
        || step->escalation.kind == Escalation::Kind::None || !step->dueAt.isValid()
        || step->dueAt > now)
        return {};
    QSet<QString> excluded{ request.requesterId };
    for (const ApproverSlot &slot : std::as_const(step->approvers)) {
        excluded.insert(slot.userId);
        excluded.insert(slot.holderId);
    }
    Found found;
    if (step->escalation.kind == Escalation::Kind::ParentRole) {
        const std::optional<DirectoryBranch> anchor = m_directory.branch(step->anchorBranchId);
        found = walkUp(step->escalation.role, anchor ? anchor->parentId : QString(), excluded,
                       QStringLiteral("escalation"));
    } else if (!excluded.contains(step->escalation.userId)) {
        if (const auto slot = namedSlot(step->escalation.userId, request.requesterId,
                                        QStringLiteral("escalation")))
            found.approvers << *slot;
    }
    QStringList added;
    for (const ApproverSlot &slot : std::as_const(found.approvers)) {
        step->approvers << slot;
        added << slot.userId;
    }
    if (!found.anchor.isEmpty())
        step->anchorBranchId = found.anchor;
    ++step->escalations;
    step->dueAt = now.addSecs(qint64(step->dueHours) * 3600);
    step->changed = true;
    return added;
}

bool FlowEngine::stillQualifies(const ApproverSlot &slot) const
{
    const std::optional<DirectoryUser> user = m_directory.user(slot.userId);
    if (!user || !user->active)
        return false;
    if (!slot.role.isEmpty() && roleCode(user->role) != slot.role)
        return false;
    return slot.branchId.isEmpty() || user->branchId == slot.branchId;
}

} // namespace branchline::server
