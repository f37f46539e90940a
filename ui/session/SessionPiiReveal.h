// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "customers/PiiRevealService.h"

namespace branchline {

class Session;

// The 360° view's reveal requests, asked through the signed-in session: the sync worker
// sends them to the server on its own thread, and the answers come back queued.
class SessionPiiReveal : public PiiRevealService
{
    Q_OBJECT

public:
    explicit SessionPiiReveal(Session &session, QObject *parent = nullptr);

    quint64 reveal(const QString &customerId, const QStringList &fields,
                   const QString &reason) override;

private:
    Session &m_session;
};

} // namespace branchline
