// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "conflicts/ConflictEntry.h"

#include <QFrame>
#include <QSqlDatabase>

class QLabel;
class QPushButton;

namespace branchline {

// The bar above the pages that says when one of my edits lost a same-field race: the
// value is in the journal and one click applies it again. Shown once per journal entry
// (the newest entry shown is remembered per user on this computer).
class LostRaceNotice : public QFrame
{
    Q_OBJECT

public:
    LostRaceNotice(const QSqlDatabase &db, const QString &userId, QWidget *parent = nullptr);

    // Looks for entries newer than the last one shown (after a sync round).
    void check();
    const QList<ConflictEntry> &entries() const { return m_entries; }

signals:
    void reviewRequested(const QString &conflictId); // empty: the whole list
    void reapplied(); // a resolution was saved: push it soon

private:
    void reapply();
    void dismiss();
    QString seenKey() const;

    QSqlDatabase m_db;
    QString m_userId;
    QList<ConflictEntry> m_entries;
    QLabel *m_text = nullptr;
    QPushButton *m_reapply = nullptr;
    QPushButton *m_review = nullptr;
};

} // namespace branchline
