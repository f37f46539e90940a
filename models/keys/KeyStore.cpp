// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeyStore.h"

#include <QUrl>

namespace branchline {

QString KeyStore::accountName(const QString &user, const QString &server)
{
    // Normalise the server so "https://crm.example.cn/" and "https://CRM.example.cn" name
    // the same store.
    const QUrl url = QUrl::fromUserInput(server.trimmed());
    QString host = url.host().toLower();
    if (url.port() > 0)
        host += QLatin1Char(':') + QString::number(url.port());
    if (host.isEmpty())
        host = server.trimmed().toLower();
    return user.trimmed().toLower() + QLatin1Char('@') + host;
}

} // namespace branchline
