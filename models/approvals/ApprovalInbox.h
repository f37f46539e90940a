// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "approvals/ApprovalRecords.h"

#include <optional>

namespace branchline {

// Which of the inbox's boxes a request belongs in for one person, from the rows alone (no
// SQL, so the rules are tested on their own). A request may be in more than one box: a
// manager's own request is "requested by me", a finished one they decided "decided".
class ApprovalInbox
{
public:
    enum class Box { WaitingForMe, RequestedByMe, Decided };

    explicit ApprovalInbox(QString userId);

    bool contains(Box box, const ApprovalItem &item) const;

    // Waiting for me: the request is pending, its current step holds an open place whose
    // holder is me, and no decision of mine on that step is queued or was refused.
    bool isWaitingForMe(const ApprovalItem &item) const;
    // My decision on the current round made here and not yet recorded by the server.
    std::optional<ApprovalDecision> queuedDecision(const ApprovalItem &item) const;
    // The newest refusal of something I sent about this request (a decision, or the
    // request itself), if any.
    std::optional<QString> refusal(const ApprovalItem &item) const;
    // Whether I decided any step of it (recorded, queued or refused), withdrawals aside.
    bool decidedByMe(const ApprovalItem &item) const;
    // Whether I may still withdraw it: mine, pending, and no withdrawal queued.
    bool canWithdraw(const ApprovalItem &item) const;

    QString userId() const { return m_userId; }

private:
    QString m_userId;
};

} // namespace branchline
