// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Tones.h"

#include <QStyledItemDelegate>

#include <functional>
#include <optional>

namespace branchline {

// Writes a cell's text in the tone its meaning calls for (a faulty terminal in the error
// tone, a verified checklist item in the success tone), read from a model role holding an
// enum value; the text says the same in words. Selected rows keep their own colours.
class ToneDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using ToneOf = std::function<std::optional<Tone>(int value)>;
    ToneDelegate(int role, ToneOf toneOf, QObject *parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    int m_role;
    ToneOf m_toneOf;
};

} // namespace branchline
