// SPDX-License-Identifier: GPL-3.0-or-later
#include "KycRules.h"

#include "domain/records/MerchantEnums.h"

#include <QUuid>

namespace branchline {

namespace {

// The namespace of Branchline's name-based ids (a fixed random UUID): changing it would
// give every checklist item and month a new id.
const QUuid idNamespace(QStringLiteral("6f1f2c9e-8d43-4c55-9b9a-2f7f4c1d0b6e"));

QString nameBasedId(const QString &name)
{
    return QUuid::createUuidV5(idNamespace, name).toString(QUuid::WithoutBraces);
}

} // namespace

QList<KycItemKind> KycRules::requiredItems(CustomerKind kind)
{
    switch (kind) {
    case CustomerKind::Merchant:
        return MerchantEnums::all<KycItemKind>();
    case CustomerKind::Corporate:
        // A borrower is not paid out through a settlement account.
        return { KycItemKind::BusinessLicence, KycItemKind::LegalRepId, KycItemKind::SiteVisit,
                 KycItemKind::BeneficialOwner, KycItemKind::SanctionsScreening };
    case CustomerKind::Individual:
        return { KycItemKind::LegalRepId, KycItemKind::SanctionsScreening };
    }
    return {};
}

QString KycRules::label(KycItemKind item, CustomerKind kind)
{
    switch (item) {
    case KycItemKind::BusinessLicence:
        return tr("Business licence");
    case KycItemKind::LegalRepId:
        return kind == CustomerKind::Individual ? tr("Resident ID card")
                                                : tr("Legal representative's ID");
    case KycItemKind::SettlementAccountProof:
        return tr("Settlement account proof");
    case KycItemKind::SiteVisit:
        return tr("Site visit");
    case KycItemKind::BeneficialOwner:
        return tr("Beneficial owner");
    case KycItemKind::SanctionsScreening:
        return tr("Sanctions and PEP screening");
    }
    return MerchantEnums::code(item);
}

std::optional<QString> KycRules::refuseChange(Role role, KycItemState from, KycItemState to)
{
    if (to == KycItemState::Missing && from != KycItemState::Missing)
        return tr("A KYC item does not go back to missing.");
    switch (role) {
    case Role::SalesRep:
        if (to != KycItemState::Submitted)
            return tr("Only a risk officer verifies or rejects a KYC item.");
        if (from == KycItemState::Verified)
            return tr("This item is already verified; only a risk officer can change it.");
        return std::nullopt;
    case Role::RiskOfficer:
        if (to == KycItemState::Verified || to == KycItemState::Rejected)
            return std::nullopt;
        return tr("Risk officers verify or reject; the customer's rep submits.");
    case Role::BranchManager:
    case Role::Admin:
        break;
    }
    return tr("Your role may not change the KYC checklist.");
}

bool KycRules::mayMarkSubmitted(Role role, KycItemState from)
{
    return from != KycItemState::Submitted
            && !refuseChange(role, from, KycItemState::Submitted).has_value();
}

bool KycRules::mayReview(Role role)
{
    return role == Role::RiskOfficer;
}

QString KycRules::itemId(const QString &customerId, KycItemKind item)
{
    return nameBasedId(
            QStringLiteral("kyc_items/%1/%2").arg(customerId, MerchantEnums::code(item)));
}

QString KycRules::volumeId(const QString &customerId, const QString &month)
{
    return nameBasedId(QStringLiteral("merchant_volumes/%1/%2").arg(customerId, month));
}

} // namespace branchline
