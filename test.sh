#!/usr/bin/env bash
# Runs every test project of MotCua.sln, including the PostgreSQL and browser tests, after installing
# what those need and this machine lacks: Debian's chromium + chromium-driver, tesseract-ocr + tesseract-ocr-vie, and the PostgreSQL
# server binaries (the tests start their own throwaway cluster; no server needs to be running).
#
# Extra arguments go to `dotnet test`, e.g.
#   ./test.sh --filter FullyQualifiedName~PostgresCluster
#   ./test.sh -c Release --artifacts-path /tmp/art
#
# The last line printed is the summary over all test projects: "N passed, M failed[, K skipped]".
# Exit status: non-zero if any test failed or dotnet test itself failed (build error, crashed host).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD
RESULTS="${MOTCUA_TEST_RESULTS:-$ROOT/TestResults/test.sh}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '==> %s\n' "$*"; }
warn() {
    printf '\n%s\n!!! WARNING: %s\n%s\n\n' '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!' "$*" \
        '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!' >&2
}

# ---------------------------------------------------------------- system packages

SUDO=()
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -n) # never wait for a password in CI
fi

can_apt() {
    command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ ${#SUDO[@]} -gt 0 ]; }
}

# apt_install PACKAGE...: install; only if that fails refresh the package lists and try once more.
apt_install() {
    can_apt || return 1
    local install=(env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends
        -o DPkg::Lock::Timeout=300 "$@")
    say "apt-get install $*"
    "${SUDO[@]}" "${install[@]}" && return 0
    say "install failed; running apt-get update and retrying"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q -o DPkg::Lock::Timeout=300 &&
        "${SUDO[@]}" "${install[@]}"
}

have_postgres() {
    [ -n "${MOTCUA_PG_BIN:-}" ] && [ -x "$MOTCUA_PG_BIN/initdb" ] && return 0
    compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    if ! apt_install chromium chromium-driver; then
        warn "could not install chromium + chromium-driver (no apt-get, no root/sudo, or no network).
!!! The browser tests will fail. Install them with: sudo apt-get install -y chromium chromium-driver"
    fi
fi

if ! have_postgres; then
    if ! apt_install postgresql; then
        warn "could not install the PostgreSQL server (no apt-get, no root/sudo, or no network).
!!! The PostgreSQL tests will fail. Install it with: sudo apt-get install -y postgresql"
    fi
fi

# OCR of scanned register pages runs Debian's tesseract with its Vietnamese data (docs/registers.md);
# without them the OCR tests skip with a message saying so.
if ! command -v tesseract >/dev/null 2>&1 || ! tesseract --list-langs 2>/dev/null | grep -qx vie; then
    if ! apt_install tesseract-ocr tesseract-ocr-vie; then
        warn "could not install tesseract-ocr + tesseract-ocr-vie (no apt-get, no root/sudo, or no network).
!!! The OCR tests will be skipped. Install them with: sudo apt-get install -y tesseract-ocr tesseract-ocr-vie"
    fi
fi

# ---------------------------------------------------------------- tests

say "dotnet tool restore"
dotnet tool restore

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
LOG="$RESULTS/dotnet-test.log"

say "dotnet test MotCua.sln $*"
set +e
# --blame-hang-timeout: a hung test ends its test host (and is reported) instead of eating the CI hour.
dotnet test MotCua.sln \
    --logger "trx;LogFilePrefix=r" \
    --results-directory "$RESULTS" \
    --blame-hang-timeout 15m --blame-hang-dump-type none \
    "$@" 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
set -e

# ---------------------------------------------------------------- summary

# Sum the <Counters> of every TRX file (one per test project): passed, failed (+ error, timeout,
# aborted), skipped (= total - executed; xunit's skipped tests are not "executed").
trx_counts() {
    local files=("$RESULTS"/*.trx)
    [ -e "${files[0]}" ] || { echo "0 0 0 0"; return; }
    awk '
        /<Counters[ \t>]/ {
            line = $0
            sub(/.*<Counters/, "", line)
            sub(/\/?>.*/, "", line)
            n = split(line, part, "\"")
            delete v
            for (i = 1; i < n; i += 2) {
                key = part[i]
                gsub(/[ \t=]/, "", key)
                v[key] = part[i + 1] + 0
            }
            passed += v["passed"] + v["passedButRunAborted"]
            failed += v["failed"] + v["error"] + v["timeout"] + v["aborted"]
            skip = v["total"] - v["executed"]
            if (skip > 0) skipped += skip
            files++
        }
        END { printf "%d %d %d %d\n", passed, failed, skipped, files }
    ' "${files[@]}"
}

# The same from the per-assembly lines dotnet test prints, e.g.
#   "Failed!  - Failed:     1, Passed:    41, Skipped:     2, Total:    44, Duration: ..."
# Used when a TRX file is missing or was overwritten (two projects finishing in the same second).
console_counts() {
    awk '
        /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+, +Total: +[0-9]+/ {
            line = $0
            sub(/.*(Passed|Failed)! +- +/, "", line)
            n = split(line, part, /[:,] */)
            for (i = 1; i < n; i++) {
                key = part[i]; gsub(/ /, "", key)
                if (key == "Failed") failed += part[i + 1]
                else if (key == "Passed") passed += part[i + 1]
                else if (key == "Skipped") skipped += part[i + 1]
            }
            lines++
        }
        END { printf "%d %d %d %d\n", passed, failed, skipped, lines }
    ' "$LOG"
}

read -r passed failed skipped trx_files < <(trx_counts)
read -r c_passed c_failed c_skipped c_lines < <(console_counts)
if [ "$c_lines" -gt "$trx_files" ] || grep -q 'Overwriting results file' "$LOG"; then
    say "using dotnet test's own per-project counts ($c_lines projects; $trx_files TRX files in $RESULTS)"
    passed=$c_passed failed=$c_failed skipped=$c_skipped
fi

if [ "$status" -ne 0 ]; then
    if [ "$failed" -eq 0 ]; then
        say "dotnet test failed (exit $status) without a failed test: a build error, a crashed or hung test host, or a bad argument; see above"
    else
        say "dotnet test exited with $status"
    fi
fi
say "TRX files: $RESULTS"

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"

if [ "$status" -ne 0 ] || [ "$failed" -gt 0 ]; then
    exit 1
fi
