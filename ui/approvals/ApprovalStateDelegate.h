// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace branchline {

// Writes an inbox row's state in the tone it calls for: amber while my decision waits for
// the server, red when the server refused it or the step is overdue. The text says the
// same in words; selected rows keep their own colours.
class ApprovalStateDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace branchline
