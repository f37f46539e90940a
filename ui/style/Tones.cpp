// SPDX-License-Identifier: GPL-3.0-or-later
#include "Tones.h"

#include <QEvent>
#include <QPalette>
#include <QWidget>

namespace branchline {

namespace {

struct Shades
{
    QRgb light; // on a light window: deep enough for 4.5:1 contrast on white
    QRgb dark; // on a dark window: soft enough for 4.5:1 contrast on near-black
};

Shades shadesOf(Tone tone)
{
    switch (tone) {
    case Tone::Error:
        return { 0xb3261e, 0xff8a80 };
    case Tone::Warning:
        return { 0xa85700, 0xfcad70 };
    case Tone::Success:
        return { 0x137333, 0x81c995 };
    case Tone::Info:
        return { 0x1a63c7, 0x8ab4f8 };
    case Tone::Violet:
        return { 0x8430ce, 0xc58af9 };
    case Tone::Neutral:
        return { 0x5f6368, 0xbdc1c6 };
    }
    return { 0x5f6368, 0xbdc1c6 };
}

const char *const filterName = "branchline.textTone";

// Re-applies the tone when the palette under it changes (the system went dark or light).
class ToneKeeper : public QObject
{
    Q_OBJECT

public:
    ToneKeeper(QWidget *widget, Tone tone)
        : QObject(widget)
        , m_tone(tone)
    {
        setObjectName(QLatin1String(filterName));
        widget->installEventFilter(this);
        apply(widget);
    }

    void setTone(QWidget *widget, Tone tone)
    {
        m_tone = tone;
        apply(widget);
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::PaletteChange)
            apply(static_cast<QWidget *>(watched));
        return false;
    }

private:
    void apply(QWidget *widget) const
    {
        const QColor colour = Tones::colour(m_tone, widget->palette());
        if (widget->palette().color(QPalette::WindowText) == colour
            && widget->palette().color(QPalette::Text) == colour)
            return; // also ends the PaletteChange that setPalette() below sends
        QPalette palette = widget->palette();
        palette.setColor(QPalette::WindowText, colour);
        palette.setColor(QPalette::Text, colour);
        widget->setPalette(palette);
    }

    Tone m_tone;
};

} // namespace

bool Tones::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor Tones::colour(Tone tone, const QPalette &palette)
{
    const Shades shades = shadesOf(tone);
    return QColor::fromRgb(isDark(palette) ? shades.dark : shades.light);
}

QColor Tones::textOn(const QColor &fill)
{
    // Relative luminance, roughly: light fills take black text, deep ones white.
    const double luminance = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF();
    return luminance > 0.45 ? QColor(0x20, 0x21, 0x24) : QColor(Qt::white);
}

void Tones::setTextTone(QWidget *widget, Tone tone)
{
    auto *keeper =
            widget->findChild<ToneKeeper *>(QLatin1String(filterName), Qt::FindDirectChildrenOnly);
    if (keeper)
        keeper->setTone(widget, tone);
    else
        new ToneKeeper(widget, tone);
}

void Tones::clearTextTone(QWidget *widget)
{
    delete widget->findChild<ToneKeeper *>(QLatin1String(filterName), Qt::FindDirectChildrenOnly);
    // An empty palette resolves nothing of its own: the widget takes its parent's again.
    widget->setPalette(QPalette());
}

} // namespace branchline

#include "Tones.moc"
