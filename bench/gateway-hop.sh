#!/usr/bin/env bash
# The gateway's hop in CPU per request (docs/performance.md, "branch gateway4"): a published server all-in-one on SQLite,
# listening on a port and a Unix socket (HTTP/1.1) and on a port and a socket speaking HTTP/2 only (Http2Urls), with one
# Modules=gateway process per way of reaching it; `wrk` drives each target in turn, cells interleaved, and every cell prints
# the requests it served and the CPU time (user + system, /proc/PID/stat) the server and the gateway spent per request.
#
#   bench/gateway-hop.sh APP_DIR [rounds] [seconds] [connections] [path]
#   (APP_DIR: a `dotnet publish -c Release` of src/BudgetControl.Server)
# Environment: HOP_TARGETS (default "direct tcp uds h2 h2uds"), HOP_SERVER_ENV / HOP_GATEWAY_ENV ("A=1 B=2": extra
# settings), HOP_STATE (default /tmp/bc-hop), HOP_PERF=1 (perf record -g the server and the gateway during each cell).
# Everything it starts is stopped when it ends.
set -euo pipefail
app=${1:?usage: bench/gateway-hop.sh APP_DIR [rounds] [seconds] [connections] [path]}
rounds=${2:-3}
seconds=${3:-8}
connections=${4:-16}
path=${5:-/api/currencies}
targets=${HOP_TARGETS:-direct tcp uds h2 h2uds}
state=${HOP_STATE:-/tmp/bc-hop}
rm -rf "$state"; mkdir -p "$state/s" "$state/data" "$state/log"
port=$((20000 + RANDOM % 20000))
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

common=(
  "BudgetControl__DataDirectory=$state/data" "RateLimiting__PermitsPerMinute=0" "Auth__AccessTokenLifetime=03:00:00"
  "Logging__LogLevel__Default=Warning" "Logging__LogLevel__Microsoft.AspNetCore=Error" "DOTNET_CLI_TELEMETRY_OPTOUT=1"
)
# shellcheck disable=SC2206
server_extra=(${HOP_SERVER_ENV:-})
# shellcheck disable=SC2206
gateway_extra=(${HOP_GATEWAY_ENV:-})

env "${common[@]}" "${server_extra[@]}" "urls=http://127.0.0.1:$port;http://unix:$state/s/h1.sock" \
  "Http2Urls=http://127.0.0.1:$((port + 1));http://unix:$state/s/h2.sock" \
  dotnet "$app/BudgetControl.Server.dll" >"$state/log/server.log" 2>&1 &
pids+=($!); server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 240); do curl -fsS "$base/health" >/dev/null 2>&1 && break; sleep 0.5; done

email=hop@example.com password='Hop#Passw0rd1'
curl -fsS -H 'Content-Type: application/json' -d "{\"name\":\"hop\",\"email\":\"$email\",\"password\":\"$password\",\"password_confirmation\":\"$password\"}" "$base/api/auth/sign-up" >/dev/null
sqlite3 "$state/data/budgetcontrol.db" "UPDATE users SET email_confirmed = 1 WHERE normalized_email = 'HOP@EXAMPLE.COM'"
token=$(curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/api/auth/authenticate" | jq -r .token)
workspace=$(curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"workspace":{"name":"Hop","currency":"EUR"}}' "$base/api/workspace/create" | jq -r .workspace.uuid)

declare -A gateway_pid gateway_url
gateway_port=$((port + 2))
start_gateway() { # name, destination, http2
  local name=$1 destination=$2 http2=$3 settings=()
  for service in workspace authentication stats budget entries wallets labels searchengine debt savings goals jobs; do
    settings+=("Gateway__Services__$service=$destination")
  done
  env "${common[@]}" "${gateway_extra[@]}" "${settings[@]}" "Modules=gateway" "Database__MigrateOnStart=false" "Auth__Authority=$base/" \
    "Gateway__PermitsPerUserPerMinute=0" "Gateway__Http2=$http2" "urls=http://127.0.0.1:$gateway_port" \
    dotnet "$app/BudgetControl.Server.dll" >"$state/log/gateway-$name.log" 2>&1 &
  pids+=($!); gateway_pid[$name]=$!; gateway_url[$name]="http://127.0.0.1:$gateway_port"
  gateway_port=$((gateway_port + 1))
}
for target in $targets; do
  case $target in
    tcp) start_gateway tcp "$base" false ;;
    uds) start_gateway uds "unix:$state/s/h1.sock" false ;;
    h2) start_gateway h2 "http://127.0.0.1:$((port + 1))" true ;;
    h2uds) start_gateway h2uds "unix:$state/s/h2.sock" true ;;
  esac
done
for name in "${!gateway_url[@]}"; do
  for _ in $(seq 1 240); do curl -fsS "${gateway_url[$name]}/health" >/dev/null 2>&1 && break; sleep 0.5; done
done

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# Context switches (voluntary + involuntary) of all the process's threads: each is a sleep and a wake-up.
switches() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ {n += $2} END {print n + 0}'; }
cell() { # target, seconds -> "requests server_us gateway_us"
  local target=$1 s=$2 url=$base gw=""
  if [ "$target" != direct ]; then url=${gateway_url[$target]}; gw=${gateway_pid[$target]}; fi
  local s0 g0=0 out requests s1 g1=0 sc0 gc0=0 sc1 gc1=0
  s0=$(ticks "$server"); sc0=$(switches "$server")
  if [ -n "$gw" ]; then g0=$(ticks "$gw"); gc0=$(switches "$gw"); fi
  local perfs=()
  if [ "${HOP_PERF:-0}" = 1 ]; then
    perf record -g -o "$state/perf-$target-server.data" -p "$server" -- sleep "$s" >/dev/null 2>&1 &
    perfs+=($!)
    if [ -n "$gw" ]; then
      perf record -g -o "$state/perf-$target-gateway.data" -p "$gw" -- sleep "$s" >/dev/null 2>&1 &
      perfs+=($!)
    fi
  fi
  out=$(wrk -t1 -c"$connections" -d"${s}s" -H "Authorization: Bearer $token" -H "X-WS: $workspace" "$url$path")
  for perf in "${perfs[@]}"; do wait "$perf" || true; done
  s1=$(ticks "$server"); sc1=$(switches "$server")
  if [ -n "$gw" ]; then g1=$(ticks "$gw"); gc1=$(switches "$gw"); fi
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  if echo "$out" | grep -q "Non-2xx"; then echo "$target: non-2xx answers" >&2; echo "$out" >&2; fi
  awk -v r="$requests" -v s=$((s1 - s0)) -v g=$((g1 - g0)) -v sc=$((sc1 - sc0)) -v gc=$((gc1 - gc0)) -v t="$target" -v d="$s" \
    'BEGIN { printf "%-7s %8d req %7.0f/s  server %5.1f µs %4.2f cs  gateway %5.1f µs %4.2f cs\n", t, r, r / d, s * 10000 / r, sc / r, g * 10000 / r, gc / r }'
}

echo "path $path, x$connections, ${seconds}s per cell, $rounds rounds; warming up"
for target in $targets; do cell "$target" 4 >/dev/null; done
for target in $targets; do cell "$target" 4 >/dev/null; done
for round in $(seq 1 "$rounds"); do
  echo "round $round"
  for target in $targets; do cell "$target" "$seconds"; done
done
