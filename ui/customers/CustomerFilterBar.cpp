// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerFilterBar.h"

#include "repositories/Directory.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QToolButton>

namespace branchline {

namespace {

template<typename Enum>
void addChoices(QComboBox *combo)
{
    for (const Enum value : RecordEnums::all<Enum>())
        combo->addItem(RecordEnums::label(value), RecordEnums::code(value));
}

template<typename Enum>
std::optional<Enum> chosen(const QComboBox *combo)
{
    return RecordEnums::parse<Enum>(combo->currentData().toString());
}

template<typename Enum>
QString codeOf(const std::optional<Enum> &value)
{
    return value ? RecordEnums::code(*value) : QString();
}

} // namespace

CustomerFilterBar::CustomerFilterBar(const QSqlDatabase &db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_kind = addCombo(QStringLiteral("kindFilter"), tr("All kinds"));
    addChoices<CustomerKind>(m_kind);
    m_status = addCombo(QStringLiteral("statusFilter"), tr("Any status"));
    addChoices<CustomerStatus>(m_status);
    m_risk = addCombo(QStringLiteral("riskFilter"), tr("Any risk level"));
    addChoices<RiskLevel>(m_risk);
    m_kyc = addCombo(QStringLiteral("kycFilter"), tr("Any KYC status"));
    addChoices<KycStatus>(m_kyc);
    m_branch = addCombo(QStringLiteral("branchFilter"), tr("All branches"));
    m_owner = addCombo(QStringLiteral("ownerFilter"), tr("All owners"));

    m_clear = new QToolButton(this);
    m_clear->setObjectName(QStringLiteral("clearFilters"));
    m_clear->setText(tr("Clear filters"));
    m_clear->setAutoRaise(true);
    m_clear->setEnabled(false);
    connect(m_clear, &QToolButton::clicked, this, &CustomerFilterBar::clear);
    layout->addWidget(m_clear);
    layout->addStretch(1);

    reloadChoices();
}

QComboBox *CustomerFilterBar::addCombo(const QString &objectName, const QString &anyLabel)
{
    auto *combo = new QComboBox(this);
    combo->setObjectName(objectName);
    combo->addItem(anyLabel, QString());
    combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    layout()->addWidget(combo);
    connect(combo, &QComboBox::currentIndexChanged, this, [this] {
        if (m_clear) // not yet made while the combo boxes are filled
            m_clear->setEnabled(!isEmpty());
        if (!m_applying)
            emit filterChanged();
    });
    return combo;
}

void CustomerFilterBar::reloadChoices()
{
    const CustomerFilter current = filter();
    m_applying = true;
    const Directory directory(m_db);
    for (QComboBox *combo : { m_branch, m_owner }) {
        while (combo->count() > 1)
            combo->removeItem(1);
    }
    for (const DirectoryEntry &branch : directory.branches())
        m_branch->addItem(branch.name, branch.id);
    for (const DirectoryEntry &user : directory.users())
        m_owner->addItem(user.name, user.id);
    setCurrentData(m_branch, current.branchId);
    setCurrentData(m_owner, current.ownerId);
    m_applying = false;
    // A branch or owner that is gone from the store leaves "any" chosen: say so.
    if (filter().branchId != current.branchId || filter().ownerId != current.ownerId)
        emit filterChanged();
}

CustomerFilter CustomerFilterBar::filter() const
{
    CustomerFilter f;
    f.kind = chosen<CustomerKind>(m_kind);
    f.status = chosen<CustomerStatus>(m_status);
    f.riskLevel = chosen<RiskLevel>(m_risk);
    f.kycStatus = chosen<KycStatus>(m_kyc);
    f.branchId = m_branch->currentData().toString();
    f.ownerId = m_owner->currentData().toString();
    return f;
}

void CustomerFilterBar::setFilter(const CustomerFilter &f)
{
    const CustomerFilter before = filter();
    m_applying = true;
    setCurrentData(m_kind, codeOf(f.kind));
    setCurrentData(m_status, codeOf(f.status));
    setCurrentData(m_risk, codeOf(f.riskLevel));
    setCurrentData(m_kyc, codeOf(f.kycStatus));
    setCurrentData(m_branch, f.branchId);
    setCurrentData(m_owner, f.ownerId);
    m_applying = false;
    const CustomerFilter after = filter();
    if (after.kind != before.kind || after.status != before.status
        || after.riskLevel != before.riskLevel || after.kycStatus != before.kycStatus
        || after.branchId != before.branchId || after.ownerId != before.ownerId)
        emit filterChanged();
}

bool CustomerFilterBar::isEmpty() const
{
    for (const QComboBox *combo : { m_kind, m_status, m_risk, m_kyc, m_branch, m_owner }) {
        if (combo && combo->currentIndex() > 0)
            return false;
    }
    return true;
}

void CustomerFilterBar::clear()
{
    setFilter(CustomerFilter());
}

void CustomerFilterBar::setCurrentData(QComboBox *combo, const QString &code)
{
    const int index = combo->findData(code);
    combo->setCurrentIndex(index < 0 ? 0 : index);
}

} // namespace branchline
