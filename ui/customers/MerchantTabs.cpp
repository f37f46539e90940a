// SPDX-License-Identifier: GPL-3.0-or-later
#include "MerchantTabs.h"

#include "KycChecklistPanel.h"
#include "MerchantPanel.h"
#include "VolumePanel.h"

#include <QTabWidget>

namespace branchline {

MerchantTabs::MerchantTabs(QTabWidget *tabs, const QSqlDatabase &db, Role viewer,
                           const QString &userId)
    : QObject(tabs)
    , m_tabs(tabs)
{
    m_merchant = new MerchantPanel(db, viewer, tabs);
    m_volume = new VolumePanel(db, tabs);
    m_checklist = new KycChecklistPanel(db, viewer, userId, tabs);
    tabs->addTab(m_merchant, MerchantPanel::title(CustomerKind::Merchant));
    tabs->addTab(m_volume, tr("Volume"));
    // Short titles: seven tabs share the view's right half.
    tabs->addTab(m_checklist, tr("KYC", "the KYC checklist's tab"));
    connect(m_checklist, &KycChecklistPanel::moved, this, &MerchantTabs::checklistMoved);
}

void MerchantTabs::show(const Customer &customer)
{
    const bool merchant = customer.kind == CustomerKind::Merchant;
    m_merchant->setCustomer(customer);
    m_tabs->setTabText(m_tabs->indexOf(m_merchant), MerchantPanel::title(customer.kind));
    m_volume->setCustomer(merchant ? customer.meta.id : QString());
    m_tabs->setTabVisible(m_tabs->indexOf(m_volume), merchant);
    m_checklist->setCustomer(customer.meta.id, customer.kind);
}

} // namespace branchline
