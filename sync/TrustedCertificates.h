// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace branchline::sync {

// Adds the CA certificates of a PEM file (the institution's own CA, named by the branch
// configuration) to those every TLS connection of this process trusts, beside the system's.
// Call before the sync worker starts: Qt copies the default configuration into each new
// connection. False, with a translated reason, when the file is missing or holds no
// certificate; nothing is changed then.
bool trustCaCertificates(const QString &pemPath, QString *error);

} // namespace branchline::sync
