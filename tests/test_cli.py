"""The ``planeval`` console script wraps Django's commands."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("planeval")


@pytest.mark.skipif(not SCRIPT.exists(), reason="console script not installed in this interpreter's venv")
def test_console_script_runs_parse_target():
    result = subprocess.run(
        [str(SCRIPT), "parse-target", "累计 1400", "--name", "新增固定资产投资总额", "--unit", "亿元"],
        capture_output=True, text=True, check=True,
    )
    data = json.loads(result.stdout)
    assert {"kind", "low", "high", "direction", "cumulative", "relative_to", "parts", "raw"} <= data.keys()
    assert data["kind"] == "cumulative" and data["low"] == "1400" and data["cumulative"] is True


def test_console_script_lists_the_planeval_commands():
    result = subprocess.run([str(SCRIPT), "help"], capture_output=True, text=True, check=True)
    for command in ("load-demo", "parse-target", "assess"):
        assert command in result.stdout
