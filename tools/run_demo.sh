#!/usr/bin/env bash
# Create a demo database with bvk_student_crm and serve it.
#
# Usage: tools/run_demo.sh [--no-serve] [--update] [extra odoo options...]
#
#   (default)   drop and recreate the database, install bvk_student_crm with
#               demo data and the Latvian language, then serve it
#   --update    upgrade bvk_student_crm in the existing database instead
#   --no-serve  stop after installing/upgrading (screenshots, CI)
#
# Environment: ODOO_BIN, ODOO_PYTHON, ODOO_ADDONS_PATH, ODOO_DB_ARGS,
# BVK_ADDONS_DIR (see tools/_odoo_env.sh), and
#   BVK_DEMO_DB  database name (default bvk_demo)
#   BVK_PORT     HTTP port (default 8069), bound to 127.0.0.1
set -euo pipefail

usage() {
    sed -n '2,/^set /{/^set /d;s/^# \{0,1\}//;p}' "$0"
}

serve=1
update=0
odoo_extra=()
while (($#)); do
    case $1 in
    --no-serve) serve=0 ;;
    --update) update=1 ;;
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

# shellcheck source=tools/_odoo_env.sh
. "$(dirname "${BASH_SOURCE[0]}")/_odoo_env.sh"
if ! bvk_find_odoo 2>/dev/null; then
    if [[ -n ${ODOO_SRC:-} ]]; then
        bvk_say "Odoo is missing: installing it from ODOO_SRC=$ODOO_SRC"
        "$BVK_TOOLS_DIR/install_odoo.sh" || exit 2
    fi
    bvk_find_odoo || exit 2
fi

db=${BVK_DEMO_DB:-bvk_demo}
port=${BVK_PORT:-8069}
common=(
    -d "$db" "${BVK_DB_ARGS[@]}"
    --addons-path="$BVK_ADDONS_PATH"
    --db-filter="^${db}\$"
    --http-interface=127.0.0.1 --http-port="$port"
)

bvk_say "Odoo $ODOO_VERSION: ${ODOO_CMD[*]}"
bvk_say "addons path: $BVK_ADDONS_PATH"

if ((update)); then
    if ! bvk_db_exists "$db"; then
        echo "[bvk] ERROR: database $db does not exist; run without --update first" >&2
        exit 1
    fi
    bvk_say "upgrading $BVK_MODULE in $db"
    "${ODOO_CMD[@]}" "${common[@]}" -u "$BVK_MODULE" \
        --stop-after-init --no-http "${odoo_extra[@]}"
else
    # The demo college works as a Latvian company from the start, so its
    # accounting is in EUR (an imported EUR bank file needs it) and the demo
    # records are made with Latvian loaded:
    #   1. Odoo's base in Latvian;
    #   2. the company in Latvia, in EUR, on A4 paper, then Odoo's Latvian
    #      accounting (l10n_lv), which loads the Latvian chart of accounts on
    #      it (and, as demo data, a second company "LV Company", archived);
    #   3. bvk_student_crm with its demo data.
    bvk_say "recreating database $db with demo data and Latvian"
    bvk_drop_db "$db"
    "${ODOO_CMD[@]}" "${common[@]}" -i base --load-language=lv_LV \
        --stop-after-init --no-http "${odoo_extra[@]}"
    bvk_say "the company in Latvia, in EUR, with the Latvian chart of accounts"
    "${ODOO_CMD[@]}" shell "${common[@]}" --no-http "${odoo_extra[@]}" \
        >/dev/null <<'PYEOF'
company = env.ref("base.main_company")
company.write(
    {
        "country_id": env.ref("base.lv").id,
        "currency_id": env.ref("base.EUR").id,
        "paperformat_id": env.ref("base.paperformat_euro").id,
    }
)
# the college's language: the demo's reminder notes are written in it
company.partner_id.lang = "lv_LV"
env.cr.commit()
PYEOF
    "${ODOO_CMD[@]}" "${common[@]}" -i l10n_lv \
        --stop-after-init --no-http "${odoo_extra[@]}"
    "${ODOO_CMD[@]}" shell "${common[@]}" --no-http "${odoo_extra[@]}" \
        >/dev/null <<'PYEOF'
import sys

main = env.ref("base.main_company")
if main.chart_template != "lv" or main.currency_id != env.ref("base.EUR"):
    print(
        "[bvk] ERROR: the company did not get the Latvian chart of accounts in EUR",
        file=sys.stderr,
    )
    raise SystemExit(1)
others = env["res.company"].search([("id", "!=", main.id)])
env["res.users"].with_context(active_test=False).search([]).write(
    {"company_ids": [(3, company.id) for company in others]}
)
others.write({"active": False})
others.partner_id.write({"active": False})
# the bank journal the demo's bank files are read into, named in both languages
journal = env["account.journal"].search(
    [("type", "=", "bank"), ("company_id", "=", main.id)], order="sequence, id", limit=1
)
for lang in ("en_US", "lv_LV"):
    journal.with_context(lang=lang).name = "Swedbank"
env.cr.commit()
PYEOF
    bvk_say "installing $BVK_MODULE with its demo data"
    "${ODOO_CMD[@]}" "${common[@]}" -i "$BVK_MODULE" \
        --stop-after-init --no-http "${odoo_extra[@]}"
fi

cat <<EOF

  BVK Student Relations demo: http://localhost:$port  (database $db)

  login        password     role
  admin        admin        Odoo administrator (also Director)
  director     director     Director
  head         head         Study Support Centre Head
  coordinator  coordinator  Coordinator
  coordinator2 coordinator2 Coordinator (a second one)
  lecturer     lecturer     Lecturer
  accountant   accountant   Accounting: Invoicing ("Billing") user
  student      student      Student (portal)
  student2     student2     Student (portal, another student)
  parent       parent       Payer (portal: a parent paying a student's tuition)

EOF

if ((serve)); then
    bvk_say "serving on http://localhost:$port (Ctrl-C to stop)"
    exec "${ODOO_CMD[@]}" "${common[@]}" "${odoo_extra[@]}"
fi
bvk_say "installed; serve it with: tools/run_demo.sh --update"
