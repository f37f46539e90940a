// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RecordService.h"
#include "TaskJson.h"

namespace branchline::server {

using TaskService = RecordService<TaskJson>;

} // namespace branchline::server
