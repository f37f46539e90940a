// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Database.h"

#include <QCoreApplication>
#include <QTextStream>

namespace branchline::server {

// `branchline-server seed-demo`: a realistic demo organisation. A head office, regions and
// branches in several Chinese cities; a manager, reps and a risk officer per region and an
// admin; merchants, individual and corporate borrowers with valid 统一社会信用代码 and
// 身份证号, real-looking names, addresses, MCCs, risk levels and KYC states, and their
// merchant detail (DemoMerchantSeeder: fee rates, terminals, monthly volume, the KYC
// checklist). Deterministic
// for a seed, so a benchmark or a demo can be rebuilt exactly.
class DemoSeeder
{
    Q_DECLARE_TR_FUNCTIONS(DemoSeeder)

public:
    struct Options
    {
        int customers = 3000;
        int activities = -1; // -1: two per customer
        quint64 seed = 20261123;
        QString password; // every demo user's password
    };

    DemoSeeder(const Database &database, QTextStream &out);
    bool seed(const Options &options, QString *error);

private:
    // Leads, contacts, tasks and the activity timeline around the seeded customers.
    bool seedAround(const Options &options, quint64 seed, QString *error);

    const Database &m_database;
    QTextStream &m_out;
};

} // namespace branchline::server
