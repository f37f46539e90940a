// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ContactJson.h"
#include "RecordService.h"

namespace branchline::server {

using ContactService = RecordService<ContactJson>;

} // namespace branchline::server
