// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Database.h"

namespace branchline::server {

// The merchant detail of the demo organisation, for customers DemoSeeder has written:
// fee rates (0.38 % debit, 0.60 % credit, 0.38 % QR and the usual discounts), settlement
// accounts, borrowers' credit limits, terminals by the merchant's status, twelve complete
// months of volume with the Chinese retail seasons (Spring Festival, 618, Golden Week,
// Double 11) and the KYC checklist in the state each customer's KYC status implies.
// Deterministic for a seed.
//
// The months are written directly, without the daily aggregates behind them: once the
// transaction system posts a day of a month, that month is summed from its posted days
// (MerchantVolumes).
class DemoMerchantSeeder
{
public:
    explicit DemoMerchantSeeder(const Database &database);
    bool seed(quint64 seed, QString *error);

private:
    const Database &m_database;
};

} // namespace branchline::server
