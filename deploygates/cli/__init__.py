"""The `deploygates` command: one subcommand per job around the gates (the gates themselves run with pytest).

Each subcommand is a module with `configure(parser)` and `run(options)`, named by its dotted path and
imported by name (as pytest-testinfra chooses its backends): the command depends on no subcommand's code.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = {
    "sandbox": ("deploygates.sandbox.cli", "the local stand-in for production: up, deploy, rollback, status, down"),
    "signoff": ("deploygates.cli.signoff", "record or review the runbook items a person attests"),
    "notify": ("deploygates.cli.notify", "the communication templates and the stakeholder summary, from verdict.json"),
    "report": ("deploygates.cli.report", "run the gates into Allure results and build the offline HTML report"),
}


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="deploygates", description=__doc__.splitlines()[0])
    commands = top.add_subparsers(dest="subcommand", required=True, metavar="|".join(COMMANDS))
    for name, (module, summary) in COMMANDS.items():
        command = commands.add_parser(name, help=summary, description=summary)
        importlib.import_module(module).configure(command)
    return top


def main(argv: list[str] | None = None) -> int:
    options = parser().parse_args(argv)
    module = importlib.import_module(COMMANDS[options.subcommand][0])
    return int(module.run(options))


if __name__ == "__main__":
    sys.exit(main())
