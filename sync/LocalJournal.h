// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/StoreError.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

namespace branchline::sync {

// Journal entries this device makes itself (origin 'local' in sync_conflicts), for edits the
// server never journalled: a pending edit whose record left the user's scope, and an edit the
// server refused without an entry of its own (it does not journal a record the user may not
// see). They show on the conflict screen like the server's, so no edit is ever lost unseen.
//
// Works inside the caller's transaction.
class LocalJournal
{
    Q_DECLARE_TR_FUNCTIONS(LocalJournal)

public:
    struct Entry
    {
        QString table;
        QString recordId;
        QString kind; // 'scope_removed' or 'rejected'
        QString code;
        QString message; // shown to the user: their language, what happened, what to do
        QString fields; // the edit's fields as the outbox kept them (JSON)
        qint64 mutation = 0;
        qint64 baseVersion = 0;
    };

    LocalJournal(QSqlDatabase db, QString clientId, QString userId);

    bool add(const Entry &entry, StoreError *error);

    // Journals the outbox's edit `mutation`, which the server refused with `code` and
    // `message` and no journal entry of its own.
    bool addRefused(qint64 mutation, const QString &code, const QString &message,
                    StoreError *error);

    // The message for a refusal whose server message is missing.
    static QString refusedMessage(const QString &code);

private:
    QSqlDatabase m_db;
    QString m_clientId;
    QString m_userId;
};

} // namespace branchline::sync
