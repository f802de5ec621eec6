#!/usr/bin/env bash
# Stops what deploy/local/split-up.sh started (the processes named by its pid files, and its PostgreSQL
# cluster), and nothing else. BC_SPLIT_STATE as for split-up.sh; BC_SPLIT_PURGE=1 also deletes the state folder.
set -uo pipefail
state=${BC_SPLIT_STATE:-/tmp/bc-split}
[ -d "$state" ] || exit 0
for pidfile in "$state"/run/*.pid; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null
  fi
done
for pidfile in "$state"/run/*.pid; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  rm -f "$pidfile"
done
# A process killed the hard way leaves its Unix socket file (the next start would remove it anyway).
rm -f "$state"/sock/*.sock 2>/dev/null
if [ -f "$state/run/postgres.managed" ] && [ -f "$state/pg/postmaster.pid" ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$state/pg" -m fast -w stop >/dev/null 2>&1
  else
    "$pg_bin/pg_ctl" -D "$state/pg" -m fast -w stop >/dev/null 2>&1
  fi
  rm -f "$state/run/postgres.managed"
fi
if [ "${BC_SPLIT_PURGE:-0}" = 1 ]; then rm -rf "$state"; fi
exit 0
