// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Session.h"

#include <QDialog>
#include <QUrl>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace branchline {

class FirstSyncPage;

// Sign-in form, then the first sync's progress, in one window. A thin view: the startup
// flow does the work and calls back with problems or the next page.
class SignInDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SignInDialog(QWidget *parent = nullptr);
    ~SignInDialog() override;

    void setServer(const QUrl &server, bool locked);
    void setLogin(const QString &login, bool locked);
    void setPassword(const QString &password); // automation only
    // A line above the form: why the user is asked (the session ended, a key was lost).
    void setNotice(const QString &text);

    // The address as typed, with https:// added when no scheme was given; empty when it
    // is not an http(s) address.
    QUrl server() const;
    QString login() const;
    // The password; the field is cleared as it is taken.
    QString takePassword();

    // Signing in: the form is locked and says so.
    void setBusy(bool busy);
    // Shows why the sign-in failed, next to the form, and puts the cursor where to fix it.
    void showProblem(SignInProblem problem, const QString &message);
    QString problemText() const;

    FirstSyncPage *firstSyncPage() const { return m_syncPage; }
    void showFirstSync(const QString &user, const QString &host);
    // Back to the form (the session ended during the first sync).
    void showForm();
    bool isShowingFirstSync() const;

    // Presses Sign in as a person would (automation).
    void submit();

protected:
    void resizeEvent(QResizeEvent *event) override;

signals:
    // The flow reads server(), login() and takePassword().
    void signInRequested();

private:
    QWidget *makeFormPage();
    void updateState();
    void fitContents();

    QStackedWidget *m_pages = nullptr;
    QLabel *m_notice = nullptr;
    QLineEdit *m_server = nullptr;
    QLineEdit *m_login = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_signIn = nullptr;
    QPushButton *m_quit = nullptr;
    FirstSyncPage *m_syncPage = nullptr;
    bool m_busy = false;
    bool m_serverLocked = false;
    bool m_loginLocked = false;
};

} // namespace branchline
