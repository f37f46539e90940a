// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "repositories/CustomerRepository.h"

#include <QWidget>

class QComboBox;
class QToolButton;

namespace branchline {

// The customer list's filters: kind, status, risk level, KYC status, branch and owner, each
// a combo box whose first entry means "any". Branches and owners come from the store's
// directory, so the lists follow what sync has pulled.
class CustomerFilterBar : public QWidget
{
    Q_OBJECT

public:
    CustomerFilterBar(const QSqlDatabase &db, QWidget *parent = nullptr);

    // The filter the combo boxes describe; the search text is left empty.
    CustomerFilter filter() const;
    void setFilter(const CustomerFilter &filter);
    bool isEmpty() const;

public slots:
    // Reads branches and users again (after a sync round), keeping the current choices.
    void reloadChoices();
    void clear();

signals:
    void filterChanged();

private:
    QComboBox *addCombo(const QString &objectName, const QString &anyLabel);
    void setCurrentData(QComboBox *combo, const QString &code);

    QSqlDatabase m_db;
    QComboBox *m_kind = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_risk = nullptr;
    QComboBox *m_kyc = nullptr;
    QComboBox *m_branch = nullptr;
    QComboBox *m_owner = nullptr;
    QToolButton *m_clear = nullptr;
    bool m_applying = false; // setting combos ourselves: one filterChanged, not six
};

} // namespace branchline
