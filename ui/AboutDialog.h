#pragma once

#include <QDialog>

// Help ▸ About: the icon, name, version, the Qt it runs on, licence and home page.
class AboutDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)

public:
    explicit AboutDialog(QWidget *parent = nullptr);
};
