"""``glossator review``: the command line around the review desk (the desk itself is tested with Pilot)."""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

from glossator.cli import cli


def _fake(monkeypatch, fake_engine):
    module = sys.modules.get("glossator.commands.review")
    if module is None:
        import glossator.commands.review as module
    monkeypatch.setattr(module, "load_engine", lambda: fake_engine)


def test_export_without_the_desk(article: Path, tmp_path: Path, monkeypatch, fake_engine, glossary):
    _fake(monkeypatch, fake_engine)
    out = tmp_path / "english.txt"
    result = CliRunner().invoke(cli, ["review", str(article), "--glossary", str(glossary.path), "--export", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").split("\n")
    assert len(lines) == len(article.read_text(encoding="utf-8").split("\n"))
    assert lines[0].startswith("The State Department said today")
    assert "7 segments, 0 approved, 0 edited, 7 machine" in result.output


def test_export_uses_the_reviewed_english(article: Path, tmp_path: Path, monkeypatch, fake_engine, glossary):
    from glossator.translate.project import ReviewProject

    _fake(monkeypatch, fake_engine)
    out = tmp_path / "english.txt"
    args = ["review", str(article), "--glossary", str(glossary.path), "--export", str(out)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    project = ReviewProject.open(article)
    project.edit(0, "Reviewed first line.")
    project.close()
    calls = len(fake_engine.calls)
    assert CliRunner().invoke(cli, args).exit_code == 0
    assert len(fake_engine.calls) == calls  # nothing translated again
    assert out.read_text(encoding="utf-8").split("\n")[0] == "Reviewed first line."


def test_missing_glossary_is_a_one_line_error(article: Path, tmp_path: Path):
    result = CliRunner().invoke(cli, ["review", str(article), "--glossary", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: Glossary")


def test_missing_file_is_a_usage_error(tmp_path: Path):
    result = CliRunner().invoke(cli, ["review", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2


def test_help_has_an_example():
    result = CliRunner().invoke(cli, ["review", "-h"])
    assert result.exit_code == 0 and "Example:" in result.output


def test_the_desk_gets_the_engine_glossary_project_and_memory(article, monkeypatch, fake_engine, glossary):
    from glossator.tui.app import ReviewApp

    _fake(monkeypatch, fake_engine)
    seen = {}

    def run(self):
        seen.update(engine=self.engine, glossary=self.glossary.path, project=self.project.path, memory=self.memory)

    monkeypatch.setattr(ReviewApp, "run", run)
    result = CliRunner().invoke(cli, ["review", str(article), "--glossary", str(glossary.path)])
    assert result.exit_code == 0, result.output
    assert seen["engine"] is fake_engine
    assert seen["glossary"] == glossary.path
    assert seen["project"].parent.name == "projects"
    assert seen["memory"].path.name == "memory.db"


def test_a_translated_review_opens_without_a_model(article, monkeypatch, fake_engine, glossary, tmp_path):
    from glossator.translate.errors import TranslateError
    from glossator.tui.app import ReviewApp

    _fake(monkeypatch, fake_engine)
    args = ["review", str(article), "--glossary", str(glossary.path)]
    assert CliRunner().invoke(cli, [*args, "--export", str(tmp_path / "en.txt")]).exit_code == 0

    def no_model():
        raise TranslateError("No German→English model is installed.")

    import glossator.commands.review as review

    monkeypatch.setattr(review, "load_engine", no_model)
    seen = {}
    monkeypatch.setattr(ReviewApp, "run", lambda self: seen.update(engine=self.engine))
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert seen["engine"].model_id == "unavailable"


def test_an_untranslated_review_needs_a_model(article, monkeypatch, glossary):
    from glossator.translate.errors import TranslateError

    import glossator.commands.review as review

    def no_model():
        raise TranslateError("No German→English model is installed.")

    monkeypatch.setattr(review, "load_engine", no_model)
    result = CliRunner().invoke(cli, ["review", str(article), "--glossary", str(glossary.path)])
    assert result.exit_code == 1
    assert result.output == "Error: No German→English model is installed.\n"


def test_the_command_module_imports_textual_only_when_the_desk_opens():
    import subprocess

    code = "import sys, glossator.commands.review; assert 'textual' not in sys.modules, 'textual imported'"
    subprocess.run([sys.executable, "-c", code], check=True)
