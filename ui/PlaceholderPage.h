// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

namespace branchline {

// A section whose screen is not built yet: says what it will hold, so the navigation is
// complete and nobody mistakes an empty page for missing data.
class PlaceholderPage : public QWidget
{
    Q_OBJECT

public:
    PlaceholderPage(const QString &title, const QString &text, QWidget *parent = nullptr);
};

} // namespace branchline
