#!/usr/bin/env bash
# The web benchmark of issue 4, point 12 (docs/BENCHMARKS.md, "Web system"): a generated
# province (100 communes x 60 tasks, a year of occurrences, 20,000 progress updates), the
# release server on it, and the commune dashboard and task list loaded
#   - with wrk (no rate limit: the most the machine gives), and
#   - at a fixed 200 requests/s with oha (-q; or hey -q when oha is not installed),
# with the server's memory (VmRSS/VmHWM) idle and under that load and its start-up time.
#
# Usage: scripts/bench-web.sh            (SQLite file in a fresh temporary directory)
#        DB_URL=postgres://USER@HOST:PORT/DB scripts/bench-web.sh   (an empty database)
# Settings (environment): PORT (18480), RATE (200), DURATION (30 s per load), CONNS (8,
# wrk), SKIP_BUILD=1, KEEP=1 (keep the work directory), COMMUNES/TASKS/UPDATES/SEED,
# ENTRIES (entries in each register of each commune, 0), PAGES=registers (the register
# list and statistics pages of issue 10 instead of the plan pages).
# The load generator runs on the same machine as the server: on 2 cores they share them.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
BIN=$CARGO_TARGET_DIR/release/doingoai
PORT=${PORT:-18480}
RATE=${RATE:-200}
DURATION=${DURATION:-30}
CONNS=${CONNS:-8}
COMMUNES=${COMMUNES:-100}
TASKS=${TASKS:-60}
UPDATES=${UPDATES:-20000}
SEED=${SEED:-1}
ENTRIES=${ENTRIES:-0}
PAGES=${PAGES:-plans}
PASSWORD=bench-password-2026
WORK=$(mktemp -d /tmp/doingoai-bench.XXXXXX)
DB_URL=${DB_URL:-sqlite://$WORK/bench.sqlite}
BASE=http://127.0.0.1:$PORT
SERVER_PID=

cleanup() {
    if [[ -n $SERVER_PID ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    [[ ${KEEP:-0} == 1 ]] || rm -rf "$WORK"
}
trap cleanup EXIT

need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk || ! need curl; then
    echo "installing wrk and curl (Debian packages)"; apt-get install -y wrk curl >/dev/null
fi
PACER=
if need oha; then PACER=oha
elif [[ -x $CARGO_TARGET_DIR/oha/bin/oha ]]; then PACER=oha; PATH=$CARGO_TARGET_DIR/oha/bin:$PATH
else
    need hey || apt-get install -y hey >/dev/null
    PACER=hey
fi

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
    (cd "$ROOT" && cargo build --release -p cli)
fi

echo "== machine"
echo "nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN" --version

echo "== data: $COMMUNES communes x $TASKS tasks, $UPDATES progress updates, $ENTRIES entries per register (seed $SEED)"
/usr/bin/time -f "bench-data: %e s wall, %M KB max RSS" \
    "$BIN" bench-data --db "$DB_URL" --communes "$COMMUNES" --tasks "$TASKS" \
    --updates "$UPDATES" --entries "$ENTRIES" --seed "$SEED" --password "$PASSWORD" | tail -n 8
if [[ $DB_URL == sqlite://* ]]; then
    ls -l "$WORK"/bench.sqlite* | awk '{print "  " $5 " bytes  " $9}'
else
    # A bulk load leaves PostgreSQL without planner statistics and with autovacuum about to
    # process every table, in the middle of the first measurement: settle both first, as
    # they are on a server in use.
    if need psql; then
        psql -q "$DB_URL" -c "VACUUM ANALYZE" && echo "  VACUUM ANALYZE done"
    else
        echo "  psql not found: no VACUUM ANALYZE; autovacuum may run during the first load"
    fi
fi

rss() { awk '/^(VmRSS|VmHWM)/ {printf "%s %d MB  ", $1, $2/1024}' "/proc/$SERVER_PID/status"; echo; }

echo "== start-up"
t0=$(date +%s%N)
"$BIN" serve --db "$DB_URL" --addr "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
until curl -s -o /dev/null "$BASE/login"; do sleep 0.002; done
t1=$(date +%s%N)
echo "launch -> first answer: $(( (t1 - t0) / 1000000 )) ms; server says: $(grep -o 'started in [0-9]* ms' "$WORK/server.log")"
echo -n "memory idle after start: "; rss

login() { # user -> cookie header value
    curl -s -o /dev/null -c - -d "username=$1" -d "password=$PASSWORD" "$BASE/login" |
        awk '$6 == "doingoai_session" {print "doingoai_session=" $7}'
}
OFFICE=$(login vanphong1)
PROVINCE=$(login so1)
[[ -n $OFFICE && -n $PROVINCE ]] || { echo "sign-in failed"; exit 1; }

if [[ $PAGES == registers ]]; then
    # The overview of the twelve registers with their counts; a register's list with its
    # figures for the year (the default window); the same for a half-year and a country;
    # the entries with an item due, by due date; the dashboard with its register items.
    declare -a NAMES=(registers doan-vao-list doan-vao-half-year-country doan-ra-by-due dashboard)
    declare -a URLS=(/registers /registers/doan-vao "/registers/doan-vao?from=01/01/2026&to=30/06/2026&country=Lao" "/registers/doan-ra?sort=due&due=1" /dashboard)
    declare -a COOKIES=("$OFFICE" "$OFFICE" "$OFFICE" "$OFFICE" "$OFFICE")
else
    declare -a NAMES=(dashboard tasks tasks-overdue-by-due tasks-search-by-progress province)
    declare -a URLS=(/dashboard /tasks "/tasks?overdue=1&sort=due" "/tasks?q=tuyen+truyen&sort=-progress" /province)
    declare -a COOKIES=("$OFFICE" "$OFFICE" "$OFFICE" "$OFFICE" "$PROVINCE")
fi

echo "== page sizes and single-request times (warm)"
for i in "${!URLS[@]}"; do
    curl -s -o /dev/null -H "Cookie: ${COOKIES[$i]}" "$BASE${URLS[$i]}"
    curl -s -o /dev/null -w "  ${NAMES[$i]}: HTTP %{http_code}, %{size_download} bytes, %{time_total} s\n" \
        -H "Cookie: ${COOKIES[$i]}" "$BASE${URLS[$i]}"
done
echo -n "memory after warm-up: "; rss

sample_rss() { # prints the largest VmRSS (MB) seen until killed
    local max=0 r
    trap 'echo "$max"; exit 0' TERM
    while true; do
        r=$(awk '/^VmRSS/ {print int($2/1024)}' "/proc/$SERVER_PID/status" 2>/dev/null || echo 0)
        (( r > max )) && max=$r
        sleep 0.2
    done
}

for i in "${!URLS[@]}"; do
    url=$BASE${URLS[$i]}
    echo "== ${NAMES[$i]}: ${URLS[$i]}"
    echo "-- wrk, no rate limit, $CONNS connections, 2 threads, ${DURATION}s"
    wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -H "Cookie: ${COOKIES[$i]}" "$url" |
        grep -E 'Requests/sec|Latency  |50%|75%|90%|99%|Non-2xx|Socket errors|requests in'
    echo "-- $PACER, fixed $RATE requests/s, ${DURATION}s"
    sample_rss >"$WORK/rss.txt" &
    sampler=$!
    if [[ $PACER == oha ]]; then
        oha --no-tui -q "$RATE" -z "${DURATION}s" -c 16 --latency-correction \
            -H "Cookie: ${COOKIES[$i]}" "$url" |
            grep -E 'Success rate|Requests/sec|Slowest|Fastest|Average|(10|25|50|75|90|95|99|99.9)(\.00)?% in|^ *\[[0-9]{3}\]'
    else
        hey -z "${DURATION}s" -c 10 -q $(( RATE / 10 )) -H "Cookie: ${COOKIES[$i]}" "$url" |
            grep -E 'Requests/sec|Slowest|Fastest|Average|(10|25|50|75|90|95|99)% in|^ *\[[0-9]{3}\]'
    fi
    kill -TERM "$sampler"; wait "$sampler" 2>/dev/null || true
    echo -n "memory: max VmRSS during the paced load $(cat "$WORK/rss.txt") MB; now: "; rss
done

echo "== done; server log in $WORK/server.log (kept with KEEP=1)"
