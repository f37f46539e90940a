// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/rules/IdentifierCheck.h"

namespace branchline {

namespace {

// Each identifier gets whole sentences of its own rather than one sentence with the name
// of the identifier filled in: translators need the full sentence to get the grammar right.

QString creditCodeMessage(const IdentifierCheck &check)
{
    switch (check.problem) {
    case IdentifierProblem::None:
        return {};
    case IdentifierProblem::Empty:
        return IdentifierCheck::tr("The unified social credit code is empty; enter the 18 "
                                   "characters printed on the business licence.");
    case IdentifierProblem::WrongLength:
        return IdentifierCheck::tr("The unified social credit code has %n character(s) but "
                                   "needs 18; check for missing or extra characters.",
                                   nullptr, static_cast<int>(check.normalized.size()));
    case IdentifierProblem::InvalidCharacter:
        return IdentifierCheck::tr("The unified social credit code cannot contain \"%1\"; it "
                                   "uses only digits and capital letters other than I, O, S, "
                                   "V and Z.")
                .arg(check.detail);
    case IdentifierProblem::BadCheckCharacter:
        return IdentifierCheck::tr("The last character of the unified social credit code "
                                   "should be %1; check the code for typing errors.")
                .arg(check.detail);
    case IdentifierProblem::BadOrganisationCode:
        return IdentifierCheck::tr("Characters 9 to 17 of the unified social credit code are "
                                   "not a valid organisation code (character 17 should be "
                                   "%1); check the code for typing errors.")
                .arg(check.detail);
    case IdentifierProblem::BadRegion:
        return IdentifierCheck::tr("Characters 3 to 8 of the unified social credit code are "
                                   "the registering authority's region code and must be "
                                   "digits, not \"%1\"; check the code for typing errors.")
                .arg(check.detail);
    case IdentifierProblem::BadPrefix:
        return IdentifierCheck::tr("A unified social credit code cannot start with \"%1\"; "
                                   "the first character names the registering authority "
                                   "(1 to 9, A, N or Y). Check the code for typing errors.")
                .arg(check.detail);
    case IdentifierProblem::BadBirthDate:
        break;
    }
    return IdentifierCheck::tr("The unified social credit code is not valid; check it for "
                               "typing errors.");
}

QString residentIdMessage(const IdentifierCheck &check)
{
    switch (check.problem) {
    case IdentifierProblem::None:
        return {};
    case IdentifierProblem::Empty:
        return IdentifierCheck::tr("The resident ID number is empty; enter the 18 characters "
                                   "printed on the ID card.");
    case IdentifierProblem::WrongLength:
        // A 15-digit number is not a typing error but a card issued before 1999: the
        // number has to be asked for again, not corrected.
        if (check.normalized.size() == 15 && !check.normalized.contains(QLatin1Char('X')))
            return IdentifierCheck::tr("This is an old 15-digit ID number; only the 18-digit "
                                       "number is accepted. Ask the customer for the number "
                                       "on their current ID card.");
        return IdentifierCheck::tr("The resident ID number has %n character(s) but needs 18; "
                                   "check for missing or extra digits.",
                                   nullptr, static_cast<int>(check.normalized.size()));
    case IdentifierProblem::InvalidCharacter:
        return IdentifierCheck::tr("The resident ID number cannot contain \"%1\": it "
                                   "is 17 digits followed by a digit or X.")
                .arg(check.detail);
    case IdentifierProblem::BadCheckCharacter:
        return IdentifierCheck::tr("The last character of the resident ID number should be "
                                   "%1; check the number for typing errors.")
                .arg(check.detail);
    case IdentifierProblem::BadRegion:
        return IdentifierCheck::tr("A resident ID number cannot start with %1, which is not "
                                   "a province code; check the first digits for typing "
                                   "errors.")
                .arg(check.detail);
    case IdentifierProblem::BadBirthDate:
        return IdentifierCheck::tr("Digits 7 to 14 of the resident ID number (%1) are not a "
                                   "possible date of birth; check them for typing errors.")
                .arg(check.detail);
    case IdentifierProblem::BadOrganisationCode:
    case IdentifierProblem::BadPrefix:
        break;
    }
    return IdentifierCheck::tr("The resident ID number is not valid; check it for typing "
                               "errors.");
}

QString mobileMessage(const IdentifierCheck &check)
{
    switch (check.problem) {
    case IdentifierProblem::None:
        return {};
    case IdentifierProblem::Empty:
        return IdentifierCheck::tr("The mobile number is empty; enter an 11-digit mainland "
                                   "China mobile number.");
    case IdentifierProblem::WrongLength:
        return IdentifierCheck::tr("The mobile number has %n digit(s) but a mainland China "
                                   "mobile number has 11; check for missing or extra digits.",
                                   nullptr, static_cast<int>(check.normalized.size()));
    case IdentifierProblem::InvalidCharacter:
        return IdentifierCheck::tr("The mobile number cannot contain \"%1\"; use digits, "
                                   "optionally with +86, spaces or dashes.")
                .arg(check.detail);
    case IdentifierProblem::BadPrefix:
        if (check.detail == QLatin1String("+"))
            return IdentifierCheck::tr("Only mainland China mobile numbers (+86) can be "
                                       "entered here; keep a number from another country in "
                                       "the notes.");
        return IdentifierCheck::tr("A mainland China mobile number starts with 13 to 19, "
                                   "after an optional +86, not with \"%1\"; check the number "
                                   "for typing errors.")
                .arg(check.detail);
    case IdentifierProblem::BadCheckCharacter:
    case IdentifierProblem::BadOrganisationCode:
    case IdentifierProblem::BadRegion:
    case IdentifierProblem::BadBirthDate:
        break;
    }
    return IdentifierCheck::tr("The mobile number is not valid; check it for typing errors.");
}

bool isDash(char16_t c)
{
    // ASCII hyphen-minus, the Unicode hyphens and dashes (U+2010 to U+2015) and the minus
    // sign: all of them turn up when a number is pasted from a document or a web page.
    return c == u'-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

} // namespace

QString IdentifierCheck::message() const
{
    switch (kind) {
    case IdentifierKind::CreditCode:
        return creditCodeMessage(*this);
    case IdentifierKind::ResidentId:
        return residentIdMessage(*this);
    case IdentifierKind::Mobile:
        return mobileMessage(*this);
    }
    return {};
}

QString IdentifierCheck::clean(const QString &input)
{
    QString out;
    out.reserve(input.size());
    for (const QChar ch : input) {
        char16_t c = ch.unicode();
        // Chinese input methods type full-width forms (Ｘ, １, －) and the ideographic space;
        // they are the same characters to the person typing them.
        if (c >= 0xFF01 && c <= 0xFF5E)
            c = static_cast<char16_t>(c - 0xFEE0);
        else if (c == 0x3000)
            c = u' ';
        const QChar folded(c);
        if (folded.isSpace() || isDash(c))
            continue;
        out.append(folded);
    }
    return out.toUpper();
}

} // namespace branchline
