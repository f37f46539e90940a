// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

namespace branchline {

// What is wrong with an identifier. Each check reports only the first problem it finds
// (the order is given with each check()), so the user fixes one thing at a time.
enum class IdentifierProblem {
    None,
    Empty,
    WrongLength,
    InvalidCharacter,
    BadCheckCharacter,
    BadOrganisationCode,
    BadRegion,
    BadBirthDate,
    BadPrefix,
};

// Which identifier was checked; the message names it, so the same problem reads
// differently for a credit code and a phone number.
enum class IdentifierKind { CreditCode, ResidentId, Mobile };

// The result of checking one identifier. It keeps the facts, not a finished sentence, so
// message() is translated in the language in use when it is shown.
struct IdentifierCheck
{
    Q_DECLARE_TR_FUNCTIONS(IdentifierCheck)

public:
    IdentifierProblem problem = IdentifierProblem::None;
    // Upper-cased, spaces and dashes removed, full-width forms folded to ASCII; for a phone
    // also without the +86 / 0086 / 86 prefix. Filled in even when the check fails, so a
    // form can show what was actually checked.
    QString normalized;
    IdentifierKind kind = IdentifierKind::CreditCode;
    // The fact the message needs: the expected check character (BadCheckCharacter,
    // BadOrganisationCode), the offending character (InvalidCharacter), the offending
    // prefix or region (BadPrefix, BadRegion; "+" for a phone number with a foreign
    // country code) or the date digits (BadBirthDate).
    QString detail;

    bool ok() const { return problem == IdentifierProblem::None; }
    // Says what is wrong and what to do about it; empty when ok().
    QString message() const;

    // The normalisation every identifier shares: full-width ASCII (typed with a Chinese
    // input method) folded to half-width, whitespace and dashes dropped, letters
    // upper-cased.
    static QString clean(const QString &input);
};

} // namespace branchline
