// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalCommands.h"

#include "approvals/ApprovalInbox.h"
#include "approvals/ApprovalProposal.h"
#include "approvals/ApprovalRepository.h"
#include "repositories/CustomerRepository.h"
#include "repositories/Directory.h"
#include "repositories/RecordTable.h"

#include <QJsonDocument>

namespace branchline {

namespace {

QString jsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

SaveResult refuse(const QString &field, const QString &message)
{
    return SaveResult::invalid({ FieldIssue{ field, message } });
}

} // namespace

ApprovalCommands::ApprovalCommands(const QSqlDatabase &db, QString userId)
    : m_db(db)
    , m_userId(std::move(userId))
{
}

SaveResult ApprovalCommands::decide(const QString &requestId, int expectedStep,
                                    const QString &decision, const QString &comment,
                                    const QString &delegateTo)
{
    static const QStringList decisions{ QStringLiteral("approve"), QStringLiteral("reject"),
                                        QStringLiteral("return"), QStringLiteral("delegate") };
    if (!decisions.contains(decision))
        return refuse(QStringLiteral("decision"),
                      tr("A decision is approve, reject, return or delegate."));
    StoreError error;
    const std::optional<ApprovalItem> item = ApprovalRepository(m_db).find(requestId, &error);
    if (!item)
        return error.isError()
                ? SaveResult::failed(error)
                : refuse(QStringLiteral("request"), tr("This request is not on this computer."));
    if (item->request.requesterId == m_userId)
        return refuse(QStringLiteral("decision"),
                      tr("Nobody decides their own request: you made this one."));
    if (!item->request.isPending() || item->request.currentStep != expectedStep)
        return refuse(QStringLiteral("decision"),
                      tr("This step no longer waits for a decision; look at the request as it "
                         "is now."));
    if (!ApprovalInbox(m_userId).isWaitingForMe(*item))
        return refuse(QStringLiteral("decision"),
                      ApprovalInbox(m_userId).queuedDecision(*item)
                              ? tr("Your decision on this step is already waiting to be sent.")
                              : tr("You are not an approver of this step."));
    const QString trimmed = comment.trimmed();
    if (trimmed.isEmpty()
        && (decision == QLatin1String("reject") || decision == QLatin1String("return")))
        return refuse(QStringLiteral("comment"),
                      tr("Say why in a comment when you reject or return a request."));
    if (trimmed.size() > maxCommentLength)
        return refuse(QStringLiteral("comment"),
                      tr("A comment is at most %n characters.", nullptr, maxCommentLength));
    if (decision == QLatin1String("delegate")) {
        if (delegateTo.isEmpty())
            return refuse(QStringLiteral("delegate_to"), tr("Choose whom to delegate to."));
        if (delegateTo == m_userId || delegateTo == item->request.requesterId)
            return refuse(QStringLiteral("delegate_to"),
                          tr("Delegate to someone other than yourself and the requester."));
        const ApprovalStep *step = item->currentStep();
        for (const ApproverSlot &slot : step->approvers)
            if (slot.holderId == delegateTo || slot.userId == delegateTo)
                return refuse(QStringLiteral("delegate_to"),
                              tr("%1 is already an approver of this step.")
                                      .arg(Directory(m_db).userName(delegateTo)));
    }
    return insertDecision(requestId, expectedStep, decision, trimmed, delegateTo);
}

SaveResult ApprovalCommands::withdraw(const QString &requestId, const QString &comment)
{
    StoreError error;
    const std::optional<ApprovalItem> item = ApprovalRepository(m_db).find(requestId, &error);
    if (!item)
        return error.isError()
                ? SaveResult::failed(error)
                : refuse(QStringLiteral("request"), tr("This request is not on this computer."));
    if (item->request.requesterId != m_userId)
        return refuse(QStringLiteral("decision"), tr("Only the requester can withdraw a request."));
    if (!ApprovalInbox(m_userId).canWithdraw(*item))
        return refuse(QStringLiteral("decision"), tr("This request can no longer be withdrawn."));
    return insertDecision(requestId, item->request.currentStep, QStringLiteral("withdraw"),
                          comment.trimmed(), QString());
}

SaveResult ApprovalCommands::insertDecision(const QString &requestId, int expectedStep,
                                            const QString &decision, const QString &comment,
                                            const QString &delegateTo)
{
    SyncMeta meta;
    // decider_id and decided_at are the server's (it stamps the signed-in user and its own
    // time); they are written here so the decision shows at once.
    const RecordTable::Columns columns{
        { QStringLiteral("request_id"), requestId },
        { QStringLiteral("expected_step"), expectedStep },
        { QStringLiteral("decider_id"), m_userId },
        { QStringLiteral("decision"), decision },
        { QStringLiteral("delegate_to"), RecordTable::nullIfEmpty(delegateTo) },
        { QStringLiteral("comment"), comment },
        { QStringLiteral("decided_at"), RecordTable::nowText() },
    };
    StoreError error;
    if (!RecordTable(m_db, QStringLiteral("approval_decisions")).insert(meta, columns, &error))
        return SaveResult::failed(error);
    return SaveResult::success();
}

SaveResult ApprovalCommands::request(const QString &flowCode, const QString &customerId,
                                     QJsonObject proposed, const QString &reason,
                                     QString *requestId)
{
    StoreError error;
    const std::optional<Customer> customer = CustomerRepository(m_db).find(customerId, &error);
    if (!customer)
        return error.isError() ? SaveResult::failed(error)
                               : refuse(QStringLiteral("record"),
                                        tr("This customer is no longer on this computer."));
    if (FieldIssues issues = ApprovalProposal::check(flowCode, *customer, &proposed, reason);
        !issues.isEmpty())
        return SaveResult::invalid(std::move(issues));
    for (const ApprovalItem &open : ApprovalRepository(m_db).forRecord(customerId, &error))
        if (open.request.flowCode == flowCode && open.request.isPending()
            && !open.request.isRefused())
            return refuse(QStringLiteral("flow"),
                          tr("This customer already has an open request of this kind: wait for "
                             "its decision or withdraw it first."));
    QJsonObject before;
    for (auto it = proposed.constBegin(); it != proposed.constEnd(); ++it)
        before.insert(it.key(), ApprovalProposal::currentValue(*customer, it.key()));

    SyncMeta meta;
    const RecordTable::Columns columns{
        { QStringLiteral("flow_code"), flowCode },
        { QStringLiteral("record_table"), QStringLiteral("customers") },
        { QStringLiteral("record_id"), customerId },
        { QStringLiteral("record_label"), customer->legalName },
        { QStringLiteral("requester_id"), m_userId },
        { QStringLiteral("proposed"), jsonText(proposed) },
        { QStringLiteral("before_values"), jsonText(before) },
        { QStringLiteral("reason"), reason.trimmed() },
        { QStringLiteral("status"), QStringLiteral("pending") },
    };
    if (!RecordTable(m_db, QStringLiteral("approval_requests")).insert(meta, columns, &error))
        return SaveResult::failed(error);
    if (requestId)
        *requestId = meta.id;
    return SaveResult::success();
}

} // namespace branchline
