// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

class QSqlError;

namespace branchline {

// What went wrong with the local store, said so that a user knows what to do next.
struct StoreError
{
    Q_DECLARE_TR_FUNCTIONS(StoreError)

public:
    enum class Kind {
        None,
        NotFound, // no store at that path
        WrongKeyOrDamaged, // the key does not decrypt page 1, or page 1 is damaged
        Damaged, // a later page fails its check, or the file is cut short
        Empty, // an existing file with no bytes at all
        NotAStore, // a readable database that Branchline did not write
        NewerVersion, // written by a newer Branchline that this one cannot read
        DiskFull,
        Busy,
        AccessDenied,
        KeyUnavailable, // the keychain does not answer or does not hold the key
        Io,
        RecordNotFound, // the record was deleted or never reached this computer
        Other,
    };

    Kind kind = Kind::None;
    QString message; // translated, for the user
    QString detail; // technical, for the log and support; never holds key material

    bool isError() const { return kind != Kind::None; }

    static StoreError make(Kind kind, const QString &detail = QString());
    static StoreError fromSql(const QSqlError &error);
    static QString messageFor(Kind kind);
};

} // namespace branchline
