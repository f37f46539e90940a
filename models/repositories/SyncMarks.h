// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QSqlDatabase>
#include <QStringList>

namespace branchline {

// Where a row stands with the server, as this device knows it: saved here and waiting to be
// sent (its edit is in the outbox), refused by the server (an unresolved "rejected" entry of
// the conflict journal names it), or in step. Lists and the timeline show the first two on
// the row itself, so an edit the server refused can never pass for a saved one.
class SyncMarks
{
    Q_DECLARE_TR_FUNCTIONS(SyncMarks)

public:
    enum class State { InStep, Pending, Refused };
    struct Mark
    {
        State state = State::InStep;
        QString note; // for a tooltip: what it means and what to do, in the user's language
    };

    explicit SyncMarks(const QSqlDatabase &db);

    // The marks of `ids` in `table`; an id missing from the answer is in step.
    QHash<QString, Mark> of(const QString &table, const QStringList &ids) const;

    // The short words shown on a marked row.
    static QString label(State state);

private:
    QSqlDatabase m_db;
};

} // namespace branchline
