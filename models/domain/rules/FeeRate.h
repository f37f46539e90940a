// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>
#include <QString>

namespace branchline {

// A merchant's fee rate (费率) as stored and sent: a whole number of millionths of the
// transaction amount, so 0.38 % is 3800 and 0.6 % is 6000. Rates, like money, are never
// floats: a rate change approved as 0.38 % must stay exactly that through every sum.
class FeeRate
{
public:
    static constexpr qint64 perMillion = 1000000;
    // Millionths in one percent.
    static constexpr qint64 perPercent = perMillion / 100;

    // "0.38%" in the locale's digits and decimal point: at least two decimals, up to four
    // when the rate has them ("0.385%").
    static QString format(qint64 millionths, const QLocale &locale = QLocale());
};

} // namespace branchline
