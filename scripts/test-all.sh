#!/usr/bin/env bash
# Every test: typecheck (the engine also without the DOM library), lint (with the import-graph
# rules of .dependency-cruiser.json), unit and property tests (Vitest), end-to-end tests (Playwright
# in Debian's chromium, installed first when missing). Ends with one line
# `tests: N passed, N failed` counted from the runners' JSON reports; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports
rm -f reports/unit.json reports/e2e.json
status=0
checks_failed=0

step() { echo; echo "== $*"; }

step typecheck
npm run --silent typecheck || { status=1; checks_failed=$((checks_failed + 1)); }

step lint
npx eslint . && npx prettier --check . >/dev/null && npm run --silent deps || { echo "lint, format or dependency check failed (npm run format fixes formatting)"; status=1; checks_failed=$((checks_failed + 1)); }

step "unit and property tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/unit.json || status=1

step "end-to-end tests"
bash scripts/ensure-chromium.sh && npx playwright test || status=1

counts=$(node -e '
const fs = require("fs");
let pass = 0, fail = 0;
const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return null; } };
const u = read("reports/unit.json");
if (u) { pass += u.numPassedTests; fail += u.numFailedTests; } else fail += 1;
const e = read("reports/e2e.json");
if (e) { pass += e.stats.expected; fail += e.stats.unexpected + (e.stats.flaky || 0); } else fail += 1;
console.log(pass + " " + fail);
')
pass=${counts% *}
fail=$(( ${counts#* } + checks_failed ))
[ "$fail" -eq 0 ] || status=1
echo
echo "tests: $pass passed, $fail failed"
exit $status
