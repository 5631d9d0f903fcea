#!/usr/bin/env python3
"""Derive resources/seed/movies.json from the movie dataset (movies-2020s.json).

The dataset lists a release year only, so each movie gets a premiere date inside that
year: day number (FNV-1a 32-bit hash of the UTF-8 title) mod (days in the year), counted
from 1 January. MovieImporter::derivedPremiereDate() uses the same rule for imported
entries without a premiereDate.

Usage: tools/derive-seed.py DATASET.json > resources/seed/movies.json
"""

import datetime
import json
import re
import sys

MAX_DESCRIPTION = 240


def fnv1a(data: bytes) -> int:
    value = 2166136261
    for byte in data:
        value ^= byte
        value = (value * 16777619) & 0xFFFFFFFF
    return value


def premiere_date(title: str, year: int) -> str:
    first = datetime.date(year, 1, 1)
    days = (datetime.date(year + 1, 1, 1) - first).days
    return (first + datetime.timedelta(days=fnv1a(title.encode("utf-8")) % days)).isoformat()


def short_description(extract: str) -> str:
    """Keep the first sentence, cut at a word boundary if it is still long."""
    sentence = re.split(r"(?<=[.!?])\s+", extract.strip(), maxsplit=1)[0]
    if len(sentence) <= MAX_DESCRIPTION:
        return sentence
    return sentence[: MAX_DESCRIPTION - 3].rsplit(" ", 1)[0] + "..."


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as source:
        entries = json.load(source)

    seed = []
    for entry in entries:
        title = entry["title"].strip()
        seed.append({
            "title": title,
            "year": entry["year"],
            "premiereDate": premiere_date(title, entry["year"]),
            "genres": entry.get("genres", []),
            "cast": entry.get("cast", []),
            "description": short_description(entry.get("extract", "")),
        })

    # One movie per line keeps the file compact and its diffs readable.
    lines = [json.dumps(movie, ensure_ascii=False, separators=(",", ":")) for movie in seed]
    sys.stdout.write("[\n" + ",\n".join(lines) + "\n]\n")


if __name__ == "__main__":
    main()
