// SPDX-License-Identifier: GPL-3.0-or-later
// The XLSX half of WidgetExporter, apart because it is the only file that talks to
// libxlsxwriter's C API.
#include "WidgetExporter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <xlsxwriter.h>

namespace branchline {

namespace {

// Sheet names: at most 31 characters, none of []:*?/\ .
QByteArray sheetName(const QString &title)
{
    QString name = title;
    for (const QChar bad : QStringLiteral("[]:*?/\\"))
        name.replace(bad, QLatin1Char(' '));
    name = name.trimmed().left(31);
    if (name.isEmpty())
        name = QStringLiteral("Sheet1");
    return name.toUtf8();
}

} // namespace

bool WidgetExporter::saveXlsx(const QueryResult &result, const QString &title,
                              const QString &path, QString *error)
{
    // Written beside the target under a temporary name and renamed, like QSaveFile does,
    // because libxlsxwriter opens the file by name itself.
    const QFileInfo target(path);
    QTemporaryFile aside(target.absoluteDir().filePath(QStringLiteral("XXXXXX.xlsx.part")));
    if (!aside.open()) {
        *error = tr("Could not write %1: %2").arg(path, aside.errorString());
        return false;
    }
    const QByteArray asideName = QFile::encodeName(aside.fileName());
    aside.close();

    lxw_workbook *book = workbook_new(asideName.constData());
    if (!book) {
        *error = tr("Could not write %1.").arg(path);
        return false;
    }
    lxw_worksheet *sheet = workbook_add_worksheet(book, sheetName(title).constData());
    lxw_format *bold = workbook_add_format(book);
    format_set_bold(bold);
    lxw_format *money = workbook_add_format(book);
    format_set_num_format(money, "\xC2\xA5#,##0.00"); // ¥#,##0.00
    for (int c = 0; c < result.columnCount(); ++c) {
        const auto column = static_cast<lxw_col_t>(c);
        worksheet_write_string(sheet, 0, column, result.columns.at(c).label.toUtf8().constData(),
                               bold);
        worksheet_set_column(sheet, column, column, 18, nullptr);
    }
    for (int r = 0; r < result.rowCount(); ++r) {
        const auto row = static_cast<lxw_row_t>(r + 1);
        for (int c = 0; c < result.columnCount(); ++c) {
            const auto column = static_cast<lxw_col_t>(c);
            const ResultColumn &info = result.columns.at(c);
            const bool number = !info.isDimension
                    && (info.kind == ValueKind::Integer || info.kind == ValueKind::Money
                        || info.kind == ValueKind::Decimal || info.kind == ValueKind::Percent);
            if (number) {
                const QVariant n = exportedNumber(result, r, c);
                if (!n.isNull())
                    worksheet_write_number(sheet, row, column, n.toDouble(),
                                           info.kind == ValueKind::Money ? money : nullptr);
            } else {
                worksheet_write_string(sheet, row, column, result.text(r, c).toUtf8().constData(),
                                       nullptr);
            }
        }
    }
    const lxw_error closed = workbook_close(book);
    if (closed != LXW_NO_ERROR) {
        QFile::remove(aside.fileName());
        *error = tr("Could not write %1: %2").arg(path, QString::fromUtf8(lxw_strerror(closed)));
        return false;
    }
    QFile::remove(path);
    if (!QFile::rename(aside.fileName(), path)) {
        *error = tr("Could not write %1.").arg(path);
        return false;
    }
    aside.setAutoRemove(false);
    return true;
}

} // namespace branchline
