#include "premieredatedelegate.h"

#include "premieredateedit.h"

namespace Marquee {

QWidget *PremiereDateDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                            const QModelIndex &) const
{
    auto *editor = new PremiereDateEdit(parent);
    editor->setObjectName(QStringLiteral("premiereDateEditor"));
    return editor;
}

void PremiereDateDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *dateEdit = static_cast<QDateEdit *>(editor);
    dateEdit->setDate(index.data(Qt::EditRole).toDate());
}

void PremiereDateDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                        const QModelIndex &index) const
{
    auto *dateEdit = static_cast<QDateEdit *>(editor);
    dateEdit->interpretText();
    model->setData(index, dateEdit->date(), Qt::EditRole);
}

} // namespace Marquee
