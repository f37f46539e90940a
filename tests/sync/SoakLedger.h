// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/SyncProtocol.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace branchline::test {

struct LoopbackDevice;

// Every edit the soak made, and the count at the end that each one was either applied or is
// in the conflict journal: nothing sampled, nothing lost silently (SYNC.md: "every system
// that loses edits silently does it by resolving a conflict automatically").
class SoakLedger
{
public:
    struct Edit
    {
        int device = 0;
        qint64 mutation = 0;
        QString id;
        QString field;
        QString value;
        qint64 base = 0; // the field's version the edit was made on
    };

    // Takes the edit just written on `devices[device]` from its outbox (the newest row).
    bool record(const QList<std::shared_ptr<LoopbackDevice>> &devices, int device, QString *error);
    int size() const { return int(m_edits.size()); }

    // After the quiet period, with every outbox empty: asks the server for every stored
    // result of each device (a pull from the current cursor that acknowledges nothing), then
    //  - each device has exactly one result per mutation it made, no more, no fewer;
    //  - per record and field, the written edits in server order: each one is the final
    //    value on `server` (a fresh device), or was replaced by an edit made on top of it
    //    (its base at or after it), or its value is in the journal as the "overwritten"
    //    entry of the edit that replaced it;
    //  - a refused edit (conflict, rejected) has its journal entries, holding its value.
    // Returns what does not hold, and puts a tally in `summary`.
    QStringList audit(const QList<std::shared_ptr<LoopbackDevice>> &devices,
                      const LoopbackDevice &server, QString *summary) const;

private:
    QList<Edit> m_edits;
};

} // namespace branchline::test
