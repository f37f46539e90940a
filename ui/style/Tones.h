// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>

class QPalette;
class QWidget;

namespace branchline {

// The few colours that carry meaning (an error, a risk level, the kind of an activity).
// Everything else is drawn in the palette's own roles, so the app follows the system's light
// or dark appearance; these come in two shades, a deeper one that reads on a light window
// and a softer one that reads on a dark window, and are always said in words as well.
enum class Tone {
    Error, // also high risk and overdue
    Warning, // medium risk, notes
    Success, // low risk, visits
    Info, // calls
    Violet, // emails
    Neutral, // documents
};

class Tones
{
public:
    static bool isDark(const QPalette &palette);
    // `tone` in the shade that reads on `palette`'s window and base colours.
    static QColor colour(Tone tone, const QPalette &palette);
    // Black or white text, whichever reads on a badge filled with `fill`.
    static QColor textOn(const QColor &fill);

    // Writes `widget`'s text in `tone`, and keeps doing so when the system switches between
    // light and dark while the program runs.
    static void setTextTone(QWidget *widget, Tone tone);
    // Back to the palette's own text colour.
    static void clearTextTone(QWidget *widget);
};

} // namespace branchline
