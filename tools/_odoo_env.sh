# shellcheck shell=bash
# shellcheck disable=SC2034 # variables set here are for the sourcing scripts
# Shared helpers for tools/run_tests.sh, tools/run_demo.sh and .ci/run.
# Source this file; it defines variables and functions and runs nothing.
#
# Odoo is found by tools/_odoo_discover.py, the discovery the benchmarks use
# too (`python3 tools/_odoo_discover.py` tells what it finds and tries).
#
# Environment:
#   ODOO_BIN          path to odoo-bin, or the name/path of the `odoo` command
#   ODOO_PYTHON       the Python that imports Odoo (tried first)
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
BVK_ODOO_TRIED=""
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
[bvk] The Python that imports Odoo can be named with ODOO_PYTHON=/path/to/python.
EOF
}

# Set ODOO_CMD (how to run Odoo), ODOO_PY (the first candidate Python that
# imports odoo.release), ODOO_VERSION, BVK_ODOO_ADDONS, BVK_ODOO_SYSPATH and
# BVK_ADDONS_PATH from tools/_odoo_discover.py --shell.
# Returns 2 with an explanation when Odoo cannot be found.
bvk_find_odoo() {
    # any Python can run the discovery (standard library only)
    local -a boots=("${ODOO_PYTHON:-}" python3 python /usr/bin/python3)
    local cmd line boot out err status
    cmd=${ODOO_BIN:-$(command -v odoo || true)}
    if [[ -n $cmd && -f $cmd ]]; then
        IFS= read -r line <"$cmd" || true
        [[ $line == '#!'*python* ]] && boots+=("${line#\#!}")
    fi
    err=$(mktemp) || return 2
    for boot in "${boots[@]}"; do
        if [[ -z $boot ]] || ! command -v "${boot%% *}" >/dev/null 2>&1; then
            continue
        fi
        status=0
        # shellcheck disable=SC2086 # a shebang line may carry arguments
        out=$(BVK_ADDONS_DIR=$BVK_ADDONS_DIR $boot \
            "$BVK_TOOLS_DIR/_odoo_discover.py" --shell 2>"$err") || status=$?
        if ((status == 0)); then
            rm -f "$err"
            eval "$out"
            if [[ -n $BVK_ODOO_TRIED ]]; then
                bvk_say "python: $ODOO_PY (passed over $BVK_ODOO_TRIED)" >&2
            fi
            return 0
        fi
        if ((status == 2)) && grep -q '^\[bvk\] ' "$err"; then
            cat "$err" >&2
            rm -f "$err"
            return 2
        fi
    done
    rm -f "$err"
    bvk_no_odoo "no Python could run tools/_odoo_discover.py (tried: ${boots[*]})."
    return 2
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
