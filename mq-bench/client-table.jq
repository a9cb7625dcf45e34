# Rocklet's client vs the official client 5.2.0, both against Apache RocketMQ 5.2.0, as a Markdown
# table with the ratio and the target of each row:
#   jq -rs -L mq-bench -f mq-bench/client-table.jq client.jsonl
# Lines of system "rocklet-client" (mq-bench-peers.jar clients --system rocklet-client) and
# "rocketmq" (the same with --system rocketmq); others are ignored.
# Targets: no row more than 10 % behind the official client (throughput ≥ 0.9×; latency: each
# percentile ≤ 1.1× and the rate held ≥ 0.9×); client allocation per message at most half of the
# official client's.

include "peers-format";

def lines_of($lines; $system; $scenario): [$lines[] | select(.system == $system and .scenario == $scenario)];

# The official client's line of the same variant (send mode) as $line, or null.
def official_of($lines; $line): lines_of($lines; "rocketmq"; $line.scenario) | map(select(.send == $line.send)) | first;

def times($x): if $x >= 10 then "\(dec($x; 0))×" else "\(dec($x; 2))×" end;
def verdict($ok): if $ok then "met" else "**missed**" end;

def throughput_rows($lines; $title; $scenario):
  lines_of($lines; "rocklet-client"; $scenario)[] as $r
  | official_of($lines; $r) as $o
  | "| \($title) | \($r | throughput) | \(if $o then ($o | throughput) else "—" end) | "
    + (if $o then "\(times($r.msgs_per_sec / $o.msgs_per_sec)) | ≥ 0.9× | \(verdict($r.msgs_per_sec >= 0.9 * $o.msgs_per_sec))"
       else "— | ≥ 0.9× | —" end) + " |";

def latency_rows($lines; $title):
  lines_of($lines; "rocklet-client"; "e2e-latency")[] as $r
  | official_of($lines; $r) as $o
  | "| \($title), send \($r.send // "sync") | \($r | latency) | \(if $o then ($o | latency) else "—" end) | "
    + (if $o then "p50 \(times($r.p50_us / $o.p50_us)), p99 \(times($r.p99_us / $o.p99_us)), p99.9 \(times($r.p999_us / $o.p999_us))"
         + " | each ≤ 1.1×, rate held ≥ 0.9× | "
         + verdict($r.p50_us <= 1.1 * $o.p50_us and $r.p99_us <= 1.1 * $o.p99_us and $r.p999_us <= 1.1 * $o.p999_us
                   and $r.sent_per_sec >= 0.9 * $o.sent_per_sec)
       else "— | each ≤ 1.1×, rate held ≥ 0.9× | —" end) + " |";

def bytes($x): "\($x | grouped) B";

def allocation_rows($lines; $title; $scenario):
  lines_of($lines; "rocklet-client"; $scenario)[] as $r
  | official_of($lines; $r) as $o
  | select($r.client_bytes_per_msg != null)
  | "| \($title) | \(bytes($r.client_bytes_per_msg)) | \(if $o and $o.client_bytes_per_msg then bytes($o.client_bytes_per_msg) else "—" end) | "
    + (if $o and $o.client_bytes_per_msg then "\(times($r.client_bytes_per_msg / $o.client_bytes_per_msg)) | ≤ 0.5× | \(verdict($r.client_bytes_per_msg <= 0.5 * $o.client_bytes_per_msg))"
       else "— | ≤ 0.5× | —" end) + " |";

. as $lines
| "| scenario | Rocklet's client | official client 5.2.0 | Rocklet ÷ official | target | |",
  "|---|---|---|---|---|---|",
  throughput_rows($lines; "send-sync, 1 thread"; "send-sync"),
  throughput_rows($lines; "send-async, window 1024"; "send-async"),
  throughput_rows($lines; "e2e-throughput, 1 producer (async, window 1024) + 1 push consumer"; "e2e-throughput"),
  latency_rows($lines; "e2e-latency at 10,000/s: p50 / p99 / p99.9 / max µs"),
  allocation_rows($lines; "client allocation per message, send-sync (sender + client threads)"; "send-sync"),
  allocation_rows($lines; "client allocation per message, send-async"; "send-async"),
  allocation_rows($lines; "client allocation per message, e2e-throughput (producer + consumer)"; "e2e-throughput"),
  "| peak RSS of the run (VmHWM) | "
    + ([("rocklet-client", "rocketmq") as $s | [$lines[] | select(.system == $s) | .peak_rss_mib] | if length == 0 then "—" else "\(max | grouped) MiB" end] | join(" | ")) + " | | | |",
  "| GC time of the run | "
    + ([("rocklet-client", "rocketmq") as $s | [$lines[] | select(.system == $s) | .gc_ms] | if length == 0 then "—" else "\(max | grouped) ms" end] | join(" | ")) + " | | | |"
