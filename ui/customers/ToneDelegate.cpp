// SPDX-License-Identifier: GPL-3.0-or-later
#include "ToneDelegate.h"

namespace branchline {

ToneDelegate::ToneDelegate(int role, ToneOf toneOf, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_role(role)
    , m_toneOf(std::move(toneOf))
{
}

void ToneDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant value = index.data(m_role);
    if (!value.isValid())
        return;
    if (const std::optional<Tone> tone = m_toneOf(value.toInt()))
        option->palette.setColor(QPalette::Text, Tones::colour(*tone, option->palette));
}

} // namespace branchline
