// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Authenticator.h"
#include "core/Database.h"

#include <QJsonObject>
#include <QUrlQuery>

namespace branchline::server {

// Customers through the API: every call is limited to the caller's data scope, every field
// to the caller's field permissions, PII is masked unless the role may see it and the
// request gives a reason (which is audited), and every write is validated with the same
// rules as the client and audited in its own transaction.
class CustomerService
{
    Q_DECLARE_TR_FUNCTIONS(CustomerService)

public:
    struct Outcome
    {
        int status = 200;
        QJsonObject body; // the record(s), or {code, message[, issues]}
    };

    explicit CustomerService(const Database &database);

    // ?q= (name, or a full ID / credit code / phone), kind, status, risk_level, limit (1-200),
    // after_name + after_id (the previous page's "next").
    Outcome list(const Caller &caller, const QUrlQuery &query) const;
    // `reveal` names PII fields to show in clear; `reason` is required with it.
    Outcome get(const Caller &caller, const QString &id, const QStringList &reveal,
                const QString &reason) const;
    Outcome create(const Caller &caller, const QJsonObject &body) const;
    Outcome update(const Caller &caller, const QString &id, const QJsonObject &body) const;
    Outcome remove(const Caller &caller, const QString &id) const;

private:
    const Database &m_database;
};

} // namespace branchline::server
