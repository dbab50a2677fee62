#!/usr/bin/env python3
# Copyright 2026 Biznesa vadības koledža
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Find Odoo 18.0 for the tools of bvk_student_crm.

One discovery for every tool: tools/_odoo_env.sh (run_tests.sh, run_demo.sh,
.ci/run) reads ``--shell``; the benchmarks call ``use_odoo()``, which runs
them again under the right interpreter when needed. Standard library only:
any python3 can run it.

    python3 tools/_odoo_discover.py            what was found, what was tried
    python3 tools/_odoo_discover.py --shell    the same as shell assignments
    python3 tools/_odoo_discover.py --python   the interpreter only

How Odoo is run (the command), first found:

1. ``ODOO_BIN``: odoo-bin, or an ``odoo`` command (a path or a name on PATH);
2. ``odoo`` on PATH;
3. ``<python> -m odoo``.

The command may be an ``odoo`` wrapper script (Python or shell), odoo-bin
(run by the interpreter below when it is not executable or its shebang names
another one) or nothing. The interpreter is the first of these that imports
``odoo.release``:

1. ``ODOO_PYTHON``;
2. the interpreter of the command's shebang, if it is a Python;
3. the Pythons a wrapper script names (``exec /venv/bin/python ...``);
4. the Python running this script;
5. ``python3``, then ``python`` on PATH.

Source directories the command points at (the directory of odoo-bin, a
directory holding ``odoo/`` named in a wrapper, e.g. its ``sys.path.insert``)
go first on sys.path for that check, as the command puts them.

Environment: ODOO_BIN, ODOO_PYTHON, ODOO_ADDONS_PATH (extra addons
directories, comma separated), BVK_ADDONS_DIR (the directory holding
bvk_student_crm; default: the repository).
"""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field

TOOLS_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(TOOLS_DIR)
MODULE = "bvk_student_crm"
VERSION = "18.0"

HELP = """\
Odoo 18.0 is a prerequisite and is not installed by this project.
Install Odoo 18.0 with its Python requirements (tools/install_odoo.sh does it
from a source tree: ODOO_SRC=/path/to/odoo-18.0 tools/install_odoo.sh), then
either
  - put the `odoo` command on PATH, or
  - export ODOO_BIN=/path/to/odoo-18.0/odoo-bin (or the path of `odoo`), or
  - make `python3 -c 'import odoo'` work (python3 -m odoo is used).
The Python that imports Odoo can be named with ODOO_PYTHON=/path/to/python.
Extra addons directories go in ODOO_ADDONS_PATH (comma separated)."""

# run by each candidate interpreter: source directories first, then import
CHECK = """
import json, os, sys
sys.path[:0] = sys.argv[1:]
import odoo.release
root = os.path.dirname(os.path.realpath(odoo.release.__file__))
print(json.dumps({"version": odoo.release.version, "root": root}))
"""


class OdooNotFound(Exception):
    """Odoo 18.0 cannot be found; the message says what was tried."""


@dataclass
class Odoo:
    python: str  # an interpreter that imports this Odoo
    command: list  # how to run Odoo (argv prefix)
    version: str
    root: str  # the odoo package directory
    syspath: str  # directory to put first on sys.path ("" if not needed)
    odoo_addons: list  # Odoo's own addons directories
    addons_path: str  # bvk_student_crm's directory, extra ones, Odoo's
    tried: list = field(default_factory=list)  # (python, why it was passed over)


# ----------------------------------------------------------------------
# reading the command
# ----------------------------------------------------------------------


def _text(path):
    """The beginning of a script, or None for a binary file."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(65536)
    except OSError:
        return None
    if b"\0" in data:
        return None
    return data.decode("utf-8", "replace")


def _is_python_name(path):
    return re.fullmatch(r"python[0-9.]*", os.path.basename(path)) is not None


def _shebang(text, path=None):
    """The interpreter a script's first line names (``env`` resolved on
    ``path``)."""
    first = text.splitlines()[0] if text else ""
    if not first.startswith("#!"):
        return None
    words = first[2:].split()
    if not words:
        return None
    if os.path.basename(words[0]) == "env":
        for word in words[1:]:
            if not word.startswith("-") and "=" not in word:
                return shutil.which(word, path=path)
        return None
    return words[0]


def _named(text):
    """Pythons and Odoo source directories named in a wrapper script."""
    pythons, sources = [], []
    for token in re.findall(r"""[^\s"'`;|&()<>=,]+""", text or ""):
        if _is_python_name(token):
            found = token if os.path.isabs(token) else shutil.which(token)
            if found and os.access(found, os.X_OK):
                pythons.append(found)
        elif os.path.isabs(token):
            if os.path.basename(token) == "odoo-bin":
                token = os.path.dirname(token)
            if os.path.isfile(os.path.join(token, "odoo", "__init__.py")):
                sources.append(os.path.realpath(token))
    return pythons, sources


def _check(python, sources):
    """(version, odoo package directory) if ``python`` imports odoo.release
    with ``sources`` first on sys.path, else (None, why not)."""
    try:
        result = subprocess.run(
            [python, "-c", CHECK, *sources],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as error:
        return None, f"cannot run it ({error})"
    if result.returncode == 0:
        try:
            info = json.loads(result.stdout.strip().splitlines()[-1])
            return (info["version"], info["root"]), None
        except (ValueError, IndexError, KeyError):
            pass
    lines = (result.stderr or result.stdout).strip().splitlines()
    return None, lines[-1] if lines else f"exit status {result.returncode}"


# ----------------------------------------------------------------------
# discovery
# ----------------------------------------------------------------------


def _command_path(environ):
    odoo_bin = environ.get("ODOO_BIN")
    path = environ.get("PATH")
    if odoo_bin:
        if os.path.isfile(odoo_bin):
            return os.path.abspath(odoo_bin)
        found = shutil.which(odoo_bin, path=path)
        if found:
            return found
        raise OdooNotFound(f"ODOO_BIN='{odoo_bin}' is neither a file nor a command.")
    return shutil.which("odoo", path=path)


def find_odoo(environ=None):
    """The Odoo 18.0 to use (an ``Odoo``); raises ``OdooNotFound``."""
    environ = os.environ if environ is None else environ
    path = environ.get("PATH")
    command_path = _command_path(environ)
    text = _text(command_path) if command_path else None
    shebang = _shebang(text, path) if text else None
    named_pythons, sources = _named(text) if text else ([], [])
    if command_path:
        here = os.path.dirname(os.path.realpath(command_path))
        if os.path.isfile(os.path.join(here, "odoo", "__init__.py")):
            sources.insert(0, here)

    candidates = []
    if environ.get("ODOO_PYTHON"):
        candidates.append(environ["ODOO_PYTHON"])
    if shebang and _is_python_name(shebang):
        candidates.append(shebang)
    candidates += named_pythons
    candidates.append(sys.executable)
    candidates += [shutil.which(name, path=path) for name in ("python3", "python")]

    tried, seen = [], set()
    for python in candidates:
        if not python or python in seen:
            continue
        seen.add(python)
        found, why = _check(python, sources)
        if found:
            break
        tried.append((python, why))
    else:
        what = (
            f"found '{command_path}', but no Python imports Odoo"
            if command_path
            else "no `odoo` command on PATH, ODOO_BIN unset, and no Python imports odoo"
        )
        raise OdooNotFound(
            what + ". Tried:\n" + "\n".join(f"  {p}: {why}" for p, why in tried)
        )
    version, root = found

    executable = command_path and os.access(command_path, os.X_OK)
    if not command_path:
        command = [python, "-m", "odoo"]
    elif shebang is None or _is_python_name(shebang):
        # a Python script (odoo-bin, a Python wrapper): run it by the
        # interpreter that imports Odoo
        command = (
            [command_path]
            if executable and shebang == python
            else [python, command_path]
        )
    else:
        # a shell wrapper
        command = [command_path] if executable else [shebang, command_path]
    if not version.startswith(VERSION):
        raise OdooNotFound(
            f"'{' '.join(command)}' is Odoo {version} ({root}, python {python}), "
            f"not {VERSION}."
        )

    parent = os.path.dirname(root)
    syspath = parent if parent in sources else ""
    odoo_addons = [
        directory
        for directory in (
            os.path.join(root, "addons"),
            os.path.realpath(os.path.join(root, "..", "addons")),
        )
        if os.path.isdir(directory)
    ]
    addons_dir = environ.get("BVK_ADDONS_DIR") or REPO_ROOT
    if not os.path.isfile(os.path.join(addons_dir, MODULE, "__manifest__.py")):
        raise OdooNotFound(f"no {MODULE} module in BVK_ADDONS_DIR={addons_dir}")
    extra = re.split(r"[,:]", environ.get("ODOO_ADDONS_PATH", ""))
    addons = []
    for directory in [addons_dir, *extra, *odoo_addons]:
        if directory and directory not in addons:
            addons.append(directory)
    return Odoo(
        python=python,
        command=command,
        version=version,
        root=root,
        syspath=syspath,
        odoo_addons=odoo_addons,
        addons_path=",".join(addons),
        tried=tried,
    )


def use_odoo(environ=None):
    """For scripts that import Odoo (the benchmarks): find Odoo, run the
    calling script again under its interpreter when this one is another,
    put its source directory first on sys.path; return the ``Odoo``."""
    try:
        odoo = find_odoo(environ)
    except OdooNotFound as error:
        sys.exit(f"[bvk] ERROR: {error}\n{HELP}")
    if os.path.abspath(sys.executable) != os.path.abspath(odoo.python):
        if os.environ.get("BVK_ODOO_REEXEC") == odoo.python:
            sys.exit(f"[bvk] ERROR: could not run under {odoo.python}")
        os.environ["BVK_ODOO_REEXEC"] = odoo.python
        script = os.path.abspath(sys.argv[0])
        os.execv(odoo.python, [odoo.python, script, *sys.argv[1:]])
    if odoo.syspath and odoo.syspath not in sys.path:
        sys.path.insert(0, odoo.syspath)
    return odoo


def main(argv):
    try:
        odoo = find_odoo()
    except OdooNotFound as error:
        print(f"[bvk] ERROR: {error}", file=sys.stderr)
        for line in HELP.splitlines():
            print(f"[bvk] {line}", file=sys.stderr)
        return 2
    if "--python" in argv:
        print(odoo.python)
    elif "--shell" in argv:
        tried = "; ".join(f"{python}: {why}" for python, why in odoo.tried)
        assignments = {
            "ODOO_PY": odoo.python,
            "ODOO_VERSION": odoo.version,
            "BVK_ODOO_ADDONS": ",".join(odoo.odoo_addons),
            "BVK_ODOO_SYSPATH": odoo.syspath,
            "BVK_ADDONS_PATH": odoo.addons_path,
            "BVK_ODOO_TRIED": tried,
        }
        for name, value in assignments.items():
            print(f"{name}={shlex.quote(value)}")
        print(f"ODOO_CMD=({' '.join(shlex.quote(word) for word in odoo.command)})")
    else:
        print(f"Odoo {odoo.version}: {' '.join(odoo.command)}")
        print(f"python: {odoo.python}")
        for python, why in odoo.tried:
            print(f"  passed over {python}: {why}")
        print(f"odoo package: {odoo.root}")
        if odoo.syspath:
            print(f"sys.path first: {odoo.syspath}")
        print(f"addons path: {odoo.addons_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
