// SPDX-License-Identifier: GPL-3.0-or-later
// The main window under a dark system palette (Fusion, as KDE or Windows' dark mode give
// it), in English and Chinese: every text reads on its background, the meaningful colours
// take their dark-palette shade, nothing is cut off. ctest runs it twice, the second time
// with QT_SCALE_FACTOR=2, where the pictures must be drawn at twice the pixels, not scaled.
// With BRANCHLINE_SCREENSHOT_DIR set, the pictures are kept for docs/screenshots.
#include "DemoData.h"
#include "FakeKeyStore.h"
#include "MainWindow.h"
#include "PendingMarkerDelegate.h"
#include "StoreFixture.h"
#include "Tones.h"
#include "Translations.h"
#include "customers/CustomerView.h"
#include "customers/CustomerWorkspace.h"
#include "repositories/CustomerRepository.h"
#include "session/Session.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace branchline;

namespace {

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30), base(0x1e, 0x1f, 0x22), text(0xe8, 0xea, 0xed);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0xa0, 0xa6));
    p.setColor(QPalette::Button, QColor(0x3c, 0x3f, 0x43));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x51));
    p.setColor(QPalette::Midlight, QColor(0x40, 0x43, 0x47));
    p.setColor(QPalette::Mid, QColor(0x5f, 0x63, 0x68));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x3b, 0x6e, 0xc4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    for (const QPalette::ColorRole role :
         { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        p.setColor(QPalette::Disabled, role, QColor(0x80, 0x84, 0x88));
    return p;
}

// WCAG's contrast ratio of two colours.
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF())
                + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a), lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

} // namespace

class TestAppearance : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void darkMainWindow_data();
    void darkMainWindow();
    void iconsAreSharpAtThePixelRatio();

private:
    void keep(QWidget *widget, const QString &name);
    static void checkReadable(QWidget *root);
    static void checkNothingCutOff(QWidget *root);

    QTemporaryDir m_dir;
    std::unique_ptr<Session> m_session;
    test::DemoBook m_book;
};

void TestAppearance::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("BranchlineTest"));
    qputenv("BRANCHLINE_CLIENT_CONF", m_dir.filePath(QStringLiteral("none.conf")).toUtf8());
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(darkPalette());
    QVERIFY(Tones::isDark(QApplication::palette()));
}

void TestAppearance::init()
{
    QSettings().clear();
    auto keys = std::make_shared<test::FakeKeyStore>();
    auto settings = std::make_shared<QSettings>(m_dir.filePath(QStringLiteral("accounts.ini")),
                                                QSettings::IniFormat);
    AccountRegistry registry(keys, settings, m_dir.filePath(QStringLiteral("stores")));
    Account account = registry.prepare(QUrl(QStringLiteral("http://127.0.0.1:9")),
                                       QStringLiteral("zj.rep1"));
    QFile::remove(account.storePath);
    m_session = std::make_unique<Session>(account, registry);
    StoreKey key;
    key.secret = SecretBytes::random(32);
    QString error;
    QVERIFY2(m_session->open(std::move(key), true, &error), qPrintable(error));
    m_book = test::seedDemoBook(m_session->database(), 60);
    // One edit waiting for the server, so the pending marker and count show.
    CustomerRepository customers(m_session->database());
    Customer tea = *customers.find(m_book.teaMerchant);
    tea.notes += QStringLiteral("新门店预计五月开业。");
    QVERIFY(customers.update(tea));
    m_session->refreshStatus();
}

void TestAppearance::cleanup()
{
    m_session.reset();
}

void TestAppearance::keep(QWidget *widget, const QString &name)
{
    QCoreApplication::sendPostedEvents();
    QTest::qWait(50);
    const QPixmap picture = widget->grab();
    // Drawn at the screen's pixel ratio: twice the pixels at 2, not a blown-up picture.
    QCOMPARE(picture.devicePixelRatio(), widget->devicePixelRatioF());
    QCOMPARE(picture.width(), qRound(widget->width() * widget->devicePixelRatioF()));
    // A dark window: most of the picture is dark.
    const QImage image = picture.toImage().scaled(64, 40);
    qint64 lightness = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            lightness += image.pixelColor(x, y).lightness();
    QVERIFY2(lightness / (image.width() * image.height()) < 90,
             "the window is mostly light under a dark palette");
    const QString directory = qEnvironmentVariable("BRANCHLINE_SCREENSHOT_DIR");
    if (!directory.isEmpty())
        QVERIFY(picture.save(QStringLiteral("%1/%2.png").arg(directory, name)));
}

void TestAppearance::checkReadable(QWidget *root)
{
    for (QLabel *label : root->findChildren<QLabel *>()) {
        if (!label->isVisibleTo(root) || label->text().isEmpty())
            continue;
        const QPalette palette = label->palette();
        const double ratio = contrast(palette.color(label->foregroundRole()),
                                      palette.color(label->backgroundRole()));
        QVERIFY2(ratio >= 4.5,
                 qPrintable(QStringLiteral("%1 (\"%2\"): contrast %3")
                                    .arg(label->objectName(), label->text().left(40))
                                    .arg(ratio)));
    }
}

void TestAppearance::checkNothingCutOff(QWidget *root)
{
    // Layouts settle in posted events.
    QCoreApplication::sendPostedEvents();
    QTest::qWait(50);
    const auto check = [](QWidget *widget, const QString &text) {
        QVERIFY2(widget->width() >= widget->minimumSizeHint().width(),
                 qPrintable(QStringLiteral("\"%1\" is %2 wide, needs %3")
                                    .arg(text)
                                    .arg(widget->width())
                                    .arg(widget->minimumSizeHint().width())));
    };
    for (QAbstractButton *button : root->findChildren<QAbstractButton *>())
        if (button->isVisibleTo(root) && !button->text().isEmpty())
            check(button, button->text());
    for (QLabel *label : root->findChildren<QLabel *>())
        if (label->isVisibleTo(root) && !label->wordWrap() && !label->text().isEmpty())
            check(label, label->text());
    auto *navigation = root->findChild<QListWidget *>(QStringLiteral("navigation"));
    for (int i = 0; navigation && i < navigation->count(); ++i)
        QVERIFY(navigation->visualItemRect(navigation->item(i)).right()
                <= navigation->viewport()->width());
}

void TestAppearance::darkMainWindow_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
}

void TestAppearance::darkMainWindow()
{
    QFETCH(QString, language);
    const bool doubled = qApp->devicePixelRatio() > 1.5;
    if (doubled && language != QLatin1String("en"))
        QSKIP("One picture at twice the pixel ratio is enough");
    QVERIFY(Translations::install(*qApp, language));
    const QString suffix = language + (doubled ? QStringLiteral("-2x") : QString());

    MainWindow window(*m_session);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *table = window.findChild<QTableView *>(QStringLiteral("customerTable"));
    QVERIFY(table);
    QTRY_VERIFY(table->model()->rowCount() > 20);
    auto *count = window.findChild<QLabel *>(QStringLiteral("countLabel"));
    QTRY_VERIFY(!count->text().isEmpty());
    // The list's rows on the palette's dark base, not on white.
    QVERIFY(Tones::isDark(table->viewport()->palette()));
    checkReadable(&window);
    checkNothingCutOff(&window);
    keep(&window, QStringLiteral("main-window-dark-") + suffix);

    // The 360° view: tags, the timeline's badges and the pending marker in their dark shades;
    // a refused check digit in the error colour, readable on the dark form.
    window.customers()->openCustomer(m_book.teaMerchant);
    QVERIFY(window.customers()->isShowingCustomer());
    CustomerView *view = window.customers()->customerView();
    QString bad = test::validCreditCode(4242);
    bad[17] = bad[17] == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
    auto *creditCode = view->findChild<QLineEdit *>(QStringLiteral("credit_code"));
    creditCode->clear();
    creditCode->insert(bad);
    QVERIFY(!view->save());
    auto *error = view->findChild<QLabel *>(QStringLiteral("error_credit_code"));
    QVERIFY(error && error->isVisibleTo(&window));
    QCOMPARE(error->palette().color(QPalette::WindowText),
             Tones::colour(Tone::Error, window.palette()));
    checkReadable(&window);
    checkNothingCutOff(&window);
    if (!doubled)
        keep(&window, QStringLiteral("customer-view-dark-") + language);
    view->discardChanges();
}

void TestAppearance::iconsAreSharpAtThePixelRatio()
{
    const qreal ratio = qApp->devicePixelRatio();
    // The app icon is an SVG: drawn afresh at every size, never scaled up from a bitmap.
    const QIcon appIcon(QStringLiteral(":/branchline/icons/branchline.svg"));
    const QPixmap big = appIcon.pixmap(QSize(48, 48), ratio);
    QVERIFY2(!big.isNull(), "the SVG icon engine is missing");
    QCOMPARE(big.size(), QSize(48, 48) * ratio);
    // The pending marker is drawn large enough to be scaled down at any common ratio.
    const QPixmap marker = PendingMarkerDelegate::pendingIcon().pixmap(QSize(16, 16), 2.0);
    QCOMPARE(marker.size(), QSize(32, 32));
}

QTEST_MAIN(TestAppearance)
#include "tst_appearance.moc"
