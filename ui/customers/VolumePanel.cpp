// SPDX-License-Identifier: GPL-3.0-or-later
#include "VolumePanel.h"

#include "itemmodels/MerchantVolumeModel.h"
#include "domain/rules/Money.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

#ifdef BRANCHLINE_HAVE_CHARTS
#include "VolumeChart.h"
#endif

namespace branchline {

VolumePanel::VolumePanel(const QSqlDatabase &db, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("volumePanel"));
    m_model = new MerchantVolumeModel(db, this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("volumeSummary"));
    m_summary->setWordWrap(true);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("volumeTable"));
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
#ifdef BRANCHLINE_HAVE_CHARTS
    m_chart = new VolumeChart(m_model, this);
    layout->addWidget(m_chart, 3);
#endif
    layout->addWidget(m_table, 2);
    connect(m_model, &QAbstractItemModel::modelReset, this, &VolumePanel::updateSummary);
}

VolumePanel::~VolumePanel() = default;

void VolumePanel::setCustomer(const QString &customerId)
{
    m_model->setCustomer(customerId);
}

bool VolumePanel::hasChart() const
{
    return m_chart != nullptr;
}

void VolumePanel::updateSummary()
{
    const int months = m_model->rowCount();
    if (months == 0) {
        m_summary->setText(tr("No figures from the transaction system yet."));
        return;
    }
    qint64 volume = 0;
    qint64 transactions = 0;
    qint64 refunds = 0;
    qint64 chargebacks = 0;
    for (int row = 0; row < months; ++row) {
        const MerchantVolume &month = m_model->monthAt(row);
        volume += month.volumeFen;
        transactions += month.txCount;
        refunds += month.refundFen;
        chargebacks += month.chargebackCount;
    }
    const QLocale locale;
    // Refunds as a share of volume, to a tenth of a percent, in whole numbers.
    const qint64 perMille = volume > 0 ? (refunds * 1000 + volume / 2) / volume : 0;
    const QString share = locale.toString(perMille / 10) + locale.decimalPoint()
            + locale.toString(perMille % 10) + locale.percent();
    const auto monthText = [&](int row) {
        return MerchantVolumeModel::monthText(
                m_model->index(row, 0).data(MerchantVolumeModel::MonthRole).toDate());
    };
    m_summary->setText(tr("%1 – %2: volume %3 · transactions %4 · refunds %5 of the volume · "
                          "chargebacks %6")
                               .arg(monthText(0), monthText(months - 1),
                                    Money::format(volume, locale), locale.toString(transactions),
                                    share, locale.toString(chargebacks)));
}

} // namespace branchline
