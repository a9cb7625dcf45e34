# The official RocketMQ client over TCP, Rocklet's endpoint beside Apache RocketMQ 5.2.0, as a
# Markdown table with the ratio and the target of each row:
#   jq -rs -L mq-bench -f mq-bench/tcp-table.jq tcp.jsonl
# Lines of system "rocklet-tcp" (mq-bench-peers.jar --system rocklet-tcp, and mq-bench.jar
# startup-tcp, one line per fresh JVM) and "rocketmq"; others are ignored.

include "peers-format";

def median: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;

def lines_of($lines; $system; $scenario): [$lines[] | select(.system == $system and .scenario == $scenario)];

# The rocketmq line of the same variant (send mode) as $line, or null.
def peer_of($lines; $line): lines_of($lines; "rocketmq"; $line.scenario) | map(select(.send == $line.send)) | first;

def times($x): if $x >= 10 then "\(dec($x; 0))×" else "\(dec($x; 1))×" end;
def verdict($ok): if $ok then "met" else "**missed**" end;

# A throughput row per Rocklet line: ratio Rocklet ÷ RocketMQ, target ≥ 3×.
def throughput_rows($lines; $title; $scenario; f):
  lines_of($lines; "rocklet-tcp"; $scenario)[] as $r
  | peer_of($lines; $r) as $p
  | "| \($title) | \($r | f) | \(if $p then ($p | f) else "—" end) | "
    + (if $p then "\(times($r.msgs_per_sec / $p.msgs_per_sec)) | ≥ 3× | \(verdict($r.msgs_per_sec >= 3 * $p.msgs_per_sec))"
       else "— | ≥ 3× | —" end) + " |";

# A latency row per Rocklet line: ratio RocketMQ p99 ÷ Rocklet p99, target ≥ 5× (p99 ≤ one fifth).
def latency_rows($lines; $title):
  lines_of($lines; "rocklet-tcp"; "e2e-latency")[] as $r
  | peer_of($lines; $r) as $p
  | "| \($title), send \($r.send // "sync") | \($r | latency) | \(if $p then ($p | latency) else "—" end) | "
    + (if $p then "p99 \(times($p.p99_us / $r.p99_us)) lower | p99 ≤ ⅕ | \(verdict(5 * $r.p99_us <= $p.p99_us))"
       else "— | p99 ≤ ⅕ | —" end) + " |";

. as $lines
| lines_of($lines; "rocklet-tcp"; "startup-tcp") as $starts
| (lines_of($lines; "rocklet-tcp"; "startup") | first) as $rs
| (lines_of($lines; "rocketmq"; "startup") | first) as $ps
| "| scenario | Rocklet TCP endpoint | Apache RocketMQ 5.2.0 | Rocklet vs RocketMQ | target | |",
  "|---|---|---|---|---|---|",
  (if ($starts | length) > 0 then
    ([$starts[] | .cold_accept_ms]) as $accept
    | ([$starts[] | .cold_route_ms]) as $route
    | " (median, min–max, of \($starts | length) fresh JVMs; logging initialized before, \(millis([$starts[] | .logging_init_ms // 0] | median)) not counted)" as $how
    | "| start() → endpoint accepts a connection\($how) | \(millis($accept | median)) (\(millis($accept | min))–\(millis($accept | max))) | — | — | ≤ 150 ms | \(verdict(($accept | median) <= 150)) |",
      "| start() → endpoint answers a route request\($how) | \(millis($route | median)) (\(millis($route | min))–\(millis($route | max))) | — | — | ≤ 150 ms | \(verdict(($route | median) <= 150)) |",
      "| start() → accepts / answers, another broker in the same JVM (median) | \(millis([$starts[] | .warm_accept_ms] | median)) / \(millis([$starts[] | .warm_route_ms] | median)) | — | — | ≤ 150 ms | \(verdict(([$starts[] | .warm_route_ms] | median) <= 150)) |"
   else empty end),
  (if $rs or $ps then
    "| startup: fresh JVM → first message consumed (official push consumer) | \(if $rs then millis($rs.cold_ms) else "—" end) | \(if $ps then millis($ps.cold_ms) else "—" end) | \(if $rs and $ps then "\(times($ps.cold_ms / $rs.cold_ms)) sooner" else "—" end) | — | |",
    "| startup: another broker in the same JVM | \(if $rs then millis($rs.warm_ms) else "—" end) | \(if $ps then millis($ps.warm_ms) else "—" end) | \(if $rs and $ps then "\(times($ps.warm_ms / $rs.warm_ms)) sooner" else "—" end) | — | |"
   else empty end),
  throughput_rows($lines; "send-sync, 1 thread"; "send-sync"; throughput),
  throughput_rows($lines; "send-async, window 1024"; "send-async"; throughput),
  throughput_rows($lines; "send-oneway, 1 thread: sent/s; lost"; "send-oneway"; oneway),
  throughput_rows($lines; "e2e-throughput, 1 producer (async, window 1024) + 1 push consumer"; "e2e-throughput"; throughput),
  latency_rows($lines; "e2e-latency at 10,000/s: p50 / p99 / p99.9 / max µs"),
  "| peak RSS of the run (VmHWM) | "
    + ([("rocklet-tcp", "rocketmq") as $s | [$lines[] | select(.system == $s and .scenario != "startup-tcp") | .peak_rss_mib] | if length == 0 then "—" else "\(max | grouped) MiB" end] | join(" | ")) + " | | | |"
