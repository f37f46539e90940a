// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

namespace branchline::server {

// Growing delays after failed sign-ins, instead of a lock an attacker could put on anyone.
// Four counters are kept per attempt: the client address against every account (stops
// password spraying), the login text from anywhere, the login text from that address, and
// the login text from that device. A counter's first failures are free; from then on each
// failure doubles the wait before the next attempt (1 s, 2 s, 4 s ...) up to a maximum. An
// attempt from a device that has signed in to the account before is not held by the
// login-wide counter, so an attacker hammering an account from elsewhere does not lock its
// owner out. Counters are rows (login_throttle), shared by every instance on the database,
// keyed by the login text whether or not such a user exists.
class LoginThrottle
{
public:
    struct Attempt
    {
        QString login; // as typed, trimmed and lower-cased; an existing user's or not
        QString address; // the client's address
        QString deviceId;
        bool knownDevice = false; // this device has signed in to the account before
    };

    // `freeFailures` per login counter (the address counter allows four times as many, as
    // an office behind one address shares it); `maxDelaySeconds` caps each wait.
    LoginThrottle(int freeFailures, int maxDelaySeconds);

    // Whole seconds `attempt` must still wait; 0 when it may go ahead, -1 (with `error`) when
    // the database cannot tell. Reads only: no transaction, no lock.
    int secondsToWait(QSqlDatabase &db, const Attempt &attempt, const QDateTime &now,
                      QString *error) const;
    // Counts a failure in each of the attempt's counters, inside the caller's transaction:
    // each counter is incremented by the database itself (an upsert), so failures sent at
    // once all count. Also deletes counters past the forget window.
    bool recordFailure(QSqlDatabase &db, const Attempt &attempt, const QDateTime &now,
                       QString *error) const;
    // After a sign-in: clears the counters only this person's own address and device fed.
    // The login-wide and address-wide ones stay: they hold an attacker's failures too.
    bool recordSuccess(QSqlDatabase &db, const Attempt &attempt, QString *error) const;

    // The wait after a counter's `failures`-th failure.
    static int delayAfter(int failures, int freeFailures, int maxDelaySeconds);
    // A counter whose last failure is older than this starts again.
    int forgetSeconds() const;

private:
    enum class Counter { Address, Login, LoginAddress, LoginDevice };
    static QString keyOf(Counter counter, const Attempt &attempt);
    int freeFailures(Counter counter) const;

    int m_freeFailures;
    int m_maxDelaySeconds;
};

} // namespace branchline::server
