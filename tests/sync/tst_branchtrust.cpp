// SPDX-License-Identifier: GPL-3.0-or-later
// The branch configuration's CA certificate: a server whose TLS certificate comes from the
// institution's own CA (not a public one) is refused until the client trusts that CA, and
// then signs in. Certificates are made by the openssl command for each run; the server is the
// real branchline-server process serving HTTPS.
#include "ServerDatabase.h"
#include "ServerProcess.h"
#include "SyncClient.h"
#include "TestFiles.h"
#include "TrustedCertificates.h"
#include "accounts/BranchConfig.h"

#include <QDir>
#include <QFile>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

using namespace branchline;
using namespace branchline::sync;
using namespace branchline::test;

namespace {

bool openssl(const QStringList &arguments, QString *error)
{
    QString out;
    QString err;
    const int code = runProgram(QStringLiteral("openssl"), arguments, {}, &out, &err);
    if (code != 0)
        *error = QStringLiteral("openssl %1: %2").arg(arguments.first(), err);
    return code == 0;
}

void write(const QString &path, const QByteArray &text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text);
}

} // namespace

class TestBranchTrust : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void configNamesCertificateAndBranch();
    void brokenCertificateFilesAreRefused();
    void serverOfTheInstitutionsCaIsTrustedOnlyWithIt();

private:
    // An institution CA and a server certificate for 127.0.0.1 signed by it.
    void makeCertificates();

    QTemporaryDir m_dir;
    QString m_ca;
    QString m_serverCertificate;
    QString m_serverKey;
};

void TestBranchTrust::initTestCase()
{
    QVERIFY(m_dir.isValid());
    makeCertificates();
}

void TestBranchTrust::makeCertificates()
{
    m_ca = m_dir.filePath(QStringLiteral("institution-ca.pem"));
    const QString caKey = m_dir.filePath(QStringLiteral("institution-ca.key"));
    m_serverCertificate = m_dir.filePath(QStringLiteral("server.pem"));
    m_serverKey = m_dir.filePath(QStringLiteral("server.key"));
    const QString request = m_dir.filePath(QStringLiteral("server.csr"));
    const QString extensions = m_dir.filePath(QStringLiteral("server.ext"));
    write(extensions, "subjectAltName = IP:127.0.0.1\nbasicConstraints = CA:FALSE\n");
    QString error;
    QVERIFY2(openssl({ "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                       "-nodes", "-keyout", caKey, "-out", m_ca, "-days", "2", "-subj",
                       "/CN=Test Institution Root CA" },
                     &error),
             qPrintable(error));
    QVERIFY2(openssl({ "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                       "-keyout", m_serverKey, "-out", request, "-subj", "/CN=127.0.0.1" },
                     &error),
             qPrintable(error));
    QVERIFY2(openssl({ "x509", "-req", "-in", request, "-CA", m_ca, "-CAkey", caKey,
                       "-CAcreateserial", "-out", m_serverCertificate, "-days", "2",
                       "-extfile", extensions },
                     &error),
             qPrintable(error));
}

void TestBranchTrust::configNamesCertificateAndBranch()
{
    const QString folder = m_dir.filePath(QStringLiteral("etc"));
    QVERIFY(QDir().mkpath(folder));
    const QString path = folder + QStringLiteral("/client.conf");
    write(path, "server_url = https://crm.example.cn\nca_certificate = ca/institution.pem\n"
                "branch = br-hz-xh\n");
    const BranchConfig config = BranchConfig::load(path);
    QVERIFY(config.exists());
    // A relative path is read from the configuration's own folder, wherever the client runs.
    QCOMPARE(config.caCertificatePath(), folder + QStringLiteral("/ca/institution.pem"));
    QCOMPARE(config.branch(), QStringLiteral("br-hz-xh"));

    write(path, "server_url = https://crm.example.cn\n");
    QVERIFY(BranchConfig::load(path).caCertificatePath().isEmpty());
    QVERIFY(BranchConfig::load(path).branch().isEmpty());
}

void TestBranchTrust::brokenCertificateFilesAreRefused()
{
    const qsizetype before = QSslConfiguration::defaultConfiguration().caCertificates().size();
    QString error;
    QVERIFY(!trustCaCertificates(m_dir.filePath(QStringLiteral("missing.pem")), &error));
    QVERIFY2(error.contains(QStringLiteral("missing.pem")), qPrintable(error));

    const QString garbage = m_dir.filePath(QStringLiteral("garbage.pem"));
    write(garbage, "this is not a certificate\n");
    error.clear();
    QVERIFY(!trustCaCertificates(garbage, &error));
    QVERIFY2(error.contains(QStringLiteral("no PEM certificate")), qPrintable(error));
    QCOMPARE(QSslConfiguration::defaultConfiguration().caCertificates().size(), before);
}

void TestBranchTrust::serverOfTheInstitutionsCaIsTrustedOnlyWithIt()
{
    ServerDatabase database(QStringLiteral("sqlite"), m_dir.path());
    QVERIFY2(database.isReady(), qPrintable(database.failure()));
    ServerProcess server(database.url());
    QString error;
    QVERIFY2(server.seed(3, &error), qPrintable(error));
    server.useTls(m_serverCertificate, m_serverKey);
    QVERIFY(server.start());
    QCOMPARE(server.url().scheme(), QStringLiteral("https"));

    {
        SyncClient untrusting(server.url(), QStringLiteral("device-before"));
        const HttpAnswer refused = untrusting.signIn(QStringLiteral("zj.rep1"), demoPassword());
        QCOMPARE(refused.status, 0); // the TLS handshake fails: no HTTP answer at all
        QVERIFY(!refused.networkError.isEmpty());
    }

    QVERIFY2(trustCaCertificates(m_ca, &error), qPrintable(error));
    SyncClient trusting(server.url(), QStringLiteral("device-after"));
    const HttpAnswer signedIn = trusting.signIn(QStringLiteral("zj.rep1"), demoPassword());
    QCOMPARE(signedIn.status, 200);
    QVERIFY(!trusting.accessToken().isEmpty());
}

QTEST_GUILESS_MAIN(TestBranchTrust)
#include "tst_branchtrust.moc"
