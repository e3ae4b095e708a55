#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// Comma-separated values as RFC 4180 has them: a field with anything but a number is quoted
// (so a comma, a semicolon — the separator of some locales' spreadsheets — a quote, CR or
// LF stays inside it), a quote inside is doubled, rows end in CRLF, text is UTF-8.
//
// Spreadsheets run a cell that starts with = + - @ (or a tab or CR) as a formula, and a
// payload is whatever a sender chose. Such a field gets a leading apostrophe, which a
// spreadsheet shows as text and does not run ('=HYPERLINK(…)); a field that is entirely a
// number ("-12.5") is left alone, since a number is no formula.
namespace CsvFormat {

// The field as it goes between commas: neutralised, then quoted where needed.
QString field(const QString &text);
// The text with the apostrophe when it would start a formula, else unchanged.
QString neutralised(const QString &text);
bool isNumber(const QString &text);
// One row: the fields, each through field(), joined with commas, ending in CRLF.
QByteArray row(const QStringList &fields);

} // namespace CsvFormat
