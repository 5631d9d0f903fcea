#include "premieredatedelegate.h"

#include "movie.h"

#include <QDateEdit>

namespace Marquee {

QWidget *PremiereDateDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                            const QModelIndex &) const
{
    auto *editor = new QDateEdit(parent);
    editor->setObjectName(QStringLiteral("premiereDateEditor"));
    editor->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    editor->setCalendarPopup(true);
    // The server accepts the same range.
    editor->setDateRange(QDate(Movie::MinYear, 1, 1), QDate(Movie::MaxYear, 12, 31));
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
