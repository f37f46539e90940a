// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreError.h"

#include <QSqlError>

#define SQLITE_HAS_CODEC 1
#include <sqlite3.h>

namespace branchline {

StoreError StoreError::make(Kind kind, const QString &detail)
{
    StoreError error;
    error.kind = kind;
    error.message = messageFor(kind);
    error.detail = detail;
    return error;
}

StoreError StoreError::fromSql(const QSqlError &sqlError)
{
    if (!sqlError.isValid())
        return {};
    bool numeric = false;
    const int code = sqlError.nativeErrorCode().toInt(&numeric);
    Kind kind = Kind::Other;
    if (numeric) {
        switch (code & 0xff) {
        case SQLITE_NOTADB:
            kind = Kind::WrongKeyOrDamaged;
            break;
        case SQLITE_CORRUPT:
            kind = Kind::Damaged;
            break;
        case SQLITE_FULL:
            kind = Kind::DiskFull;
            break;
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            kind = Kind::Busy;
            break;
        case SQLITE_READONLY:
        case SQLITE_PERM:
        case SQLITE_AUTH:
        case SQLITE_CANTOPEN:
            kind = Kind::AccessDenied;
            break;
        case SQLITE_IOERR:
            // A read past the end of the file: the file was cut short.
            kind = (code == SQLITE_IOERR_SHORT_READ) ? Kind::Damaged : Kind::Io;
            break;
        default:
            break;
        }
    }
    StoreError error = make(kind, sqlError.databaseText());
    if (kind == Kind::Other && !sqlError.driverText().isEmpty())
        error.message = sqlError.driverText();
    return error;
}

QString StoreError::messageFor(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QString();
    case Kind::NotFound:
        return tr("There is no local store here yet. Sign in to create one.");
    case Kind::WrongKeyOrDamaged:
        return tr("The local store could not be unlocked: the key is wrong, or the file is "
                  "damaged. The file was not changed. If you typed a passphrase, try again; "
                  "otherwise restore the store from its backup or sign in again to rebuild it "
                  "from the server.");
    case Kind::Damaged:
        return tr("The local store is damaged (part of the file is missing or fails its "
                  "integrity check). The file was not changed. Restore it from its backup, or "
                  "sign in again to rebuild it from the server; edits not yet synced are in the "
                  "backup.");
    case Kind::Empty:
        return tr("The local store file is empty, probably cut short by a crash or a full "
                  "disk. It was left as it is. Restore it from its backup or sign in again to "
                  "rebuild it from the server.");
    case Kind::NotAStore:
        return tr("This file is a database, but not a Branchline store. It was not changed.");
    case Kind::NewerVersion:
        return tr("This local store was written by a newer version of Branchline, which this "
                  "version cannot read. The file was not changed. Install the newer version to "
                  "open it.");
    case Kind::DiskFull:
        return tr("The disk is full. Nothing was saved and nothing was lost; free some space "
                  "and try again.");
    case Kind::Busy:
        return tr("The local store is in use by another Branchline window or program. Close "
                  "it and try again.");
    case Kind::AccessDenied:
        return tr("The local store may not be read or written here. Check the permissions of "
                  "its folder.");
    case Kind::KeyUnavailable:
        return tr("The key of the local store is not available: the system keychain did not "
                  "answer or does not hold it. Unlock your keychain (or log in to your desktop "
                  "session) and try again. The store was not changed.");
    case Kind::Io:
        return tr("Reading or writing the local store failed (input/output error). Check the "
                  "disk; nothing was changed.");
    case Kind::RecordNotFound:
        return tr("This record no longer exists on this computer: it was deleted, or you no "
                  "longer have access to it. Nothing was changed.");
    case Kind::Other:
        return tr("The local store reported an unexpected error. Nothing was changed.");
    }
    return QString();
}

} // namespace branchline
