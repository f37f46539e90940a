// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "MemoryDirectory.h"
#include "approvals/FlowDefinition.h"

#include <QJsonDocument>
#include <QTest>

namespace branchline::server::test {

// The organisation the flow engine's tests share:
//
//   hq (head_office: hqmgr, risk, risk2)
//   ├── zj (region: zjmgr)
//   │   ├── xihu (branch: xmgr, xmgr2, rep, rep2 whose manager is xmgr)
//   │   └── ningbo (branch: nbmgr, disabled; nbrep)
//   └── js (region: nobody)
//       └── nanjing (branch: njrep)
inline void makeFlowOrg(MemoryDirectory &directory)
{
    directory.addBranch("hq", "", "head_office");
    directory.addBranch("zj", "hq", "region");
    directory.addBranch("xihu", "zj", "branch");
    directory.addBranch("ningbo", "zj", "branch");
    directory.addBranch("js", "hq", "region");
    directory.addBranch("nanjing", "js", "branch");
    directory.addUser("hqmgr", Role::BranchManager, "hq");
    directory.addUser("risk", Role::RiskOfficer, "hq");
    directory.addUser("risk2", Role::RiskOfficer, "hq");
    directory.addUser("zjmgr", Role::BranchManager, "zj");
    directory.addUser("xmgr", Role::BranchManager, "xihu");
    directory.addUser("xmgr2", Role::BranchManager, "xihu");
    directory.addUser("rep", Role::SalesRep, "xihu");
    directory.addUser("rep2", Role::SalesRep, "xihu", "xmgr");
    directory.addUser("nbmgr", Role::BranchManager, "ningbo");
    directory.user("nbmgr", true).active = false;
    directory.addUser("nbrep", Role::SalesRep, "ningbo");
    directory.addUser("njrep", Role::SalesRep, "nanjing");
    directory.addUser("admin", Role::Admin, "hq");
}

// A flow from JSON text; fails the test when it does not parse.
inline FlowDefinition flowFrom(const char *json, const QString &code = "test_flow", int version = 1)
{
    QString problem;
    const auto flow = FlowDefinition::fromJson(QJsonDocument::fromJson(json).object(), code,
                                               version, &problem);
    [&] { QVERIFY2(flow, qPrintable(problem)); }();
    return flow.value_or(FlowDefinition());
}

} // namespace branchline::server::test
