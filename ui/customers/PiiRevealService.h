// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>

namespace branchline {

// Where the 360° view asks for the clear value of a customer's personal data. The signed-in
// session answers it (SessionPiiReveal: the sync worker asks the server, which checks the
// role and records the reason in its audit trail), so this library needs no network.
class PiiRevealService : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // Sends the request and returns its id at once; answered() follows later, never inside
    // this call.
    virtual quint64 reveal(const QString &customerId, const QStringList &fields,
                           const QString &reason) = 0;

signals:
    // `error` empty: `values` holds the clear value of each field asked for. Otherwise no
    // values, and `error` says why in the user's language.
    void answered(quint64 requestId, const QHash<QString, QString> &values, const QString &error);
};

} // namespace branchline
