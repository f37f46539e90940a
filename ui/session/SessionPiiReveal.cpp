// SPDX-License-Identifier: GPL-3.0-or-later
#include "SessionPiiReveal.h"

#include "Session.h"

namespace branchline {

SessionPiiReveal::SessionPiiReveal(Session &session, QObject *parent)
    : PiiRevealService(parent)
    , m_session(session)
{
    connect(&session, &Session::piiRevealed, this, &PiiRevealService::answered);
}

quint64 SessionPiiReveal::reveal(const QString &customerId, const QStringList &fields,
                                 const QString &reason)
{
    return m_session.revealPii(customerId, fields, reason);
}

} // namespace branchline
