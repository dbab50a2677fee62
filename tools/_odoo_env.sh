# shellcheck shell=bash
# Shared helpers for tools/run_tests.sh and tools/run_demo.sh.
# Source this file; it defines variables and functions and runs nothing.
#
# Environment:
#   ODOO_BIN          path to odoo-bin, or the name/path of the `odoo` command
#   ODOO_PYTHON       interpreter to use with a non-executable odoo-bin
#   ODOO_ADDONS_PATH  extra addons directories (comma separated) to add
#   ODOO_DB_ARGS      database connection options for Odoo
#                     (default: --db_host= i.e. the local unix socket)
#   BVK_ADDONS_DIR    addons directory holding bvk_student_crm
#                     (default: the repository root)

BVK_TOOLS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BVK_REPO_ROOT=$(dirname "$BVK_TOOLS_DIR")
BVK_ADDONS_DIR=${BVK_ADDONS_DIR:-$BVK_REPO_ROOT}
BVK_MODULE=bvk_student_crm

# Filled in by bvk_find_odoo.
ODOO_CMD=()
ODOO_PY=""
ODOO_VERSION=""
BVK_ODOO_ADDONS=""
BVK_ODOO_SYSPATH=""
BVK_ADDONS_PATH=""
read -r -a BVK_DB_ARGS <<<"${ODOO_DB_ARGS:---db_host=}"

bvk_say() {
    printf '[bvk] %s\n' "$*"
}

bvk_no_odoo() {
    cat >&2 <<EOF
[bvk] ERROR: $*
[bvk] Odoo 18.0 is a prerequisite and is not installed by this project.
[bvk] Install Odoo 18.0 with its Python requirements, then either
[bvk]   - put the \`odoo\` command on PATH, or
[bvk]   - export ODOO_BIN=/path/to/odoo-18.0/odoo-bin (or the path of \`odoo\`), or
[bvk]   - make \`python3 -c 'import odoo'\` work (python3 -m odoo is used).
[bvk] A non-executable odoo-bin runs with its shebang's python, or with
[bvk] ODOO_PYTHON=/path/to/python (the interpreter that has Odoo's requirements).
[bvk] Extra addons directories go in ODOO_ADDONS_PATH (comma separated).
EOF
}

# Interpreter named by the shebang of script $1 (empty if none).
_bvk_shebang_python() {
    local line
    IFS= read -r line <"$1" || true
    case $line in
    '#!'*) ;;
    *) return 0 ;;
    esac
    line=${line#\#!}
    local -a words
    read -r -a words <<<"$line"
    if [[ ${words[0]##*/} == env ]]; then
        local w
        for w in "${words[@]:1}"; do
            [[ $w == -* || $w == *=* ]] && continue
            command -v "$w" || true
            return 0
        done
    else
        printf '%s\n' "${words[0]}"
    fi
}

# Set ODOO_CMD (how to run Odoo) and ODOO_PY (a Python that imports it).
# Returns 2 with an explanation when Odoo cannot be found.
bvk_find_odoo() {
    local bin="" search_dir=""
    if [[ -n ${ODOO_BIN:-} ]]; then
        if [[ -f $ODOO_BIN ]]; then
            bin=$ODOO_BIN
        elif command -v "$ODOO_BIN" >/dev/null 2>&1; then
            bin=$(command -v "$ODOO_BIN")
        else
            bvk_no_odoo "ODOO_BIN='$ODOO_BIN' is neither a file nor a command."
            return 2
        fi
    elif command -v odoo >/dev/null 2>&1; then
        bin=$(command -v odoo)
    fi

    if [[ -n $bin ]]; then
        search_dir=$(cd "$(dirname "$bin")" && pwd)
        if [[ -n ${ODOO_PYTHON:-} ]]; then
            ODOO_PY=$ODOO_PYTHON
        else
            ODOO_PY=$(_bvk_shebang_python "$bin")
        fi
        [[ -n $ODOO_PY ]] || ODOO_PY=$(command -v python3 || true)
        if [[ -x $bin ]]; then
            ODOO_CMD=("$bin")
        else
            ODOO_CMD=("$ODOO_PY" "$bin")
        fi
    else
        ODOO_PY=${ODOO_PYTHON:-$(command -v python3 || true)}
        if [[ -z $ODOO_PY ]] || ! "$ODOO_PY" -c 'import odoo.cli' >/dev/null 2>&1; then
            bvk_no_odoo "no \`odoo\` command on PATH, ODOO_BIN unset, and \`python3 -m odoo\` cannot import odoo."
            return 2
        fi
        ODOO_CMD=("$ODOO_PY" -m odoo)
    fi

    # Ask the same interpreter where Odoo lives. With an explicit
    # --addons-path Odoo no longer adds its own addons directories (see
    # odoo/tools/config.py), so compute them as config.py does.
    local info
    if ! info=$("$ODOO_PY" - "$search_dir" 2>&1 <<'PYEOF'
import os
import sys

here = sys.argv[1]
if here and os.path.isfile(os.path.join(here, "odoo", "__init__.py")):
    sys.path.insert(0, here)
import odoo.release  # noqa: E402

root = os.path.dirname(os.path.abspath(odoo.release.__file__))
print(odoo.release.version)
for path in (
    os.path.join(root, "addons"),
    os.path.abspath(os.path.join(root, "..", "addons")),
):
    if os.path.isdir(path):
        print(path)
PYEOF
    ); then
        bvk_no_odoo "found '${ODOO_CMD[*]}' but '$ODOO_PY' cannot import odoo: ${info##*$'\n'}"
        return 2
    fi
    if [[ -n $search_dir && -f $search_dir/odoo/__init__.py ]]; then
        BVK_ODOO_SYSPATH=$search_dir
    fi
    ODOO_VERSION=$(head -n1 <<<"$info")
    BVK_ODOO_ADDONS=$(tail -n +2 <<<"$info" | paste -sd, -)
    case $ODOO_VERSION in
    18.0*) ;;
    *)
        bvk_no_odoo "'${ODOO_CMD[*]}' is Odoo $ODOO_VERSION, not 18.0."
        return 2
        ;;
    esac

    if [[ ! -f $BVK_ADDONS_DIR/$BVK_MODULE/__manifest__.py ]]; then
        echo "[bvk] ERROR: no $BVK_MODULE module in BVK_ADDONS_DIR=$BVK_ADDONS_DIR" >&2
        return 2
    fi
    local extra=${ODOO_ADDONS_PATH:-}
    extra=${extra//:/,}
    # Our module first, then the extra directories, then Odoo's; no duplicates.
    local dir seen="," dirs
    IFS=, read -r -a dirs <<<"$BVK_ADDONS_DIR,$extra,$BVK_ODOO_ADDONS"
    BVK_ADDONS_PATH=""
    for dir in "${dirs[@]}"; do
        [[ -n $dir && $seen != *",$dir,"* ]] || continue
        seen+="$dir,"
        BVK_ADDONS_PATH+=${BVK_ADDONS_PATH:+,}$dir
    done
    return 0
}

# Print a free TCP port on 127.0.0.1.
bvk_free_port() {
    "${ODOO_PY:-python3}" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# Does database $1 exist? (asks Odoo, with the same connection options)
bvk_db_exists() {
    "$ODOO_PY" - "$BVK_ODOO_SYSPATH" "$1" "${BVK_DB_ARGS[@]}" <<'PYEOF' >/dev/null 2>&1
import sys

if sys.argv[1]:
    sys.path.insert(0, sys.argv[1])
from odoo.service.db import exp_db_exist  # noqa: E402
from odoo.tools import config  # noqa: E402

config.parse_config(sys.argv[3:])
sys.exit(0 if exp_db_exist(sys.argv[2]) else 1)
PYEOF
}

# Drop database $1 and its filestore; quiet, never fails.
bvk_drop_db() {
    "${ODOO_CMD[@]}" db "${BVK_DB_ARGS[@]}" drop "$1" >/dev/null 2>&1 || true
}
