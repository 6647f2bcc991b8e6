"""The curated starter glossary in seeds/."""

from __future__ import annotations

from pathlib import Path

from glossator.glossary.matcher import Matcher
from glossator.glossary.starter import starter_entries, starter_path
from glossator.glossary.store import entry_key

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_starter_parses_and_has_no_duplicate_slots() -> None:
    entries = starter_entries()
    keys = [entry_key(e) for e in entries]
    assert len(keys) == len(set(keys))
    assert starter_path().samefile(SEEDS / "glossary.tsv")
    assert (SEEDS / "CLDR-LICENSE").is_file() and (SEEDS / "GLOSSARY.md").is_file()


def test_starter_covers_the_seed_article_terms() -> None:
    pairs = {(e.source, e.target) for e in starter_entries()}
    for pair in [("Pjöngjang", "Pyongyang"), ("Moskau", "Moscow"), ("Wladimir Putin", "Vladimir Putin"),
                 ("Kreml", "Kremlin"), ("UN-Sicherheitsrat", "U.N. Security Council"),
                 ("Außenminister", "Secretary of State"), ("Außenminister", "foreign minister"),
                 ("koreanische Halbinsel", "Korean Peninsula"), ("Nordkorea", "North Korea"),
                 ("Antony Blinken", "Antony Blinken"), ("Wang Yi", "Wang Yi"), ("Kim Jong Un", "Kim Jong Un"),
                 ("Weißes Haus", "White House"), ("Außenministerium", "State Department"),
                 ("Außenministerium", "foreign ministry"), ("Peking", "Beijing")]:
        assert pair in pairs, pair


def test_aussenministerium_state_department_in_us_context_foreign_ministry_otherwise() -> None:
    m = Matcher([e.with_changes(id=i) for i, e in enumerate(starter_entries(), 1)])

    def target(text: str) -> str:
        return next(x.target for x in m.find(text) if x.entry.source == "Außenministerium")

    for us in ("das US-Außenministerium", "das amerikanische Außenministerium", "Washingtons Außenministerium",
               "Blinkens Außenministerium", "das Außenministerium der USA"):
        assert target(us) == "State Department", us
    for other in ("das Außenministerium", "das chinesische Außenministerium", "Pekings Außenministerium",
                  "des chinesischen Außenministeriums"):
        assert target(other) == "foreign ministry", other
    assert target("das britische Außenministerium") == "Foreign Office"
