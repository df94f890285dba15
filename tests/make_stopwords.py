"""Writes reader/stories/stopwords_en.txt, the story grouping's common words, from wordfreq.

`python -m tests.make_stopwords` (from the project root). The list is shipped as text so that
placing articles after a fetch does not load wordfreq's tables; run this again only when the
grouping should take another list (the story index then needs `broadsheet stories --rebuild`).
"""

from __future__ import annotations

from pathlib import Path

from reader.text import fold

TARGET = Path(__file__).resolve().parents[1] / "reader" / "stories" / "stopwords_en.txt"
#: How many of English's most common words say nothing about which event an article is about.
COUNT = 250
HEADER = (f"# The {COUNT} most common English words (wordfreq's top_n_list), folded, most common first.\n"
          "# Made by `python -m tests.make_stopwords`; the story grouping leaves these words out.\n")


def stopword_text() -> str:
    from wordfreq import top_n_list

    return HEADER + "".join(f"{fold(word)}\n" for word in top_n_list("en", COUNT))


if __name__ == "__main__":
    TARGET.write_text(stopword_text(), encoding="utf-8")
    print(f"wrote {TARGET}")
