#!/usr/bin/env bash
# Replays the server image of deploy/Dockerfile without Docker (no engine here, base images cannot be pulled), with this
# machine's dotnet, reading the steps from the Dockerfile itself so the two cannot drift:
#   build stage   its COPY lines (the build context filtered by .dockerignore) into a temp folder standing for its WORKDIR,
#                 then its `RUN dotnet publish ...` line as written, its output folder mapped into a temp folder
#   final stage   its WORKDIR filled by its COPY --from lines (the publish output; the web app from web/dist, where the
#                 Node stage's `COPY web/ ./` puts it), its RUN lines (as root), its ENV (container paths mapped to temp
#                 folders: VOLUME /data is a folder created as Docker creates a volume's mount point: as the image left
#                 it, else root's), its USER (APP_UID = nobody's uid), its ENTRYPOINT
# then: `migrate` as the command exits 0; the server starts (the image's ENV, Modules=all; ASPNETCORE_URLS overridden on a
# free 127.0.0.1 port as `docker run -e` would); the stack's health check command (deploy/stack.yml) exits 0; / serves the
# web app's index.html; sign-up, login, workspace and wallet creation work over HTTP; SIGTERM (docker stop) ends it with
# exit code 0. The Node stage is not replayed: web/dist is used when it is newer than its sources (the server's build makes
# it; the same inputs as BudgetControl.Server.csproj's), else the Node stage's RUN lines run in web/. The nginx stage (`web`) is not replayed. Everything it starts is
# stopped and its temp folders removed on exit. Usage: deploy/check-image.sh   (as root: it switches to `nobody`)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dockerfile="$repo/deploy/Dockerfile"
stack="$repo/deploy/stack.yml"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say() { echo "check-image: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "run it as root: it replays the image's USER by switching to nobody"

root=$(mktemp -d /tmp/bc-image-XXXXXX)
chmod 755 "$root"
server_pid=
cleanup() {
  local status=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -f "$root/server.log" ]; then
    say "server log (last 40 lines):"
    tail -n 40 "$root/server.log" >&2 || true
  fi
  rm -rf "$root"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The Dockerfile's instructions, one a line: "<stage>\t<INSTRUCTION>\t<arguments>" (continuations joined, comments and
# blank lines dropped; a stage without AS is named stageN).
instructions() {
  awk '
    !cont && /^[[:space:]]*#/ { next }
    { line = cont ? line " " $0 : $0 }
    /\\[[:space:]]*$/ { sub(/\\[[:space:]]*$/, "", line); cont = 1; next }
    {
      cont = 0; gsub(/[[:space:]]+/, " ", line); sub(/^ /, "", line); sub(/ $/, "", line)
      if (line == "") { next }
      word = line; sub(/ .*/, "", word); rest = substr(line, length(word) + 2)
      word = toupper(word)
      if (word == "FROM") {
        n = split(rest, f, " "); stages++
        stage = (n >= 3 && toupper(f[2]) == "AS") ? f[3] : "stage" stages
      }
      printf "%s\t%s\t%s\n", stage, word, rest
      line = ""
    }' "$dockerfile"
}
# The arguments of a stage's instructions of one kind, one a line.
args_of() { instructions | awk -F'\t' -v s="$1" -v i="$2" '$1 == s && $2 == i { print $3 }'; }
# A JSON array of strings (exec form) as one word a line.
words() { sed -E 's/^\[ *"//; s/" *\] *$//; s/" *, *"/\n/g' <<<"$1"; }

build_stage=$(instructions | awk -F'\t' '$2 == "RUN" && $3 ~ /dotnet publish/ { print $1; exit }')
final_stage=$(instructions | awk -F'\t' '$2 == "FROM" { s = $1 } END { print s }')
[ -n "$build_stage" ] || fail "no stage of $dockerfile runs dotnet publish"
build_workdir=$(args_of "$build_stage" WORKDIR | tail -n 1)
final_workdir=$(args_of "$final_stage" WORKDIR | tail -n 1)
[ -n "$build_workdir" ] && [ -n "$final_workdir" ] || fail "the build and final stages must set a WORKDIR"
mkdir -p "$root/$build_stage" "$root/final"

# A container path of a stage -> its stand-in under $root (the stage's own filesystem).
host_path() { # stage-folder workdir path
  case "$3" in
    /*) echo "$1$3" ;;
    *) echo "$1$2/${3#./}" ;;
  esac
}
# Rewrites the container paths in a command or value: each named prefix gets the stand-in folder in front of it.
map_paths() { # text stage-folder prefix...
  local text=$1 folder=$2 prefix
  shift 2
  for prefix in "$@"; do
    text=$(sed -E "s#(^|[ =\"':,])${prefix}(/|[ \"':,;]|\$)#\\1${folder}${prefix}\\2#g" <<<"$text")
  done
  echo "$text"
}

# --- The build stage: its COPY lines from the build context (.dockerignore applied), then its publish line.
excludes=()
while IFS= read -r pattern; do
  pattern=${pattern%%#*}; pattern=$(echo "$pattern" | xargs)
  [ -n "$pattern" ] || continue
  case "$pattern" in !*) fail ".dockerignore exceptions (!) are not replayed: $pattern" ;; esac
  excludes+=("--exclude=${pattern#\*\*/}")
done < "$repo/.dockerignore"
build_fs="$root/$build_stage"
mkdir -p "$build_fs$build_workdir"
while IFS= read -r copy; do
  case "$copy" in --*) fail "unexpected COPY option in the build stage: $copy" ;; esac
  read -r -a parts <<<"$copy"
  destination=$(host_path "$build_fs" "$build_workdir" "${parts[-1]}")
  mkdir -p "$destination"
  for source in "${parts[@]:0:${#parts[@]}-1}"; do
    if [ -d "$repo/$source" ]; then
      # A folder's content goes into the destination, as COPY does.
      tar -C "$repo/$source" "${excludes[@]}" -cf - . | tar -C "$destination" -xf -
    else
      [ -e "$repo/$source" ] || fail "COPY $source: not in the build context"
      tar -C "$repo" "${excludes[@]}" -cf - "$source" | tar -C "$destination" -xf -
    fi
  done
done < <(args_of "$build_stage" COPY)

# The final stage copies the build's output from this folder: that container path is mapped too.
build_output=$(args_of "$final_stage" COPY | awk -v s="--from=$build_stage" '$1 == s { print $2; exit }')
[ -n "$build_output" ] || fail "the final stage copies nothing from the $build_stage stage"
publish=$(args_of "$build_stage" RUN | grep 'dotnet publish')
publish=$(map_paths "$publish" "$build_fs" "$build_workdir" "${build_output%/}")
say "build stage: $publish"
started=$SECONDS
# As in a fresh build container: no MSBuild or compiler server is left running afterwards.
(cd "$build_fs$build_workdir" && MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false bash -c "$publish" > "$root/publish.log" 2>&1) || { tail -n 30 "$root/publish.log" >&2; fail "the build stage's dotnet publish"; }
say "published in $((SECONDS - started)) s"

# --- The web app as the Node stage builds it: web/dist of the repository when it is newer than its sources.
node_stage=$(instructions | awk -F'\t' '$2 == "FROM" && $3 ~ /^node:/ { print $1; exit }')
node_workdir=$(args_of "$node_stage" WORKDIR | tail -n 1)
web_source=$(args_of "$node_stage" COPY | awk '$2 == "./" && $1 ~ /\/$/ { print $1; exit }')
[ -n "$web_source" ] || fail "the $node_stage stage copies no folder into its WORKDIR"
web_dir="$repo/${web_source%/}"
stale=
if [ ! -f "$web_dir/dist/index.html" ]; then
  stale="web/dist is missing"
elif newer=$(find "$web_dir/src" "$web_dir/public" "$web_dir/index.html" "$web_dir/vite.config.ts" "$web_dir/package-lock.json" -newer "$web_dir/dist/index.html" -print -quit 2>/dev/null) && [ -n "$newer" ]; then
  stale="$newer is newer than web/dist"
fi
if [ -n "$stale" ]; then
  say "$stale: running the $node_stage stage's RUN lines in web/"
  while IFS= read -r run; do
    (cd "$web_dir" && bash -c "$run") || fail "$node_stage: RUN $run"
  done < <(args_of "$node_stage" RUN)
else
  say "web/dist is newer than its sources: npm is not run"
fi

# --- The final stage, in order: COPY --from, RUN (as root, before USER), ENV, VOLUME, USER, ENTRYPOINT.
final_fs="$root/final"
mkdir -p "$final_fs$final_workdir"
volumes=()
while IFS= read -r volume; do
  for v in $(tr -d '[]",' <<<"$volume"); do volumes+=("$v"); done
done < <(args_of "$final_stage" VOLUME)
prefixes=("$final_workdir" "${volumes[@]}")
nobody_uid=$(id -u nobody)
nobody_gid=$(id -g nobody)
env_values=()
user=
while IFS=$'\t' read -r instruction arguments; do
  case "$instruction" in
    COPY)
      read -r -a parts <<<"$arguments"
      [ "${#parts[@]}" -eq 3 ] || fail "COPY $arguments: one --from, one source and one destination expected"
      from=${parts[0]#--from=}
      destination=$(host_path "$final_fs" "$final_workdir" "${parts[2]}")
      if [ "$from" = "$build_stage" ]; then
        source="$build_fs${parts[1]}"
      elif [ "$from" = "$node_stage" ]; then
        source="$web_dir/${parts[1]#"${node_workdir%/}"/}"
      else
        fail "COPY $arguments: unknown stage"
      fi
      [ -e "$source" ] || fail "COPY $arguments: $source does not exist"
      mkdir -p "$destination"
      cp -a "$source/." "$destination/"
      ;;
    RUN)
      run=$(map_paths "$arguments" "$final_fs" "${prefixes[@]}")
      (cd "$final_fs$final_workdir" && APP_UID=$nobody_uid bash -c "$run") || fail "RUN $arguments"
      ;;
    ENV)
      read -r -a pairs <<<"$arguments"
      for pair in "${pairs[@]}"; do
        case "$pair" in *=*) ;; *) fail "ENV $arguments: only the KEY=value form is replayed" ;; esac
        case "$pair" in *\"*|*\'*) fail "ENV $arguments: quoted values are not replayed" ;; esac
        env_values+=("$(map_paths "$pair" "$final_fs" "${prefixes[@]}")")
      done
      ;;
    USER) user=$arguments ;;
  esac
done < <(instructions | awk -F'\t' -v s="$final_stage" '$1 == s && $2 != "FROM" { print $2 "\t" $3 }')
# A volume's mount point: the image's folder (and its owner) when the image has one, else created by Docker as root's.
for v in "${volumes[@]}"; do
  [ -d "$final_fs$v" ] || { mkdir -p "$final_fs$v"; chown 0:0 "$final_fs$v"; }
done
case "$user" in
  '$APP_UID' | '${APP_UID}') ;;
  '') fail "the final stage has no USER: the image would run as root" ;;
  *) fail "USER $user: expected the base image's unprivileged \$APP_UID" ;;
esac
mapfile -t entrypoint < <(words "$(args_of "$final_stage" ENTRYPOINT | tail -n 1)")
[ "${#entrypoint[@]}" -gt 0 ] || fail "the final stage has no ENTRYPOINT (exec form)"
[ -f "$final_fs$final_workdir/web/index.html" ] || fail "the image has no web/index.html beside the binaries"

# The container's environment: the base image's (aspnet: APP_UID, ASPNETCORE_HTTP_PORTS, DOTNET_RUNNING_IN_CONTAINER), then
# the Dockerfile's ENV, then what `docker run -e` would set: the URL on a free loopback port.
port=
for candidate in $(shuf -i 20000-29999 -n 50); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || fail "no free port"
dotnet_dir=$(dirname "$(readlink -f "$(command -v dotnet)")")
mkdir -p "$root/home" && chown "$nobody_uid:$nobody_gid" "$root/home"
container_env=(PATH="$dotnet_dir:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" HOME="$root/home"
  APP_UID="$nobody_uid" ASPNETCORE_HTTP_PORTS=8080 DOTNET_RUNNING_IN_CONTAINER=true DOTNET_CLI_TELEMETRY_OPTOUT=1
  "${env_values[@]}" ASPNETCORE_URLS="http://127.0.0.1:$port")
# USER $APP_UID: the unprivileged user, without root's groups, in the WORKDIR. Call it in a subshell: it ends in exec (so
# a background call's $! is the server process itself).
as_container() {
  cd "$final_fs$final_workdir" && exec setpriv --reuid="$nobody_uid" --regid="$nobody_gid" --clear-groups -- env -i "${container_env[@]}" "$@"
}
say "final stage: ${env_values[*]}; USER $user (nobody); ENTRYPOINT ${entrypoint[*]}"

# --- migrate as the command (the stack's one-shot service).
(as_container "${entrypoint[@]}" migrate) > "$root/migrate.log" 2>&1 || { tail -n 30 "$root/migrate.log" >&2; fail "'migrate' as the command"; }
say "migrate exited 0"

# --- The server, with the stack's health check command.
(as_container "${entrypoint[@]}") > "$root/server.log" 2>&1 &
server_pid=$!
health_line=$(grep -m1 -E 'test: \[ *"CMD", *"dotnet",.*"health"' "$stack") || fail "no dotnet health check in $stack"
mapfile -t health < <(words "$(sed -E 's/.*test: *(\[[^]]*\]).*/\1/' <<<"$health_line")")
[ "${health[0]}" = "CMD" ] || fail "the health check is not in CMD form: $health_line"
health_command=()
for word in "${health[@]:1}"; do
  word=$(map_paths "$word" "$final_fs" "${prefixes[@]}")
  health_command+=("$(sed -E "s#^http://127\.0\.0\.1:[0-9]+/#http://127.0.0.1:$port/#" <<<"$word")")
done
healthy=
for _ in $(seq 1 120); do
  kill -0 "$server_pid" 2>/dev/null || fail "the server exited before it answered"
  if (as_container "${health_command[@]}") > /dev/null 2>&1; then healthy=1; break; fi
  sleep 0.5
done
[ -n "$healthy" ] || fail "the health check command never exited 0: ${health_command[*]}"
say "health check exited 0: ${health_command[*]}"

base="http://127.0.0.1:$port"
curl -fsS "$base/" -o "$root/index.html" || fail "GET /"
cmp -s "$root/index.html" "$web_dir/dist/index.html" || fail "GET / is not the web app's index.html"
json() { curl -sS -o "$root/body.json" -w '%{http_code}' -H 'content-type: application/json' "$@"; }
field() { grep -o "\"$1\" *: *\"[^\"]*\"" "$root/body.json" | head -n 1 | sed -E 's/.*: *"([^"]*)"/\1/'; }
email="image-$RANDOM@example.com"
password='Corr3ct#Horse'
status=$(json -X POST "$base/api/auth/sign-up" -d "{\"name\":\"Image\",\"email\":\"$email\",\"password\":\"$password\",\"password_confirmation\":\"$password\"}")
[ "$status" = 201 ] || fail "sign-up answered $status: $(cat "$root/body.json")"
status=$(json -X POST "$base/api/auth/authenticate" -d "{\"email\":\"$email\",\"password\":\"$password\"}")
[ "$status" = 200 ] || fail "authenticate answered $status: $(cat "$root/body.json")"
token=$(field token)
[ -n "$token" ] || fail "authenticate gave no token"
status=$(json -X POST "$base/api/workspace/create" -H "Authorization: Bearer $token" -d '{"workspace":{"name":"Home","currency":"EUR"}}')
[ "$status" = 201 ] || fail "workspace/create answered $status: $(cat "$root/body.json")"
workspace=$(field uuid)
status=$(json -X POST "$base/api/wallet/create" -H "Authorization: Bearer $token" -H "X-WS: $workspace" -d '{"name":"Savings","type":"bank","balance":12.5}')
[ "$status" = 201 ] || fail "wallet/create answered $status: $(cat "$root/body.json")"
status=$(json "$base/api/wallet/list" -H "Authorization: Bearer $token" -H "X-WS: $workspace")
[ "$status" = 200 ] && grep -q '"Savings"' "$root/body.json" || fail "wallet/list answered $status without the new wallet: $(cat "$root/body.json")"
say "/ serves the web app; sign-up, login, workspace and wallet creation work"

# --- docker stop: SIGTERM, then the process must end by itself with exit code 0.
kill -TERM "$server_pid"
stopped=
for _ in $(seq 1 60); do
  if ! kill -0 "$server_pid" 2>/dev/null; then stopped=1; break; fi
  sleep 0.5
done
[ -n "$stopped" ] || fail "the server did not stop within 30 s of SIGTERM"
set +e
wait "$server_pid"
exit_code=$?
set -e
server_pid=
[ "$exit_code" -eq 0 ] || fail "the server exited with $exit_code after SIGTERM"
say "the server stopped cleanly on SIGTERM; the image's steps replay"
