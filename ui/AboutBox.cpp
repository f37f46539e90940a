// SPDX-License-Identifier: GPL-3.0-or-later
#include "AboutBox.h"

#include "accounts/BranchConfig.h"
#include "domain/rules/Role.h"
#include "session/Session.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QStringList>

namespace branchline {

namespace {

QString row(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><td>%1</td><td>%2</td></tr>")
            .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
}

} // namespace

void AboutBox::show(QWidget *parent, const Session &session)
{
    const BranchConfig config = BranchConfig::load();
    QStringList rows;
    rows << row(tr("Version"), QCoreApplication::applicationVersion())
         << row(tr("Qt"), QString::fromLatin1(qVersion()))
         << row(tr("Signed in as"),
                tr("%1 (%2)").arg(session.displayName(), roleDisplayName(session.role())))
         << row(tr("Server"), session.account().server.toString());
    if (config.exists()) {
        rows << row(tr("Branch configuration"), config.path());
        if (!config.branch().isEmpty())
            rows << row(tr("Branch"), config.branch());
    } else {
        rows << row(tr("Branch configuration"), tr("none on this computer"));
    }
    const QString text =
            QStringLiteral("<h3>%1</h3><p>%2</p><table cellspacing=\"4\">%3</table><p>%4</p>")
                    .arg(tr("Branchline").toHtmlEscaped(),
                         tr("The offline, encrypted CRM for payment institutions and lenders.")
                                 .toHtmlEscaped(),
                         rows.join(QString()),
                         tr("Free software under the GNU General Public License, version 3 or "
                            "later.")
                                 .toHtmlEscaped());
    QMessageBox::about(parent, tr("About Branchline"), text);
}

} // namespace branchline
