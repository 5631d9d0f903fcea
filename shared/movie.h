#pragma once

#include "premieredate.h"
#include "result.h"

#include <QDate>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Marquee {

// A movie object in a box (root element movie).
struct Movie
{
    static constexpr int MinYear = 1870;
    static constexpr int MaxYear = 2100;
    static constexpr qsizetype MaxTitleLength = 500;
    static constexpr qsizetype MaxDescriptionLength = 10000;
    static constexpr qsizetype MaxIdLength = 200;

    QString id;
    QString title;
    int year = 0;
    PremiereDate premiereDate;
    QStringList genres;
    QStringList cast;
    QString description;
    // Server-assigned, read-only for clients.
    QUrl resourceURL;
    qint64 lastModSeq = 0;

    // Decodes the members a client may write. title and premiereDate are required; year
    // defaults to the premiere year. resourceURL and lastModSeq are read-only and ignored,
    // so a client may send back what it read. Any other unknown member is rejected.
    static Result<Movie> fromWritableMembers(const QJsonObject &members);
    // Decodes the members of a movie as the server writes it, with fromWritableMembers()
    // plus the read-only resourceURL and lastModSeq. For clients.
    static Result<Movie> fromServerMembers(const QJsonObject &members);
    // Decodes {"movie":{...}} with fromWritableMembers().
    static Result<Movie> fromJson(const QJsonObject &document);

    // The members a client may write, as fromWritableMembers() reads them.
    QJsonObject writableMembers() const;
    QJsonObject toJsonMembers() const;
    QJsonObject toJson() const;

    // Whether the client-visible content (everything but resourceURL and lastModSeq) equals
    // other's.
    bool hasSameContent(const Movie &other) const;

    // Parses a premiere as PremiereDate::parse() does and also rejects a UTC date outside
    // MinYear to MaxYear.
    static std::optional<PremiereDate> parsePremiereDate(const QString &text);
};

} // namespace Marquee
