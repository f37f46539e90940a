// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>

namespace branchline::server {

// A merchant's monthly volume (merchant_volumes), summed from the daily aggregates the
// transaction system posts (transaction_aggregates). Recomputed from all of the month's
// days inside the transaction that posts one of them, so the month always agrees with its
// days, and logged for sync so the merchant's reps and managers see it on their next pull.
class MerchantVolumes
{
public:
    // Sums `month` (yyyy-MM) of `customerId` again and writes the month's row when it
    // changed. Call inside the posting transaction; false only on a storage error.
    static bool recompute(QSqlDatabase &db, const QString &customerId, const QString &month,
                          QString *error);
};

} // namespace branchline::server
