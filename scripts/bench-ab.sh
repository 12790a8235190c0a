#!/usr/bin/env bash
# Compares two builds of the server on the pages of scripts/bench-web.sh, in interleaved
# rounds so that both see the same machine: each build generates its own benchmark
# province (same seed and sizes), then each round loads every page with wrk on build A,
# then on build B. The machine's own drift (other work, frequency, cache) falls on both.
#
# Usage: scripts/bench-ab.sh BIN_A BIN_B
#   e.g. git worktree add /tmp/base <commit> && (cd /tmp/base && cargo build --release -p cli)
#        cp "$CARGO_TARGET_DIR/release/doingoai" /tmp/doingoai-a   (and the same for B)
# Settings (environment): ROUNDS (3), DURATION (10 s per load), CONNS (8), PORT (18480:
# A on PORT, B on PORT+1), COMMUNES/TASKS/UPDATES/SEED as in bench-web.sh, PG: a PostgreSQL
# server URL without a database (postgres://USER@HOST:PORT) to run both on PostgreSQL, in
# the databases doingoai_ab_a and doingoai_ab_b (dropped and made again).
set -euo pipefail
A=$1 B=$2
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
CONNS=${CONNS:-8}
PORT=${PORT:-18480}
COMMUNES=${COMMUNES:-100} TASKS=${TASKS:-60} UPDATES=${UPDATES:-20000} SEED=${SEED:-1}
PASSWORD=bench-password-2026
WORK=$(mktemp -d /tmp/doingoai-ab.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

declare -a NAMES=(dashboard tasks tasks-overdue-by-due tasks-search-by-progress province)
declare -a URLS=(/dashboard /tasks "/tasks?overdue=1&sort=due" "/tasks?q=tuyen+truyen&sort=-progress" /province)
declare -a WHO=(vanphong1 vanphong1 vanphong1 vanphong1 so1)

echo "nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
declare -A COOKIE
for side in A B; do
    bin=${!side}
    port=$PORT; [[ $side == B ]] && port=$((PORT + 1))
    "$bin" --version | sed "s/^/$side: /"
    db="sqlite://$WORK/$side.sqlite"
    if [[ -n ${PG:-} ]]; then
        name=doingoai_ab_${side,,}
        psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
        db="$PG/$name"
    fi
    "$bin" bench-data --db "$db" --communes "$COMMUNES" --tasks "$TASKS" \
        --updates "$UPDATES" --seed "$SEED" --password "$PASSWORD" >/dev/null
    # A bulk load leaves PostgreSQL without statistics (see bench-web.sh).
    [[ -n ${PG:-} ]] && psql -q "$db" -c "VACUUM ANALYZE"
    "$bin" serve --db "$db" --addr "127.0.0.1:$port" >"$WORK/$side.log" 2>&1 &
    PIDS+=($!)
    until curl -s -o /dev/null "http://127.0.0.1:$port/login"; do sleep 0.01; done
    for who in vanphong1 so1; do
        COOKIE[$side$who]=$(curl -s -o /dev/null -c - -d "username=$who" -d "password=$PASSWORD" \
            "http://127.0.0.1:$port/login" | awk '$6 == "doingoai_session" {print "doingoai_session=" $7}')
    done
    for i in "${!URLS[@]}"; do # warm
        curl -s -o /dev/null -H "Cookie: ${COOKIE[$side${WHO[$i]}]}" "http://127.0.0.1:$port${URLS[$i]}"
    done
done

declare -A SUM
for r in $(seq "$ROUNDS"); do
    for i in "${!URLS[@]}"; do
        for side in A B; do
            port=$PORT; [[ $side == B ]] && port=$((PORT + 1))
            rps=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" -H "Cookie: ${COOKIE[$side${WHO[$i]}]}" \
                "http://127.0.0.1:$port${URLS[$i]}" | awk '/Requests\/sec/ {print $2}')
            echo "round $r ${NAMES[$i]} $side $rps req/s"
            SUM[$side$i]=$(echo "${SUM[$side$i]:-0} + $rps" | bc)
        done
    done
done
echo "== mean req/s over $ROUNDS rounds (B/A)"
for i in "${!URLS[@]}"; do
    a=$(echo "scale=1; ${SUM[A$i]} / $ROUNDS" | bc); b=$(echo "scale=1; ${SUM[B$i]} / $ROUNDS" | bc)
    printf "%-26s A %8s  B %8s  B/A %s\n" "${NAMES[$i]}" "$a" "$b" "$(echo "scale=3; $b / $a" | bc)"
done
