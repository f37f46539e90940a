// SPDX-License-Identifier: GPL-3.0-or-later
#include "FeeRate.h"

namespace branchline {

QString FeeRate::format(qint64 millionths, const QLocale &locale)
{
    const bool negative = millionths < 0;
    const quint64 magnitude = negative ? 0 - quint64(millionths) : quint64(millionths);
    const quint64 whole = magnitude / quint64(perPercent);
    // Four decimals of a percent, then trailing zeros dropped down to two.
    QString decimals =
            QStringLiteral("%1").arg(magnitude % quint64(perPercent), 4, 10, QLatin1Char('0'));
    while (decimals.size() > 2 && decimals.endsWith(QLatin1Char('0')))
        decimals.chop(1);
    QString digits;
    for (const QChar digit : std::as_const(decimals))
        digits += locale.toString(digit.digitValue());
    const QString text = locale.toString(whole) + locale.decimalPoint() + digits + locale.percent();
    return negative ? locale.negativeSign() + text : text;
}

} // namespace branchline
