// SPDX-License-Identifier: GPL-3.0-or-later
#include "DrillDownDialog.h"

#include "dashboards/DataSetCatalog.h"
#include "dashboards/QueryRunner.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace branchline {

DrillDownDialog::DrillDownDialog(QueryRunner *runner, const QString &slot, const QuerySpec &spec,
                                 const DashboardContext &context, const QVariantList &keys,
                                 const QString &what, QWidget *parent)
    : QDialog(parent)
    , m_runner(runner)
    , m_status(new QLabel(this))
    , m_busy(new QProgressBar(this))
    , m_list(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("drillDownDialog"));
    const QString dataSet = DataSetCatalog::dataSetLabel(spec.dataSet);
    setWindowTitle(what.isEmpty() ? dataSet : tr("%1: %2").arg(dataSet, what));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_status->setText(tr("Finding the records…"));
    m_list->setObjectName(QStringLiteral("drillRecords"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({ tr("Record"), tr("Date") });
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *openButton = buttons->addButton(tr("Open customer"), QDialogButtonBox::ActionRole);
    openButton->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_busy);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(560, 420);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(openButton, &QPushButton::clicked, this,
            [this] { openRecord(m_list->indexOfTopLevelItem(m_list->currentItem())); });
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this, openButton] {
        const int row = m_list->indexOfTopLevelItem(m_list->currentItem());
        openButton->setEnabled(row >= 0 && !m_records.value(row).customerId.isEmpty());
    });
    connect(m_list, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem *item) { openRecord(m_list->indexOfTopLevelItem(item)); });
    connect(runner, &QueryRunner::drillDownFinished, this,
            [this](int id, const QString &, const DrillDownResult &result) {
                if (id == m_request)
                    showRecords(result);
            });
    m_request = runner->drillDown(slot, spec, context, keys);
}

DrillDownDialog::~DrillDownDialog()
{
    if (m_request && isLoading())
        m_runner->cancel(m_request);
}

bool DrillDownDialog::isLoading() const
{
    return !m_busy->isHidden();
}

QString DrillDownDialog::statusText() const
{
    return m_status->text();
}

void DrillDownDialog::showRecords(const DrillDownResult &result)
{
    m_busy->hide();
    if (!result.ok()) {
        m_status->setText(result.error);
        emit loaded();
        return;
    }
    m_records = result.records;
    if (result.truncated)
        m_records = m_records.mid(0, QueryCompiler::kDrillLimit);
    for (const DrillRecord &record : std::as_const(m_records))
        new QTreeWidgetItem(m_list, { record.title, record.date });
    m_status->setText(result.truncated
                              ? tr("The first %n records; narrow the dashboard's filters to see "
                                   "the rest.", nullptr, int(m_records.size()))
                              : tr("%n record(s)", nullptr, int(m_records.size())));
    if (!m_records.isEmpty())
        m_list->setCurrentItem(m_list->topLevelItem(0));
    emit loaded();
}

void DrillDownDialog::openRecord(int row)
{
    const QString customer = m_records.value(row).customerId;
    if (customer.isEmpty())
        return;
    emit customerOpened(customer);
    accept();
}

} // namespace branchline
