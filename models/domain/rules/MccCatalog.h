// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

namespace branchline {

// What common merchant category codes (MCC, ISO 18245, as China UnionPay assigns them)
// stand for, for the merchant panel. Not the whole standard: a code not listed here is
// shown as the bare number.
class MccCatalog
{
    Q_DECLARE_TR_FUNCTIONS(MccCatalog)

public:
    // "Restaurants" for "5812"; empty for a code not in the catalog.
    static QString description(const QString &mcc);
};

} // namespace branchline
