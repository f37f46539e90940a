// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/records/SyncMeta.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace branchline {

// The approval tables of local migration 8 as the inbox reads them (docs/approvals.md).
// Vocabularies stay the server's codes ("pending", "any", "approve"); ApprovalText puts
// them into words.

// One place on a step: who was made an approver, who may decide it now (a delegate after a
// delegation) and what was decided.
struct ApproverSlot
{
    QString userId;
    QString via; // role, manager, user, record_field, escalation
    QString holderId; // who decides this place now
    QString decision; // "" while open; approve, reject, return
    QString decidedBy;
    QDateTime decidedAt;

    bool isOpen() const { return decision.isEmpty(); }
};

struct ApprovalStep
{
    QString id;
    int position = 0;
    int round = 1;
    QString nameEn;
    QString nameZh;
    QString mode; // any (或签) or all (会签)
    QString state; // waiting, pending, approved, rejected, returned, cancelled
    QList<ApproverSlot> approvers;
    int dueHours = 0;
    QDateTime dueAt;
    QDateTime decidedAt;
    int escalations = 0;

    bool isPending() const { return state == QLatin1String("pending"); }
};

struct ApprovalDecision
{
    // Recorded: the server's row. Queued: made here, not yet answered (or answered and its
    // row not pulled yet). Refused: the server journalled a refusal for it.
    enum class Delivery { Recorded, Queued, Refused };

    QString id;
    QString requestId;
    int expectedStep = 0;
    QString deciderId;
    QString onBehalfOf;
    QString decision; // approve, reject, return, delegate, withdraw
    QString delegateTo;
    QString comment;
    QDateTime decidedAt;
    Delivery delivery = Delivery::Recorded;
    QString refusalCode;
    QString refusalMessage; // the server's words, in the language it answered in
};

struct ApprovalRequest
{
    SyncMeta meta;
    QString flowCode;
    QString recordTable;
    QString recordId;
    QString recordLabel;
    QString requesterId;
    QJsonObject proposed;
    QJsonObject before; // the same fields when asked: the diff's left side
    QString reason;
    QString status; // pending, approved, rejected, returned, withdrawn
    int currentStep = 0;
    int round = 1;
    QDateTime decidedAt;
    bool queued = false; // made here and still in the outbox
    QString refusalCode; // the server refused the request itself
    QString refusalMessage;

    bool isPending() const { return status == QLatin1String("pending"); }
    bool isRefused() const { return !refusalCode.isEmpty() && meta.version == 0; }
};

// A request with its steps and decisions and the names the inbox shows.
struct ApprovalItem
{
    ApprovalRequest request;
    QList<ApprovalStep> steps; // by position
    QList<ApprovalDecision> decisions; // by time
    QString requesterName;
    QString customerName; // the customer as this device holds it; empty when it has none

    // The step waiting for a decision, or nullptr.
    const ApprovalStep *currentStep() const;
    // The customer as people know it: this device's name for it, else the server's label.
    QString label() const;
};

} // namespace branchline
