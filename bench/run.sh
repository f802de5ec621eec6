#!/usr/bin/env bash
# The benchmark harness (see docs/performance.md). Builds the server in Release, starts a PostgreSQL
# server of its own on a free loopback port (as the postgres user when run as root), generates the data
# set, drives every endpoint at 1/4/16/64 connections, times the SQL behind each read with pgbench in the
# same run, then does the same for the write path on SQLite, checks every balance and counter against the
# entries, prints a table and writes bench/results/<date>-<commit>-<mode>.json.
#   bench/run.sh           full run: 1M entries (+999 workspaces x 1k), 6 s per cell, about 40 minutes on 2 cores
#   bench/run.sh --quick   100k entries (+99 x 1k), 1 s per cell, under 10 minutes (--seconds 3 for an A/B worth comparing)
#   bench/run.sh --smoke   seconds; CI runs it so the harness never rots (no timing is asserted)
# Profiling: --statements loads pg_stat_statements (with planning times) and prints, per scenario, what PostgreSQL
# ran per request at 4 connections; --keep-postgres leaves the bench's PostgreSQL running at the end (for EXPLAIN;
# the last lines say how to connect and how to stop it).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=full
extra=()
pg_extra=""
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) mode=smoke ;;
    --quick) mode=quick ;;
    --full) mode=full ;;
    # Profiling one path: --only "entries page,create" runs the scenarios whose names contain these words
    # (the word "sqlite" among them runs the SQLite part alone: --only "sqlite,create expense");
    # --entries N and --seconds S override the mode's data size and time per cell; --server-env "A=1;B=2" and
    # --gateway-env set environment variables of the server processes / the gateway (runtime settings to compare).
    # --server-pool N caps the server's PostgreSQL connection pool (Maximum Pool Size; default 100).
    --only|--entries|--seconds|--server-env|--gateway-env|--server-pool) extra+=("$1" "$2"); shift ;;
    # --gateway-uds: the gateway comparison also runs a second gateway that reaches the server over a Unix domain
    # socket ("via gateway (uds): ..." rows beside the TCP ones, same run).
    --gateway-uds) extra+=("--gateway-uds") ;;
    # --gateway-h2: the same gateway(s) again, speaking HTTP/2 with prior knowledge to the server's Http2Urls endpoints
    # ("via gateway (h2): ..." and, with --gateway-uds, "via gateway (h2 uds): ..." rows).
    --gateway-h2) extra+=("--gateway-h2") ;;
    --statements) extra+=("--statements"); pg_extra="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on -c pg_stat_statements.max=2000" ;;
    --keep-postgres) keep=1 ;;
    *) echo "usage: bench/run.sh [--smoke|--quick|--full] [--only a,b] [--entries N] [--seconds S] [--server-env A=1;B=2] [--gateway-env A=1] [--server-pool N] [--gateway-uds] [--gateway-h2] [--statements] [--keep-postgres]" >&2; exit 2 ;;
  esac
  shift
done

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL server binaries are missing: apt-get install -y postgresql" >&2
  exit 1
fi
pgbench=$(command -v pgbench || echo "$bin/pgbench")

out=bench/.out
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Published as the Dockerfile does: Release, ReadyToRun (precompiled, for a fast start).
dotnet publish src/BudgetControl.Server -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/server" -v quiet -nologo >/dev/null
dotnet build bench/BudgetControl.Bench -c Release -o "$out/bench" -v quiet -nologo >/dev/null

root=$(mktemp -d /tmp/bc-bench-pg-XXXXXX)
port=0
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 30000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$root"
  as_pg=(runuser -u postgres --)
fi
stop_pg() {
  if [ "$keep" = 1 ]; then
    echo "PostgreSQL left running: psql -h 127.0.0.1 -p $port -U postgres bc_bench; stop it with: ${as_pg[*]} $bin/pg_ctl -D $root/data -m fast stop && rm -rf $root"
    return
  fi
  "${as_pg[@]}" "$bin/pg_ctl" -D "$root/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$root"
}
trap stop_pg EXIT
"${as_pg[@]}" "$bin/initdb" -D "$root/data" -U postgres --auth=trust -E UTF8 >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$root/data" -l "$root/log" -w \
  -o "-h 127.0.0.1 -p $port -k $root -c max_connections=200 -c shared_buffers=512MB -c work_mem=16MB $pg_extra" start >/dev/null

results=bench/results
if [ "$mode" = smoke ]; then results=$(mktemp -d); fi
export BENCH_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
rc=0
dotnet "$out/bench/BudgetControl.Bench.dll" --mode "$mode" \
  --server "$out/server/BudgetControl.Server.dll" \
  --postgres "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Timeout=30;Command Timeout=0" \
  --pgbench "$pgbench" --results "$results" --pgdata "$root/data" "${extra[@]}" || rc=$?
if [ "$mode" = smoke ]; then rm -rf "$results"; fi
echo "bench/run.sh $mode: $((SECONDS / 60)) min $((SECONDS % 60)) s in all (publish included)"
exit $rc
