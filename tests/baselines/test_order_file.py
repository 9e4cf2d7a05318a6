"""A --migrations directory's order.txt: the scripts run in its order, and it must name every script there."""

import re
from pathlib import Path

import pytest

from deploygates.migration.files import SourceError, sql_files


def scripts(directory: Path, *names: str, order: str | None = None) -> Path:
    for name in names:
        (directory / name).write_text("SELECT 1;\n")
    if order is not None:
        (directory / "order.txt").write_text(order)
    return directory


def test_scripts_run_in_the_order_order_txt_gives(tmp_path: Path) -> None:
    """order.txt decides the order (the runbook's names sort data < indexes < schema)."""
    folder = scripts(tmp_path, "a_data.sql", "b_schema.sql", order="# runbook order\nb_schema.sql\na_data.sql\n")
    assert [f.name for f in sql_files(folder, "--migrations")] == ["b_schema.sql", "a_data.sql"]


def test_a_script_order_txt_does_not_name_is_an_error_naming_it(tmp_path: Path) -> None:
    """A script beside order.txt that it does not list is refused, by name, with the fix."""
    folder = scripts(tmp_path, "01_schema.sql", "02_data.sql", "03_forgotten.sql", order="01_schema.sql\n02_data.sql\n")
    with pytest.raises(SourceError, match=re.escape("03_forgotten.sql not listed in order.txt; add or remove it")):
        sql_files(folder, "--migrations")


def test_a_name_order_txt_lists_but_the_folder_lacks_is_an_error(tmp_path: Path) -> None:
    folder = scripts(tmp_path, "01_schema.sql", order="01_schema.sql\n02_data.sql\n")
    with pytest.raises(SourceError, match=re.escape("names files that are not there: 02_data.sql")):
        sql_files(folder, "--migrations")


def test_without_order_txt_scripts_run_in_name_order(tmp_path: Path) -> None:
    folder = scripts(tmp_path, "2_b.sql", "1_a.sql")
    assert [f.name for f in sql_files(folder, "--migrations")] == ["1_a.sql", "2_b.sql"]
