// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/rules/Ownership.h"

namespace branchline::Ownership {

bool hasOwner(RecordType type)
{
    return type == RecordType::Customer || type == RecordType::Lead || type == RecordType::Task;
}

bool mayOwn(Role role, RecordType type)
{
    switch (type) {
    case RecordType::Customer:
    case RecordType::Lead:
        return role == Role::SalesRep || role == Role::BranchManager;
    case RecordType::Task:
        return true;
    default:
        return false;
    }
}

} // namespace branchline::Ownership
