// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyncCommand.h"

#include "SyncEngine.h"
#include "keys/KeychainKeyStore.h"
#include "keys/StoreKeyProvider.h"
#include "store/LocalStore.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QTextStream>

#include <cstdio>

namespace branchline::sync {

namespace {

// The translation context of the command's texts.
class SyncCommandText
{
    Q_DECLARE_TR_FUNCTIONS(SyncCommand)
};

// Without a keychain a command-line tool cannot ask for a passphrase safely: refuse.
class NoPassphrase : public PassphrasePrompt
{
public:
    SecretBytes askPassphrase(Purpose, const QString &) override { return {}; }
};

void print(FILE *stream, const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stream);
    std::fflush(stream);
}

} // namespace

int runSyncCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            SyncCommandText::tr("Sync one Branchline account's encrypted store with the server."));
    parser.addHelpOption();
    const QCommandLineOption server(QStringLiteral("server"),
                                    SyncCommandText::tr("The server's address."),
                                    QStringLiteral("url"));
    const QCommandLineOption user(QStringLiteral("user"),
                                  SyncCommandText::tr("The login to sign in with."),
                                  QStringLiteral("login"));
    const QCommandLineOption store(QStringLiteral("store"), SyncCommandText::tr("The store file."),
                                   QStringLiteral("file"));
    const QCommandLineOption pageSize(QStringLiteral("page-size"),
                                      SyncCommandText::tr("Records per page (default 1000)."),
                                      QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption attempts(
            QStringLiteral("attempts"),
            SyncCommandText::tr("Rounds to try before giving up (default 5)."), QStringLiteral("n"),
            QStringLiteral("5"));
    const QCommandLineOption quiet(QStringLiteral("quiet"),
                                   SyncCommandText::tr("No progress line."));
    parser.addOptions({ server, user, store, pageSize, attempts, quiet });
    parser.process(arguments);
    if (!parser.isSet(server) || !parser.isSet(user) || !parser.isSet(store)) {
        print(stderr, SyncCommandText::tr("--server, --user and --store are required.\n"));
        return 2;
    }
    const QUrl url(parser.value(server));
    if (!url.isValid()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        print(stderr,
              SyncCommandText::tr("The server address must start with http:// or https://.\n"));
        return 2;
    }

    print(stderr, SyncCommandText::tr("Password: "));
    QTextStream input(stdin);
    const QString password = input.readLine();
    print(stderr, QStringLiteral("\n"));

    // The store and its key: from the keychain for an existing store, made for a new one.
    const QString account = parser.value(user) + QLatin1Char('@') + url.host(QUrl::FullyEncoded)
            + QLatin1Char(':')
            + QString::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
    KeychainKeyStore keychain;
    NoPassphrase noPassphrase;
    StoreKeyProvider keys(keychain, noPassphrase);
    StoreKey key;
    StoreError error;
    const bool exists = QFileInfo::exists(parser.value(store));
    const bool haveKey = exists
            ? keys.existingKey(account, KeyProtection::Keychain, false, &key, &error)
            : keys.createKey(account, &key, &error);
    if (!haveKey) {
        print(stderr, error.message + QLatin1Char('\n'));
        return 1;
    }
    LocalStore local(parser.value(store));
    if (!local.open(std::move(key.secret), key.kind, true)) {
        print(stderr, local.lastError().message + QLatin1Char('\n'));
        return 1;
    }

    SyncStore syncStore(local.database());
    SyncState state;
    if (!syncStore.load(&state, &error)) {
        print(stderr, error.message + QLatin1Char('\n'));
        return 1;
    }
    SyncClient client(url, state.clientId);
    const HttpAnswer signedIn = client.signIn(parser.value(user), password);
    if (signedIn.status != 200) {
        print(stderr, SyncCommandText::tr("Sign-in failed: %1\n").arg(signedIn.message()));
        return 1;
    }
    syncStore.setUserId(client.userId());

    SyncEngine engine(syncStore, client);
    engine.pageSize = std::clamp(parser.value(pageSize).toInt(), 1, PullRequest::maxPageSize);
    if (!parser.isSet(quiet))
        QObject::connect(&engine, &SyncEngine::progress,
                         [](SyncPhase phase, qint64 done, qint64 total, qint64 bytes) {
                             const QString count = total < 0
                                     ? QString::number(done)
                                     : QStringLiteral("%1/%2").arg(done).arg(total);
                             print(stderr,
                                   SyncCommandText::tr("\r%1: %2, %3 KiB   ")
                                           .arg(SyncEngine::phaseText(phase), count)
                                           .arg(bytes / 1024));
                         });
    const SyncOutcome outcome = engine.syncUntilDone(std::max(1, parser.value(attempts).toInt()));
    const SyncSummary &s = outcome.summary;
    print(stdout,
          SyncCommandText::tr(
                  "\nrows pulled: %1, removed: %2, mutations pushed: %3, conflicts: %4, "
                  "purged: %5, pages: %6, retries: %7, %8 KiB, %9 s\n")
                  .arg(s.rowsPulled)
                  .arg(s.removals)
                  .arg(s.mutationsPushed)
                  .arg(s.conflicts)
                  .arg(s.purged)
                  .arg(s.pages)
                  .arg(s.retries)
                  .arg(s.bytes / 1024)
                  .arg(s.seconds, 0, 'f', 2));
    if (outcome.status != SyncOutcome::Status::Done) {
        print(stderr, outcome.message + QLatin1Char('\n'));
        return 1;
    }
    return 0;
}

} // namespace branchline::sync
