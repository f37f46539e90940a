// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/rules/FieldPolicy.h"
#include "domain/rules/Role.h"

namespace branchline {

// Who may own a record of a kind: the people who work it. A customer or a lead belongs to a
// sales rep or a branch manager (risk officers and administrators review and run the system,
// they do not keep a book); a task may be anyone's. Checked by the server on every write that
// sets an owner, and used by the client to offer only possible owners.
namespace Ownership {

bool hasOwner(RecordType type);
bool mayOwn(Role role, RecordType type);

} // namespace Ownership

} // namespace branchline
