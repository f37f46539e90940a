// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LeadJson.h"
#include "RecordService.h"

namespace branchline::server {

using LeadService = RecordService<LeadJson>;

} // namespace branchline::server
