// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrustedCertificates.h"

#include <QCoreApplication>
#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>

namespace branchline::sync {

bool trustCaCertificates(const QString &pemPath, QString *error)
{
    QFile file(pemPath);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("TrustedCertificates",
                                             "The CA certificate %1 named by the branch "
                                             "configuration cannot be read: %2")
                         .arg(pemPath, file.errorString());
        return false;
    }
    const QList<QSslCertificate> certificates =
            QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty()) {
        *error = QCoreApplication::translate("TrustedCertificates",
                                             "The file %1 named as the CA certificate holds no "
                                             "PEM certificate.")
                         .arg(pemPath);
        return false;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificates(certificates);
    QSslConfiguration::setDefaultConfiguration(configuration);
    return true;
}

} // namespace branchline::sync
