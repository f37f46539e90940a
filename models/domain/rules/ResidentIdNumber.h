// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/rules/IdentifierCheck.h"

#include <QChar>
#include <QDate>
#include <QString>

namespace branchline {

// The citizen identity number (公民身份号码, 身份证号), GB 11643-1999: 18 characters,
//   1-6     administrative division of the place of household registration (GB/T 2260)
//   7-14    date of birth, YYYYMMDD
//   15-17   sequence number (the 17th is odd for men, even for women)
//   18      check character, 0-9 or X (for 10), over the first 17
// The 15-digit numbers of cards issued before 1999 are no longer valid and are refused.
class ResidentIdNumber
{
public:
    // Checks in this order: empty, characters, length, X placement, province, date of
    // birth, check character. A lowercase x is accepted and normalised to X. `today` is a
    // parameter so a birth date "in the future" can be tested without a clock.
    static IdentifierCheck check(const QString &input, const QDate &today = QDate::currentDate());

    // The 18th character for 17 digits; a null QChar if `first17` is not 17 digits.
    static QChar checkDigit(const QString &first17);

    // The date of birth in an 18-character number (cleaned first, so spaces are allowed);
    // an invalid QDate if there is no real date at positions 7-14.
    static QDate birthDate(const QString &idNumber);
};

} // namespace branchline
