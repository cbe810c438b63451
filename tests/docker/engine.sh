#!/usr/bin/env bash
# A Docker engine for the `docker` tests: installs docker.io, docker-compose and
# debootstrap when missing, and starts dockerd (bridge and iptables off: containers
# use host networking on 127.0.0.1) only if no engine answers. `stop` ends only the
# dockerd this script started, by its pid.
#   tests/docker/engine.sh start STATE_DIR   → exit 0 when an engine answers
#   tests/docker/engine.sh stop STATE_DIR
set -euo pipefail
action=${1:?start|stop}
state=${2:?state dir}
mkdir -p "$state"

install_missing() {
  local missing=()
  for p in docker.io docker-compose debootstrap; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "engine: installing ${missing[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

case $action in
  start)
    install_missing
    if docker info >/dev/null 2>&1; then
      echo "engine: using the Docker engine that is already running"
      exit 0
    fi
    # dockerd outlives this script: it must not keep a descriptor it inherited open (a
    # `flock LOCK tests/…` around the caller would stay held until dockerd stops).
    (
      for fd in /proc/$BASHPID/fd/*; do
        fd=${fd##*/}
        [ "$fd" -gt 2 ] && eval "exec $fd>&-"
      done
      exec setsid dockerd --bridge=none --iptables=false --ip6tables=false >"$state/dockerd.log" 2>&1 </dev/null
    ) &
    echo $! >"$state/dockerd.pid"
    for _ in $(seq 120); do
      docker info >/dev/null 2>&1 && { echo "engine: started dockerd (pid $(cat "$state/dockerd.pid"))"; exit 0; }
      kill -0 "$(cat "$state/dockerd.pid")" 2>/dev/null || break
      sleep 0.5
    done
    echo "dockerd did not start: $(tail -n 1 "$state/dockerd.log")" >&2
    exit 1
    ;;
  stop)
    [ -f "$state/dockerd.pid" ] || exit 0
    pid=$(cat "$state/dockerd.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    rm -f "$state/dockerd.pid"
    ;;
esac
