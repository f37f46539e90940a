// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace branchline {

// The branch configuration file IT drops on a computer (packaging, issue 8): an INI file,
// on Linux /etc/branchline/client.conf, e.g.
//
//     server_url = https://crm.example.cn
//     server_url_locked = true
//     language = zh_CN            ; or en, or system
//     language_locked = true
//     ca_certificate = institution-ca.pem   ; relative to this file's folder, or absolute
//     branch = br-hz-xh
//
// A missing file or key means "not configured". packaging/client/client.conf.example
// documents every key for IT.
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

    // The interface language IT chose for this computer: "zh_CN", "en", or "" to follow the
    // system; std::nullopt when the file names none (or one Branchline does not speak).
    std::optional<QString> language() const { return m_language; }
    // IT fixed the language: the settings show it but do not let it be changed.
    bool languageLocked() const { return m_languageLocked && m_language.has_value(); }

    // The institution's CA certificate file (PEM) to trust for the server's TLS certificate
    // beside the system's CAs; an absolute path, empty when none is named.
    QString caCertificatePath() const { return m_caCertificatePath; }
    // The branch this computer serves, as IT wrote it; shown, never used to widen access
    // (the server decides what a user sees).
    QString branch() const { return m_branch; }
    QString path() const { return m_path; }

    // "zh_CN", "en", "" (the system's) for the spellings a person may write ("zh-CN",
    // "zh_cn", "EN", "system"); std::nullopt for anything else.
    static std::optional<QString> parseLanguage(const QString &text);

private:
    bool m_exists = false;
    QUrl m_serverUrl;
    bool m_serverUrlLocked = false;
    std::optional<QString> m_language;
    bool m_languageLocked = false;
    QString m_caCertificatePath;
    QString m_branch;
    QString m_path;
};

} // namespace branchline
