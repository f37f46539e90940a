// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "conflicts/ConflictEntry.h"

#include <QCoreApplication>

namespace branchline {

// How a journal entry is put into words, in the interface's language.
class ConflictText
{
    Q_DECLARE_TR_FUNCTIONS(ConflictText)

public:
    // A few words for a list: "Replaced by a newer edit".
    static QString summary(const ConflictEntry &entry);
    // A sentence for the detail pane: what happened and what the choices do.
    static QString explanation(const ConflictEntry &entry);
    // "Kept yours", "Kept theirs", "Merged", with "— waiting to be sent" when it is.
    static QString resolution(const ConflictEntry &entry);
    // Why the server refused an edit, in the interface's language, from the refusal's code;
    // the server's own words (in the server's language) only for a code this client does
    // not know.
    static QString refusal(const QString &code, const QString &serverMessage);
    // The record as the user knows it: its name, else its kind and a short id.
    static QString record(const ConflictEntry &entry);
};

} // namespace branchline
