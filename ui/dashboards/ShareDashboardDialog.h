// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "repositories/Directory.h"

#include <QDialog>

class QListWidget;

namespace branchline {

// Share ▸ with roles and branches: a checked list of what this user may share with (a
// manager: their branch and those below it; an administrator: every role and branch). The
// people there see the dashboard read-only. The repository checks the choice again.
class ShareDashboardDialog : public QDialog
{
    Q_OBJECT

public:
    ShareDashboardDialog(const QString &dashboardName, const QList<DirectoryEntry> &branches,
                         bool rolesAllowed, QWidget *parent = nullptr);

    void setShared(const QStringList &roles, const QStringList &branches);
    QStringList roles() const;
    QStringList branches() const;

    QListWidget *roleList() const { return m_roles; }
    QListWidget *branchList() const { return m_branches; }

private:
    QListWidget *m_roles = nullptr;
    QListWidget *m_branches = nullptr;
};

} // namespace branchline
