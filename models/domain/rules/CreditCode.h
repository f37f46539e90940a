// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/rules/IdentifierCheck.h"

#include <QChar>
#include <QString>

namespace branchline {

// The unified social credit code (统一社会信用代码) of a company or other organisation,
// GB 32100-2015: 18 characters from "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I, O, S, V, Z):
//   1       registering authority (1-9, A, N, Y)
//   2       organisation category
//   3-8     administrative division of the registering authority (GB/T 2260, digits)
//   9-17    organisation code (GB 11714), itself ending in a check character
//   18      check character over the first 17
class CreditCode
{
public:
    // Checks in this order: empty, characters, length, authority, region, organisation
    // code, check character. The organisation code comes before the last character so a
    // typing error inside it is not "fixed" by changing the last character to match.
    static IdentifierCheck check(const QString &input);

    // The 18th character for a 17-character body; a null QChar if `first17` is not 17
    // characters of the code's alphabet.
    static QChar checkCharacter(const QString &first17);

    // The 9th character of a GB 11714 organisation code (0-9 or X) for its first 8
    // characters (digits or capital letters); a null QChar if `first8` is not that.
    static QChar organisationCheckCharacter(const QString &first8);
};

} // namespace branchline
