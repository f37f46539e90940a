// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPointer>

namespace branchline {

class MainWindow;
class Session;

// Holds the app's main window over one session, and builds it anew when the person picks
// another language in the preferences: the catalogues are swapped and the new window opens
// where the old one stood, on the same section and the same customer. The session — the
// store, sync, the edits waiting for the server — carries on untouched, so nothing restarts.
class MainWindowHost : public QObject
{
    Q_OBJECT

public:
    explicit MainWindowHost(Session &session, QObject *parent = nullptr);
    ~MainWindowHost() override;

    MainWindow *window() const { return m_window; }

    // Installs `language`'s catalogues ("zh_CN", "en", "" for the system's) and replaces the
    // window with one that speaks it.
    void switchLanguage(const QString &language);

signals:
    void windowReplaced(branchline::MainWindow *window);
    // MainWindow::signInRequired of whichever window is current.
    void signInRequired(const QString &message);

private:
    void adopt(MainWindow *window);

    Session &m_session;
    QPointer<MainWindow> m_window;
};

} // namespace branchline
