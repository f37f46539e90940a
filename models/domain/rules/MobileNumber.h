// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/rules/IdentifierCheck.h"

#include <QString>

namespace branchline {

// A mainland China mobile number: 11 digits starting 13 to 19, optionally written with the
// country code (+86, 0086 or 86) and with spaces or dashes ("+86 138-0013-8000").
class MobileNumber
{
public:
    // Checks in this order: empty, country prefix, characters, length, network prefix.
    // The normalized form is the bare 11 digits, which is what is stored and matched.
    static IdentifierCheck check(const QString &input);
};

} // namespace branchline
