# Number and cell formatting shared by peers-table.jq and tcp-table.jq (jq -L mq-bench).

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
