// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QWidget>

class QLabel;
class QTableView;

namespace branchline {

class MerchantVolumeModel;
class VolumeChart;

// The "Volume" tab of a merchant's 360° view: the last twelve months the transaction system
// reported, as a bar chart (Qt Charts, when the build has it) over the same figures in a
// table, with a line that sums them up. Read-only: the server sums the months.
class VolumePanel : public QWidget
{
    Q_OBJECT

public:
    explicit VolumePanel(const QSqlDatabase &db, QWidget *parent = nullptr);
    ~VolumePanel() override;

    void setCustomer(const QString &customerId);
    MerchantVolumeModel *model() const { return m_model; }
    // Whether the bars are drawn (Qt Charts was found when building).
    bool hasChart() const;

private:
    void updateSummary();

    MerchantVolumeModel *m_model = nullptr;
    QLabel *m_summary = nullptr;
    QTableView *m_table = nullptr;
    VolumeChart *m_chart = nullptr;
};

} // namespace branchline
