// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SaveResult.h"
#include "domain/records/Customer.h"
#include "domain/records/Lead.h"
#include "domain/rules/Role.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace branchline {

// Turns a lead into a customer on this computer, online or not. One local transaction
// inserts the customer and marks the lead converted with the customer's id, each write with
// its outbox row, customer first: the server applies a push in order, and it accepts the
// lead's link only to a customer it already has (docs/server.md). If anything is refused,
// nothing is saved.
class LeadConversion
{
    Q_DECLARE_TR_FUNCTIONS(LeadConversion)

public:
    LeadConversion(const QSqlDatabase &db, Role role, const QString &userId);

    // Whether the role may convert leads: change a lead's status and link, and enter a new
    // customer's name, identifiers and phone (FieldPolicy). Sales reps may; branch managers
    // read personal data but do not capture it, so they hand the lead to a rep instead.
    static bool mayConvert(Role role);

    // The customer a lead suggests, for a person to check and complete: the company's name
    // (or the person's, without one), a kind guessed from the product interest and the
    // company, the city and a phone number that is there in full. The owner and branch are
    // the lead's when the role may assign records, else the user's own, as the server
    // would make them anyway. A new customer is a prospect.
    Customer draft(const Lead &lead) const;

    // Inserts `customer` and converts lead `leadId` into it. On success `customer` has its
    // new id; on failure nothing was written and the result lists the problems by field (the
    // customer's columns) or the store's error.
    SaveResult convert(const QString &leadId, Customer &customer);

private:
    QSqlDatabase m_db;
    Role m_role;
    QString m_userId;
};

} // namespace branchline
