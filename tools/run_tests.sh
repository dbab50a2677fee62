#!/usr/bin/env bash
# Run the bvk_student_crm test suite in a throwaway Odoo 18.0 database.
#
# Usage: tools/run_tests.sh [--keep-db] [extra odoo options...]
#        tools/run_tests.sh --parse-log FILE   (only judge a saved log)
#
# Installs bvk_student_crm (with demo data) in a new database, runs its
# at_install and post_install tests, drops the database and prints, as the
# last line, "N passed, N failed" (", N skipped" when tests were skipped).
# Exits non-zero when Odoo fails, a test fails or errors, the log has an
# ERROR/CRITICAL line, or no test ran.
#
# Environment: ODOO_BIN, ODOO_PYTHON, ODOO_ADDONS_PATH, ODOO_DB_ARGS,
# BVK_ADDONS_DIR (see tools/_odoo_env.sh), and
#   BVK_TEST_DB   database name (default bvk_test_<pid>; dropped if it exists)
#   BVK_TEST_LOG  log file (default: a new temporary file, kept)
set -uo pipefail

usage() {
    sed -n '2,/^set /{/^set /d;s/^# \{0,1\}//;p}' "$0"
}

keep_db=0
parse_only=""
odoo_extra=()
while (($#)); do
    case $1 in
    --keep-db) keep_db=1 ;;
    --parse-log)
        parse_only=${2:?--parse-log needs a file}
        shift
        ;;
    -h | --help)
        usage
        exit 0
        ;;
    --)
        shift
        odoo_extra+=("$@")
        break
        ;;
    *) odoo_extra+=("$1") ;;
    esac
    shift
done

if [[ -n $parse_only ]]; then
    log=$parse_only
    odoo_rc=0
    [[ -r $log ]] || {
        echo "[bvk] ERROR: cannot read $log" >&2
        exit 2
    }
    bvk_say() { printf '[bvk] %s\n' "$*"; }
else
    # shellcheck source=tools/_odoo_env.sh
    . "$(dirname "${BASH_SOURCE[0]}")/_odoo_env.sh"
    bvk_find_odoo || exit 2

    db=${BVK_TEST_DB:-bvk_test_$$}
    log=${BVK_TEST_LOG:-$(mktemp "${TMPDIR:-/tmp}/bvk_test.XXXXXX.log")}
    : >"$log" || exit 2
    port=$(bvk_free_port) || exit 2

    dropped=0
    cleanup() {
        ((dropped)) && return 0
        dropped=1
        if ((keep_db)); then
            bvk_say "keeping database $db (--keep-db)"
        else
            bvk_drop_db "$db"
        fi
    }
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    bvk_say "Odoo $ODOO_VERSION: ${ODOO_CMD[*]}"
    bvk_say "addons path: $BVK_ADDONS_PATH"
    bvk_say "database: $db, http port: $port, log: $log"
    bvk_drop_db "$db"

    "${ODOO_CMD[@]}" \
        -d "$db" "${BVK_DB_ARGS[@]}" \
        --addons-path="$BVK_ADDONS_PATH" \
        -i "$BVK_MODULE" \
        --test-enable --test-tags "/$BVK_MODULE" \
        --stop-after-init --log-level=info \
        --http-interface=127.0.0.1 --http-port="$port" \
        --max-cron-threads=0 --workers=0 \
        "${odoo_extra[@]}" 2>&1 | tee "$log"
    odoo_rc=${PIPESTATUS[0]}

    cleanup
    trap - EXIT INT TERM
fi

# ---------------------------------------------------------------------------
# Verdict from the log
# ---------------------------------------------------------------------------
ts='^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:,.]+ [0-9]+'
status=0

# odoo/tests/result.py: "<F> failed, <E> error(s) of <N> tests", logged by
# odoo.tests.result as "... when loading database '<db>'".
result=$(grep -E 'odoo\.tests\.result: [0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$log" | tail -n1)
bad_lines=$(grep -E "$ts (ERROR|CRITICAL) " "$log")

if [[ -n $bad_lines ]]; then
    echo
    bvk_say "ERROR/CRITICAL lines in the log:"
    head -n 50 <<<"$bad_lines"
    n_bad=$(wc -l <<<"$bad_lines")
    ((n_bad > 50)) && bvk_say "... and $((n_bad - 50)) more, see $log"
    status=1
fi
if ((odoo_rc != 0)); then
    bvk_say "odoo exited with status $odoo_rc"
    status=1
fi

if [[ -z $result ]]; then
    bvk_say "no test result line in the log: no test ran (log: $log)"
    exit 1
fi

[[ $result =~ ([0-9]+)\ failed,\ ([0-9]+)\ error\(s\)\ of\ ([0-9]+)\ tests ]]
failures=${BASH_REMATCH[1]}
errors=${BASH_REMATCH[2]}
total=${BASH_REMATCH[3]}
failed=$((failures + errors))

# Skips are logged one per line ("skipped <test> : <reason>") and counted
# in the total; a class-level skip (setUpClass) is logged but not counted.
skip_lines=$(grep -E "$ts INFO [^ ]+ (odoo\.addons\.[^ ]+\.tests[^ ]*|odoo\.tests\.[^ ]+|unittest\.[^ ]+): skipped .+ : " "$log")
skipped=0
skipped_in_total=0
if [[ -n $skip_lines ]]; then
    skipped=$(wc -l <<<"$skip_lines")
    skipped_in_total=$(grep -cvE ': skipped (setUpClass|setUpModule) \(' <<<"$skip_lines")
fi
# An error in setUpClass/tearDownClass (or the module variants) counts as an
# error but not as a test run: only errors of tests run reduce "passed".
class_errors=$(grep -cE "$ts ERROR [^ ]+ [^ ]+: (ERROR|FAIL): (setUp|tearDown)(Class|Module) \\(" "$log")
in_tests=$((failed - class_errors))
((in_tests < 0)) && in_tests=0
passed=$((total - in_tests - skipped_in_total))
((passed < 0)) && passed=0

if ((total == 0)); then
    bvk_say "no test ran"
    status=1
fi
if ((failed > 0)); then
    bvk_say "$failures failure(s) and $errors error(s), see $log"
    status=1
fi
((status == 0)) || bvk_say "FAILED (log: $log)"

summary="$passed passed, $failed failed"
((skipped > 0)) && summary+=", $skipped skipped"
echo "$summary"
exit "$status"
