// SPDX-License-Identifier: GPL-3.0-or-later
#include "KycItemJson.h"

#include "domain/records/MerchantEnums.h"
#include "domain/rules/KycRules.h"

namespace branchline::server {

std::optional<QString> KycItemJson::deleteRefusal(Role)
{
    return tr("Checklist items are not deleted; a risk officer rejects one instead.");
}

std::optional<QString> KycItemJson::checkWrite(const Caller &caller, const KycItem *before,
                                               KycItem &item, QStringList *set)
{
    set->removeAll(QStringLiteral("updated_by"));
    item.updatedBy = before ? before->updatedBy : QString();
    if (before) {
        if (before->customerId != item.customerId || before->item != item.item)
            return tr("The customer and the item of a checklist entry never change.");
    } else if (item.meta.id != KycRules::itemId(item.customerId, item.item)) {
        return tr("This checklist entry's id does not match its customer and item.");
    }
    if (!set->contains(QStringLiteral("state")) && !set->contains(QStringLiteral("note")))
        return std::nullopt;
    return KycRules::refuseChange(caller.role, before ? before->state : KycItemState::Missing,
                                  item.state);
}

} // namespace branchline::server
