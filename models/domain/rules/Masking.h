// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace branchline {

// The kinds of personal information (个人信息) that are shown masked by default.
enum class PiiKind { ResidentId, CreditCode, Phone, Account, Email, Name };

// Masks personal information for display, export and logs. What is kept is only enough to
// tell two records apart on screen ("138****5678"); a value too short to keep both ends
// is masked completely, so the clear value never comes back.
class Masking
{
public:
    //   ResidentId  first 6, last 4          110105********1234
    //   Phone       first 3, last 4          138****5678
    //   CreditCode  first 8, last 4          91350100******0Y43
    //   Account     first 4, last 4, fixed   6222 **** **** 1234 (length not revealed)
    //   Email       first character, domain  z***@example.com
    //   Name        first character          张**
    // Characters are counted as Unicode code points, so a name with a rare character
    // outside the BMP is never cut through a surrogate pair. An empty value stays empty.
    static QString mask(PiiKind kind, const QString &value);
};

} // namespace branchline
