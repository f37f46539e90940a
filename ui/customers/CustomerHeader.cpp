// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerHeader.h"

#include "Headings.h"
#include "PendingMarkerDelegate.h"
#include "Tones.h"
#include "domain/records/Customer.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace branchline {

namespace {

// A tag's look; palette() keeps it right in dark and light themes, and the risk colours
// are the one place where colour carries meaning (with the text saying the same).
QString tagStyle(const QColor &accent = QColor())
{
    const QString border = accent.isValid() ? accent.name() : QStringLiteral("palette(mid)");
    const QString colour = accent.isValid() ? accent.name() : QStringLiteral("palette(text)");
    return QStringLiteral("QLabel { border: 1px solid %1; border-radius: 9px; padding: 1px 8px;"
                          " color: %2; }")
            .arg(border, colour);
}

std::optional<Tone> riskTone(const std::optional<RiskLevel> &risk)
{
    if (!risk)
        return std::nullopt;
    switch (*risk) {
    case RiskLevel::Low:
        return Tone::Success;
    case RiskLevel::Medium:
        return Tone::Warning;
    case RiskLevel::High:
    case RiskLevel::Prohibited:
        return Tone::Error;
    }
    return std::nullopt;
}

} // namespace

CustomerHeader::CustomerHeader(QWidget *parent)
    : QWidget(parent)
{
    m_name = new QLabel(this);
    m_name->setObjectName(QStringLiteral("customerName"));
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    makeHeading(m_name, 1.6);

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
    m_riskTone = riskTone(customer.riskLevel);
    showRiskTone();
    m_kyc->setText(RecordEnums::label(customer.kycStatus));
    m_owner->setText(tr("Owner: %1").arg(ownerName.isEmpty() ? tr("unassigned") : ownerName));
    m_branch->setText(branchName.isEmpty() ? tr("No branch") : branchName);
}

void CustomerHeader::showRiskTone()
{
    m_risk->setStyleSheet(tagStyle(m_riskTone ? Tones::colour(*m_riskTone, palette()) : QColor()));
}

void CustomerHeader::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // The system switched between light and dark: the risk tag takes the other shade.
    if (event->type() == QEvent::PaletteChange)
        showRiskTone();
}

} // namespace branchline
