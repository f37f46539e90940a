// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace branchline {

// Puts the "pending" marker (an amber dot) in front of a row whose edit made on this
// computer the server has not confirmed yet. The model says which rows through a role, so
// the marker costs nothing more than the row itself.
class PendingMarkerDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    PendingMarkerDelegate(int pendingRole, QObject *parent = nullptr);

    // The marker, also used next to a record's name in its 360° view.
    static QIcon pendingIcon();

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    int m_pendingRole;
};

} // namespace branchline
