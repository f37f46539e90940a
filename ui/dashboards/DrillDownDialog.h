// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dashboards/QueryCompiler.h"

#include <QDialog>

class QLabel;
class QProgressBar;
class QTreeWidget;

namespace branchline {

class QueryRunner;

// The records behind a clicked bar, slice or cell, asked of the QueryRunner off the GUI
// thread. A record with a customer opens its 360° view (Enter or double-click).
class DrillDownDialog : public QDialog
{
    Q_OBJECT

public:
    DrillDownDialog(QueryRunner *runner, const QString &slot, const QuerySpec &spec,
                    const DashboardContext &context, const QVariantList &keys,
                    const QString &what, QWidget *parent = nullptr);
    ~DrillDownDialog() override;

    QTreeWidget *list() const { return m_list; }
    bool isLoading() const;
    QString statusText() const;

signals:
    void customerOpened(const QString &customerId);
    void loaded();

private:
    void showRecords(const DrillDownResult &result);
    void openRecord(int row);

    QueryRunner *m_runner;
    int m_request = 0;
    QLabel *m_status;
    QProgressBar *m_busy;
    QTreeWidget *m_list;
    QList<DrillRecord> m_records;
};

} // namespace branchline
