// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CustomerJson.h"
#include "RecordService.h"

namespace branchline::server {

using CustomerService = RecordService<CustomerJson>;

} // namespace branchline::server
