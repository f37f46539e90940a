// SPDX-License-Identifier: GPL-3.0-or-later
#include "SignInDialog.h"

#include "FirstSyncPage.h"
#include "Headings.h"
#include "Tones.h"
#include "keys/SecretBytes.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QResizeEvent>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace branchline {

SignInDialog::SignInDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("SignInDialog"));
    setWindowTitle(tr("Sign in to Branchline"));
    auto *layout = new QVBoxLayout(this);
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(makeFormPage());
    m_syncPage = new FirstSyncPage(this);
    m_pages->addWidget(m_syncPage);
    // Stopping the first sync closes the window; the flow keeps what arrived.
    connect(m_syncPage, &FirstSyncPage::cancelRequested, this, &QDialog::reject);
    layout->addWidget(m_pages);
    setMinimumWidth(480);
}

SignInDialog::~SignInDialog()
{
    QString password = m_password->text();
    SecretBytes::wipe(password);
    m_password->clear();
}

QWidget *SignInDialog::makeFormPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *header = new QHBoxLayout;
    if (!windowIcon().isNull()) {
        auto *icon = new QLabel(page);
        icon->setPixmap(windowIcon().pixmap(48, 48));
        header->addWidget(icon, 0, Qt::AlignTop);
    }
    auto *intro = new QVBoxLayout;
    auto *title = new QLabel(tr("Sign in to Branchline"), page);
    makeHeading(title, 1.3);
    intro->addWidget(title);
    auto *explanation = new QLabel(tr("Use the account your branch gave you. Your data is kept "
                                      "on this computer, encrypted, so you can also work "
                                      "offline."),
                                   page);
    explanation->setWordWrap(true);
    intro->addWidget(explanation);
    header->addLayout(intro, 1);
    layout->addLayout(header);

    m_notice = new QLabel(page);
    m_notice->setObjectName(QStringLiteral("notice"));
    m_notice->setWordWrap(true);
    // Set apart from the form it explains, in the palette's own colours (light or dark).
    m_notice->setAutoFillBackground(true);
    m_notice->setBackgroundRole(QPalette::AlternateBase);
    m_notice->setMargin(6);
    m_notice->hide();
    layout->addWidget(m_notice);

    auto *form = new QFormLayout;
    m_server = new QLineEdit(page);
    m_server->setObjectName(QStringLiteral("server"));
    m_server->setPlaceholderText(QStringLiteral("https://crm.example.cn"));
    m_server->setInputMethodHints(Qt::ImhUrlCharactersOnly | Qt::ImhNoAutoUppercase);
    form->addRow(tr("&Server address:"), m_server);
    m_login = new QLineEdit(page);
    m_login->setObjectName(QStringLiteral("login"));
    m_login->setInputMethodHints(Qt::ImhNoAutoUppercase | Qt::ImhNoPredictiveText);
    form->addRow(tr("&Login name:"), m_login);
    m_password = new QLineEdit(page);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Password:"), m_password);
    layout->addLayout(form);

    m_problem = new QLabel(page);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Room for three lines, kept whether or not there is a message: a dialog does not grow
    // for a wrapped label by itself, and a form that jumps when an error appears is worse.
    m_problem->setMinimumHeight(m_problem->fontMetrics().lineSpacing() * 3);
    m_problem->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    layout->addWidget(m_problem);
    layout->addStretch(1);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_quit = new QPushButton(tr("Quit"), page);
    m_quit->setObjectName(QStringLiteral("quit"));
    m_signIn = new QPushButton(tr("Sign in"), page);
    m_signIn->setObjectName(QStringLiteral("signIn"));
    m_signIn->setDefault(true);
    buttons->addWidget(m_quit);
    buttons->addWidget(m_signIn);
    layout->addLayout(buttons);

    connect(m_quit, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_signIn, &QPushButton::clicked, this, &SignInDialog::submit);
    for (QLineEdit *field : { m_server, m_login, m_password }) {
        connect(field, &QLineEdit::textChanged, this, &SignInDialog::updateState);
        connect(field, &QLineEdit::returnPressed, this, &SignInDialog::submit);
    }
    updateState();
    return page;
}

void SignInDialog::setServer(const QUrl &server, bool locked)
{
    m_server->setText(server.toString());
    m_serverLocked = locked;
    m_server->setReadOnly(locked);
    if (locked)
        m_server->setToolTip(tr("Set by your branch's IT; ask them to change it."));
}

void SignInDialog::setLogin(const QString &login, bool locked)
{
    m_login->setText(login);
    m_loginLocked = locked;
    m_login->setReadOnly(locked);
    if (!login.isEmpty())
        m_password->setFocus();
}

void SignInDialog::setPassword(const QString &password)
{
    m_password->setText(password);
}

void SignInDialog::setNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
    fitContents();
}

void SignInDialog::fitContents()
{
    // A window does not grow by itself for word-wrapped text: a longer notice, or the
    // progress page's explanation at this width, would squeeze the rows below it together.
    QLayout *box = layout();
    if (!box)
        return;
    box->activate();
    const int needed =
            box->hasHeightForWidth() ? box->totalHeightForWidth(width()) : box->sizeHint().height();
    setMinimumHeight(qMax(needed, box->totalMinimumSize().height()));
    if (height() < needed)
        resize(width(), needed);
}

void SignInDialog::resizeEvent(QResizeEvent *event)
{
    QDialog::resizeEvent(event);
    if (event->oldSize().width() != event->size().width())
        fitContents(); // narrower: the text wraps onto more lines
}

QUrl SignInDialog::server() const
{
    QString text = m_server->text().trimmed();
    if (!text.isEmpty() && !text.contains(QStringLiteral("://")))
        text.prepend(QStringLiteral("https://"));
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return QUrl();
    return url;
}

QString SignInDialog::login() const
{
    return m_login->text().trimmed();
}

QString SignInDialog::takePassword()
{
    const QString password = m_password->text();
    // QLineEdit keeps an undo history we cannot reach; clearing is the most it allows. The
    // caller wipes what it was given once the worker has it.
    m_password->clear();
    return password;
}

void SignInDialog::updateState()
{
    const bool complete = !m_server->text().trimmed().isEmpty() && !login().isEmpty()
            && !m_password->text().isEmpty();
    m_signIn->setEnabled(complete && !m_busy);
}

void SignInDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_server->setReadOnly(busy || m_serverLocked);
    m_login->setReadOnly(busy || m_loginLocked);
    m_password->setReadOnly(busy);
    if (busy) {
        Tones::clearTextTone(m_problem);
        m_problem->setText(tr("Signing in…"));
    }
    updateState();
}

void SignInDialog::showProblem(SignInProblem problem, const QString &message)
{
    setBusy(false);
    Tones::setTextTone(m_problem, Tone::Error);
    m_problem->setText(message);
    switch (problem) {
    case SignInProblem::WrongPassword:
    case SignInProblem::Locked:
        m_password->setFocus();
        break;
    case SignInProblem::Unreachable:
        if (!m_serverLocked) {
            m_server->setFocus();
            m_server->selectAll();
        }
        break;
    default:
        break;
    }
}

QString SignInDialog::problemText() const
{
    return m_problem->text();
}

void SignInDialog::showFirstSync(const QString &user, const QString &host)
{
    setWindowTitle(tr("Getting your data"));
    m_syncPage->start(user, host);
    m_pages->setCurrentWidget(m_syncPage);
    fitContents();
}

void SignInDialog::showForm()
{
    setWindowTitle(tr("Sign in to Branchline"));
    setBusy(false);
    m_pages->setCurrentIndex(0);
}

bool SignInDialog::isShowingFirstSync() const
{
    return m_pages->currentWidget() == m_syncPage;
}

void SignInDialog::submit()
{
    if (m_busy || isShowingFirstSync())
        return;
    if (server().isEmpty()) {
        showProblem(SignInProblem::Unreachable,
                    tr("Enter the server's address, for example https://crm.example.cn."));
        return;
    }
    if (!m_signIn->isEnabled())
        return;
    emit signInRequested();
}

} // namespace branchline
