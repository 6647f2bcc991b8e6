"""Every command and option of the CLI is in the README (as sqlite-utils' tests/test_docs.py does), so the README
cannot fall behind the code."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from glossator.cli import cli

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
HELP = {"-h", "--help"}  # documented once: "Every command has -h/--help"


def walk(command: click.Command, path: tuple[str, ...], ctx: click.Context) -> Iterator[tuple[tuple[str, ...],
                                                                                         click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None, name
            yield from walk(sub, (*path, name), ctx)


COMMANDS = dict(walk(cli, ("glossator",), click.Context(cli)))


def lines_of(path: tuple[str, ...]) -> list[str]:
    """README lines that show ``glossator … path`` (the command followed by a space or the end of the line)."""
    pattern = re.compile(re.escape(" ".join(path)) + r"(?![\w-])")
    return [line for line in README.splitlines() if pattern.search(line)]


def names(option: click.Option) -> set[str]:
    return set(option.opts) | set(option.secondary_opts)


def shared_by_all_siblings(path: tuple[str, ...], option: click.Option) -> bool:
    """An option every sub-command of the parent group has (``--glossary``) may be shown once for the group."""
    parent = COMMANDS.get(path[:-1])
    if not isinstance(parent, click.Group) or len(path) < 3:
        return False
    siblings = [c for p, c in COMMANDS.items() if p[:-1] == path[:-1] and len(p) == len(path)]
    return all(any(names(o) == names(option) for o in c.params if isinstance(o, click.Option)) for c in siblings)


def documented(path: tuple[str, ...], option: click.Option) -> bool:
    lines = lines_of(path)
    if shared_by_all_siblings(path, option):
        lines += lines_of(path[:-1])
    return any(re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", line) for line in lines
               for name in names(option))


def test_the_tree_is_walked() -> None:
    assert {" ".join(p) for p in COMMANDS} >= {"glossator translate", "glossator glossary add", "glossator review",
                                                "glossator model install"}


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=lambda p: " ".join(p))
def test_every_command_is_in_the_readme(path: tuple[str, ...]) -> None:
    assert lines_of(path), f"README.md shows no example of `{' '.join(path)}`"


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=lambda p: " ".join(p))
def test_every_option_is_in_the_readme(path: tuple[str, ...]) -> None:
    options = [p for p in COMMANDS[path].params if isinstance(p, click.Option) and not names(p) & HELP]
    missing = [sorted(names(o)) for o in options if not documented(path, o)]
    assert not missing, f"README.md does not show these options of `{' '.join(path)}`: {missing}"


def test_the_help_options_are_documented_once() -> None:
    assert "-h/--help" in README and "--version" in README
