// SPDX-License-Identifier: GPL-3.0-or-later
#include "ShareDashboardDialog.h"

#include "domain/rules/Role.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace branchline {

namespace {

constexpr int CodeRole = Qt::UserRole + 1;

void addCheckable(QListWidget *list, const QString &text, const QString &code)
{
    auto *item = new QListWidgetItem(text, list);
    item->setData(CodeRole, code);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    item->setCheckState(Qt::Unchecked);
}

void check(QListWidget *list, const QStringList &codes)
{
    for (int row = 0; row < list->count(); ++row) {
        QListWidgetItem *item = list->item(row);
        item->setCheckState(codes.contains(item->data(CodeRole).toString()) ? Qt::Checked
                                                                            : Qt::Unchecked);
    }
}

QStringList checked(const QListWidget *list)
{
    QStringList codes;
    for (int row = 0; list && row < list->count(); ++row)
        if (list->item(row)->checkState() == Qt::Checked)
            codes << list->item(row)->data(CodeRole).toString();
    return codes;
}

} // namespace

ShareDashboardDialog::ShareDashboardDialog(const QString &dashboardName,
                                           const QList<DirectoryEntry> &branches,
                                           bool rolesAllowed, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("shareDashboardDialog"));
    setWindowTitle(tr("Share “%1”").arg(dashboardName));
    auto *layout = new QVBoxLayout(this);
    auto *hint = new QLabel(tr("The people you share with see this dashboard read-only, with "
                               "their own data: each sees only the records they may see."),
                            this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    if (rolesAllowed) {
        layout->addWidget(new QLabel(tr("Everyone in these roles:"), this));
        m_roles = new QListWidget(this);
        m_roles->setObjectName(QStringLiteral("shareRoles"));
        for (Role role : allRoles())
            addCheckable(m_roles, roleDisplayName(role), roleCode(role));
        layout->addWidget(m_roles);
    }
    layout->addWidget(new QLabel(tr("Everyone in these branches and those below them:"), this));
    m_branches = new QListWidget(this);
    m_branches->setObjectName(QStringLiteral("shareBranches"));
    for (const DirectoryEntry &branch : branches)
        addCheckable(m_branches, branch.name.isEmpty() ? branch.id : branch.name, branch.id);
    layout->addWidget(m_branches, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

void ShareDashboardDialog::setShared(const QStringList &roles, const QStringList &branches)
{
    if (m_roles)
        check(m_roles, roles);
    check(m_branches, branches);
}

QStringList ShareDashboardDialog::roles() const
{
    return checked(m_roles);
}

QStringList ShareDashboardDialog::branches() const
{
    return checked(m_branches);
}

} // namespace branchline
