// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SecretBytes.h"

#include <QString>

namespace branchline {

// Where store keys are kept between runs: the OS keychain in the product, an in-memory
// fake in unit tests. Calls block until the keychain answers (it may show an unlock
// prompt), so they run before the main window opens or on a worker thread.
class KeyStore
{
public:
    enum class Status {
        Ok,
        NotFound, // the keychain answers but holds no key under that name
        Unavailable, // no keychain on this system, or it does not answer
        AccessDenied, // the user refused, or the keychain stayed locked
        Failed, // any other error; the message says more
    };

    struct ReadResult
    {
        Status status = Status::Failed;
        SecretBytes key;
        QString message; // the keychain's own words, for the log; never the key
    };

    virtual ~KeyStore() = default;

    // `account` names one store: "<user>@<server>".
    virtual ReadResult readKey(const QString &account) = 0;
    virtual Status writeKey(const QString &account, const SecretBytes &key, QString *message) = 0;
    virtual Status removeKey(const QString &account, QString *message) = 0;

    static QString accountName(const QString &user, const QString &server);
};

} // namespace branchline
