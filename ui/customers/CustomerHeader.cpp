// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerHeader.h"

#include "PendingMarkerDelegate.h"
#include "records/Customer.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace branchline {

namespace {

// A tag's look; palette() keeps it right in dark and light themes, and the risk colours
// are the one place where colour carries meaning (with the text saying the same).
QString tagStyle(const QString &accent = QString())
{
    const QString border = accent.isEmpty() ? QStringLiteral("palette(mid)") : accent;
    const QString colour = accent.isEmpty() ? QStringLiteral("palette(text)") : accent;
    return QStringLiteral("QLabel { border: 1px solid %1; border-radius: 9px; padding: 1px 8px;"
                          " color: %2; }")
            .arg(border, colour);
}

QString riskAccent(const std::optional<RiskLevel> &risk)
{
    if (!risk)
        return QString();
    switch (*risk) {
    case RiskLevel::Low:
        return QStringLiteral("#1e8e3e");
    case RiskLevel::Medium:
        return QStringLiteral("#e37400");
    case RiskLevel::High:
    case RiskLevel::Prohibited:
        return QStringLiteral("#d93025");
    }
    return QString();
}

} // namespace

CustomerHeader::CustomerHeader(QWidget *parent)
    : QWidget(parent)
{
    m_name = new QLabel(this);
    m_name->setObjectName(QStringLiteral("customerName"));
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_name->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_name->setFont(big);

    m_pending = new QWidget(this);
    m_pending->setObjectName(QStringLiteral("pendingMarker"));
    m_pending->setToolTip(tr("Changed on this computer; waiting for the server to confirm."));
    auto *pendingLayout = new QHBoxLayout(m_pending);
    pendingLayout->setContentsMargins(8, 0, 0, 0);
    pendingLayout->setSpacing(4);
    auto *dot = new QLabel(m_pending);
    const int side = fontMetrics().height() * 3 / 4;
    dot->setPixmap(PendingMarkerDelegate::pendingIcon().pixmap(side, side));
    pendingLayout->addWidget(dot);
    auto *pendingText = new QLabel(tr("Waiting for the server"), m_pending);
    pendingText->setForegroundRole(QPalette::PlaceholderText);
    pendingLayout->addWidget(pendingText);
    m_pending->setVisible(false);

    auto *title = new QHBoxLayout;
    title->addWidget(m_name);
    title->addWidget(m_pending, 0, Qt::AlignVCenter);
    title->addStretch(1);

    auto *tags = new QHBoxLayout;
    tags->setSpacing(6);
    m_kind = tag(QStringLiteral("kindTag"));
    m_status = tag(QStringLiteral("statusTag"));
    m_risk = tag(QStringLiteral("riskTag"));
    m_kyc = tag(QStringLiteral("kycTag"));
    m_owner = tag(QStringLiteral("ownerTag"));
    m_branch = tag(QStringLiteral("branchTag"));
    for (QLabel *label : { m_kind, m_status, m_risk, m_kyc, m_owner, m_branch })
        tags->addWidget(label);
    m_kind->setToolTip(tr("Kind"));
    m_status->setToolTip(tr("Status"));
    m_risk->setToolTip(tr("Risk level"));
    m_kyc->setToolTip(tr("KYC status"));
    m_owner->setToolTip(tr("Owner"));
    m_branch->setToolTip(tr("Branch"));
    tags->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(title);
    layout->addLayout(tags);
}

QLabel *CustomerHeader::tag(const QString &objectName)
{
    auto *label = new QLabel(this);
    label->setObjectName(objectName);
    label->setStyleSheet(tagStyle());
    return label;
}

void CustomerHeader::setCustomer(const Customer &customer, const QString &ownerName,
                                 const QString &branchName, bool pending)
{
    m_name->setText(customer.legalName);
    m_pending->setVisible(pending);
    m_kind->setText(RecordEnums::label(customer.kind));
    m_status->setText(RecordEnums::label(customer.status));
    // The labels say what they are about ("High risk", "KYC verified"); the tooltips
    // name the field for the one that does not ("Prohibited").
    m_risk->setText(customer.riskLevel ? RecordEnums::label(*customer.riskLevel)
                                       : tr("Risk not rated"));
    m_risk->setStyleSheet(tagStyle(riskAccent(customer.riskLevel)));
    m_kyc->setText(RecordEnums::label(customer.kycStatus));
    m_owner->setText(tr("Owner: %1").arg(ownerName.isEmpty() ? tr("unassigned") : ownerName));
    m_branch->setText(branchName.isEmpty() ? tr("No branch") : branchName);
}

} // namespace branchline
