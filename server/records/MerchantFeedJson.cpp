// SPDX-License-Identifier: GPL-3.0-or-later
#include "MerchantFeedJson.h"

namespace branchline::server {

QString TerminalJson::readOnlyReason()
{
    return tr("Terminals come from the acquiring system; they are not changed here.");
}

QString MerchantVolumeJson::readOnlyReason()
{
    return tr("Monthly volumes are summed from the transaction system's figures; they are not "
              "changed here.");
}

} // namespace branchline::server
