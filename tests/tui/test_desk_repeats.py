"""Pilot tests: repeated segments are translated once and take the translator's approved English (issue 15)."""

from __future__ import annotations

from pathlib import Path
from pilot_helpers import ready


SIZE = (120, 40)
REPEATING = """\
Nordkorea testete eine Rakete. Das Haus ist neu.

Die Regierung sagte nichts.

Nordkorea testete eine Rakete. Das Haus ist neu.
"""


def make(tmp_path: Path, glossary, engine):
    from glossator.tui.app import ReviewApp

    document = tmp_path / "wiederholt.de.txt"
    document.write_text(REPEATING, encoding="utf-8")
    return ReviewApp(document, engine=engine, glossary=glossary, export_path=tmp_path / "out.en.txt")


async def test_a_repeated_paragraph_is_translated_once(tmp_path, glossary, fake_engine):
    app = make(tmp_path, glossary, fake_engine)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        project = app.project
        assert len(project) == 5 and project.counts().machine == 5
        sent = [s for call in fake_engine.calls for s in call]
        assert sent.count("Das Haus ist neu.") == 1
        # The sentence with a glossary term costs what it costs once (enforcement may try it more than once).
        from glossator.translate.enforce import Enforcer
        from glossator.translate.fake import FakeEngine

        alone = FakeEngine()
        Enforcer(alone, app.screen.matcher).translate(["Nordkorea testete eine Rakete."])
        once = sum("Rakete" in s for call in alone.calls for s in call)
        assert sum("Rakete" in s for s in sent) == once
        assert project[3].target == project[0].target and project[4].target == project[1].target


async def test_approving_a_segment_fills_its_repetitions(tmp_path, glossary, fake_engine):
    app = make(tmp_path, glossary, fake_engine)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("e")
        app.screen.editor.target_area.load_text("North Korea tested a missile.")
        await pilot.press("enter", "up", "a")
        await pilot.pause()
        project = app.project
        assert project[0].status == "approved"
        assert (project[3].target, project[3].status) == ("North Korea tested a missile.", "edited")
        assert project[2].status == "machine"  # another sentence is left alone
