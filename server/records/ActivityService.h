// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ActivityJson.h"
#include "RecordService.h"

namespace branchline::server {

using ActivityService = RecordService<ActivityJson>;

} // namespace branchline::server
