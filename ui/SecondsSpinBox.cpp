#include "SecondsSpinBox.h"

SecondsSpinBox::SecondsSpinBox(QWidget *parent)
    : QDoubleSpinBox(parent)
{
    setDecimals(6);
}

QString SecondsSpinBox::textFromValue(double value) const
{
    QString text = locale().toString(value, 'f', decimals());
    if (!isGroupSeparatorShown())
        text.remove(locale().groupSeparator());
    const QString point = locale().decimalPoint();
    if (!text.contains(point))
        return text;
    while (text.endsWith(locale().zeroDigit()))
        text.chop(locale().zeroDigit().size());
    if (text.endsWith(point))
        text.chop(point.size());
    return text;
}
