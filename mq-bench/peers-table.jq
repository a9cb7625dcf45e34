# Turns the load tools' JSON lines (slurped: jq -rs -f peers-table.jq peers.jsonl) into a Markdown
# table: one row per scenario, one column per system. Where a system printed a scenario more than
# once (Rocklet's idle strategies, the peers' latency send modes), the cell lists each run.

def systems: ["rocklet", "rocketmq", "artemis"];
def heading: {"rocklet": "Rocklet", "rocketmq": "Apache RocketMQ 5.2.0", "artemis": "ActiveMQ Artemis 2.38.0"};

# $x with $d decimals, as text.
def dec($x; $d):
  ($x * pow(10; $d) | round | tostring) as $s
  | if $d == 0 then $s
    else (if ($s | length) <= $d then ("0" * ($d - ($s | length) + 1)) + $s else $s end) as $p
      | $p[0:($p | length) - $d] + "." + $p[($p | length) - $d:]
    end;

# A whole number with thousands separators.
def grouped: round | if . < 1000 then tostring else ((. / 1000 | floor) | grouped) + "," + ("00" + (. % 1000 | tostring))[-3:] end;

def rate($x):
  if $x >= 1e6 then "\(dec($x / 1e6; 2)) M/s"
  elif $x >= 1e4 then "\(dec($x / 1e3; 0)) k/s"
  elif $x >= 1e3 then "\(dec($x / 1e3; 1)) k/s"
  else "\($x | grouped) /s" end;

def millis($x): if $x >= 100 then "\($x | grouped) ms" else "\(dec($x; 1)) ms" end;
def micros($x): if $x < 10 then dec($x; 1) else ($x | grouped) end;

# "park: ", "sync: " … when a line names its variant.
def variant: (.idle_strategy // .send) as $v | if $v then "\($v): " else "" end;

def throughput: variant + rate(.msgs_per_sec);

def oneway:
  variant + rate(.msgs_per_sec)
  + (if .lost != null then "; \(.lost | grouped) of \(.sent | grouped) lost (\(dec(100 * .lost / .sent; 1)) %)" else "" end);

def latency:
  variant + "\(micros(.p50_us)) / \(micros(.p99_us)) / \(micros(.p999_us)) / \(micros(.max_us))"
  + (if .sent_per_sec != null and .sent_per_sec < 0.95 * .rate then " (held \(rate(.sent_per_sec)))" else "" end);

def generic:
  if .msgs_per_sec != null then throughput
  elif .p50_us != null then latency
  else "see peers.jsonl" end;

# One table row: $title, then per system the formatted lines of $scenario (— when none).
def row($lines; $title; $scenario; f):
  "| \($title) | "
  + ([systems[] as $s | [$lines[] | select(.system == $s and .scenario == $scenario) | f]
      | if length == 0 then "—" else join("; ") end] | join(" | "))
  + " |";

def known: ["startup", "send-sync", "send-async", "send-oneway", "e2e-throughput", "e2e-latency"];

def first_of($lines; $scenario): [$lines[] | select(.scenario == $scenario)] | first // {};

def threads($n): if ($n // 1) == 1 then "1 thread" else "\($n) threads" end;

. as $lines
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
