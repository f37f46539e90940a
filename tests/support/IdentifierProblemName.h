// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/rules/IdentifierCheck.h"

#include <QMetaType>
#include <QString>

Q_DECLARE_METATYPE(branchline::IdentifierProblem)

namespace branchline::test {

// Readable names, so a failing comparison says "BadRegion", not a number.
inline QString problemName(IdentifierProblem problem)
{
    switch (problem) {
    case IdentifierProblem::None:
        return QStringLiteral("None");
    case IdentifierProblem::Empty:
        return QStringLiteral("Empty");
    case IdentifierProblem::WrongLength:
        return QStringLiteral("WrongLength");
    case IdentifierProblem::InvalidCharacter:
        return QStringLiteral("InvalidCharacter");
    case IdentifierProblem::BadCheckCharacter:
        return QStringLiteral("BadCheckCharacter");
    case IdentifierProblem::BadOrganisationCode:
        return QStringLiteral("BadOrganisationCode");
    case IdentifierProblem::BadRegion:
        return QStringLiteral("BadRegion");
    case IdentifierProblem::BadBirthDate:
        return QStringLiteral("BadBirthDate");
    case IdentifierProblem::BadPrefix:
        return QStringLiteral("BadPrefix");
    }
    return QStringLiteral("?");
}

} // namespace branchline::test
