// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/records/MerchantRecords.h"
#include "store/StoreError.h"

#include <QList>
#include <QSqlDatabase>

namespace branchline {

// What the institution's other systems tell about a merchant, as sync pulled it: its
// terminals and its monthly volume. Read-only on this device (the server refuses writes),
// so there is nothing here to save.
class MerchantFeedRepository
{
public:
    explicit MerchantFeedRepository(const QSqlDatabase &db);

    // A merchant's terminals: the ones in use first, then by serial number.
    QList<Terminal> terminals(const QString &customerId, StoreError *error = nullptr) const;
    // The merchant's last `months` months that have figures, oldest first.
    QList<MerchantVolume> lastMonths(const QString &customerId, int months,
                                     StoreError *error = nullptr) const;

private:
    QSqlDatabase m_db;
};

} // namespace branchline
