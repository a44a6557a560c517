#!/usr/bin/env bash
# KeyBox build script. Run `./build.sh help` for the targets and the environment variables it reads.
#
# When no connection string is configured, a private PostgreSQL cluster is created under .keybox/
# from the machine's PostgreSQL binaries (listening on 127.0.0.1 only). Keep build.ps1 in step with
# this file.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
cd "$ROOT"

STATE_DIR="$ROOT/.keybox"
PG_DATA="$STATE_DIR/pg"
PG_LOG="$STATE_DIR/pg.log"
PG_PWFILE="$STATE_DIR/pg-password"
PG_PORT="${KEYBOX_PG_PORT:-55432}"
PG_OS_USER="postgres"      # owner of the cluster when this script runs as root
PG_ROLE="keybox"           # database superuser created by initdb
PG_DB_RUN="keybox"
PG_DB_TEST="keybox_test"
REDIS_DIR="$STATE_DIR/redis"
REDIS_PORT="${KEYBOX_REDIS_PORT:-56379}"
CONFIGURATION="${KEYBOX_CONFIGURATION:-Release}"
SOLUTION="KeyBox.sln"
WEBAPI_PROJECT="src/WebApi"

export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"

# Set by find_pg_bin / ensure_pg.
PG_BIN=""
PSQL=""
PG_PASSWORD=""
PG_SOCK_DIR=""
APT_UPDATED=0
TMP_FILES=()

# ----------------------------------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------------------------------

log()  { printf '==> %s\n' "$*" >&2; }
warn() { printf '==> WARNING: %s\n' "$*" >&2; }
die()  { printf '==> ERROR: %s\n' "$*" >&2; exit 1; }

cleanup() {
    if ((${#TMP_FILES[@]})); then rm -f -- "${TMP_FILES[@]}"; fi
}
trap cleanup EXIT

is_root() { [[ $EUID -eq 0 ]]; }
is_ci()   { case "${CI:-}" in "" | 0 | false | False | FALSE) return 1 ;; esac; }
have()    { command -v "$1" >/dev/null 2>&1; }

# May we install missing system packages with apt-get?
may_auto_install() {
    is_root && have apt-get && { is_ci || [[ ${KEYBOX_AUTO_INSTALL:-} == 1 ]]; }
}

apt_install() {
    if ((APT_UPDATED == 0)); then
        log "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update </dev/null >&2 || return 1
        APT_UPDATED=1
    fi
    log "apt-get install -y $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" </dev/null >&2
}

mask_conn() { sed -E 's/([Pp]assword|[Pp]wd)=[^;]*/\1=*****/g' <<<"$1"; }

ensure_dotnet() {
    if ! have dotnet; then
        local d
        for d in /usr/share/dotnet "${HOME:-}/.dotnet" /usr/local/share/dotnet /usr/lib/dotnet; do
            if [[ -x $d/dotnet ]]; then
                export PATH="$d:$PATH"
                break
            fi
        done
    fi
    have dotnet || die "the .NET SDK (dotnet) is not on PATH; install the .NET 10 SDK (https://dot.net)"
}

require_solution() {
    if [[ ! -f $ROOT/$SOLUTION && -f $ROOT/${SOLUTION}x ]]; then
        SOLUTION="${SOLUTION}x"   # KeyBox.slnx
    fi
    [[ -f $ROOT/$SOLUTION ]] || die "$SOLUTION not found in $ROOT"
}

# ----------------------------------------------------------------------------------------------------
# Private PostgreSQL cluster (.keybox/pg)
# ----------------------------------------------------------------------------------------------------

# Run a command as the cluster owner: the postgres OS user when we are root, else ourselves.
as_pg() {
    if is_root; then
        if have runuser; then
            runuser -u "$PG_OS_USER" -- "$@"
        else
            su "$PG_OS_USER" -s /bin/bash -c "$(printf '%q ' "$@")"
        fi
    else
        "$@"
    fi
}

pg_bin_ok() { [[ -n $1 && -x $1/pg_ctl && -x $1/initdb && -x $1/postgres ]]; }

pg_bin_major() {
    local v
    v="$("$1/postgres" --version 2>/dev/null | awk '{print $3}')" || true
    printf '%s' "${v%%[!0-9]*}"
}

# Candidate bin directories, in order of preference.
pg_bin_candidates() {
    if [[ -n ${KEYBOX_PG_BIN:-} ]]; then
        printf '%s\n' "$KEYBOX_PG_BIN"
    fi
    if have pg_ctl; then
        dirname "$(command -v pg_ctl)"
    fi
    local d
    # Newest version first (Debian/Ubuntu, RHEL, Homebrew, Postgres.app).
    for d in /usr/lib/postgresql/*/bin /usr/pgsql-*/bin /opt/homebrew/opt/postgresql@*/bin \
             /usr/local/opt/postgresql@*/bin /Applications/Postgres.app/Contents/Versions/*/bin; do
        [[ -d $d ]] && printf '%s\n' "$d"
    done | sort -V -r
    return 0
}

# Sets PG_BIN (and PSQL) to the first usable bin directory; returns 1 when there is none.
find_pg_bin() {
    local want="" d
    [[ -f $PG_DATA/PG_VERSION ]] && want="$(<"$PG_DATA/PG_VERSION")"
    PG_BIN=""
    while IFS= read -r d; do
        pg_bin_ok "$d" || continue
        # An existing cluster can only be started by binaries of the same major version.
        if [[ -n $want && $(pg_bin_major "$d") != "$want" ]]; then
            continue
        fi
        PG_BIN="$d"
        break
    done < <(pg_bin_candidates)
    [[ -n $PG_BIN ]] || return 1

    if [[ -x $PG_BIN/psql ]]; then
        PSQL="$PG_BIN/psql"
    elif have psql; then
        PSQL="$(command -v psql)"
    else
        die "psql not found next to $PG_BIN/pg_ctl nor on PATH (apt-get install postgresql-client)"
    fi
}

ensure_pg_bin() {
    find_pg_bin && return 0
    if may_auto_install; then
        log "PostgreSQL server binaries not found; installing them"
        apt_install postgresql || die "apt-get install postgresql failed"
        find_pg_bin && return 0
    fi
    if [[ -f $PG_DATA/PG_VERSION ]]; then
        die "the cluster in ${PG_DATA#"$ROOT"/} was created by PostgreSQL $(<"$PG_DATA/PG_VERSION"), and no binaries of that version were found.
    Install them (set KEYBOX_PG_BIN to their bin directory), or delete the cluster with './build.sh clean --all'."
    fi
    die "PostgreSQL server binaries (pg_ctl, initdb, postgres) not found on PATH or in /usr/lib/postgresql/*/bin.
    Install PostgreSQL (e.g. 'sudo apt-get install postgresql'), set KEYBOX_PG_BIN to its bin directory,
    or set ConnectionStrings__KeyBox / KEYBOX_TEST_CONNECTION_STRING to an existing database."
}

# When root, the postgres OS user must own the cluster and be able to reach it.
ensure_pg_os_user() {
    is_root || return 0
    if ! id -u "$PG_OS_USER" >/dev/null 2>&1; then
        if may_auto_install; then
            log "creating system user $PG_OS_USER"
            useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash "$PG_OS_USER"
        else
            die "running as root, but there is no '$PG_OS_USER' OS user to own the cluster (PostgreSQL refuses to run as root). Create it or run as a normal user."
        fi
    fi
    # Every directory from / down to .keybox must be searchable by postgres.
    local dir="$STATE_DIR" i
    local -a dirs=()
    while :; do
        dirs+=("$dir")
        [[ $dir == / ]] && break
        dir="$(dirname "$dir")"
    done
    for ((i = ${#dirs[@]} - 1; i >= 0; i--)); do
        if ! as_pg test -x "${dirs[i]}"; then
            log "chmod o+x ${dirs[i]} (so the $PG_OS_USER user can reach $PG_DATA)"
            chmod o+x "${dirs[i]}"
        fi
    done
}

# Give a path to the cluster owner (no-op when not root).
give_to_pg() {
    if is_root; then chown "$PG_OS_USER:" "$@"; fi
}

pg_socket_dir() {
    local d="$STATE_DIR/pg-run"
    # A Unix socket path is limited to ~107 bytes; fall back to /tmp for deep checkouts.
    if (( ${#d} + 16 > 100 )); then
        d="${TMPDIR:-/tmp}/keybox-pg-$(id -u)-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)"
    fi
    printf '%s' "$d"
}

gen_password() { od -An -tx1 -N24 /dev/urandom | tr -d ' \n'; }

load_or_create_password() {
    if [[ -s $PG_PWFILE ]]; then
        PG_PASSWORD="$(head -n1 "$PG_PWFILE")"
        return 0
    fi
    PG_PASSWORD="$(gen_password)"
    (umask 077 && printf '%s\n' "$PG_PASSWORD" >"$PG_PWFILE")
    chmod 600 "$PG_PWFILE"
    log "generated a password for the '$PG_ROLE' role in ${PG_PWFILE#"$ROOT"/}"
    return 1   # tells the caller the password is new
}

init_pg_cluster() {
    local major pwfile
    major="$(pg_bin_major "$PG_BIN")"
    if [[ -e $PG_DATA ]]; then
        log "removing incomplete cluster directory $PG_DATA"
        rm -rf -- "$PG_DATA"
    fi
    log "initdb: PostgreSQL $major cluster in ${PG_DATA#"$ROOT"/} (binaries: $PG_BIN)"
    mkdir -p "$PG_DATA"
    chmod 700 "$PG_DATA"
    give_to_pg "$PG_DATA"
    pwfile="$PG_PWFILE"
    if is_root; then
        # initdb runs as postgres and cannot read our 0600 root-owned file: hand it a private copy.
        pwfile="$(mktemp)"
        TMP_FILES+=("$pwfile")
        cp "$PG_PWFILE" "$pwfile"
        chmod 600 "$pwfile"
        give_to_pg "$pwfile"
    fi
    if ! as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U "$PG_ROLE" --pwfile="$pwfile" \
            --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C \
            >"$STATE_DIR/initdb.log" 2>&1; then
        tail -n 20 "$STATE_DIR/initdb.log" >&2 || true
        die "initdb failed (full output in ${STATE_DIR#"$ROOT"/}/initdb.log)"
    fi
    if is_root; then rm -f -- "$pwfile"; fi
}

# Writes .keybox/pg/keybox.conf (included from postgresql.conf). Returns 0 when it changed.
write_pg_conf() {
    local conf="$PG_DATA/keybox.conf" main="$PG_DATA/postgresql.conf" content
    content="# Written by build.sh / build.ps1 on every start; edit the scripts instead.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '${PG_SOCK_DIR//\'/\'\'}'
max_connections = 300
shared_buffers = 128MB
synchronous_commit = off"
    if ! grep -q "^include_if_exists = 'keybox.conf'" "$main"; then
        printf "\n# Added by build.sh\ninclude_if_exists = 'keybox.conf'\n" >>"$main"
    fi
    if [[ -f $conf && "$(<"$conf")" == "$content" ]]; then
        return 1
    fi
    printf '%s\n' "$content" >"$conf"
    give_to_pg "$conf"
    return 0
}

pg_running() {
    [[ -f $PG_DATA/PG_VERSION ]] && as_pg "$PG_BIN/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1
}

pg_start() {
    : >>"$PG_LOG"
    give_to_pg "$PG_LOG"
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT (log: ${PG_LOG#"$ROOT"/})"
    if ! as_pg "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w -t "${KEYBOX_PG_START_TIMEOUT:-60}" >&2; then
        tail -n 20 "$PG_LOG" >&2 || true
        die "PostgreSQL did not start (see ${PG_LOG#"$ROOT"/}). If port $PG_PORT is taken, set KEYBOX_PG_PORT."
    fi
}

psql_tcp() {
    PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=10 PGSSLMODE=disable \
        "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$PG_ROLE" "$@"
}

# Sets the role's password from .keybox/pg-password, through the trusted local socket.
pg_sync_password() {
    log "setting the '$PG_ROLE' role's password from ${PG_PWFILE#"$ROOT"/}"
    as_pg "$PSQL" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK_DIR" -p "$PG_PORT" -U "$PG_ROLE" -d postgres \
        -c "ALTER ROLE \"$PG_ROLE\" PASSWORD '$PG_PASSWORD'" >/dev/null
}

ensure_database() {
    local db="$1" exists
    exists="$(psql_tcp -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")"
    if [[ $exists != 1 ]]; then
        log "creating database $db"
        psql_tcp -d postgres -c "CREATE DATABASE \"$db\" OWNER \"$PG_ROLE\"" >/dev/null
    fi
}

conn_string() {
    printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=%s;Password=%s' "$PG_PORT" "$1" "$PG_ROLE" "$PG_PASSWORD"
}

# Makes sure the private cluster exists, runs and has both databases. Idempotent.
ensure_pg() {
    local new_password=0 was_running=0
    [[ $PG_PORT =~ ^[0-9]+$ ]] || die "KEYBOX_PG_PORT must be a number (got '$PG_PORT')"
    mkdir -p "$STATE_DIR"
    ensure_pg_bin
    ensure_pg_os_user
    load_or_create_password || new_password=1

    PG_SOCK_DIR="$(pg_socket_dir)"
    mkdir -p "$PG_SOCK_DIR"
    chmod 700 "$PG_SOCK_DIR"
    give_to_pg "$PG_SOCK_DIR"

    if [[ ! -f $PG_DATA/PG_VERSION ]]; then
        init_pg_cluster
        new_password=0
    fi

    pg_running && was_running=1
    if write_pg_conf && ((was_running)); then
        log "settings changed; restarting PostgreSQL"
        as_pg "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w -t 60 >&2
        was_running=0
    fi
    if ((was_running)); then
        log "PostgreSQL already running on 127.0.0.1:$PG_PORT (${PG_DATA#"$ROOT"/})"
    else
        pg_start
    fi

    # The password file is the source of truth; repair the role if it was lost or changed.
    if ((new_password)) || ! psql_tcp -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
        pg_sync_password
        psql_tcp -d postgres -tAc 'SELECT 1' >/dev/null ||
            die "cannot connect to 127.0.0.1:$PG_PORT as $PG_ROLE (is another server using this port? set KEYBOX_PG_PORT)"
    fi
    ensure_database "$PG_DB_RUN"
    ensure_database "$PG_DB_TEST"
}

pg_stop() {
    if [[ ! -f $PG_DATA/PG_VERSION ]]; then
        log "no private PostgreSQL cluster in ${PG_DATA#"$ROOT"/}; nothing to stop"
        return 0
    fi
    find_pg_bin || die "cannot find pg_ctl to stop the cluster in $PG_DATA"
    if pg_running; then
        log "stopping PostgreSQL (${PG_DATA#"$ROOT"/})"
        as_pg "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w -t 60 >&2
    else
        log "PostgreSQL is not running"
    fi
}

# ----------------------------------------------------------------------------------------------------
# ensure_chromium: the browser of the admin console's end-to-end tests — Debian's chromium, driven by
# Playwright (Playwright's own browser download is never used). Installed when missing and allowed
# (root with CI or KEYBOX_AUTO_INSTALL=1); under CI a failed install is fatal, elsewhere those tests are
# skipped. Exports KEYBOX_CHROMIUM when a Chromium is found.
# ----------------------------------------------------------------------------------------------------

chromium_path() {
    local candidate
    for candidate in "${KEYBOX_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
        if [[ -n $candidate && -x $candidate ]]; then
            printf '%s' "$candidate"
            return 0
        fi
    done
    return 1
}

ensure_chromium() {
    local path
    if ! path="$(chromium_path)" && may_auto_install; then
        log "Chromium not found; installing Debian's chromium for the console's browser tests"
        apt_install chromium || warn "apt-get install chromium failed"
    fi
    if path="$(chromium_path)"; then
        export KEYBOX_CHROMIUM="$path"
        log "Chromium for the console's browser tests: $path"
    elif is_ci && is_root; then
        die "CI: no Chromium for the console's browser tests (apt-get install chromium failed)"
    else
        log "Chromium: not found; the console's browser tests will be skipped (apt-get install chromium, or set KEYBOX_CHROMIUM)"
    fi
}

# ----------------------------------------------------------------------------------------------------
# ensure_php: php-cli (with sodium) for the tests that run docs/offline-licensing.md's PHP verifier. Never fatal:
# without it those tests are skipped with a message. Installed like Chromium (as root, CI or KEYBOX_AUTO_INSTALL=1).
# ----------------------------------------------------------------------------------------------------

ensure_php() {
    if ! have php && may_auto_install; then
        log "php not found; installing php-cli for the offline-licensing verifier tests"
        apt_install php-cli || warn "apt-get install php-cli failed; the PHP verifier tests will be skipped"
    fi
    if have php; then
        log "PHP for the offline-licensing verifier tests: $(command -v php)"
    else
        log "PHP: not found; the PHP verifier tests will be skipped (apt-get install php-cli)"
    fi
}

# ----------------------------------------------------------------------------------------------------
# ensure_redis: optional private Redis for the tests (.keybox/redis). Never fatal.
# Exports KEYBOX_REDIS_CONNECTION_STRING when a Redis is available.
# ----------------------------------------------------------------------------------------------------

redis_ping() {
    local reply=""
    { exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT"; } 2>/dev/null || return 1
    printf 'PING\r\n' >&3
    IFS= read -r -t 2 reply <&3 || true
    exec 3>&-
    [[ $reply == +PONG* ]]
}

redis_pid() {
    local pid=""
    [[ -f $REDIS_DIR/redis.pid ]] && pid="$(<"$REDIS_DIR/redis.pid")"
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && printf '%s' "$pid"
}

ensure_redis() {
    if [[ -n ${KEYBOX_REDIS_CONNECTION_STRING:-} ]]; then
        log "Redis: using KEYBOX_REDIS_CONNECTION_STRING from the environment"
        return 0
    fi
    if [[ ${KEYBOX_REDIS:-1} == 0 ]]; then
        log "Redis: disabled (KEYBOX_REDIS=0); Redis tests will be skipped"
        return 0
    fi
    if ! have redis-server; then
        if is_root && is_ci && have apt-get; then
            apt_install redis-server || { warn "could not install redis-server; Redis tests will be skipped"; return 0; }
        fi
        if ! have redis-server; then
            log "Redis: redis-server not found; Redis tests will be skipped"
            return 0
        fi
    fi
    [[ $REDIS_PORT =~ ^[0-9]+$ ]] || die "KEYBOX_REDIS_PORT must be a number (got '$REDIS_PORT')"
    mkdir -p "$REDIS_DIR"
    if [[ -n $(redis_pid) ]] && redis_ping; then
        log "Redis already running on 127.0.0.1:$REDIS_PORT"
    elif redis_ping; then
        warn "something else answers on 127.0.0.1:$REDIS_PORT; set KEYBOX_REDIS_PORT. Redis tests will be skipped"
        return 0
    else
        log "starting Redis on 127.0.0.1:$REDIS_PORT (${REDIS_DIR#"$ROOT"/})"
        if ! redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --dir "$REDIS_DIR" \
                --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" \
                --save '' --appendonly no >/dev/null; then
            warn "redis-server failed to start; Redis tests will be skipped"
            return 0
        fi
        local i
        for ((i = 0; i < 50; i++)); do
            redis_ping && break
            sleep 0.2
        done
        if ! redis_ping; then
            warn "Redis did not answer (see ${REDIS_DIR#"$ROOT"/}/redis.log); Redis tests will be skipped"
            return 0
        fi
    fi
    export KEYBOX_REDIS_CONNECTION_STRING="127.0.0.1:$REDIS_PORT"
}

redis_stop() {
    local pid i
    pid="$(redis_pid)" || true
    if [[ -z $pid ]]; then
        [[ -d $REDIS_DIR ]] && log "Redis is not running"
        return 0
    fi
    log "stopping Redis (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.2
    done
    warn "Redis (pid $pid) did not stop within 10 s"
}

# ----------------------------------------------------------------------------------------------------
# Test results
# ----------------------------------------------------------------------------------------------------

# Prints "total passed failed skipped files" summed over TestResults/**/*.trx.
trx_counts() {
    local total=0 passed=0 failed=0 skipped=0 files=0 f counters t p fl e to ab ne
    attr() { sed -n "s/.*[[:space:]]$1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
    while IFS= read -r -d '' f; do
        files=$((files + 1))
        counters="$(grep -o '<Counters[^>]*>' "$f" | head -n1)" || counters=""
        t="$(attr total)"; p="$(attr passed)"; fl="$(attr failed)"; e="$(attr error)"
        to="$(attr timeout)"; ab="$(attr aborted)"; ne="$(attr notExecuted)"
        t=${t:-0}; p=${p:-0}; fl=$((${fl:-0} + ${e:-0} + ${to:-0} + ${ab:-0})); ne=${ne:-0}
        if ((p + fl + ne != t)); then ne=$((t - p - fl)); fi
        ((ne < 0)) && ne=0
        total=$((total + t)); passed=$((passed + p)); failed=$((failed + fl)); skipped=$((skipped + ne))
    done < <(find "$ROOT/TestResults" -type f -name '*.trx' -print0 2>/dev/null)
    printf '%s %s %s %s %s\n' "$total" "$passed" "$failed" "$skipped" "$files"
}

# ----------------------------------------------------------------------------------------------------
# Targets
# ----------------------------------------------------------------------------------------------------

# Exports ConnectionStrings__KeyBox unless it is already set.
ensure_app_connection() {
    if [[ -n ${ConnectionStrings__KeyBox:-} ]]; then
        log "using ConnectionStrings__KeyBox from the environment: $(mask_conn "$ConnectionStrings__KeyBox")"
        return 0
    fi
    ensure_pg
    ConnectionStrings__KeyBox="$(conn_string "$PG_DB_RUN")"
    export ConnectionStrings__KeyBox
    log "ConnectionStrings__KeyBox=$(mask_conn "$ConnectionStrings__KeyBox")"
}

cmd_run() {
    ensure_dotnet
    require_solution
    ensure_app_connection
    export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
    export Database__MigrateOnStartup="${Database__MigrateOnStartup:-true}"
    local -a app_args=()
    if [[ -n ${KEYBOX_URLS:-} ]]; then app_args+=(--urls "$KEYBOX_URLS"); fi
    log "dotnet run --project $WEBAPI_PROJECT -c $CONFIGURATION (ASPNETCORE_ENVIRONMENT=$ASPNETCORE_ENVIRONMENT)"
    exec dotnet run --project "$ROOT/$WEBAPI_PROJECT" -c "$CONFIGURATION" --no-launch-profile -- ${app_args[@]+"${app_args[@]}"} "$@"
}

cmd_api_keys() {
    ensure_dotnet
    require_solution
    ensure_app_connection
    export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
    export Database__MigrateOnStartup="${Database__MigrateOnStartup:-true}"
    log "dotnet run --project $WEBAPI_PROJECT -c $CONFIGURATION -- api-keys $*"
    exec dotnet run --project "$ROOT/$WEBAPI_PROJECT" -c "$CONFIGURATION" --no-launch-profile -- api-keys "$@"
}

# The deployable build: framework-dependent, ReadyToRun (precompiled native code: faster start-up and warm-up).
cmd_publish() {
    ensure_dotnet
    require_solution
    local rid out="${KEYBOX_PUBLISH_DIR:-$ROOT/artifacts/publish}"
    rid="$(dotnet --info | awk -F': *' '/^ *RID:/ {print $2; exit}')"
    [[ -n $rid ]] || die "could not tell this machine's runtime identifier from 'dotnet --info'"
    log "dotnet publish $WEBAPI_PROJECT -c $CONFIGURATION -r $rid (ReadyToRun) -o $out"
    dotnet publish "$ROOT/$WEBAPI_PROJECT" -c "$CONFIGURATION" -r "$rid" --self-contained false \
        -p:PublishReadyToRun=true -o "$out" -nologo "$@"
}

cmd_build() {
    ensure_dotnet
    require_solution
    log "dotnet build $SOLUTION -c $CONFIGURATION"
    dotnet build "$ROOT/$SOLUTION" -c "$CONFIGURATION" "$@"
}

cmd_test() {
    ensure_dotnet
    require_solution
    if [[ -n ${KEYBOX_TEST_CONNECTION_STRING:-} ]]; then
        log "using KEYBOX_TEST_CONNECTION_STRING from the environment: $(mask_conn "$KEYBOX_TEST_CONNECTION_STRING")"
    else
        ensure_pg
        KEYBOX_TEST_CONNECTION_STRING="$(conn_string "$PG_DB_TEST")"
        export KEYBOX_TEST_CONNECTION_STRING
        log "KEYBOX_TEST_CONNECTION_STRING=$(mask_conn "$KEYBOX_TEST_CONNECTION_STRING")"
    fi
    # Whatever in the test process reads the app's own setting gets the test database, never a dev one.
    export ConnectionStrings__KeyBox="$KEYBOX_TEST_CONNECTION_STRING"
    ensure_redis
    [[ -n ${KEYBOX_REDIS_CONNECTION_STRING:-} ]] && log "KEYBOX_REDIS_CONNECTION_STRING=$KEYBOX_REDIS_CONNECTION_STRING"
    ensure_chromium
    ensure_php

    rm -rf "$ROOT/TestResults"
    log "dotnet test $SOLUTION -c $CONFIGURATION --logger trx --results-directory TestResults $*"
    local rc=0
    dotnet test "$ROOT/$SOLUTION" -c "$CONFIGURATION" --logger "trx;LogFilePrefix=keybox" \
        --results-directory "$ROOT/TestResults" "$@" </dev/null || rc=$?

    local total passed failed skipped files
    read -r total passed failed skipped files < <(trx_counts)
    if ((files == 0)); then
        log "Test summary: no TRX files in TestResults/ (dotnet test exit code $rc)"
    else
        log "Test summary: $passed passed, $failed failed, $skipped skipped, $total total ($files TRX files; dotnet test exit code $rc)"
    fi
    exit "$rc"
}

cmd_db() {
    ensure_pg
    log "private PostgreSQL is up on 127.0.0.1:$PG_PORT; password in ${PG_PWFILE#"$ROOT"/}"
    log "  run:  $(mask_conn "$(conn_string "$PG_DB_RUN")")"
    log "  test: $(mask_conn "$(conn_string "$PG_DB_TEST")")"
    # Full values on stdout, so that `eval "$(./build.sh db)"` configures the current shell.
    printf "export ConnectionStrings__KeyBox='%s'\n" "$(conn_string "$PG_DB_RUN")"
    printf "export KEYBOX_TEST_CONNECTION_STRING='%s'\n" "$(conn_string "$PG_DB_TEST")"
}

cmd_db_stop() {
    pg_stop
    redis_stop
}

cmd_clean() {
    local all=0 proj dir
    case "${1:-}" in
        "") ;;
        --all) all=1 ;;
        *) die "clean: unknown option '$1' (did you mean --all?)" ;;
    esac
    log "removing bin/ and obj/ of every project, TestResults/ and artifacts/"
    while IFS= read -r -d '' proj; do
        dir="$(dirname "$proj")"
        rm -rf -- "${dir:?}/bin" "${dir:?}/obj"
    done < <(find "$ROOT" \( -path "$ROOT/.git" -o -path "$STATE_DIR" -o -name node_modules \) -prune \
                 -o -type f \( -name '*.csproj' -o -name '*.fsproj' -o -name '*.vbproj' \) -print0)
    rm -rf -- "$ROOT/TestResults" "$ROOT/artifacts"
    if ((all)); then
        cmd_db_stop
        log "removing .keybox/ (private database, its master key, password, Redis data)"
        rm -rf -- "$STATE_DIR"
    else
        log "kept .keybox/ (private database); './build.sh clean --all' removes it too"
    fi
}

cmd_placeholder() {
    local name="$1" script="$2"
    shift 2
    if [[ -f $ROOT/$script ]]; then
        log "bash $script $*"
        exec bash "$ROOT/$script" "$@"
    fi
    log "'$name' is not available yet ($script does not exist)"
    exit 1
}

usage() {
    cat <<EOF
Usage: ./build.sh <target> [args...]

Targets:
  run               Start the API (http://localhost:3000). Starts the private PostgreSQL first unless
                    ConnectionStrings__KeyBox is set. Extra args go to the app.
  test [args]       Run all tests against PostgreSQL (private cluster unless KEYBOX_TEST_CONNECTION_STRING
                    is set); TRX results in TestResults/. Extra args go to 'dotnet test' (e.g. --filter X).
  build [args]      dotnet build $SOLUTION
  publish [args]    The deployable build of the API in artifacts/publish (ReadyToRun, for this machine's
                    runtime identifier); start it with: cd artifacts/publish && dotnet KeyBox.WebApi.dll
  api-keys [args]   dotnet run --project $WEBAPI_PROJECT -- api-keys [args] (database as for 'run')
  bench [args]      Run bench/run.sh
  openapi [--check] Regenerate src/Client/openapi.json (exported from the API without a database) and the
                    C# client in src/Client/Generated/ (scripts/openapi.sh); --check only tells whether they
                    are up to date
  db                Start the private PostgreSQL (.keybox/pg) and print its connection strings
                    (eval "\$(./build.sh db)" exports them into your shell)
  db-stop           Stop the private PostgreSQL (and the private Redis, if running)
  clean [--all]     Remove bin/, obj/, TestResults/, artifacts/; --all also stops and deletes .keybox/ (incl. master.key)
  help              This text

Environment:
  KEYBOX_CONFIGURATION            Release (default) or Debug
  ConnectionStrings__KeyBox       use this database for run/api-keys instead of the private cluster
  KEYBOX_TEST_CONNECTION_STRING   use this database for tests instead of the private cluster
  KEYBOX_URLS                     passed to the app as --urls (run)
  KEYBOX_PUBLISH_DIR              output of 'publish' (default artifacts/publish)
  ASPNETCORE_ENVIRONMENT          default Production (run, api-keys)
  Database__MigrateOnStartup      default true (run, api-keys)
  KEYBOX_PG_PORT                  private PostgreSQL port (default 55432)
  KEYBOX_PG_BIN                   directory holding pg_ctl/initdb/postgres (default: PATH, then newest
                                  /usr/lib/postgresql/*/bin)
  KEYBOX_PG_START_TIMEOUT         seconds to wait for PostgreSQL to start (default 60)
  KEYBOX_AUTO_INSTALL=1           as root, apt-get install missing PostgreSQL and Chromium (always on when CI is set)
  KEYBOX_CHROMIUM                 Chromium for the console's browser tests (default /usr/bin/chromium; the
                                  tests are skipped when there is none)
  KEYBOX_REDIS=0                  do not start a private Redis for the tests
  KEYBOX_REDIS_PORT               private Redis port (default 56379)
  KEYBOX_REDIS_CONNECTION_STRING  use this Redis for tests instead of the private one
EOF
}

main() {
    local target="${1:-help}"
    if (($#)); then shift; fi
    case "$target" in
        run)        cmd_run "$@" ;;
        test)       cmd_test "$@" ;;
        build)      cmd_build "$@" ;;
        publish)    cmd_publish "$@" ;;
        api-keys)   cmd_api_keys "$@" ;;
        bench)      cmd_placeholder bench bench/run.sh "$@" ;;
        openapi)    cmd_placeholder openapi scripts/openapi.sh "$@" ;;
        db)         cmd_db ;;
        db-stop)    cmd_db_stop ;;
        clean)      cmd_clean "$@" ;;
        help|-h|--help) usage ;;
        *)
            printf '==> ERROR: unknown target %s\n\n' "$target" >&2
            usage >&2
            exit 2
            ;;
    esac
}

# Allow `source build.sh` (for trying out single functions) without running a target.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    main "$@"
fi
