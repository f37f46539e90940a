// SPDX-License-Identifier: GPL-3.0-or-later
#include "Money.h"

namespace branchline {

QString Money::format(qint64 fen, const QLocale &locale)
{
    // Unsigned, so the most negative amount has a magnitude too.
    const quint64 magnitude = fen < 0 ? 0 - quint64(fen) : quint64(fen);
    QString cents = locale.toString(magnitude % 100);
    if (cents.size() < 2)
        cents.prepend(locale.zeroDigit());
    const QString text = QStringLiteral("¥") + locale.toString(magnitude / 100)
            + locale.decimalPoint() + cents;
    return fen < 0 ? locale.negativeSign() + text : text;
}

} // namespace branchline
