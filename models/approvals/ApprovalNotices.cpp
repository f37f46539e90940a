// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApprovalNotices.h"

#include "approvals/ApprovalInbox.h"
#include "approvals/ApprovalText.h"
#include "repositories/Directory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace branchline {

namespace {
const QString seenKey = QStringLiteral("approvals.notified");
}

ApprovalNotices::ApprovalNotices(const QSqlDatabase &db, QString userId)
    : m_db(db)
    , m_userId(std::move(userId))
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT value FROM store_meta WHERE key = ?"));
    query.addBindValue(seenKey);
    if (!query.exec() || !query.next())
        return;
    m_known = true;
    const QJsonArray seen = QJsonDocument::fromJson(query.value(0).toByteArray()).array();
    for (const QJsonValue &key : seen)
        m_seen.insert(key.toString());
}

QList<QPair<QString, ApprovalNotice>>
ApprovalNotices::events(const QList<ApprovalItem> &items) const
{
    QList<QPair<QString, ApprovalNotice>> found;
    const ApprovalInbox inbox(m_userId);
    const Directory directory(m_db);
    for (const ApprovalItem &item : items) {
        const ApprovalRequest &request = item.request;
        const QString flow = ApprovalText::flowName(request.flowCode);
        if (inbox.isWaitingForMe(item)) {
            // Once per step of each round: a resubmitted request is news again.
            const QString key = QStringLiteral("w:%1:%2:%3")
                                        .arg(request.meta.id)
                                        .arg(request.round)
                                        .arg(request.currentStep);
            found.append({ key,
                           { request.meta.id, tr("Waiting for your approval"),
                             tr("%1 for %2, asked by %3")
                                     .arg(flow, item.label(), item.requesterName) } });
        }
        if (request.requesterId != m_userId)
            continue;
        for (const ApprovalDecision &decision : item.decisions) {
            if (decision.deciderId == m_userId
                || decision.delivery != ApprovalDecision::Delivery::Recorded)
                continue;
            const QString who = directory.userName(decision.deciderId);
            found.append({ QStringLiteral("d:") + decision.id,
                           { request.meta.id,
                             tr("%1: %2").arg(flow, ApprovalText::decision(decision.decision)),
                             decision.comment.isEmpty()
                                     ? tr("%1 for %2, by %3")
                                               .arg(ApprovalText::decision(decision.decision),
                                                    item.label(), who)
                                     : tr("%1 for %2, by %3: %4")
                                               .arg(ApprovalText::decision(decision.decision),
                                                    item.label(), who, decision.comment) } });
        }
    }
    return found;
}

QList<ApprovalNotice> ApprovalNotices::fresh(const QList<ApprovalItem> &items)
{
    QList<ApprovalNotice> notices;
    QSet<QString> current;
    for (const auto &event : events(items)) {
        current.insert(event.first);
        if (m_seen.contains(event.first))
            continue;
        if (m_known)
            notices << event.second;
    }
    // Only the events still there are remembered: one that is gone (the step moved on,
    // the request left the newest ones) cannot come back, so the record stays small.
    if (current != m_seen) {
        m_seen = current;
        m_changed = true;
    }
    if (!m_known) {
        m_known = true;
        m_changed = true; // the first look is recorded even when it found nothing
    }
    return notices;
}

bool ApprovalNotices::save(StoreError *error)
{
    if (!m_changed)
        return true;
    QJsonArray seen;
    for (const QString &key : std::as_const(m_seen))
        seen.append(key);
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)"));
    query.addBindValue(seenKey);
    query.addBindValue(QString::fromUtf8(QJsonDocument(seen).toJson(QJsonDocument::Compact)));
    if (!query.exec()) {
        if (error)
            *error = StoreError::fromSql(query.lastError());
        return false;
    }
    m_changed = false;
    return true;
}

} // namespace branchline
