// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

namespace branchline {

// The branch configuration file IT drops on a computer (packaging, issue 8): an INI file,
// on Linux /etc/branchline/client.conf, e.g.
//
//     server_url = https://crm.example.cn
//     server_url_locked = true
//
// Only what the client reads today is here; a missing file or key means "not configured".
class BranchConfig
{
public:
    // BRANCHLINE_CLIENT_CONF when set (tests, a portable install), else the system file.
    static QString defaultPath();
    static BranchConfig load(const QString &path = defaultPath());

    bool exists() const { return m_exists; }
    // Empty when the file names no usable http(s) address.
    QUrl serverUrl() const { return m_serverUrl; }
    // IT fixed the address: the sign-in form shows it but does not let it be changed.
    bool serverUrlLocked() const { return m_serverUrlLocked && !m_serverUrl.isEmpty(); }

private:
    bool m_exists = false;
    QUrl m_serverUrl;
    bool m_serverUrlLocked = false;
};

} // namespace branchline
