#pragma once

#include <QDoubleSpinBox>

// Seconds to the microsecond, shown with only the digits the value needs ("1 s",
// "0.0015 s") instead of six decimals on every value.
class SecondsSpinBox final : public QDoubleSpinBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecondsSpinBox)

public:
    explicit SecondsSpinBox(QWidget *parent = nullptr);

    QString textFromValue(double value) const override;
};
