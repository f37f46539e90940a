// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class QLabel;

namespace branchline {

// The client's main window. Today it holds the empty start page; the customer list, leads,
// tasks, approvals and dashboards move in as their issues land.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void restoreWindowState();
    void saveWindowState() const;

    QLabel *m_connectionState = nullptr;
};

} // namespace branchline
