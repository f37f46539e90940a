// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "conflicts/ConflictEntry.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QSqlDatabase>

namespace branchline {

// Settles a journal entry from the screen or the notice: the resolution and its mutation
// in one local transaction (sync::SyncStore); the caller then asks for a push.
class ConflictResolution
{
    Q_DECLARE_TR_FUNCTIONS(ConflictResolution)

public:
    enum class Choice { Mine, Theirs, Merged };

    // False with a message for the user when the store refused it.
    static bool resolve(const QSqlDatabase &db, const QString &userId, const QString &conflictId,
                        Choice choice, const QJsonValue &merged, QString *message);

    // The merged value as it should travel: the type of the values it merges (a number stays
    // a number), null for an empty text where the field may be empty. An empty string when
    // the text is fine; otherwise why not, in the user's language.
    static QString checkMerged(const ConflictEntry &entry, const QString &text,
                               QJsonValue *value);
};

} // namespace branchline
