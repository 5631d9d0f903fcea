#pragma once

#include <QStyledItemDelegate>

namespace Marquee {

// Edits a premiere date with a QDateEdit and its calendar popup, in ISO format. The
// model receives a QDate.
class PremiereDateDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override;
};

} // namespace Marquee
