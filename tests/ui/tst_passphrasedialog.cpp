// SPDX-License-Identifier: GPL-3.0-or-later
// The passphrase dialog, typed into and clicked like a person would.
#include "PassphraseDialog.h"
#include "Translations.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>
#include <QTranslator>

using namespace branchline;

class TestPassphraseDialog : public QObject
{
    Q_OBJECT

private slots:
    void newStoreNeedsALongConfirmedPassphrase();
    void unlockNeedsSomeText();
    void cancelGivesNothing();
    void rendersInBothLanguages_data();
    void rendersInBothLanguages();
};

namespace {
QPushButton *okButton(QDialog &dialog)
{
    return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}
} // namespace

void TestPassphraseDialog::newStoreNeedsALongConfirmedPassphrase()
{
    PassphraseDialog dialog(PassphrasePrompt::Purpose::Create, QStringLiteral("wang@crm"));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *passphrase = dialog.findChild<QLineEdit *>(QStringLiteral("passphrase"));
    auto *confirmation = dialog.findChild<QLineEdit *>(QStringLiteral("confirmation"));
    auto *problem = dialog.findChild<QLabel *>(QStringLiteral("problem"));
    QVERIFY(passphrase && confirmation && problem);
    QCOMPARE(passphrase->echoMode(), QLineEdit::Password);
    QVERIFY(!okButton(dialog)->isEnabled());

    QTest::keyClicks(passphrase, QStringLiteral("short"));
    QVERIFY(problem->text().contains(QStringLiteral("10 characters")));
    QVERIFY(!okButton(dialog)->isEnabled());

    QTest::keyClicks(passphrase, QStringLiteral(" but now long "));
    passphrase->insert(QStringLiteral("长")); // what an input method commits
    QTest::keyClicks(confirmation, QStringLiteral("short but now"));
    QVERIFY(problem->text().contains(QStringLiteral("not the same")));
    QVERIFY(!okButton(dialog)->isEnabled());

    QTest::keyClicks(confirmation, QStringLiteral(" long "));
    confirmation->insert(QStringLiteral("长"));
    QVERIFY(problem->text().isEmpty());
    QVERIFY(okButton(dialog)->isEnabled());
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));

    const SecretBytes taken = dialog.takePassphrase();
    const QByteArray expected = QStringLiteral("short but now long 长").toUtf8();
    QCOMPARE(QByteArray(reinterpret_cast<const char *>(taken.data()), int(taken.size())), expected);
    QVERIFY(passphrase->text().isEmpty());
    QVERIFY(confirmation->text().isEmpty());
}

void TestPassphraseDialog::unlockNeedsSomeText()
{
    PassphraseDialog dialog(PassphrasePrompt::Purpose::Retry, QStringLiteral("wang@crm"));
    QVERIFY(!dialog.findChild<QLineEdit *>(QStringLiteral("confirmation")));
    QVERIFY(!okButton(dialog)->isEnabled());
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("passphrase")),
                     QStringLiteral("x"));
    QVERIFY(okButton(dialog)->isEnabled());
    bool mentionsRetry = false;
    for (QLabel *label : dialog.findChildren<QLabel *>())
        mentionsRetry |= label->text().contains(QStringLiteral("did not unlock"));
    QVERIFY(mentionsRetry);
}

void TestPassphraseDialog::cancelGivesNothing()
{
    PassphraseDialog dialog(PassphrasePrompt::Purpose::Unlock, QStringLiteral("wang@crm"));
    dialog.show();
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("passphrase")),
                     QStringLiteral("typed"));
    QTest::keyClick(&dialog, Qt::Key_Escape);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
}

void TestPassphraseDialog::rendersInBothLanguages_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("title");
    QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("Choose a passphrase");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << QStringLiteral("设置口令");
}

// Renders the dialog as a person sees it; with BRANCHLINE_SCREENSHOT_DIR set, the pictures
// are kept for the docs.
void TestPassphraseDialog::rendersInBothLanguages()
{
    QFETCH(QString, language);
    QFETCH(QString, title);
    for (QTranslator *translator : qApp->findChildren<QTranslator *>())
        QCoreApplication::removeTranslator(translator);
    QVERIFY(Translations::install(*qApp, language));
    PassphraseDialog dialog(PassphrasePrompt::Purpose::Create,
                            QStringLiteral("wang.li@crm.example.cn"));
    dialog.resize(520, dialog.sizeHint().height());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.windowTitle(), title);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("passphrase")),
                     QStringLiteral("short"));
    const QPixmap picture = dialog.grab();
    QVERIFY(!picture.isNull());
    const QString directory = qEnvironmentVariable("BRANCHLINE_SCREENSHOT_DIR");
    if (!directory.isEmpty())
        QVERIFY(picture.save(directory
                             + QStringLiteral("/passphrase-dialog-%1.png").arg(language)));
}

QTEST_MAIN(TestPassphraseDialog)
#include "tst_passphrasedialog.moc"
