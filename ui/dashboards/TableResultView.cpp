// SPDX-License-Identifier: GPL-3.0-or-later
#include "TableResultView.h"

#include <QHeaderView>
#include <QKeySequence>
#include <QShortcut>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace branchline {

namespace {

bool isNumeric(ValueKind kind)
{
    return kind == ValueKind::Integer || kind == ValueKind::Money || kind == ValueKind::Decimal
            || kind == ValueKind::Percent;
}

} // namespace

TableResultView::TableResultView(const QueryResult &result, bool pivot, QWidget *parent)
    : ResultView(result, parent)
    , m_pivot(pivot && result.dimensionCount() >= 2)
    , m_table(new QTableView(this))
    , m_model(new QStandardItemModel(this))
{
    setObjectName(m_pivot ? QStringLiteral("pivotView") : QStringLiteral("tableView"));
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(m_pivot ? QAbstractItemView::SelectItems
                                          : QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setFrameShape(QFrame::NoFrame);
    m_table->verticalHeader()->setVisible(m_pivot);
    // A pivot's last column is one of many, not the place for the spare width.
    m_table->horizontalHeader()->setStretchLastSection(!m_pivot);
    m_table->setWordWrap(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    if (m_pivot)
        fillPivot();
    else
        fillTable();
    m_table->resizeColumnsToContents();
    // A click drills, and so does Enter on the current cell (activated() also fires on a
    // double click, which would drill twice).
    auto *enter = new QShortcut(QKeySequence(Qt::Key_Return), m_table);
    enter->setContext(Qt::WidgetShortcut);
    connect(enter, &QShortcut::activated, this, [this] {
        activateCell(m_table->currentIndex().row(), m_table->currentIndex().column());
    });
    connect(m_table, &QTableView::clicked, this,
            [this](const QModelIndex &index) { activateCell(index.row(), index.column()); });
    connect(m_table->verticalHeader(), &QHeaderView::sectionClicked, this, [this](int row) {
        if (m_pivot)
            drillRow(m_rowHeads.value(row, -1), 1);
    });
}

void TableResultView::fillTable()
{
    QStringList headers;
    for (const ResultColumn &column : m_result.columns)
        headers << column.label;
    m_model->setColumnCount(int(headers.size()));
    m_model->setHorizontalHeaderLabels(headers);
    for (int r = 0; r < m_result.rowCount(); ++r) {
        QList<QStandardItem *> cells;
        for (int c = 0; c < m_result.columnCount(); ++c) {
            auto *item = new QStandardItem(m_result.text(r, c));
            if (isNumeric(m_result.columns.at(c).kind))
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            cells << item;
        }
        m_model->appendRow(cells);
    }
}

void TableResultView::fillPivot()
{
    const int measure = m_result.dimensionCount();
    QStringList rowNames, columnNames;
    for (int r = 0; r < m_result.rowCount(); ++r) {
        if (!rowNames.contains(m_result.text(r, 0))) {
            rowNames << m_result.text(r, 0);
            m_rowHeads << r;
        }
        if (!columnNames.contains(m_result.text(r, 1)))
            columnNames << m_result.text(r, 1);
    }
    m_model->setRowCount(int(rowNames.size()));
    m_model->setColumnCount(int(columnNames.size()));
    m_model->setHorizontalHeaderLabels(columnNames);
    m_model->setVerticalHeaderLabels(rowNames);
    for (int r = 0; r < m_result.rowCount(); ++r) {
        const int row = int(rowNames.indexOf(m_result.text(r, 0)));
        const int column = int(columnNames.indexOf(m_result.text(r, 1)));
        auto *item = new QStandardItem(measure < m_result.columnCount() ? m_result.text(r, measure)
                                                                        : QString());
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_model->setItem(row, column, item);
        m_cellRows.insert({ row, column }, r);
    }
}

QString TableResultView::cellText(int row, int column) const
{
    return m_model->index(row, column).data().toString();
}

void TableResultView::activateCell(int row, int column)
{
    if (m_pivot)
        drillRow(m_cellRows.value({ row, column }, -1), 2);
    else
        drillRow(row);
}

} // namespace branchline
