// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/rules/CreditCode.h"

#include <array>

namespace branchline {

namespace {

// GB 32100-2015, 4.1: the 31 characters a code may use; a character's value is its index.
constexpr QLatin1String kAlphabet("0123456789ABCDEFGHJKLMNPQRTUWXY");
constexpr std::array<int, 17> kWeights{ 1,  3,  9,  27, 19, 26, 16, 17, 20,
                                        29, 25, 13, 8,  24, 10, 30, 28 };

// GB 32100-2015 table 1 with its amendment No. 1: 1 机构编制, 2 外交, 3 司法行政, 4 文化,
// 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商 (market regulation), A 中央军委改革和编制办公室,
// N 农业 (rural collectives), Y 其他. No other first character has been assigned.
constexpr QLatin1String kAuthorities("123456789ANY");

// GB 11714-1997: weights of the organisation code's first 8 characters.
constexpr std::array<int, 8> kOrganisationWeights{ 3, 7, 9, 10, 5, 8, 4, 2 };

constexpr qsizetype kLength = 18;

qsizetype alphabetValue(QChar c)
{
    return kAlphabet.indexOf(c);
}

// GB 11714 values digits 0-9 and letters A-Z as 10-35.
int organisationValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'A' && u <= u'Z')
        return u - u'A' + 10;
    return -1;
}

QString characterAt(const QString &s, qsizetype i)
{
    // Keep a surrogate pair whole so the message shows the character that was typed.
    return s.mid(i, s.at(i).isHighSurrogate() ? 2 : 1);
}

IdentifierCheck problem(IdentifierCheck check, IdentifierProblem p, const QString &detail = {})
{
    check.problem = p;
    check.detail = detail;
    return check;
}

} // namespace

QChar CreditCode::checkCharacter(const QString &first17)
{
    if (first17.size() != kLength - 1)
        return {};
    qsizetype sum = 0;
    for (qsizetype i = 0; i < first17.size(); ++i) {
        const qsizetype value = alphabetValue(first17.at(i));
        if (value < 0)
            return {};
        sum += value * kWeights.at(static_cast<std::size_t>(i));
    }
    const qsizetype check = (31 - sum % 31) % 31;
    return kAlphabet.at(check);
}

QChar CreditCode::organisationCheckCharacter(const QString &first8)
{
    if (first8.size() != 8)
        return {};
    int sum = 0;
    for (qsizetype i = 0; i < first8.size(); ++i) {
        const int value = organisationValue(first8.at(i));
        if (value < 0)
            return {};
        sum += value * kOrganisationWeights.at(static_cast<std::size_t>(i));
    }
    const int check = 11 - sum % 11;
    if (check == 10)
        return QLatin1Char('X');
    if (check == 11)
        return QLatin1Char('0');
    return QChar(u'0' + check);
}

IdentifierCheck CreditCode::check(const QString &input)
{
    IdentifierCheck result;
    result.kind = IdentifierKind::CreditCode;
    result.normalized = IdentifierCheck::clean(input);
    const QString &code = result.normalized;

    if (code.isEmpty())
        return problem(result, IdentifierProblem::Empty);
    for (qsizetype i = 0; i < code.size(); ++i) {
        if (alphabetValue(code.at(i)) < 0)
            return problem(result, IdentifierProblem::InvalidCharacter, characterAt(code, i));
    }
    if (code.size() != kLength)
        return problem(result, IdentifierProblem::WrongLength);
    if (!kAuthorities.contains(code.at(0)))
        return problem(result, IdentifierProblem::BadPrefix, code.left(1));
    for (qsizetype i = 2; i < 8; ++i) {
        if (!code.at(i).isDigit())
            return problem(result, IdentifierProblem::BadRegion, code.mid(2, 6));
    }
    const QChar organisationCheck = organisationCheckCharacter(code.mid(8, 8));
    if (code.at(16) != organisationCheck)
        return problem(result, IdentifierProblem::BadOrganisationCode, QString(organisationCheck));
    const QChar check = checkCharacter(code.left(kLength - 1));
    if (code.at(kLength - 1) != check)
        return problem(result, IdentifierProblem::BadCheckCharacter, QString(check));
    return result;
}

} // namespace branchline
