// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/rules/MobileNumber.h"

#include <QLatin1String>

namespace branchline {

namespace {

constexpr qsizetype kLength = 11;

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

// Removes the country code. A bare "86" is taken as one only when 11 digits follow, since
// nothing else tells it apart from the start of a mistyped number.
QString withoutCountryCode(const QString &number)
{
    if (number.startsWith(QLatin1String("+86")))
        return number.mid(3);
    if (number.startsWith(QLatin1String("0086")))
        return number.mid(4);
    if (number.startsWith(QLatin1String("86")) && number.size() == kLength + 2)
        return number.mid(2);
    return number;
}

IdentifierCheck problem(IdentifierCheck check, IdentifierProblem p, const QString &detail = {})
{
    check.problem = p;
    check.detail = detail;
    return check;
}

} // namespace

IdentifierCheck MobileNumber::check(const QString &input)
{
    IdentifierCheck result;
    result.kind = IdentifierKind::Mobile;
    const QString cleaned = IdentifierCheck::clean(input);
    result.normalized = withoutCountryCode(cleaned);
    const QString &number = result.normalized;

    if (cleaned.isEmpty())
        return problem(result, IdentifierProblem::Empty);
    // Another country code: the number may be fine, but it is not a mainland mobile.
    if (number.startsWith(QLatin1Char('+')))
        return problem(result, IdentifierProblem::BadPrefix, QStringLiteral("+"));
    if (number.isEmpty())
        return problem(result, IdentifierProblem::WrongLength);
    for (qsizetype i = 0; i < number.size(); ++i) {
        if (!isAsciiDigit(number.at(i)))
            return problem(result, IdentifierProblem::InvalidCharacter,
                           number.mid(i, number.at(i).isHighSurrogate() ? 2 : 1));
    }
    if (number.size() != kLength)
        return problem(result, IdentifierProblem::WrongLength);
    const QChar second = number.at(1);
    if (number.at(0) != QLatin1Char('1') || second < QLatin1Char('3') || second > QLatin1Char('9'))
        return problem(result, IdentifierProblem::BadPrefix, number.left(2));
    return result;
}

} // namespace branchline
