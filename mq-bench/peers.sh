#!/usr/bin/env bash
# Rocklet beside Apache RocketMQ 5.2.0 and ActiveMQ Artemis 2.38.0 on this machine, in one go.
#
#   mq-bench/peers.sh        everything below
#   mq-bench/peers.sh tcp    only what the TCP table needs: rocklet-tcp, rocketmq and startup-tcp
#   mq-bench/peers.sh client Rocklet's client vs the official client 5.2.0, both against Apache
#                            RocketMQ 5.2.0: `clients --quick` with --system rocketmq, then with
#                            --system rocklet-client; writes mq-bench/target/client.md only
#
# Builds the Rocklet load tool (mq-bench/target/mq-bench.jar, default build) and the peers' load
# tool (mq-bench/target/mq-bench-peers.jar, -Ppeers), runs the quick suite of each system one after
# another — `all --quick` — and writes
#   mq-bench/target/peers.jsonl   every JSON line: Rocklet's, then RocketMQ's, then Artemis', then
#                                 the official client's against Rocklet's TCP endpoint (rocklet-tcp)
#   mq-bench/target/peers.md      the side-by-side table with the date, machine and command
#   mq-bench/target/tcp.md        the official client 5.2.0 over TCP: Rocklet's endpoint beside
#                                 RocketMQ 5.2.0, with `startup-tcp` of Rocklet's load tool run in
#                                 STARTUP_JVMS (5) fresh JVMs
# Each run's stderr and the peers' own logs go to mq-bench/target/peers-logs/.
#
# Environment:
#   MVN_FLAGS    extra Maven flags, e.g. -o once the peers' artifacts are in the local repository
#   BENCH_LOCK   a file; every build and run step then holds flock(1) on it, so that other
#                CPU-heavy jobs on a shared machine wait instead of skewing the numbers
set -euo pipefail
cd "$(dirname "$0")/.."

target=mq-bench/target
logs=$target/peers-logs
jsonl=$target/peers.jsonl
table=$target/peers.md
tcp_table=$target/tcp.md
client_table=$target/client.md
only=${1:-all}
startup_jvms=${STARTUP_JVMS:-5}
read -r -a mvn_flags <<< "${MVN_FLAGS:-}"

locked() {
  if [[ -n "${BENCH_LOCK:-}" ]]; then flock "$BENCH_LOCK" "$@"; else "$@"; fi
}

# One system's quick suite; its stdout must be JSON lines only, each of them is kept.
run_suite() {
  local name=$1
  shift
  echo "peers.sh: $name: java -jar $*" >&2
  if ! locked java -jar "$@" > "$logs/$name.jsonl" 2> "$logs/$name.err"; then
    echo "peers.sh: $name failed; see $logs/$name.err" >&2
    exit 1
  fi
  jq -c . "$logs/$name.jsonl" >> "$jsonl"
}

# `startup-tcp` of Rocklet's load tool, each in a fresh JVM: one JSON line per JVM.
run_startup_tcp() {
  local i
  echo "peers.sh: startup-tcp: $startup_jvms × java -jar $target/mq-bench.jar startup-tcp" >&2
  : > "$logs/startup-tcp.jsonl"
  for ((i = 0; i < startup_jvms; i++)); do
    if ! locked java -jar "$target/mq-bench.jar" startup-tcp >> "$logs/startup-tcp.jsonl" 2>> "$logs/startup-tcp.err"; then
      echo "peers.sh: startup-tcp failed; see $logs/startup-tcp.err" >&2
      exit 1
    fi
  done
  jq -c . "$logs/startup-tcp.jsonl" >> "$jsonl"
}

# RocketMQ's name server and clients log every connection they open; all must be to loopback.
check_loopback_only() {
  local remote
  local dirs=() dir
  for dir in rocketmq rocklet-tcp rocklet-client; do
    [[ -d "$logs/$dir" ]] && dirs+=("$logs/$dir")
  done
  remote=$(find "${dirs[@]}" -name '*.log' -exec grep -ho 'remote host\[[^]]*\]' {} + | grep -v '\[127\.0\.0\.1:' || true)
  if [[ -n "$remote" ]]; then
    echo "peers.sh: RocketMQ connected beyond loopback:" >&2
    echo "$remote" | sort | uniq -c >&2
    exit 1
  fi
}

machine() {
  local java_version cores memory
  java_version=$(java -version 2>&1 | sed -n '1p;3p' | paste -sd ',' - | sed 's/,/, /')
  cores=$(nproc)
  memory=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
  echo "$cores cores, $memory memory, $(uname -sr); $java_version"
}

write_table() {
  {
    echo "# Rocklet beside Apache RocketMQ and ActiveMQ Artemis"
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Machine: $(machine)"
    echo "- Command: \`mq-bench/peers.sh\`, which runs one after another"
    echo "  \`java -jar mq-bench/target/mq-bench.jar all --quick\`,"
    echo "  \`java -jar mq-bench/target/mq-bench-peers.jar all --quick --system rocketmq\` and"
    echo "  \`java -jar mq-bench/target/mq-bench-peers.jar all --quick --system artemis\`"
    echo "- Every JSON line: \`mq-bench/target/peers.jsonl\`"
    echo
    jq -rs -L mq-bench -f mq-bench/peers-table.jq "$jsonl"
  } > "$table"
}

write_tcp_table() {
  {
    echo "# Official client 5.2.0 over TCP: Rocklet vs RocketMQ 5.2.0"
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Machine: $(machine)"
    echo "- Command: \`mq-bench/peers.sh tcp\` (or \`mq-bench/peers.sh\`), which runs one after another"
    echo "  \`java -jar mq-bench/target/mq-bench-peers.jar all --quick --system rocketmq\`,"
    echo "  \`java -jar mq-bench/target/mq-bench-peers.jar all --quick --system rocklet-tcp\` and"
    echo "  $startup_jvms × \`java -jar mq-bench/target/mq-bench.jar startup-tcp\`"
    echo "- Every JSON line: \`mq-bench/target/peers.jsonl\`"
    echo
    jq -rs -L mq-bench -f mq-bench/tcp-table.jq "$jsonl"
  } > "$tcp_table"
}

write_client_table() {
  {
    echo "# Rocklet's client vs the official client 5.2.0, both against Apache RocketMQ 5.2.0"
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Machine: $(machine)"
    echo "- Command: \`mq-bench/peers.sh client\`, which runs one after another"
    echo "  \`java -jar mq-bench/target/mq-bench-peers.jar clients --quick --system rocketmq\` and"
    echo "  \`java -jar mq-bench/target/mq-bench-peers.jar clients --quick --system rocklet-client\`"
    echo "- Every JSON line: \`mq-bench/target/peers.jsonl\`"
    echo
    jq -rs -L mq-bench -f mq-bench/client-table.jq "$jsonl"
  } > "$client_table"
}

[[ "$only" == all || "$only" == tcp || "$only" == client ]] || { echo "usage: mq-bench/peers.sh [tcp|client]" >&2; exit 2; }
command -v jq > /dev/null || { echo "peers.sh needs jq" >&2; exit 1; }
rm -rf "$logs"
mkdir -p "$logs"

# The client table runs the peers' jar only.
[[ "$only" == client ]] || locked mvn -B -q "${mvn_flags[@]}" package -DskipTests -pl mq-bench -am
locked mvn -B -q "${mvn_flags[@]}" -Ppeers package -DskipTests -pl mq-bench -am

: > "$jsonl"
case "$only" in
  all)
    run_suite rocklet "$target/mq-bench.jar" all --quick
    run_suite rocketmq "$target/mq-bench-peers.jar" all --quick --system rocketmq --log-dir "$logs/rocketmq"
    run_suite artemis "$target/mq-bench-peers.jar" all --quick --system artemis
    ;;
  tcp)
    run_suite rocketmq "$target/mq-bench-peers.jar" all --quick --system rocketmq --log-dir "$logs/rocketmq"
    ;;
  client)
    run_suite rocketmq "$target/mq-bench-peers.jar" clients --quick --system rocketmq --log-dir "$logs/rocketmq"
    run_suite rocklet-client "$target/mq-bench-peers.jar" clients --quick --system rocklet-client \
      --log-dir "$logs/rocklet-client"
    check_loopback_only
    write_client_table
    cat "$client_table"
    exit 0
    ;;
esac
run_suite rocklet-tcp "$target/mq-bench-peers.jar" all --quick --system rocklet-tcp --log-dir "$logs/rocklet-tcp"
run_startup_tcp
check_loopback_only
if [[ "$only" == all ]]; then
  write_table
  cat "$table"
  echo
fi
write_tcp_table
cat "$tcp_table"
