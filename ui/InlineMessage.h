#pragma once

#include <QString>

class QColor;
class QLabel;

// A message shown in place, next to what it is about: a validation error under a field,
// a failure under the controls that caused it. Always plain text, hidden when empty.
namespace InlineMessage {

enum class Severity { Error, Warning };

QColor color(Severity severity);
void show(QLabel *label, const QString &text, Severity severity = Severity::Error);
void clear(QLabel *label);
// Prepares a label from a form: plain text, wrapping, selectable, hidden.
void prepare(QLabel *label);

} // namespace InlineMessage
