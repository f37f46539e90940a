// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace branchline {

// Draws the rows of the tasks screen from TaskAgendaModel's roles: group headings in bold,
// overdue tasks in red on a faint red wash, completed ones struck through and dimmed, and
// the pending marker before a task an edit of which waits for the server. Every colour
// comes from the view's palette or from Tones, so a dark palette gets shades that read on it.
class TaskItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit TaskItemDelegate(QObject *parent = nullptr);

    // What initStyleOption() makes of a cell, for tests.
    QStyleOptionViewItem styleFor(const QModelIndex &index, const QPalette &palette) const;
    // Rows with room to breathe, as in the customer list.
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace branchline
