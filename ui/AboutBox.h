// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

class QWidget;

namespace branchline {

class Session;

// Help ▸ About: the one version number, the licence, the Qt in use, and what IT needs when a
// branch calls: who is signed in where, and the branch configuration.
class AboutBox
{
    Q_DECLARE_TR_FUNCTIONS(AboutBox)

public:
    static void show(QWidget *parent, const Session &session);
};

} // namespace branchline
