"""The ``glossator`` command line: a click group that maps library errors to one-line messages."""

from __future__ import annotations

import importlib
import sys

import click

from glossator import __version__

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}

# name -> module under glossator.commands; loaded lazily so `glossator --help` stays instant.
COMMANDS = {
    "translate": "translate",
    "model": "model",
    "glossary": "glossary",
    "review": "review",
}


class LazyGroup(click.Group):
    """A group whose sub-commands are imported only when used (or when help lists them)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMANDS.get(cmd_name)
        if module_name is None:
            return None
        module = importlib.import_module(f"glossator.commands.{module_name}")
        return module.command

    def invoke(self, ctx: click.Context):  # noqa: D401 - click API
        from glossator.glossary.errors import GlossaryError
        from glossator.translate.errors import TranslateError

        try:
            return super().invoke(ctx)
        except (GlossaryError, TranslateError) as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            from glossator.translate.terminal import inert

            # Messages quote file names and file content: control characters must not reach the terminal.
            # A file name that is not UTF-8 reaches here as lone surrogates: shown escaped, never a crash.
            message = f"Error: {exc}".encode("utf-8", "backslashreplace").decode("utf-8")
            click.echo(inert(message, newlines=False), err=True)
            sys.exit(1)


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="glossator")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Glossator: offline German→English translation with glossary enforcement.

    Example:

        glossator translate seeds/us-china-north-korea-2024-02.de.txt
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def main() -> None:
    cli(prog_name="glossator")
