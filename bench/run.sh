#!/usr/bin/env bash
# KeyBox benchmark (./build.sh bench). See bench/README.md.
#
#   ./build.sh bench [--licenses N] [--products N] [--activations N] [--tokens N] [--duration S]
#                    [--connections C] [--threads T] [--reseed] [--only name,name,...]
#
# Seeds a database at scale, starts KeyBox (Release) against it, and drives it over HTTP with wrk (installed
# when missing and running as root) and with bench/Tool for the stateful scenarios; measures the HTTP and
# database floors with bench/Floor in the same run; writes bench/results/latest.md and latest.json.
#
# Database: the project's private cluster (.keybox/pg, as ./build.sh run uses), database keybox_bench.
# KEYBOX_BENCH_CONNECTION (an Npgsql connection string) points it at another database instead.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source=../build.sh
source "$BENCH_DIR/../build.sh"   # its functions (ensure_pg, conn_string, ...); sourcing runs no target
cd "$ROOT"

LICENSES=1000000
PRODUCTS=100
ACTIVATIONS=""
TOKENS=2000
DURATION=15
WARMUP=10
CONNECTIONS=32
CONSOLE_CONNECTIONS=4
THREADS=2
RESEED=0
ONLY=""
while (($#)); do
    case "$1" in
        --licenses) LICENSES="$2"; shift 2 ;;
        --products) PRODUCTS="$2"; shift 2 ;;
        --activations) ACTIVATIONS="$2"; shift 2 ;;
        --tokens) TOKENS="$2"; shift 2 ;;
        --duration) DURATION="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --connections) CONNECTIONS="$2"; shift 2 ;;
        --console-connections) CONSOLE_CONNECTIONS="$2"; shift 2 ;;
        --threads) THREADS="$2"; shift 2 ;;
        --reseed) RESEED=1; shift ;;
        --only) ONLY="$2"; shift 2 ;;
        -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) die "bench: unknown option '$1' (see --help)" ;;
    esac
done
ACTIVATIONS="${ACTIVATIONS:-$LICENSES}"

WORK="$BENCH_DIR/.work"
RESULTS="$WORK/results"
OUT_DIR="$BENCH_DIR/results"
PORT_A="${KEYBOX_BENCH_PORT:-5201}"
PORT_B=$((PORT_A + 1))
PORT_C=$((PORT_A + 2))
PORT_D=$((PORT_A + 3))
PORT_FLOOR=$((PORT_A + 10))
INTERNAL_KEY="kb_bench_internal_0123456789abcdef"
EXTERNAL_KEY="kb_bench_external_0123456789abcdef"
PUBLISH_DIR="$WORK/publish"
WEBAPI_DLL="$PUBLISH_DIR/KeyBox.WebApi.dll"
FLOOR_DLL="$BENCH_DIR/Floor/bin/Release/net10.0/KeyBox.Bench.Floor.dll"
TOOL_DLL="$BENCH_DIR/Tool/bin/Release/net10.0/KeyBox.Bench.Tool.dll"
declare -A PIDS=()

stop_all() {
    local name
    for name in "${!PIDS[@]}"; do
        kill "${PIDS[$name]}" 2>/dev/null || true
    done
    for name in "${!PIDS[@]}"; do
        wait "${PIDS[$name]}" 2>/dev/null || true
    done
    PIDS=()
    cleanup
}
trap stop_all EXIT

selected() { [[ -z $ONLY || ",$ONLY," == *",$1,"* ]]; }

# ----------------------------------------------------------------------------------------------------
# Tools and database
# ----------------------------------------------------------------------------------------------------

ensure_tool() {
    local cmd="$1" pkg="$2"
    have "$cmd" && return 0
    if is_root && have apt-get; then
        apt_install "$pkg" || die "apt-get install $pkg failed"
    fi
    have "$cmd" || die "$cmd is required (apt-get install $pkg)"
}

BENCH_CONN=""
setup_database() {
    if [[ -n ${KEYBOX_BENCH_CONNECTION:-} ]]; then
        BENCH_CONN="$KEYBOX_BENCH_CONNECTION"
        local field key value
        PSQL="$(command -v psql || true)"
        [[ -n $PSQL ]] || ensure_tool psql postgresql-client
        PSQL="$(command -v psql)"
        BENCH_PG=()
        IFS=';' read -ra fields <<<"$BENCH_CONN"
        for field in "${fields[@]}"; do
            key="${field%%=*}"; value="${field#*=}"
            case "${key,,}" in
                host|server) BENCH_PG+=(-h "$value") ;;
                port) BENCH_PG+=(-p "$value") ;;
                username|user\ id|userid|user) BENCH_PG+=(-U "$value") ;;
                database) BENCH_DB="$value" ;;
                password) export PGPASSWORD="$value" ;;
            esac
        done
        [[ -n ${BENCH_DB:-} ]] || die "KEYBOX_BENCH_CONNECTION has no Database="
        log "benchmark database: $(mask_conn "$BENCH_CONN")"
        if [[ "$(bench_psql_db postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$BENCH_DB'")" != 1 ]]; then
            bench_psql_db postgres -c "CREATE DATABASE \"$BENCH_DB\"" >/dev/null
        fi
    else
        ensure_pg
        BENCH_DB="keybox_bench"
        ensure_database "$BENCH_DB"
        BENCH_CONN="$(conn_string "$BENCH_DB")"
        log "benchmark database: $(mask_conn "$BENCH_CONN") (private cluster)"
    fi
}

bench_psql_db() {
    local db="$1"; shift
    if [[ -n ${KEYBOX_BENCH_CONNECTION:-} ]]; then
        PGCONNECT_TIMEOUT=10 "$PSQL" -X -q -v ON_ERROR_STOP=1 "${BENCH_PG[@]}" -d "$db" "$@"
    else
        psql_tcp -d "$db" "$@"
    fi
}

bench_psql() { bench_psql_db "$BENCH_DB" "$@"; }

# pgbench against the benchmark database (beside psql: the same PostgreSQL client binaries).
bench_pgbench() {
    local pgbench
    pgbench="$(dirname "$PSQL")/pgbench"
    [[ -x $pgbench ]] || pgbench="$(command -v pgbench || true)"
    [[ -n $pgbench ]] || die "pgbench not found next to $PSQL nor on PATH (it comes with the PostgreSQL client)"
    if [[ -n ${KEYBOX_BENCH_CONNECTION:-} ]]; then
        PGCONNECT_TIMEOUT=10 "$pgbench" "${BENCH_PG[@]}" "$@" "$BENCH_DB"
    else
        PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=10 PGSSLMODE=disable \
            "$pgbench" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_ROLE" "$@" "$BENCH_DB"
    fi
}

# The write floor: pgbench runs bench/writefloor.sql (the least SQL of an activate + deactivate pair) on tables of
# its own, with the same connections, warm-up and duration as the other scenarios.
run_write_floor() {
    selected floor_write || return 0
    log "scenario floor_write: pgbench -c$CONNECTIONS -j$THREADS -T$DURATION -f bench/writefloor.sql"
    bench_psql -c "DROP SCHEMA IF EXISTS bench_floor CASCADE" \
        -c "CREATE SCHEMA bench_floor" \
        -c "CREATE TABLE bench_floor.licenses (id int PRIMARY KEY, parallel_uses int NOT NULL, first_activated_at timestamptz)" \
        -c "CREATE TABLE bench_floor.activations (id bigserial PRIMARY KEY, license_id int NOT NULL REFERENCES bench_floor.licenses (id),
                is_active bool NOT NULL, activated_at timestamptz NOT NULL, deactivated_at timestamptz, domain varchar(253))" \
        -c "CREATE INDEX ON bench_floor.activations (license_id, is_active)" \
        -c "INSERT INTO bench_floor.licenses SELECT g, 1000 FROM generate_series(1, 20000) g" >/dev/null
    local -a args=(-n -M prepared -c "$CONNECTIONS" -j "$THREADS" -f "$BENCH_DIR/writefloor.sql")
    if ((WARMUP > 0)); then
        bench_pgbench "${args[@]}" -T "$WARMUP" >/dev/null 2>&1
    fi
    bench_pgbench "${args[@]}" -T "$DURATION" >"$RESULTS/floor_write.txt" 2>&1 || { cat "$RESULTS/floor_write.txt" >&2; die "pgbench failed"; }
    bench_psql -c "DROP SCHEMA bench_floor CASCADE" >/dev/null
    local tps pairs latency failed
    tps="$(awk '/^tps = / {print $3}' "$RESULTS/floor_write.txt")"
    pairs="$(awk '/number of transactions actually processed/ {print $NF}' "$RESULTS/floor_write.txt")"
    latency="$(awk '/^latency average = / {print $4}' "$RESULTS/floor_write.txt")"
    failed="$(awk '/number of failed transactions/ {print $5}' "$RESULTS/floor_write.txt")"
    printf '{"name":"floor_write","rps":%s,"unit":"pairs/s","requests":%s,"errors":%s,"latency_avg_ms":%s,"notes":"%s"}' \
        "$tps" "$pairs" "${failed:-0}" "$latency" \
        "pgbench, no application: lock the license, count its seats, insert the activation; then lock, switch it off (bench/writefloor.sql); average $latency ms per pair" \
        >"$RESULTS/floor_write.json"
    tail -n 1 "$RESULTS/floor_write.txt" >&2
}

# ----------------------------------------------------------------------------------------------------
# Processes
# ----------------------------------------------------------------------------------------------------

now_ms() { date +%s%3N; }

wait_http() {
    local url="$1" timeout_s="$2" start
    start=$(now_ms)
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url" 2>/dev/null)" == 200 ]]; do
        (($(now_ms) - start > timeout_s * 1000)) && return 1
        sleep 0.02
    done
}

# start_keybox NAME PORT [VAR=value ...]: starts a KeyBox process; prints nothing; sets PIDS[NAME].
start_keybox() {
    local name="$1" port="$2"
    shift 2
    # The published build (./build.sh publish), started from its directory: appsettings.json is read from there.
    # The master key of the benchmark database lives beside the private cluster, not in artifacts/ (which clean removes).
    (cd "$PUBLISH_DIR" && exec env ConnectionStrings__KeyBox="$BENCH_CONN" \
        ASPNETCORE_ENVIRONMENT=Production \
        Database__MigrateOnStartup=true \
        Secrets__MasterKeyFile="$ROOT/.keybox/bench-master.key" \
        Bootstrap__InternalApiKey="$INTERNAL_KEY" \
        Bootstrap__ExternalApiKey="$EXTERNAL_KEY" \
        Bootstrap__AdminEmail="bench-admin@keybox.test" \
        Bootstrap__AdminPassword="Bench-Password-123" \
        RateLimiting__Validate__PermitLimit=0 \
        RateLimiting__Internal__PermitLimit=0 \
        "$@" \
        dotnet "$WEBAPI_DLL" --urls "http://127.0.0.1:$port") >"$WORK/$name.log" 2>&1 &
    PIDS[$name]=$!
    if ! wait_http "http://127.0.0.1:$port/health/ready" 120; then
        tail -n 30 "$WORK/$name.log" >&2
        die "KeyBox ($name) did not become ready on port $port"
    fi
}

stop_process() {
    local name="$1"
    [[ -n ${PIDS[$name]:-} ]] || return 0
    kill "${PIDS[$name]}" 2>/dev/null || true
    wait "${PIDS[$name]}" 2>/dev/null || true
    unset "PIDS[$name]"
}

# Peak resident memory of a process, reset before each scenario (Linux: clear_refs 5 resets VmHWM).
reset_peak() { [[ -n ${1:-} ]] && echo 5 >"/proc/$1/clear_refs" 2>/dev/null || true; }
read_peak() { [[ -n ${1:-} ]] && awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || true; }
# CPU time (user + system, in clock ticks) a process has used: server CPU per request does not depend on how
# busy the rest of the machine is, so it is reported beside the throughput.
cpu_ticks() { [[ -n ${1:-} ]] && awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
CLK_TCK="$(getconf CLK_TCK 2>/dev/null || echo 100)"

# ----------------------------------------------------------------------------------------------------
# Scenarios
# ----------------------------------------------------------------------------------------------------

# run_wrk NAME BASE_URL MODE PATH KEY DATA PID NOTES
run_wrk() {
    local name="$1" base="$2" mode="$3" path="$4" key="$5" data="$6" pid="$7" notes="$8"
    selected "$name" || return 0
    log "scenario $name: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s $base$path"
    local -a vars=(BENCH_MODE="$mode" BENCH_PATH="$path" BENCH_KEY="$key" BENCH_DATA="$data" BENCH_NAME="$name"
                   BENCH_CONNECTIONS="$CONNECTIONS" BENCH_NOTES="$notes")
    if ((WARMUP > 0)); then
        env "${vars[@]}" BENCH_OUT="$WORK/warmup.json" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" \
            -s "$BENCH_DIR/lua/bench.lua" "$base" >/dev/null
    fi
    reset_peak "$pid"
    local cpu_before cpu_after
    cpu_before="$(cpu_ticks "$pid")"
    env "${vars[@]}" BENCH_OUT="$RESULTS/$name.json" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
        -s "$BENCH_DIR/lua/bench.lua" "$base" >"$RESULTS/$name.wrk.txt"
    cpu_after="$(cpu_ticks "$pid")"
    read_peak "$pid" >"$RESULTS/$name.mem"
    echo "$(( (cpu_after - cpu_before) * 1000000 / CLK_TCK ))" >"$RESULTS/$name.cpu"
    tail -n 1 "$RESULTS/$name.wrk.txt" >&2
}

skip() { printf '{"name":"%s","skipped":"%s"}' "$1" "$2" >"$RESULTS/$1.json"; log "scenario $1: $2"; }

# Is a route there? It must be in the OpenAPI document and not answer 404 to a well-formed request.
route_available() {
    local path="$1" body="$2" key="${3:-}" status
    grep -q "\"$path\"" "$WORK/swagger.json" 2>/dev/null || return 1
    status="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
        ${key:+-H "X-API-KEY: $key"} -d "$body" "http://127.0.0.1:$PORT_A$path")"
    [[ $status != 404 ]]
}

run_tool() { dotnet "$TOOL_DLL" "$@"; }

# ----------------------------------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------------------------------

ensure_dotnet
ensure_tool wrk wrk
ensure_tool curl curl
mkdir -p "$WORK" "$RESULTS" "$OUT_DIR"
rm -f "$RESULTS"/*

log "publishing KeyBox ($CONFIGURATION, ReadyToRun: ./build.sh publish), building bench/Floor and bench/Tool"
KEYBOX_PUBLISH_DIR="$PUBLISH_DIR" KEYBOX_CONFIGURATION="$CONFIGURATION" "$ROOT/build.sh" publish -v q >"$WORK/build.log" 2>&1 || { tail -n 30 "$WORK/build.log" >&2; die "publish failed"; }
dotnet build "$BENCH_DIR/Floor" -c Release -nologo -v q >>"$WORK/build.log" 2>&1 || { tail -n 30 "$WORK/build.log" >&2; die "build failed"; }
dotnet build "$BENCH_DIR/Tool" -c Release -nologo -v q >>"$WORK/build.log" 2>&1 || { tail -n 30 "$WORK/build.log" >&2; die "build failed"; }

setup_database

# First start: migrates the database and creates the bootstrap admin the seed owns its rows by.
log "starting KeyBox once to migrate the database"
start_keybox seed "$PORT_A"
stop_process seed

seeded_licenses="$(bench_psql -tAc "SELECT count(*) FROM licenses WHERE license_code LIKE 'BENCH-%'")"
seeded_activations="$(bench_psql -tAc "SELECT count(*) FROM activations WHERE machine_id LIKE 'machine-%'")"
seeded_products="$(bench_psql -tAc "SELECT count(*) FROM products WHERE reference_id LIKE 'BENCH-P%'")"
if ((RESEED)) || [[ $seeded_licenses != "$LICENSES" || $seeded_activations != "$ACTIVATIONS" || $seeded_products != "$PRODUCTS" ]]; then
    log "seeding $LICENSES licenses, $PRODUCTS products, $ACTIVATIONS activations"
    seed_start=$(now_ms)
    bench_psql -v licenses="$LICENSES" -v products="$PRODUCTS" -v activations="$ACTIVATIONS" -f "$BENCH_DIR/seed.sql" >/dev/null
    SEED_MS=$(($(now_ms) - seed_start))
    log "seeded in $((SEED_MS / 1000)) s"
else
    SEED_MS=""
    log "database already seeded at this scale (--reseed to redo it)"
fi

# Start-up: process start to the first served request, on a migrated database, after the build.
startup_begin=$(now_ms)
start_keybox a "$PORT_A"
STARTUP_MS=$(($(now_ms) - startup_begin))
log "KeyBox ready in $STARTUP_MS ms"
PID_A="${PIDS[a]}"
curl -s "http://127.0.0.1:$PORT_A/swagger/v1/swagger.json" >"$WORK/swagger.json" || true

log "preparing: settings, keys, versions, $TOKENS activations spread over the data set"
run_tool prepare --url "http://127.0.0.1:$PORT_A" --db "$BENCH_CONN" --internal-key "$INTERNAL_KEY" --work "$WORK" --tokens "$TOKENS"
# shellcheck disable=SC1091
source "$WORK/bench.env"

# Floors: same machine, same database, same request shape.
if selected floor_http || selected floor_db; then
    ConnectionStrings__Floor="$BENCH_CONN" ASPNETCORE_ENVIRONMENT=Production \
        dotnet "$FLOOR_DLL" --urls "http://127.0.0.1:$PORT_FLOOR" >"$WORK/floor.log" 2>&1 &
    PIDS[floor]=$!
    wait_http "http://127.0.0.1:$PORT_FLOOR/floor/ready" 60 || die "the floor app did not start"
    run_wrk floor_http "http://127.0.0.1:$PORT_FLOOR" floor /floor/http "" "$WORK/tokens.tsv" "${PIDS[floor]}" \
        "minimal ASP.NET Core app: parse the verify request, answer its shape"
    run_wrk floor_db "http://127.0.0.1:$PORT_FLOOR" floor /floor/db "" "$WORK/tokens.tsv" "${PIDS[floor]}" \
        "the same plus one indexed Npgsql query (license by code)"
    stop_process floor
fi
run_write_floor

run_wrk verify "http://127.0.0.1:$PORT_A" verify /api/external/license/verify "$KEY_VERIFY" "$WORK/tokens.tsv" "$PID_A" \
    "$TOKENS valid tokens spread over the data set, each from its own site"

if selected verify_unsigned; then
    start_keybox d "$PORT_D" Signing__SignResponses=false
    run_wrk verify_unsigned "http://127.0.0.1:$PORT_D" verify /api/external/license/verify "$KEY_VERIFY_UNSIGNED" "$WORK/tokens.tsv" "${PIDS[d]}" \
        "the same without the KeyBox-Signature header (Signing__SignResponses=false): the cost of signing"
    stop_process d
fi

if selected verify_nocache; then
    start_keybox c "$PORT_C" ReadCache__Enabled=false
    run_wrk verify_nocache "http://127.0.0.1:$PORT_C" verify /api/external/license/verify "$KEY_VERIFY_NOCACHE" "$WORK/tokens.tsv" "${PIDS[c]}" \
        "the same with the read cache off: one database read per verify (the 'before' figure)"
    stop_process c
fi

if selected validate; then
    first_validate="$(head -n1 "$WORK/validate.tsv")"
    IFS=$'\t' read -r v_key v_machine v_instance <<<"$first_validate"
    if route_available /validate "{\"key\":\"$v_key\",\"machineId\":\"$v_machine\",\"instanceId\":\"$v_instance\"}"; then
        run_wrk validate "http://127.0.0.1:$PORT_A" validate /validate "" "$WORK/validate.tsv" "$PID_A" \
            "KeyBox SDK check of seeded activations (key, machineId, instanceId); rate limit off"
    else
        skip validate "not available (route answers 404)"
    fi
fi

if selected update_check; then
    first_product="$(head -n1 "$WORK/products.tsv")"
    if route_available /api/external/update/check "{\"product_id\":\"$first_product\",\"current_version\":\"1.0.0\"}" "$KEY_UPDATE"; then
        run_wrk update_check "http://127.0.0.1:$PORT_A" update /api/external/update/check "$KEY_UPDATE" "$WORK/products.tsv" "$PID_A" \
            "current_version 1.0.0 of each product (3 versions each)"
    else
        skip update_check "not available (route answers 404)"
    fi
fi

LIST=/api/internal/product-licenses
run_wrk list_first "http://127.0.0.1:$PORT_A" get "$LIST?per_page=15" "$INTERNAL_KEY" "" "$PID_A" \
    "first page of 15 of $LICENSES licenses"
run_wrk list_deep "http://127.0.0.1:$PORT_A" get "$LIST?per_page=15&cursor=$LIST_DEEP_CURSOR" "$INTERNAL_KEY" "" "$PID_A" \
    "page after the license 90 % through the table (keyset cursor)"
run_wrk search_first "http://127.0.0.1:$PORT_A" get "$LIST?per_page=15&search=$SEARCH_TERM" "$INTERNAL_KEY" "" "$PID_A" \
    "search=$SEARCH_TERM ($SEARCH_MATCHES matches), first page"
run_wrk search_deep "http://127.0.0.1:$PORT_A" get "$LIST?per_page=15&search=$SEARCH_TERM&cursor=$SEARCH_DEEP_CURSOR" "$INTERNAL_KEY" "" "$PID_A" \
    "search=$SEARCH_TERM, page 90 % through its matches (cursor)"
run_wrk search_rare "http://127.0.0.1:$PORT_A" get "$LIST?per_page=15&search=$SEARCH_RARE" "$INTERNAL_KEY" "" "$PID_A" \
    "search by a full e-mail address: one match"

if selected dashboard; then
    # The KeyBox API's dashboard takes a bearer token (the bootstrap admin's): every owner's data, counts in SQL.
    ADMIN_TOKEN="$(curl -s -X POST -H 'Content-Type: application/json' \
        -d '{"email":"bench-admin@keybox.test","password":"Bench-Password-123"}' \
        "http://127.0.0.1:$PORT_A/auth/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')"
    if [[ -n $ADMIN_TOKEN ]]; then
        run_wrk dashboard "http://127.0.0.1:$PORT_A" get /dashboard "Bearer $ADMIN_TOKEN" "" "$PID_A" \
            "GET /dashboard as the admin over $LICENSES licenses (nested lists capped at Lists__MaxItems)"
    else
        skip dashboard "could not log in as the bench admin"
    fi
fi

if selected console_list || selected console_search || selected console_dashboard; then
    # The admin console's license list, rendered on the server (the prerender of /admin/licenses: the same Mediator
    # query as the page, its HTML; no browser, no circuit), with the bench admin's console session cookie.
    CONSOLE_JAR="$WORK/console.cookies"
    rm -f "$CONSOLE_JAR"
    console_token="$(curl -s -c "$CONSOLE_JAR" -b "$CONSOLE_JAR" "http://127.0.0.1:$PORT_A/admin/login" \
        | sed -n 's/.*name="__RequestVerificationToken" value="\([^"]*\)".*/\1/p' | head -n1)"
    curl -s -o /dev/null -c "$CONSOLE_JAR" -b "$CONSOLE_JAR" \
        --data-urlencode "_handler=login" --data-urlencode "__RequestVerificationToken=$console_token" \
        --data-urlencode "Input.Email=bench-admin@keybox.test" --data-urlencode "Input.Password=Bench-Password-123" \
        "http://127.0.0.1:$PORT_A/admin/login"
    # Every cookie of the jar (HttpOnly ones are written with a #HttpOnly_ prefix) as one Cookie header.
    CONSOLE_COOKIE="$(sed 's/^#HttpOnly_//' "$CONSOLE_JAR" | awk -F'\t' '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep = "; " }')"
    if [[ $CONSOLE_COOKIE == *keybox_console=* ]]; then
        # A console is used by a few people at once, not by 32 clients in a loop: its rows use --console-connections.
        API_CONNECTIONS="$CONNECTIONS"
        CONNECTIONS="$CONSOLE_CONNECTIONS"
        run_wrk console_list "http://127.0.0.1:$PORT_A" get /admin/licenses "Cookie: $CONSOLE_COOKIE" "" "$PID_A" \
            "server-side render of the console's license list (first page of 25) as the admin over $LICENSES licenses"
        run_wrk console_search "http://127.0.0.1:$PORT_A" get "/admin/licenses?search=$SEARCH_TERM" "Cookie: $CONSOLE_COOKIE" "" "$PID_A" \
            "server-side render of the console's license list searching $SEARCH_TERM ($SEARCH_MATCHES matches), first page"
        run_wrk console_dashboard "http://127.0.0.1:$PORT_A" get /admin "Cookie: $CONSOLE_COOKIE" "" "$PID_A" \
            "server-side render of the console's dashboard as the admin over $LICENSES licenses (counts, 30 days of usage, expiring licenses, recent activity)"
        CONNECTIONS="$API_CONNECTIONS"
    else
        selected console_list && skip console_list "could not log in to the console as the bench admin"
        selected console_search && skip console_search "could not log in to the console as the bench admin"
        selected console_dashboard && skip console_dashboard "could not log in to the console as the bench admin"
    fi
fi

if selected pairs; then
    log "scenario pairs: $CONNECTIONS workers, ${DURATION}s"
    # The same warm-up as the wrk scenarios get: without it the measurement includes the JIT of the write path.
    if ((WARMUP > 0)); then
        run_tool pairs --url "http://127.0.0.1:$PORT_A" --key "$KEY_PAIRS" --work "$WORK" --connections "$CONNECTIONS" \
            --duration "$WARMUP" --out "$WORK/warmup.json" >/dev/null 2>&1
    fi
    reset_peak "$PID_A"
    cpu_before="$(cpu_ticks "$PID_A")"
    run_tool pairs --url "http://127.0.0.1:$PORT_A" --key "$KEY_PAIRS" --work "$WORK" --connections "$CONNECTIONS" \
        --duration "$DURATION" --out "$RESULTS/pairs.json" >&2
    read_peak "$PID_A" >"$RESULTS/pairs.mem"
    echo "$(( ($(cpu_ticks "$PID_A") - cpu_before) * 1000000 / CLK_TCK ))" >"$RESULTS/pairs.cpu"
fi

if selected seat_race; then
    log "scenario seat_race"
    reset_peak "$PID_A"
    run_tool seat-race --url "http://127.0.0.1:$PORT_A" --key "$KEY_SEATS" --internal-key "$INTERNAL_KEY" --db "$BENCH_CONN" \
        --work "$WORK" --licenses 20 --seats 2 --clients 64 --connections 64 --out "$RESULTS/seat_race.json" >&2 || true
    read_peak "$PID_A" >"$RESULTS/seat_race.mem"
fi

if selected staleness; then
    log "scenario staleness: a second KeyBox process on the same database"
    start_keybox b "$PORT_B"
    run_tool staleness --a "http://127.0.0.1:$PORT_A" --b "http://127.0.0.1:$PORT_B" --key "$KEY_STALENESS" \
        --internal-key "$INTERNAL_KEY" --work "$WORK" --rounds 20 --out "$RESULTS/staleness.json" >&2
    stop_process b
fi

stop_process a

commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$ROOT" status --porcelain -- src bench 2>/dev/null | grep -v '^?? bench/.work' | grep -v 'bench/results/' || true)" ]]; then
    commit="$commit (with uncommitted changes)"
fi
{
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "commit=$commit"
    echo "machine=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || uname -m), $(nproc) cores, $(awk '/^MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo 2>/dev/null) RAM, Linux $(uname -r)"
    echo "software=.NET $(dotnet --version), $(bench_psql -tAc 'SHOW server_version' | awk '{print "PostgreSQL " $1}'), $(wrk -v 2>&1 | head -n1 | awk '{print "wrk " $2}')"
    echo "data=$LICENSES licenses, $PRODUCTS products, $ACTIVATIONS seeded activations${SEED_MS:+ (seeded in $((SEED_MS / 1000)) s)}"
    echo "load=wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s per scenario after ${WARMUP}s warm-up; tokens=$TOKENS; KeyBox $CONFIGURATION (published, ReadyToRun), ASPNETCORE_ENVIRONMENT=Production; load generator, server and PostgreSQL share the machine"
    echo "startup_ms=$STARTUP_MS"
} >"$WORK/meta.env"

run_tool report --results "$RESULTS" --meta "$WORK/meta.env" --out-md "$OUT_DIR/latest.md" --out-json "$OUT_DIR/latest.json"
log "wrote ${OUT_DIR#"$ROOT"/}/latest.md and latest.json"
