// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QWidget>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;

namespace branchline {

class ActivityTimelineModel;

// A customer's timeline, newest first, with a quick "log a call, visit or note" line above
// it. Activities are append-only: logged entries are added, never edited here.
class CustomerTimelinePanel : public QWidget
{
    Q_OBJECT

public:
    CustomerTimelinePanel(const QSqlDatabase &db, const QString &userId, QWidget *parent = nullptr);

    void setCustomer(const QString &customerId);
    ActivityTimelineModel *model() const { return m_model; }

public slots:
    void reload();
    // Logs what is typed as the chosen kind; returns whether it was saved.
    bool logEntry();

signals:
    // An activity was saved on this computer and waits in the outbox.
    void logged();

private:
    ActivityTimelineModel *m_model = nullptr;
    QString m_userId;
    QString m_customerId;
    QButtonGroup *m_kinds = nullptr;
    QLineEdit *m_entry = nullptr;
    QPushButton *m_log = nullptr;
    QLabel *m_problem = nullptr;
    QListView *m_list = nullptr;
};

} // namespace branchline
