#!/usr/bin/env bash
# Install Odoo 18.0 from a source tree you provide, for the two README commands.
#
#   ODOO_SRC=/path/to/odoo-18.0            tools/install_odoo.sh
#   ODOO_SRC=/path/to/odoo_18.0.latest.tar.gz tools/install_odoo.sh
#
# ODOO_SRC is an Odoo 18.0 source folder (with odoo-bin) or an archive of one
# (.tar.gz, .tgz, .tar, .zip), such as Odoo's official 18.0 source archive or
# a checkout of the 18.0 branch of github.com/odoo/odoo. Nothing is downloaded
# from anywhere but the Python package index (Odoo's requirements).
#
# Environment:
#   ODOO_SRC        the source folder or archive (required)
#   ODOO_HOME       where an archive is unpacked (default /opt/odoo18)
#   ODOO_VENV       the virtual environment (default /opt/odoo-venv)
#   ODOO_VENV_PYTHON  interpreter for the venv (default: python3.12 if found,
#                   else python3)
#   BVK_BIN_DIR     where the `odoo` command is put (default /usr/local/bin)
#
# Requirements that cannot build here (python-ldap needs the OpenLDAP headers)
# are skipped with a note; Odoo runs without them (LDAP login is optional).
set -euo pipefail

say() { printf '[bvk] %s\n' "$*"; }
die() {
    printf '[bvk] ERROR: %s\n' "$*" >&2
    exit 2
}

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
home=${ODOO_HOME:-/opt/odoo18}
venv=${ODOO_VENV:-/opt/odoo-venv}
bindir=${BVK_BIN_DIR:-/usr/local/bin}

if [[ -z ${ODOO_SRC:-} ]]; then
    cat >&2 <<EOF
[bvk] ERROR: ODOO_SRC is not set.
[bvk] This script installs Odoo 18.0 from a source tree you provide; it does
[bvk] not fetch Odoo. Get the Odoo 18.0 Community sources (Odoo's official
[bvk] 18.0 source archive from the nightly builds, or a clone of the 18.0
[bvk] branch of the odoo/odoo repository), then run:
[bvk]   ODOO_SRC=/path/to/odoo-18.0-or-archive $0
EOF
    exit 2
fi

# -- the source tree --------------------------------------------------------
if [[ -d $ODOO_SRC ]]; then
    src=$(cd "$ODOO_SRC" && pwd)
elif [[ -f $ODOO_SRC ]]; then
    say "unpacking $ODOO_SRC into $home"
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    case $ODOO_SRC in
    *.zip) python3 -m zipfile -e "$ODOO_SRC" "$tmp" ;;
    *.tar.gz | *.tgz | *.tar | *.tar.bz2 | *.tar.xz) tar -xf "$ODOO_SRC" -C "$tmp" ;;
    *) die "ODOO_SRC=$ODOO_SRC: not a folder nor a .tar(.gz|.bz2|.xz)/.tgz/.zip archive" ;;
    esac
    top=$(find "$tmp" -maxdepth 3 -name odoo-bin -printf '%h\n' -quit)
    if [[ -z $top ]]; then
        # Odoo's nightly archive has setup.py and odoo/ but may lack odoo-bin.
        top=$(find "$tmp" -maxdepth 3 -path '*/odoo/release.py' -printf '%h\n' -quit)
        top=${top%/odoo}
    fi
    [[ -n $top ]] || die "no Odoo source tree (odoo-bin or odoo/release.py) in $ODOO_SRC"
    rm -rf "$home"
    mkdir -p "$(dirname "$home")"
    mv "$top" "$home"
    src=$home
else
    die "ODOO_SRC=$ODOO_SRC does not exist"
fi
[[ -f $src/odoo/release.py ]] || die "$src is not an Odoo source tree (no odoo/release.py)"
version=$(sed -nE "s/^version_info = \(([0-9]+), ([0-9]+).*/\1.\2/p" "$src/odoo/release.py")
[[ $version == 18.0 ]] || die "$src is Odoo ${version:-?}, not 18.0"
say "Odoo $version sources: $src"

# -- the virtual environment ------------------------------------------------
py=${ODOO_VENV_PYTHON:-}
if [[ -z $py ]]; then
    # pyenv's shims answer `command -v` for versions that are not active:
    # keep the first candidate that really runs.
    for cand in python3.12 "$HOME"/.pyenv/versions/3.12*/bin/python3.12 python3; do
        if "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 10))' >/dev/null 2>&1; then
            py=$(command -v "$cand")
            break
        fi
    done
fi
[[ -n $py ]] || die "no python3 found"
if [[ ! -x $venv/bin/python ]]; then
    say "creating virtual environment $venv with $py"
    "$py" -m venv "$venv"
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1
"$venv/bin/pip" install -q --upgrade pip wheel setuptools

reqs=$(mktemp)
grep -viE '^\s*python-ldap' "$src/requirements.txt" >"$reqs"
say "installing Odoo's requirements (python-ldap skipped: it needs OpenLDAP headers; LDAP login is optional)"
if ! "$venv/bin/pip" install -q -r "$reqs"; then
    say "installing them together failed; installing one by one and skipping what cannot build"
    while IFS= read -r line; do
        line=${line%%#*}
        [[ -n ${line// /} ]] || continue
        "$venv/bin/pip" install -q "$line" || say "NOTE: skipped '$line' (does not build here)"
    done <"$reqs"
fi
rm -f "$reqs"
say "installing the module's requirements and the linters"
"$venv/bin/pip" install -q -r "$repo/requirements.txt" -r "$repo/requirements-lint.txt"
"$venv/bin/pip" install -q --no-deps -e "$src" >/dev/null 2>&1 ||
    printf '%s\n' "$src" >"$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/odoo-src.pth"

# -- the `odoo` command -------------------------------------------------------
mkdir -p "$bindir"
cat >"$bindir/odoo" <<EOF
#!$venv/bin/python
# Installed by bvk_student_crm's tools/install_odoo.sh (sources: $src)
import sys

sys.path.insert(0, "$src")
import odoo  # noqa: E402

odoo.cli.main()
EOF
chmod +x "$bindir/odoo"
"$bindir/odoo" --version
say "done: $bindir/odoo runs Odoo $version from $src with $venv/bin/python"
