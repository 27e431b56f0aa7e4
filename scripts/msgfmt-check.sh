#!/usr/bin/env bash
# Every catalog (the project's, and those medleaf ships: its interface catalogs and a new
# clinic repository's example) must pass GNU msgfmt's checks (what Poedit and Weblate run):
# header, format strings, plural forms. Prints each error as msgfmt does (file:line: message).
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
count=0
while IFS= read -r -d '' po; do
    count=$((count + 1))
    msgfmt --check --output-file=/dev/null "$po" || status=1
done < <(find locales medleaf/locales medleaf/data -name '*.po' -print0 | sort -z)
[[ $status -eq 0 ]] && echo "msgfmt --check: $count catalogs pass"
exit $status
