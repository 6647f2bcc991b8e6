"""Pilot tests: QA warnings on approve and export, and an export that cannot be written (issue 15)."""

from __future__ import annotations

from pathlib import Path
from pilot_helpers import ready, type_english


SIZE = (120, 40)


def capture_notes(app) -> list[tuple[str, str]]:
    notes: list[tuple[str, str]] = []
    original = app.notify

    def capture(message: str, **kwargs) -> None:
        notes.append((kwargs.get("severity", "information"), message))
        original(message, **kwargs)

    app.notify = capture  # type: ignore[method-assign]
    return notes


async def test_approving_a_violated_term_warns_and_goes_on(make_app):
    app = make_app()
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await type_english(pilot, "On Monday there is a meeting in Pyongyang, 12 of them.", at=4)
        await pilot.press("enter", "a")
        await pilot.pause()
        assert app.project[4].status == "approved" and app.screen.view.cursor == 5
        warnings = [m for severity, m in notes if severity == "warning"]
        assert len(warnings) == 1
        assert "Approved segment 5 with warnings" in warnings[0]
        assert "Nordkorea must be rendered North Korea" in warnings[0]
        assert "Number(s) 12 in the English are not in the German" in warnings[0]
        # The English column says it too, and p finds the segment.
        assert "⚠ Number(s) 12 in the English" in "\n".join(
            strip.text for strip in app.screen._compositor.render_strips()
        )
        app.screen.view.cursor = 0
        await pilot.press("p")
        assert app.screen.view.cursor == 4


async def test_export_warns_about_unapproved_and_problem_segments(make_app, tmp_path: Path):
    app = make_app()
    notes = capture_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await type_english(pilot, "On Monday there is a meeting in Pyongyang.", at=4)
        await pilot.press("enter", "a", "x")
        await pilot.pause()
    assert (tmp_path / "artikel.en.txt").is_file()
    warnings = [m for severity, m in notes if severity == "warning"]
    assert warnings[-1] == (
        "6 of 7 segments not approved (n goes to them); 1 with QA warnings or term problems (p goes to them)."
    )


async def test_export_to_a_folder_that_cannot_be_written_is_an_error_message(make_app, tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    for target in (Path("/proc/glossator-export.en.txt"), blocker / "out.en.txt"):
        app = make_app(export_path=target)
        notes = capture_notes(app)
        async with app.run_test(size=SIZE) as pilot:
            await ready(app, pilot)
            await pilot.press("x")
            await pilot.pause()
            assert app.is_running
            errors = [m for severity, m in notes if severity == "error"]
            assert errors and errors[0].startswith(f"Cannot write {target}")


async def test_progress_counts_approved_words(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        counts = app.project.counts()
        assert counts.words == sum(len(s.source.split()) for s in app.project.segments)
        await pilot.press("a")  # approve segment 1
        await pilot.pause()
        counts = app.project.counts()
        assert counts.approved_words == len(app.project[0].source.split())
        percent = 100 * counts.approved_words // counts.words
        assert f"{percent}% of {counts.words} words" in "\n".join(
            strip.text for strip in app.screen._compositor.render_strips()
        )
