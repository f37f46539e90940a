// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServerSettings.h"

#include <QCoreApplication>
#include <QHash>
#include <QStringList>

namespace branchline::server {

// The server's config file (packaging/server/server.conf documents every key): `key = value`
// lines, `#` or `;` comment lines, no sections. A value is taken literally after trimming, so
// a password in the database URL may hold any character; there are no inline comments.
//
// Values come from the built-in defaults, then the file, then the command line (override()),
// each later one winning; the file's are checked even where an option replaces them. Anything wrong
// — an unknown or repeated key, a bad value — is refused with the file, line and key, never with
// the value (the database URL may hold a password).
class ServerConfig
{
    Q_DECLARE_TR_FUNCTIONS(ServerConfig)

public:
    static constexpr const char *defaultPath = "/etc/branchline/server.conf";
    static constexpr const char *pathVariable = "BRANCHLINE_SERVER_CONF";

    // The keys the file may hold, in the order the shipped file lists them.
    static QStringList keys();

    // The file to read when --config is not given: $BRANCHLINE_SERVER_CONF when set (an
    // empty value: no file), else defaultPath when it exists; empty for none. `required`
    // tells whether a missing file is an error (it is when named in the environment).
    static QString implicitPath(bool *required);

    bool load(const QString &path, QString *error);
    bool parse(const QString &text, const QString &origin, QString *error);
    // A value from the command line; `option` ("--listen") names it in messages.
    void override(const QString &key, const QString &value, const QString &option);

    // Applies every value to `settings`, checked; false with `error` naming the first bad one.
    bool resolve(ServerSettings *settings, QString *error) const;
    // For `serve`: the TLS certificate and key exist and can be read, and come as a pair.
    static bool checkTlsFiles(const ServerSettings &settings, QString *error);

    QString path() const { return m_path; }

private:
    struct Entry
    {
        QString value;
        QString origin; // "file:line: key" or "--option"
    };
    QHash<QString, Entry> m_entries; // from the file
    QHash<QString, Entry> m_overrides; // from the command line
    QString m_path;
};

} // namespace branchline::server
