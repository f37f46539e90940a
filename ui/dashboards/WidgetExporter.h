// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dashboards/QueryResult.h"
#include "dashboards/QuerySpec.h"
#include "domain/rules/Role.h"

#include <QCoreApplication>
#include <QString>

class QWidget;

namespace branchline {

// Writes a widget or a whole dashboard as a picture (PNG) or a page (PDF), and the data
// behind a widget as CSV or XLSX. Each returns false with a message in the user's language
// in `error` when the file could not be written; nothing is half-written under the name
// (files are written aside and renamed).
class WidgetExporter
{
    Q_DECLARE_TR_FUNCTIONS(WidgetExporter)

public:
    static bool savePng(QWidget *widget, const QString &path, QString *error);
    // One page, landscape, the title on top and the widget scaled to fit below it.
    static bool savePdf(QWidget *widget, const QString &title, const QString &path,
                        QString *error);
    // UTF-8 with a byte-order mark (Excel reads the Chinese right), a header row of the
    // columns' labels, dimensions as shown, measures as plain numbers (money in yuan).
    static bool saveCsv(const QueryResult &result, const QString &path, QString *error);
    // One sheet named `title`: the header row in bold, measures as numbers (money in yuan
    // with the ¥ format), dimensions as text.
    static bool saveXlsx(const QueryResult &result, const QString &title, const QString &path,
                         QString *error);

    // Whether `role` may export the data of `spec`: only what the catalogue offers the role
    // (so never a masked or hidden field, which would be PII in clear). Empty when it may;
    // otherwise why not, in the user's language.
    static QString exportRefusal(const QuerySpec &spec, Role role);

    // A measure's cell as a number for a file: money in yuan, null stays null.
    static QVariant exportedNumber(const QueryResult &result, int row, int column);
};

} // namespace branchline
