// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/rules/ResidentIdNumber.h"

#include <QLatin1String>

#include <array>

namespace branchline {

namespace {

constexpr qsizetype kLength = 18;
constexpr std::array<int, 17> kWeights{ 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
// Indexed by the weighted sum modulo 11.
constexpr QLatin1String kCheckCharacters("10X98765432");

// First two digits of GB/T 2260 province-level divisions. 71 is Taiwan, 81 Hong Kong and
// 82 Macao; 83 is not a division but is what residence permits for Taiwan residents
// (台湾居民居住证, since 2018) carry, and those numbers follow GB 11643 in every other way,
// so a Taiwan customer living on the mainland can be onboarded with one.
constexpr int kProvinces[] = { 11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34,
                               35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
                               53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83 };

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

bool allDigits(QStringView s)
{
    for (const QChar c : s) {
        if (!isAsciiDigit(c))
            return false;
    }
    return true;
}

bool isProvince(int code)
{
    for (const int p : kProvinces) {
        if (p == code)
            return true;
    }
    return false;
}

QString characterAt(const QString &s, qsizetype i)
{
    // Keep a surrogate pair whole so the message shows the character that was typed.
    return s.mid(i, s.at(i).isHighSurrogate() ? 2 : 1);
}

// The date at positions 7-14 of a cleaned number of 18 characters.
QDate dateIn(const QString &number)
{
    if (number.size() != kLength || !allDigits(QStringView(number).mid(6, 8)))
        return {};
    const int year = QStringView(number).mid(6, 4).toInt();
    const int month = QStringView(number).mid(10, 2).toInt();
    const int day = QStringView(number).mid(12, 2).toInt();
    // QDate(y, m, d) for an impossible date such as 0230 is invalid, which is the answer.
    return QDate(year, month, day);
}

IdentifierCheck problem(IdentifierCheck check, IdentifierProblem p, const QString &detail = {})
{
    check.problem = p;
    check.detail = detail;
    return check;
}

} // namespace

QChar ResidentIdNumber::checkDigit(const QString &first17)
{
    if (first17.size() != kLength - 1 || !allDigits(first17))
        return {};
    int sum = 0;
    for (qsizetype i = 0; i < first17.size(); ++i)
        sum += (first17.at(i).unicode() - u'0') * kWeights.at(static_cast<std::size_t>(i));
    return kCheckCharacters.at(sum % 11);
}

QDate ResidentIdNumber::birthDate(const QString &idNumber)
{
    return dateIn(IdentifierCheck::clean(idNumber));
}

IdentifierCheck ResidentIdNumber::check(const QString &input, const QDate &today)
{
    IdentifierCheck result;
    result.kind = IdentifierKind::ResidentId;
    result.normalized = IdentifierCheck::clean(input); // also turns a lowercase x into X
    const QString &number = result.normalized;

    if (number.isEmpty())
        return problem(result, IdentifierProblem::Empty);
    for (qsizetype i = 0; i < number.size(); ++i) {
        if (!isAsciiDigit(number.at(i)) && number.at(i) != QLatin1Char('X'))
            return problem(result, IdentifierProblem::InvalidCharacter, characterAt(number, i));
    }
    // Length before the place of X: "12345X" is too short, not a misplaced X; and a
    // 15-digit number gets its own message (see IdentifierCheck::message()).
    if (number.size() != kLength)
        return problem(result, IdentifierProblem::WrongLength);
    const qsizetype x = number.indexOf(QLatin1Char('X'));
    if (x >= 0 && x != kLength - 1)
        return problem(result, IdentifierProblem::InvalidCharacter, number.mid(x, 1));
    const QString province = number.left(2);
    if (!isProvince(province.toInt()))
        return problem(result, IdentifierProblem::BadRegion, province);
    const QDate born = dateIn(number);
    // Nobody born before 1900 is alive to open an account; such a date is a typing error.
    static const QDate earliest(1900, 1, 1);
    if (!born.isValid() || born < earliest || (today.isValid() && born > today))
        return problem(result, IdentifierProblem::BadBirthDate, number.mid(6, 8));
    const QChar check = checkDigit(number.left(kLength - 1));
    if (number.at(kLength - 1) != check)
        return problem(result, IdentifierProblem::BadCheckCharacter, QString(check));
    return result;
}

} // namespace branchline
