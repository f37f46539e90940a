// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerCli.h"

#include "AuditCommands.h"
#include "DemoSeeder.h"
#include "ServeCommand.h"
#include "ServerConfig.h"
#include "ServerLogging.h"
#include "Version.h"
#include "core/Accounts.h"
#include "core/Database.h"
#include "core/KeyRing.h"
#include "core/PasswordPolicy.h"
#include "core/ServerMigrator.h"
#include "records/Integrations.h"
#include "records/PiiRekey.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

namespace branchline::server {

namespace {

enum ExitCode { Success = 0, Failure = 1, Usage = 2 };

} // namespace

ServerCli::ServerCli(QTextStream &in, QTextStream &out, QTextStream &err)
    : m_in(in)
    , m_out(out)
    , m_err(err)
{
}

QString ServerCli::defaultDatabase()
{
    return QDir::current().filePath(QStringLiteral("branchline-data/branchline.db"));
}

QString ServerCli::keyDirectoryOf(const ServerSettings &settings)
{
    if (!settings.keyDirectory.isEmpty())
        return settings.keyDirectory;
    if (settings.database.engine == DatabaseUrl::Engine::Sqlite)
        return QFileInfo(settings.database.path).absoluteDir().filePath(QStringLiteral("keys"));
    return QDir::current().filePath(QStringLiteral("branchline-data/keys"));
}

bool ServerCli::openKeyRing(const ServerSettings &settings, QString *error)
{
    auto ring = std::make_shared<KeyRing>();
    if (!ring->open(keyDirectoryOf(settings), error))
        return false;
    KeyRing::install(std::move(ring));
    return true;
}

bool ServerCli::resolveSettings(const QCommandLineParser &parser, const QCommandLineOption &config,
                                const QList<OptionKey> &optionKeys, ServerSettings *settings,
                                QString *error)
{
    if (!DatabaseUrl::parse(defaultDatabase(), &settings->database, error))
        return false;
    ServerConfig file;
    bool required = true;
    const QString path =
            parser.isSet(config) ? parser.value(config) : ServerConfig::implicitPath(&required);
    if ((required || !path.isEmpty()) && !file.load(path, error))
        return false;
    settings->configFile = file.path();
    for (const OptionKey &optionKey : optionKeys) {
        if (parser.isSet(*optionKey.option))
            file.override(QString::fromLatin1(optionKey.key), parser.value(*optionKey.option),
                          QStringLiteral("--") + optionKey.option->names().constFirst());
    }
    return file.resolve(settings, error);
}

int ServerCli::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Branchline server administration."));
    parser.addPositionalArgument(QStringLiteral("command"),
                                 tr("serve (the default) | init | seed-demo | branch add | "
                                    "user add | user list | user disable | integration add | "
                                    "integration revoke | integration list | verify-audit | "
                                    "audit anchor | audit rotate-key | keys rotate | "
                                    "keys reencrypt"));
    const QCommandLineOption help(QStringList{ QStringLiteral("h"), QStringLiteral("help") },
                                  tr("Show this help and exit."));
    const QCommandLineOption version(QStringList{ QStringLiteral("v"), QStringLiteral("version") },
                                     tr("Show the version and exit."));
    const QCommandLineOption config(QStringLiteral("config"),
                                    tr("The config file (default: $BRANCHLINE_SERVER_CONF, else "
                                       "/etc/branchline/server.conf when it exists). Options "
                                       "given here win over it."),
                                    tr("file"));
    const QCommandLineOption database(QStringLiteral("database"),
                                      tr("Where the data lives: a file path, sqlite://<path> or "
                                         "postgresql://user@host/database (default: "
                                         "./branchline-data/branchline.db)."),
                                      tr("url"));
    const QCommandLineOption login(QStringLiteral("login"), tr("The user's login name."),
                                   tr("login"));
    const QCommandLineOption name(QStringLiteral("name"), tr("Display name of a user or branch."),
                                  tr("name"));
    const QCommandLineOption role(QStringLiteral("role"),
                                  tr("sales_rep, branch_manager, risk_officer or admin."),
                                  tr("role"));
    const QCommandLineOption branch(QStringLiteral("branch"), tr("The user's branch id."),
                                    tr("id"));
    const QCommandLineOption parent(QStringLiteral("parent"), tr("The parent branch id."),
                                    tr("id"));
    const QCommandLineOption level(QStringLiteral("level"), tr("head_office, region or branch."),
                                   tr("level"), QStringLiteral("branch"));
    const QCommandLineOption city(QStringLiteral("city"), tr("The branch's city."), tr("city"));
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    tr("serve: address and port to listen on (default: "
                                       "127.0.0.1:8080)."),
                                    tr("address:port"));
    const QCommandLineOption threads(QStringLiteral("threads"),
                                     tr("serve: how many requests run side by side (default: 4)."),
                                     tr("count"));
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"),
                                     tr("serve: PEM certificate chain; HTTPS only when given."),
                                     tr("file"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"),
                                    tr("serve: PEM private key of the certificate."), tr("file"));
    const QCommandLineOption scopes(
            QStringLiteral("scopes"),
            tr("integration add: transactions and/or leads, comma-separated."), tr("list"));
    const QCommandLineOption keyDir(QStringLiteral("key-dir"),
                                    tr("The folder of the keys kept out of the database "
                                       "(default: \"keys\" beside the SQLite file)."),
                                    tr("folder"));
    const QCommandLineOption anchor(QStringLiteral("anchor"),
                                    tr("verify-audit: also check that the trail still holds the "
                                       "entry of this line from audit anchor (or the log)."),
                                    tr("line"));
    const QCommandLineOption customers(QStringLiteral("customers"),
                                       tr("seed-demo: how many customers to create."), tr("count"),
                                       QStringLiteral("3000"));
    const QCommandLineOption activitiesOption(
            QStringLiteral("activities"),
            tr("seed-demo: how many timeline entries to create (default: two per customer)."),
            tr("count"), QStringLiteral("-1"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  tr("seed-demo: the random seed, for the same data again."),
                                  tr("number"), QStringLiteral("20261123"));
    for (const QCommandLineOption &option :
         { help,  version, config, database, login,   name,   role,   branch,    parent,
           level, city,    listen, threads,  tlsCert, tlsKey, keyDir, customers, activitiesOption,
           seed,  scopes,  anchor })
        parser.addOption(option);

    if (!parser.parse(arguments)) {
        m_err << parser.errorText() << Qt::endl;
        return Usage;
    }
    if (parser.isSet(help)) {
        m_out << parser.helpText();
        return Success;
    }
    if (parser.isSet(version)) {
        m_out << "branchline-server " << BRANCHLINE_VERSION << Qt::endl;
        return Success;
    }

    ServerSettings settings;
    QString error;
    if (!resolveSettings(parser, config,
                         { { &database, "database" },
                           { &listen, "listen" },
                           { &threads, "threads" },
                           { &tlsCert, "tls_cert" },
                           { &tlsKey, "tls_key" },
                           { &keyDir, "key_dir" } },
                         &settings, &error)) {
        m_err << error << Qt::endl;
        return Usage;
    }
    ServerLogging::apply(settings.logLevel);
    const DatabaseUrl &url = settings.database;
    if (!openKeyRing(settings, &error)) {
        m_err << error << Qt::endl;
        return Failure;
    }
    const QStringList words = parser.positionalArguments();
    if (words.isEmpty() || words.first() == QLatin1String("serve")) {
        if (!ServerConfig::checkTlsFiles(settings, &error)) {
            m_err << error << Qt::endl;
            return Usage;
        }
        return serve(settings, m_out, m_err);
    }
    Database db(url);
    ServerMigrator migrator(db);
    if (!migrator.migrate(&error)) {
        m_err << error << Qt::endl;
        return Failure;
    }

    const QString command = words.mid(0, 2).join(QLatin1Char(' '));
    PasswordHasher hasher;
    Accounts accounts(db, hasher);

    if (words.first() == QLatin1String("init")) {
        m_out << tr("Database %1 is ready (schema %2).")
                         .arg(url.redacted())
                         .arg(migrator.currentVersion())
              << Qt::endl;
        if (migrator.createdAuditKey() > 0)
            m_out << AuditCommands::keyCreatedNote(migrator.createdAuditKey()) << Qt::endl;
        return Success;
    }
    if (words.first() == QLatin1String("verify-audit"))
        return AuditCommands::verify(db, parser.value(anchor), m_out, m_err);
    if (command == QLatin1String("audit anchor"))
        return AuditCommands::anchor(db, m_out, m_err);
    if (command == QLatin1String("audit rotate-key"))
        return AuditCommands::rotateKey(db, m_out, m_err);
    if (words.first() == QLatin1String("seed-demo")) {
        DemoSeeder::Options options;
        bool countOk = false;
        bool seedOk = false;
        options.customers = parser.value(customers).toInt(&countOk);
        options.seed = parser.value(seed).toULongLong(&seedOk);
        bool activitiesOk = false;
        options.activities = parser.value(activitiesOption).toInt(&activitiesOk);
        countOk = countOk && activitiesOk && options.activities >= -1;
        if (!countOk || !seedOk || options.customers < 0) {
            m_err << tr("--customers and --seed take whole numbers.") << Qt::endl;
            return Usage;
        }
        {
            QSqlDatabase connection = db.connection(&error);
            if (!accounts.users(&error).isEmpty()) {
                m_err << tr("This database already has users; seed-demo only fills an empty "
                            "one. Use a new --database.")
                      << Qt::endl;
                return Failure;
            }
        }
        // The password comes on standard input, as for user add.
        options.password = m_in.readLine();
        const QStringList problems = PasswordPolicy::problems(options.password, QString());
        if (!problems.isEmpty()) {
            m_err << tr("The demo password does not meet the password policy:") << Qt::endl;
            for (const QString &problem : problems)
                m_err << QStringLiteral("  - ") << problem << Qt::endl;
            return Failure;
        }
        DemoSeeder seeder(db, m_out);
        if (!seeder.seed(options, &error)) {
            m_err << error << Qt::endl;
            return Failure;
        }
        return Success;
    }
    if (command == QLatin1String("keys rotate")) {
        // Runs beside the serving instances: batches of short transactions.
        int key = 0;
        const auto report = [this](const QString &line) { m_out << line << Qt::endl; };
        if (!PiiRekey::rotate(db, report, &key, &error)) {
            m_err << error << Qt::endl;
            return Failure;
        }
        m_out << tr("Data key %1 is the only one in use. Keep the older key files as long as "
                    "backups made before now are kept: they need them.")
                         .arg(key)
              << Qt::endl;
        return Success;
    }
    if (command == QLatin1String("keys reencrypt")) {
        // The newest data key already in the folder (put in every instance's folder by
        // hand first, when instances run on several machines): no new key is made.
        const int key = KeyRing::installed()->currentNumber(KeyRing::Purpose::Data);
        const auto report = [this](const QString &line) { m_out << line << Qt::endl; };
        if (!PiiRekey::reencrypt(db, key, report, &error)) {
            m_err << error << Qt::endl;
            return Failure;
        }
        return Success;
    }
    if (command == QLatin1String("integration add")) {
        Integrations integrations(db);
        QString key;
        if (!integrations.add(parser.value(name),
                              parser.value(scopes).split(QLatin1Char(','), Qt::SkipEmptyParts),
                              &key, &error)) {
            m_err << error << Qt::endl;
            return Failure;
        }
        m_out << tr("Integration %1 added. Its API key, shown this once only (the server keeps "
                    "only a hash):")
                         .arg(parser.value(name))
              << Qt::endl
              << key << Qt::endl;
        return Success;
    }
    if (command == QLatin1String("integration revoke")) {
        Integrations integrations(db);
        bool found = false;
        if (!integrations.revoke(parser.value(name), &found, &error)) {
            m_err << error << Qt::endl;
            return Failure;
        }
        if (!found) {
            m_err << tr("There is no active integration named \"%1\".").arg(parser.value(name))
                  << Qt::endl;
            return Failure;
        }
        m_out << tr("Integration %1 revoked: its API key no longer works.").arg(parser.value(name))
              << Qt::endl;
        return Success;
    }
    if (command == QLatin1String("integration list")) {
        Integrations integrations(db);
        const QList<Integrations::Listed> all = integrations.list(&error);
        if (!error.isEmpty()) {
            m_err << error << Qt::endl;
            return Failure;
        }
        for (const Integrations::Listed &integration : all)
            m_out << integration.name << '\t' << integration.scopes.join(QLatin1Char(',')) << '\t'
                  << integration.createdAt << '\t'
                  << (integration.revokedAt.isEmpty() ? tr("active")
                                                      : tr("revoked %1").arg(integration.revokedAt))
                  << Qt::endl;
        return Success;
    }
    if (command == QLatin1String("branch add")) {
        Branch newBranch;
        newBranch.name = parser.value(name);
        newBranch.parentId = parser.value(parent);
        newBranch.level = parser.value(level);
        newBranch.city = parser.value(city);
        if (!accounts.addBranch(newBranch, QString(), &error)) {
            m_err << error << Qt::endl;
            return Failure;
        }
        m_out << newBranch.id << Qt::endl;
        return Success;
    }
    if (command == QLatin1String("user add")) {
        UserAccount user;
        user.login = parser.value(login);
        user.displayName = parser.value(name);
        user.branchId = parser.value(branch);
        const std::optional<Role> parsedRole = roleFromCode(parser.value(role));
        if (!parsedRole) {
            m_err << tr("Unknown role \"%1\": use sales_rep, branch_manager, risk_officer or "
                        "admin.")
                             .arg(parser.value(role))
                  << Qt::endl;
            return Usage;
        }
        user.role = *parsedRole;
        // The password comes on standard input, never as an argument: arguments are
        // visible to every user of the machine in the process list.
        const QString password = m_in.readLine();
        QStringList problems;
        if (!accounts.addUser(user, password, QString(), &problems, &error)) {
            m_err << error << Qt::endl;
            for (const QString &problem : problems)
                m_err << QStringLiteral("  - ") << problem << Qt::endl;
            return Failure;
        }
        m_out << tr("User %1 added.").arg(user.login) << Qt::endl;
        return Success;
    }
    if (command == QLatin1String("user list")) {
        const QList<UserAccount> users = accounts.users(&error);
        if (!error.isEmpty()) {
            m_err << error << Qt::endl;
            return Failure;
        }
        for (const UserAccount &user : users) {
            m_out << user.login << '\t' << roleCode(user.role) << '\t' << user.displayName << '\t'
                  << (user.disabled ? tr("disabled") : tr("active")) << Qt::endl;
        }
        return Success;
    }
    if (command == QLatin1String("user disable")) {
        if (!accounts.disableUser(parser.value(login), QString(), &error)) {
            m_err << error << Qt::endl;
            return Failure;
        }
        m_out << tr("User %1 disabled; their sessions have ended.").arg(parser.value(login))
              << Qt::endl;
        return Success;
    }
    m_err << tr("Unknown command \"%1\". Run branchline-server --help to see the commands.")
                     .arg(words.join(QLatin1Char(' ')))
          << Qt::endl;
    return Usage;
}

} // namespace branchline::server
