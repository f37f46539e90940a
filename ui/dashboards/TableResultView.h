// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ResultView.h"

class QStandardItemModel;
class QTableView;

namespace branchline {

// A result as a table (a row per result row) or as a pivot table (the first dimension down,
// the second across, the first measure in the cells). Activating a cell drills into it:
// in a pivot, a row header takes the whole row.
class TableResultView : public ResultView
{
    Q_OBJECT

public:
    TableResultView(const QueryResult &result, bool pivot, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    // What a cell shows (for tests).
    QString cellText(int row, int column) const;
    // Drills into a shown cell.
    void activateCell(int row, int column);

private:
    void fillTable();
    void fillPivot();

    bool m_pivot;
    QTableView *m_table;
    QStandardItemModel *m_model;
    // Pivot cells: the result row behind (row, column) of the shown table.
    QHash<QPair<int, int>, int> m_cellRows;
    QList<int> m_rowHeads; // pivot: the first result row of each shown row
};

} // namespace branchline
