# Turns the load tools' JSON lines (slurped: jq -rs -L mq-bench -f mq-bench/peers-table.jq peers.jsonl) into a Markdown
# table: one row per scenario, one column per system. Where a system printed a scenario more than
# once (Rocklet's idle strategies, the peers' latency send modes), the cell lists each run. Lines
# of other systems (rocklet-tcp: see tcp-table.jq) are left out.

include "peers-format";

def systems: ["rocklet", "rocketmq", "artemis"];
def heading: {"rocklet": "Rocklet", "rocketmq": "Apache RocketMQ 5.2.0", "artemis": "ActiveMQ Artemis 2.38.0"};

# One table row: $title, then per system the formatted lines of $scenario (— when none).
def row($lines; $title; $scenario; f):
  "| \($title) | "
  + ([systems[] as $s | [$lines[] | select(.system == $s and .scenario == $scenario) | f]
      | if length == 0 then "—" else join("; ") end] | join(" | "))
  + " |";

def known: ["startup", "send-sync", "send-async", "send-oneway", "e2e-throughput", "e2e-latency"];

def first_of($lines; $scenario): [$lines[] | select(.scenario == $scenario)] | first // {};

def threads($n): if ($n // 1) == 1 then "1 thread" else "\($n) threads" end;

[.[] | select(.system as $s | systems | index($s))] as $lines
| "| scenario | " + ([systems[] | heading[.]] | join(" | ")) + " |",
  "|---|" + ([systems[] | "---"] | join("|")) + "|",
  row($lines; "startup: fresh JVM → first message consumed"; "startup"; millis(.cold_ms)),
  row($lines; "startup: another broker in the same JVM"; "startup"; if .warm_ms then millis(.warm_ms) else "—" end),
  row($lines; "send-sync, \(threads(first_of($lines; "send-sync").threads))"; "send-sync"; throughput),
  row($lines; "send-async, window \(first_of($lines; "send-async").window // "—")"; "send-async"; throughput),
  row($lines; "send-oneway, \(threads(first_of($lines; "send-oneway").threads)): sent/s; lost"; "send-oneway"; oneway),
  row($lines; "e2e-throughput, 1 producer + 1 push consumer"; "e2e-throughput"; throughput),
  row($lines; "e2e-latency at \(first_of($lines; "e2e-latency").rate // 10000 | grouped)/s: p50 / p99 / p99.9 / max µs"; "e2e-latency"; latency),
  ([$lines[] | .scenario | select(. as $s | known | index($s) | not)] | unique[] as $other
    | row($lines; $other; $other; generic)),
  "| peak RSS of the run (VmHWM) | "
    + ([systems[] as $s | [$lines[] | select(.system == $s) | .peak_rss_mib] | if length == 0 then "—" else "\(max | grouped) MiB" end] | join(" | ")) + " |",
  "| GC time of the run | "
    + ([systems[] as $s | [$lines[] | select(.system == $s) | .gc_ms] | if length == 0 then "—" else millis(max) end] | join(" | ")) + " |"
