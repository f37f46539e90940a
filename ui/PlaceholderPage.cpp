// SPDX-License-Identifier: GPL-3.0-or-later
#include "PlaceholderPage.h"

#include "Headings.h"

#include <QLabel>
#include <QVBoxLayout>

namespace branchline {

PlaceholderPage::PlaceholderPage(const QString &title, const QString &text, QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    auto *heading = new QLabel(title, this);
    makeHeading(heading, 1.6);
    heading->setAlignment(Qt::AlignHCenter);
    layout->addWidget(heading);
    auto *body = new QLabel(text, this);
    body->setWordWrap(true);
    body->setAlignment(Qt::AlignHCenter);
    body->setForegroundRole(QPalette::PlaceholderText);
    body->setMaximumWidth(520);
    layout->addWidget(body, 0, Qt::AlignHCenter);
    layout->addStretch(2);
}

} // namespace branchline
