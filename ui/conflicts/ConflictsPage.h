// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ConflictResolution.h"
#include "domain/rules/Role.h"

#include <QSqlDatabase>
#include <QWidget>

class QCheckBox;
class QLabel;
class QStackedWidget;
class QTableView;

namespace branchline {

class ConflictDetail;
class ConflictListModel;

// The conflict journal (Conflicts section): the list on the left, the chosen entry's three
// values and choices on the right. A resolution is saved at once and sent with the next
// sync; resolved entries stay readable behind "Show resolved".
class ConflictsPage : public QWidget
{
    Q_OBJECT

public:
    ConflictsPage(const QSqlDatabase &db, Role viewer, const QString &userId,
                  QWidget *parent = nullptr);

    ConflictListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    ConflictDetail *detail() const { return m_detail; }
    // Selects the entry (from the lost-race notice); false when it is not listed.
    bool showConflict(const QString &conflictId);

public slots:
    // Reads the journal again and keeps the selection where it can.
    void refresh();

signals:
    // A resolution was saved: push it soon.
    void resolved();
    void openCustomerRequested(const QString &customerId);

private:
    void resolve(const QString &conflictId, ConflictResolution::Choice choice,
                 const QJsonValue &merged);
    void showCurrent();
    void selectRow(int row);
    void updateHeading();

    QSqlDatabase m_db;
    QString m_userId;
    ConflictListModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    ConflictDetail *m_detail = nullptr;
    QLabel *m_heading = nullptr;
    QCheckBox *m_showResolved = nullptr;
    QStackedWidget *m_body = nullptr;
    QLabel *m_empty = nullptr;
};

} // namespace branchline
