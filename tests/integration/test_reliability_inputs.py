"""Odd inputs that used to end in a traceback (issue 17): JSON nested 100,000 deep, lone surrogates in JSON,
invalid UTF-8 in arguments and file names, glossary terms long enough to blow up matching."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from glossator.glossary.errors import GlossaryError
from glossator.glossary.matcher import Matcher
from glossator.glossary.model import MAX_TERM_WORDS, Entry, validate_entry


def _run(args: list[bytes | str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "glossator", *args], cwd=cwd, capture_output=True, timeout=120,
                          stdin=subprocess.DEVNULL)


def _one_line_error(result: subprocess.CompletedProcess[bytes], needle: str) -> None:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("Error: ")]
    assert len(lines) == 1 and needle in lines[0], err


def test_a_json_glossary_nested_100000_deep_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"entries": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    _one_line_error(_run(["glossary", "import", str(path), "--glossary", str(tmp_path / "g.db")], tmp_path),
                    "nested too deeply")


def test_a_lone_surrogate_in_a_json_glossary_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text('[{"source": "Kanzler\\ud800", "target": "Chancellor"}]', encoding="utf-8")
    _one_line_error(_run(["glossary", "import", str(path), "--glossary", str(tmp_path / "g.db")], tmp_path),
                    "not valid Unicode")


def test_invalid_utf8_in_arguments_and_file_names(tmp_path: Path) -> None:
    db = str(tmp_path / "g.db")
    _one_line_error(_run(["glossary", "add", b"Kanzler\xff", "Chancellor", "--glossary", db], tmp_path),
                    "not valid Unicode")
    _one_line_error(_run(["glossary", "add", "Kanzler", b"Chancellor\xfe", "--glossary", db], tmp_path),
                    "not valid Unicode")
    # a file whose name is not UTF-8: it works, and messages naming it are printed without a crash
    odd = os.fsencode(tmp_path) + b"/terms\xff.tsv"
    with open(odd, "wb") as fh:
        fh.write(b"source\ttarget\nKanzler\tChancellor\n")
    imported = _run(["glossary", "import", odd, "--glossary", db], tmp_path)
    assert imported.returncode == 0, imported.stderr
    exported = _run(["glossary", "export", os.fsencode(tmp_path) + b"/out\xff.tsv", "--glossary", db], tmp_path)
    assert exported.returncode == 0 and b"Traceback" not in exported.stderr, exported.stderr
    missing = _run(["glossary", "import", os.fsencode(tmp_path) + b"/missing\xff.tsv", "--glossary", db], tmp_path)
    _one_line_error(missing, "does not exist")
    text = os.fsencode(tmp_path) + b"/text\xff.txt"
    with open(text, "wb") as fh:
        fh.write(b"Der Kanzler\xff spricht.\n")  # and not UTF-8 inside either
    _one_line_error(_run(["glossary", "check", text, "--glossary", db], tmp_path), "UTF-8")
    translated = _run(["translate", text], tmp_path)  # its encoding is detected; the name is no problem
    assert translated.returncode == 0 and b"Traceback" not in translated.stderr, translated.stderr


def test_terms_are_limited_in_words_and_matching_stays_linear() -> None:
    long_term = " ".join(f"Wort{i}" for i in range(MAX_TERM_WORDS + 1))
    with pytest.raises(GlossaryError, match=f"at most {MAX_TERM_WORDS} words"):
        validate_entry(Entry(None, long_term, "x"))
    with pytest.raises(GlossaryError, match=f"at most {MAX_TERM_WORDS} words"):
        validate_entry(Entry(None, "Wort", "x", forms=(long_term,)))
    # every run of 1 to 16 words of a 125-word cycle: 2,000 overlapping entries
    words = [f"Wort{i}" for i in range(125)]
    entries = [Entry(n, " ".join(words[(s + i) % 125] for i in range(length)), f"t{n}")
               for n, (s, length) in enumerate((s, length) for s in range(125) for length in range(1, 17))]
    matcher = Matcher(entries)
    text = " ".join(words * 8)
    found = matcher.find(text)
    # the longest terms (in characters) win and cover the text without overlap
    assert max(len(m.text.split()) for m in found) == MAX_TERM_WORDS
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert sum(len(m.text.split()) for m in found) == len(words) * 8
