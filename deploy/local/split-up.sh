#!/usr/bin/env bash
# Starts the split topology on this machine, without Docker: PostgreSQL, Redis and nginx from Debian's
# packages (installed when missing), a self-signed certificate, the one-shot migration, then every service,
# the gateway and the jobs worker as background processes on 127.0.0.1 sharing one key set. Waits until
# everything answers and prints the HTTPS base URL as its last line. deploy/local/split-down.sh stops it all.
#
# Environment (all optional):
#   BC_SPLIT_STATE   state folder: pid files, logs, database, keys, certificate (default /tmp/bc-split)
#   BC_APP_DIR       folder holding a built BudgetControl.Server.dll (default: dotnet publish once into the state folder)
#   BC_PORT_BASE     the gateway listens on BASE+1 and the services on BASE+2.. as in RouteTable.cs (default 8080)
#   BC_HTTPS_PORT / BC_HTTP_PORT   nginx (default 8443 / 8000)
#   BC_PG_PORT / BC_REDIS_PORT     PostgreSQL / Redis (default 55432 / 56379)
#   BC_EXTRA_ENV     extra "KEY=VALUE" settings for every .NET process, space separated
#   BC_SPLIT_H2      1 (default): the gateway speaks HTTP/2 with prior knowledge (h2c) to the services, on a second port
#                    of each (BASE+offset+20, Http2Urls: HTTP/2 only); 0: HTTP/1.1 to the service's port. The cheapest
#                    measured way (docs/performance.md, "branch gateway4")
#   BC_SPLIT_UDS     1: the gateway reaches the services over Unix domain sockets in the state folder's sock/ (speaking
#                    HTTP/2 with BC_SPLIT_H2=1); each service also keeps its TCP port, for health probes and direct calls;
#                    0 (default): over TCP
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
state=${BC_SPLIT_STATE:-/tmp/bc-split}
base=${BC_PORT_BASE:-8080}
https_port=${BC_HTTPS_PORT:-8443}
http_port=${BC_HTTP_PORT:-8000}
pg_port=${BC_PG_PORT:-55432}
redis_port=${BC_REDIS_PORT:-56379}
mkdir -p "$state"/{run,log,keys,certs}
state=$(cd "$state" && pwd)

# name | Modules | port offset from BC_PORT_BASE: the services of src/BudgetControl.Gateway/RouteTable.cs
# (SplitTopologyFilesTests checks this list against the route table).
services="workspace:workspace,core:2 authentication:authentication:3 stats:stats:4 budget:budget:5 entries:entries:6 wallets:wallets:7 labels:labels:8 searchengine:searchengine:9 debt:debt:10 savings:savings:11 goals:goals:12 jobs:jobs:13"

log() { echo "split-up: $*" >&2; }
# On any failure stop what was started so far (the logs stay in the state folder).
trap 'log "failed; stopping what was started (logs in $state/log)"; BC_SPLIT_STATE="$state" bash "$repo/deploy/local/split-down.sh"' ERR

# --- packages --------------------------------------------------------------------------------------
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

# Starts "$@" in the background with its pid in run/<name>.pid and output in log/<name>.log; the command
# line is kept in run/<name>.cmd (it holds the keys: owner-only) so that one process can be started again.
start() {
  local name=$1; shift
  (umask 077; { printf 'exec'; printf ' %q' "$@"; echo; } >"$state/run/$name.cmd")
  nohup "$@" >"$state/log/$name.log" 2>&1 &
  echo $! >"$state/run/$name.pid"
}

wait_for() { # name, command; up to 90 s
  local name=$1; shift
  for _ in $(seq 1 180); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  log "$name did not become ready; see $state/log/$name.log"; tail -n 30 "$state/log/$name.log" >&2 || true
  return 1
}

# --- the application build ------------------------------------------------------------------------
app=${BC_APP_DIR:-}
if [ -z "$app" ]; then
  app="$state/app"
  if [ ! -f "$app/BudgetControl.Server.dll" ]; then
    log "publishing the server into $app"
    dotnet publish "$repo/src/BudgetControl.Server/BudgetControl.Server.csproj" -c Release -o "$app" -p:UseAppHost=false --nologo -v quiet >&2
  fi
fi
[ -f "$app/BudgetControl.Server.dll" ] || { log "no BudgetControl.Server.dll in $app"; exit 1; }

# --- keys and certificate (kept across runs) -------------------------------------------------------
[ -f "$state/keys/signing.pem" ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$state/keys/signing.pem" 2>/dev/null
[ -f "$state/keys/encryption.key" ] || openssl rand -base64 32 | tr -d '\n' >"$state/keys/encryption.key"
[ -f "$state/keys/session.key" ] || openssl rand -base64 64 | tr -d '\n' >"$state/keys/session.key"
if [ ! -f "$state/certs/fullchain.pem" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$state/certs/privkey.pem" -out "$state/certs/fullchain.pem" 2>/dev/null
fi
chmod 600 "$state/keys/"* "$state/certs/privkey.pem"

# --- PostgreSQL (its own cluster in the state folder; it refuses to run as root) -------------------
as_pg=()
if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); fi
if [ ! -f "$state/pg/PG_VERSION" ]; then
  mkdir -p "$state/pg"
  [ ${#as_pg[@]} -eq 0 ] || chown postgres:postgres "$state/pg"
  "${as_pg[@]}" "$pg_bin/initdb" -D "$state/pg" -U postgres --auth=trust -E UTF8 --no-instructions >/dev/null
  printf "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '%s'\nmax_connections = 300\nfsync = off\nsynchronous_commit = off\n" \
    "$state/pg" >>"$state/pg/postgresql.conf"
fi
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$state/pg" -l "$state/pg/server.log" -o "-p $pg_port" -w -t 60 start >/dev/null
echo "pg" >"$state/run/postgres.managed"
"${as_pg[@]}" "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='budgetcontrol'" | grep -q 1 \
  || "${as_pg[@]}" "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres budgetcontrol

# --- Redis -----------------------------------------------------------------------------------------
start redis redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$state"
wait_for redis redis-cli -p "$redis_port" ping

# --- the .NET processes ----------------------------------------------------------------------------
gateway_port=$((base + 1))
public_url="https://localhost:$https_port"
common=(
  "ConnectionStrings__Postgres=Host=127.0.0.1;Port=$pg_port;Database=budgetcontrol;Username=postgres;Maximum Pool Size=20"
  "ConnectionStrings__Redis=127.0.0.1:$redis_port,abortConnect=false,connectTimeout=1000"
  "Database__MigrateOnStart=false"
  "BudgetControl__PublicUrl=$public_url"
  "BudgetControl__DataDirectory=$state/data"
  "Auth__Issuer=$public_url/"
  "Auth__Authority=$public_url/"
  "Auth__MetadataAddress=http://127.0.0.1:$((base + 3))/.well-known/openid-configuration"
  "Auth__SigningKeyFile=$state/keys/signing.pem"
  "Auth__EncryptionKey=$(cat "$state/keys/encryption.key")"
  "Auth__SessionKey=$(cat "$state/keys/session.key")"
  # nginx and the gateway connect from 127.0.0.1: their X-Forwarded-For is believed, so the per-address limit
  # (RateLimiting:PermitsPerMinute) counts each client's own address (Hosting/TrustedProxies.cs).
  "ForwardedHeaders__KnownProxies=127.0.0.1"
  "Cors__Origins=$public_url,capacitor://localhost,http://localhost"
  "DOTNET_gcServer=0"
  "DOTNET_TieredPGO=0"
  "ASPNETCORE_ENVIRONMENT=Production"
)
# shellcheck disable=SC2206
extra=(${BC_EXTRA_ENV:-})
http2_urls=""
run_dotnet() { # name, Modules, urls (';'-separated), [args]; http2_urls: the process's HTTP/2-only addresses, if any
  local name=$1 modules=$2 urls=$3; shift 3
  start "$name" env "${common[@]}" "${extra[@]}" ${http2_urls:+"Http2Urls=$http2_urls"} "Modules=$modules" "urls=$urls" \
    dotnet "$app/BudgetControl.Server.dll" "$@"
}

# The gateway -> service hop over Unix domain sockets: on one host it skips the loopback TCP stack (docs/operations.md).
# The folder is the user's only; a socket path has at most 107 bytes.
uds=${BC_SPLIT_UDS:-0}
h2=${BC_SPLIT_H2:-1}
sockets="$state/sock"
if [ "$uds" = 1 ] && [ $((${#sockets} + 19)) -gt 107 ]; then
  log "$sockets is too long for Unix socket paths: the gateway reaches the services over TCP"
  uds=0
fi
if [ "$uds" = 1 ]; then
  mkdir -p "$sockets"
  chmod 700 "$sockets"
fi

log "migrating the database"
run_dotnet migrate all "http://127.0.0.1:$((base + 99))" migrate
wait "$(cat "$state/run/migrate.pid")" || {
  log "migration failed"; tail -n 30 "$state/log/migrate.log" >&2
  BC_SPLIT_STATE="$state" bash "$repo/deploy/local/split-down.sh"; exit 1
}
rm -f "$state/run/migrate.pid"

destinations=()
for entry in $services; do
  IFS=: read -r name modules offset <<<"$entry"
  urls="http://127.0.0.1:$((base + offset))"
  destination=$urls
  http2_urls=""
  if [ "$uds" = 1 ]; then
    destination="unix:$sockets/$name.sock"
    if [ "$h2" = 1 ]; then http2_urls="http://$destination"; else urls="$urls;http://$destination"; fi
  elif [ "$h2" = 1 ]; then
    destination="http://127.0.0.1:$((base + offset + 20))"
    http2_urls=$destination
  fi
  run_dotnet "$name" "$modules" "$urls"
  destinations+=("Gateway__Services__$name=$destination")
done
http2_urls=""
common+=("${destinations[@]}")
if [ "$h2" = 1 ]; then
  common+=("Gateway__Http2=true")
fi
run_dotnet gateway gateway "http://127.0.0.1:$gateway_port"

# --- nginx: TLS, static files, /api and /health to the gateway --------------------------------------
mkdir -p "$state/nginx" "$state/www"
[ -d "$repo/web/dist" ] && www="$repo/web/dist" || www="$state/www"
[ -f "$www/index.html" ] || echo '<!doctype html><title>BudgetControl</title><p>The web app is not built (web/dist).</p>' >"$www/index.html"
cat >"$state/nginx/nginx.conf" <<CONF
worker_processes 1;
events { worker_connections 1024; }
http {
    include $( [ -f /etc/nginx/mime.types ] && echo /etc/nginx/mime.types || echo "$state/nginx/mime.types" );
    default_type application/octet-stream;
    access_log $state/log/nginx-access.log;
    client_body_temp_path $state/nginx/body;
    proxy_temp_path $state/nginx/proxy;
    fastcgi_temp_path $state/nginx/fastcgi;
    uwsgi_temp_path $state/nginx/uwsgi;
    scgi_temp_path $state/nginx/scgi;
    include $state/nginx/budgetcontrol.conf;
}
CONF
# The same ${BC_*} variables the nginx image substitutes in the swarm stack.
sed -e "s#\${BC_HTTP_PORT}#$http_port#g; s#\${BC_HTTPS_PORT}#$https_port#g; s#\${BC_GATEWAY}#127.0.0.1:$gateway_port#g" \
    -e "s#\${BC_CERTS}#$state/certs#g; s#\${BC_WEB_ROOT}#$www#g; s#\${BC_APP_ORIGIN}#$public_url#g" \
    "$repo/deploy/nginx/budgetcontrol.conf.template" >"$state/nginx/budgetcontrol.conf"
"$nginx_bin" -t -q -p "$state/nginx" -c "$state/nginx/nginx.conf" -g "pid $state/run/nginx.pid; error_log $state/log/nginx.log;"
"$nginx_bin" -p "$state/nginx" -c "$state/nginx/nginx.conf" -g "pid $state/run/nginx.pid; error_log $state/log/nginx.log;"

# --- wait for health ---------------------------------------------------------------------------------
for entry in $services; do
  IFS=: read -r name _ offset <<<"$entry"
  wait_for "$name" curl -fsS "http://127.0.0.1:$((base + offset))/health"
done
wait_for gateway curl -fsS "http://127.0.0.1:$gateway_port/health"
# Through nginx and the gateway to a service (the discovery document every service needs).
wait_for nginx curl -fsSk "$public_url/.well-known/openid-configuration"
echo "$public_url"
