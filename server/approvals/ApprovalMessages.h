// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

namespace branchline::server {

// What the server tells a requester or an approver whose request or decision did not go
// through, and the administrator of flows. Each pairs with a stable code (docs/approvals.md)
// the client may act on; the text is what it shows. Kept in one place so lupdate finds
// every string and the codes stay in step.
class ApprovalMessages
{
    Q_DECLARE_TR_FUNCTIONS(ApprovalMessages)

public:
    // Making a request.
    static QString unknownFlow(const QString &code);
    static QString recordNotFound();
    static QString reasonRequired();
    static QString unknownRequestField(const QString &field);
    static QString otherFieldsProposed(const QString &fields);
    static QString wholeNumberRange(const QString &field, qint64 low, qint64 high);
    static QString noChange();
    static QString invalidAfter(const QString &issues);
    static QString onboardingNotApplicable();
    static QString merchantsOnly();
    static QString borrowersOnly();
    static QString raiseNotHigher(qint64 currentFen);
    static QString alreadyTerminated();
    static QString kycExceptionStatus();
    static QString alreadyOpen();
    static QString noApprover(const QString &step);
    static QString recordDeleted();
    static QString staleRequest(const QString &fields);

    // Deciding.
    static QString requestNotFound();
    static QString badDecision();
    static QString ownRequest();
    static QString notRequester();
    static QString withdrawn();
    static QString alreadyApproved();
    static QString alreadyRejected();
    static QString returnedToRequester();
    static QString stepUnknown(int position);
    static QString coApproverApproved(const QString &who);
    static QString coApproverRejected(const QString &who);
    static QString coApproverReturned(const QString &who);
    static QString youAlreadyDecided();
    static QString notApprover();
    static QString delegatedTo(const QString &who);
    static QString lostRight();
    static QString delegatorLostRight(const QString &who);
    static QString commentRequired();
    static QString badDelegate();
    static QString delegateAlreadyApprover(const QString &who);
    static QString stepsReadOnly();
    static QString decisionsFinal();
    static QString requestReadOnly();
    static QString commentTooLong(int limit);

    // Administering flows.
    static QString adminOnly();
    static QString flowNotFound(const QString &code);
    static QString versionNotFound(const QString &code, int version);
    static QString unknownUser(const QString &id);
    static QString definitionRequired();

    // A user's name for a message: their display name, or the id when it is unknown.
    static QString nameOr(const QString &displayName, const QString &id);
};

} // namespace branchline::server
