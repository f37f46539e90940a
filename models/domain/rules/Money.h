// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>
#include <QString>

namespace branchline {

// Money as people read it: amounts are kept in fen (分) as whole numbers — money is never a
// float — and shown in yuan with the currency sign, the locale's grouping and decimal point,
// and always two decimals: "¥1,234,567.80". Branchline's customers deal in renminbi only,
// so the sign is ¥ in every language (English locales would otherwise write "CN¥").
class Money
{
public:
    static QString format(qint64 fen, const QLocale &locale = QLocale());
};

} // namespace branchline
