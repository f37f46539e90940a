// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/records/Customer.h"
#include "domain/rules/Role.h"

#include <QObject>
#include <QSqlDatabase>

class QTabWidget;

namespace branchline {

class KycChecklistPanel;
class MerchantPanel;
class VolumePanel;

// The merchant detail's tabs in the 360° view, kept apart from CustomerView: "Merchant"
// (or "Borrower"), "Volume" (merchants only) and "KYC checklist", added at the end of the
// view's tabs and filled for each customer shown.
class MerchantTabs : public QObject
{
    Q_OBJECT

public:
    MerchantTabs(QTabWidget *tabs, const QSqlDatabase &db, Role viewer, const QString &userId);

    // Fills the tabs for `customer` and shows the ones that apply to its kind.
    void show(const Customer &customer);

    MerchantPanel *merchant() const { return m_merchant; }
    VolumePanel *volume() const { return m_volume; }
    KycChecklistPanel *checklist() const { return m_checklist; }

signals:
    // A checklist item moved on this computer and waits in the outbox.
    void checklistMoved();

private:
    QTabWidget *m_tabs;
    MerchantPanel *m_merchant = nullptr;
    VolumePanel *m_volume = nullptr;
    KycChecklistPanel *m_checklist = nullptr;
};

} // namespace branchline
