#!/usr/bin/env bash
# DriftWatch end to end on a laptop, in about a minute, against moto (no AWS account needed):
# build the CLI, start moto on a free port, deploy infra/, create a compliant multi-region trail, start a
# local SOC webhook and `driftwatch watch`, then stop logging, watch the incident open, start logging again,
# watch it resolve, see a refused StopLogging reported as a denied attempt, blind the monitor (the forwarder rule of one
# region loses its target: its heartbeats stop, a monitoring incident opens, and resolves once the target is back),
# print the history, and end with the auditor's report of this very run (text here, HTML in a file).
# Every process started here is ended on exit, Ctrl+C or failure.
#
# Needs: dotnet SDK 10, moto_server, aws CLI (v1 is fine), python3.
# Usage: demo/run.sh            (from any directory)
# Env:   DEMO_TIMEOUT  seconds to wait for each expected step (60)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
timeout="${DEMO_TIMEOUT:-60}"
work="$(mktemp -d "${TMPDIR:-/tmp}/driftwatch-demo.XXXXXX")"
account=123456789012 # moto's default account
trail=org-audit
home=eu-west-1      # the trail's home region
central=us-east-1   # where the queue, tables and worker live
bucket=driftwatch-demo-logs

if [[ -t 1 ]]; then bold=$'\e[1m' green=$'\e[32m' red=$'\e[31m' off=$'\e[0m'; else bold="" green="" red="" off=""; fi
step=0
say() { step=$((step + 1)); printf '\n%s%d. %s%s\n' "$bold" "$step" "$*" "$off"; }
note() { printf '   %s\n' "$*"; }
fail() { printf '\n%sFAILED: %s%s\n' "$red" "$*" "$off" >&2; exit 1; }
now_ms() { date +%s%3N; }
since() { local ms=$(( $(now_ms) - $1 )); printf '%d.%03d' $((ms / 1000)) $((ms % 1000)); }

# --- every process we start is recorded here and ended by its PID --------------------------------------------------
declare -A pids=()
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n "${pids[watch]:-}" ]] && kill -0 "${pids[watch]}" 2>/dev/null; then
    # SIGTERM lets the worker finish its long poll and in-flight evaluations; it exits 0 when it stopped cleanly.
    kill -TERM "${pids[watch]}" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "${pids[watch]}" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "${pids[watch]}" 2>/dev/null || true
  fi
  for name in webhook moto; do
    [[ -n "${pids[$name]:-}" ]] && kill -TERM "${pids[$name]}" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  printf '\nLogs: %s\n' "$work"
  printf '  watch.log   the worker (Serilog, text)      webhook.log  what the SOC received\n'
  printf '  moto.log    the emulator                    deploy.log   infra/deploy.sh\n'
  [[ -f "$work/report.html" ]] && printf '  report.html the auditor'"'"'s report of this run (open it in a browser)\n'
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Waits until a command succeeds, or fails the demo with a message naming what did not happen.
wait_for() { # description command...
  local what="$1"; shift
  local deadline=$(( $(date +%s) + timeout ))
  until "$@"; do
    [[ -z "${pids[watch]:-}" ]] || kill -0 "${pids[watch]}" 2>/dev/null || fail "the worker exited; see $work/watch.log"
    (( $(date +%s) < deadline )) || fail "$what did not happen within ${timeout} s; logs in $work"
    sleep 0.2
  done
}

for tool in dotnet moto_server aws python3; do
  command -v "$tool" >/dev/null || fail "$tool is not on PATH (needs: dotnet SDK, moto_server, aws CLI, python3)"
done

say "Build the CLI once (Release, into $work/app)"
dotnet build "$repo/src/DriftWatch.Cli/DriftWatch.Cli.csproj" -c Release -o "$work/app" --nologo -v quiet >"$work/build.log" 2>&1 ||
  { cat "$work/build.log" >&2; fail "dotnet build failed"; }
driftwatch() { dotnet "$work/app/driftwatch.dll" "$@"; }

say "Start moto (the AWS emulator) on a free loopback port"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# emulator/moto_server.py is moto_server with DynamoDB's item operations kept atomic (see emulator/README.md).
python3 "$repo/emulator/moto_server.py" -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
pids[moto]=$!
endpoint="http://127.0.0.1:$port"
moto_up() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }
wait_for "moto answering on $endpoint" moto_up
note "moto: $endpoint"

# Only the emulator and its dummy keys: nothing from your own AWS profile is used.
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_DEFAULT_PROFILE
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION="$central" AWS_DEFAULT_REGION="$central"
export AWS_ENDPOINT_URL="$endpoint" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
# aws CLI v1 ignores AWS_ENDPOINT_URL for some services (SQS among them): pass it on every call.
awsx() { aws --endpoint-url "$endpoint" "$@"; }

say "Deploy infra/ (central stack in $central, forwarders in $central $home ap-southeast-2)"
CENTRAL_REGION="$central" "$repo/infra/deploy.sh" "$central" "$home" ap-southeast-2 >"$work/deploy.log" 2>&1 ||
  { cat "$work/deploy.log" >&2; fail "infra/deploy.sh failed"; }
note "queue driftwatch-events, tables driftwatch-state/-transitions/-incidents, one forwarding rule per region"

say "Create a compliant trail: multi-region, homed in $home, all management events (read and write), logging"
awsx --region "$central" s3api create-bucket --bucket "$bucket" >/dev/null
# The bucket policy AWS requires before CreateTrail (moto does not check it; DriftWatch does): CloudTrail may read the
# bucket's ACL and write this trail's logs, on behalf of this trail only.
account="$(awsx sts get-caller-identity --query Account --output text)"
trail_arn="arn:aws:cloudtrail:$home:$account:trail/$trail"
awsx --region "$central" s3api put-bucket-policy --bucket "$bucket" --policy "$(cat <<JSON
{"Version":"2012-10-17","Statement":[
 {"Sid":"AWSCloudTrailAclCheck","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:GetBucketAcl",
  "Resource":"arn:aws:s3:::$bucket","Condition":{"StringEquals":{"aws:SourceArn":"$trail_arn"}}},
 {"Sid":"AWSCloudTrailWrite","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject",
  "Resource":"arn:aws:s3:::$bucket/AWSLogs/$account/*",
  "Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control","aws:SourceArn":"$trail_arn"}}}]}
JSON
)"
awsx --region "$home" cloudtrail create-trail --name "$trail" --s3-bucket-name "$bucket" --is-multi-region-trail >/dev/null
awsx --region "$home" cloudtrail put-event-selectors --trail-name "$trail" \
  --event-selectors '[{"ReadWriteType":"All","IncludeManagementEvents":true}]' >/dev/null
awsx --region "$home" cloudtrail start-logging --name "$trail"
note "trail $trail: multi-region, home $home, ReadWriteType All, logging"

say "Start the SOC's webhook receiver (demo/webhook_receiver.py); it prints each notice it receives"
secret="demo-secret-$RANDOM$RANDOM"
python3 -u "$repo/demo/webhook_receiver.py" "$work/webhook.port" "$secret" >"$work/webhook.log" 2>&1 &
pids[webhook]=$!
wait_for "the webhook receiver listening" test -s "$work/webhook.port"
webhook="http://127.0.0.1:$(cat "$work/webhook.port")/soc/incidents"
note "webhook: $webhook (HMAC-signed with a per-run secret)"

run_started="$(date -u +%Y-%m-%dT%H:%M:%SZ)" # the report's window starts here
say "Start the worker: driftwatch watch (logs in $work/watch.log)"
# A 2 s long poll instead of 20 s only so that the demo's final stop is quick; events are seen at once either way.
# DriftWatch:Regions names the three regions with a forwarder: any other watched region would be a blind spot.
# Heartbeats every 5 s (blind after 15 s) instead of 5 min (blind after 11 min), so the demo's blinding shows at once.
DriftWatch__Aws__EndpointUrl="$endpoint" \
DriftWatch__Aws__Region="$central" \
DriftWatch__Sweep__Interval=00:01:00 \
DriftWatch__Regions__0="$central" DriftWatch__Regions__1="$home" DriftWatch__Regions__2=ap-southeast-2 \
DriftWatch__Heartbeat__Interval=00:00:05 DriftWatch__Heartbeat__Timeout=00:00:15 \
DriftWatch__Queue__WaitTimeSeconds=2 \
DriftWatch__Incidents__Webhook__Url="$webhook" \
DriftWatch__Incidents__Webhook__Secret="$secret" \
  dotnet "$work/app/driftwatch.dll" watch >"$work/watch.stdout" 2>"$work/watch.log" &
pids[watch]=$!
history_has() { # jq-free: python reads `history --output json` and checks the newest transition
  driftwatch history --output json 2>/dev/null | python3 -c '
import json, sys
rows = json.load(sys.stdin)
sys.exit(0 if rows and rows[0]["to"] == sys.argv[1] and (sys.argv[2] == "-" or any(e["eventName"] == sys.argv[2] for e in rows[0]["cause"]["events"])) else 1)' "$@"
}
wait_for "the worker's first sweep recording the account as passing" history_has pass -
note "the start-up sweep evaluated account $account: pass (one sweep a minute from now on)"

say "One-off audit: driftwatch check"
driftwatch check --region "$central" || fail "driftwatch check did not pass (exit $?)"

notice_count() { [[ -f "$work/webhook.port.jsonl" ]] && wc -l <"$work/webhook.port.jsonl" || echo 0; }
has_notice() { grep -q "\"type\":\"$1\"" "$work/webhook.port.jsonl" 2>/dev/null; }
publish() { # eventName [errorCode]: the CloudTrail record AWS would put on the default bus of $home
  local entries
  entries="$(python3 - "$1" "$home" "$account" "$trail" "${2:-}" <<'PY'
import datetime, json, sys, uuid
name, region, account, trail, error = sys.argv[1:]
detail = {
    "eventVersion": "1.09", "eventSource": "cloudtrail.amazonaws.com", "eventName": name,
    "awsRegion": region, "eventID": str(uuid.uuid4()),
    "eventTime": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "recipientAccountId": account, "sourceIPAddress": "203.0.113.7", "userAgent": "aws-cli/1.45 demo",
    "userIdentity": {"type": "IAMUser", "arn": f"arn:aws:iam::{account}:user/mallory", "accountId": account},
    "requestParameters": {"name": trail},
}
if error:  # AWS records a refused call with its error and no response
    detail.update({"errorCode": error, "errorMessage": f"User is not authorized to perform: cloudtrail:{name}", "responseElements": None})  # the request is kept, the response is null
print(json.dumps([{"Source": "aws.cloudtrail", "DetailType": "AWS API Call via CloudTrail", "Detail": json.dumps(detail)}]))
PY
)"
  awsx --region "$home" events put-events --entries "$entries" --query FailedEntryCount --output text | grep -qx 0 ||
    fail "put-events refused the $1 event"
}

say "Drift: mallory stops logging in $home"
awsx --region "$home" cloudtrail stop-logging --name "$trail"
note "moto emits no CloudTrail events of its own, so we publish the StopLogging record AWS would send to"
note "EventBridge in $home; the forwarder rule carries it to the central bus and queue in $central."
t0=$(now_ms)
publish StopLogging
t0_published="$(since "$t0")"
wait_for "an incident.opened notice at the webhook" has_notice incident.opened
opened="$(since "$t0")"
printf '%s   incident opened %s s after put-events was called%s (the call itself, aws CLI start-up and moto'"'"'s synchronous\n   EventBridge-to-SQS delivery included, took %s s)\n' "$green" "$opened" "$off" "$t0_published"
note "what the SOC received:"
cat "$work/webhook.log"
wait_for "the fail transition in history" history_has fail StopLogging
driftwatch incidents --open

say "Fix: logging started again in $home"
awsx --region "$home" cloudtrail start-logging --name "$trail"
t1=$(now_ms)
publish StartLogging
t1_published="$(since "$t1")"
wait_for "an incident.resolved notice at the webhook" has_notice incident.resolved
resolved="$(since "$t1")"
printf '%s   incident resolved %s s after put-events was called%s (the call itself took %s s)\n' "$green" "$resolved" "$off" "$t1_published"
note "what the SOC received:"
tail -n 2 "$work/webhook.log"
wait_for "the pass transition in history" history_has pass StartLogging
driftwatch incidents

say "An attempt: mallory tries StopLogging again, and AWS refuses it (AccessDenied)"
note "nothing changes, so no incident; but someone tried, and the SOC hears it as attempt.denied"
publish StopLogging AccessDenied
wait_for "an attempt.denied notice at the webhook" has_notice attempt.denied
tail -n 1 "$work/webhook.log"

say "Blinding the monitor: mallory removes the target of the forwarder rule in ap-southeast-2"
note "with the forwarder silenced first, a StopLogging there would never reach DriftWatch. So DriftWatch puts a"
note "heartbeat on each watched region's default bus, which only that region's forwarder rule brings back."
note "(On AWS, disable-rule silences it too; moto still delivers through a disabled rule, so the demo cuts the target.)"
blind_region=ap-southeast-2
forwarder_targets="$(awsx --region "$blind_region" events list-targets-by-rule --rule driftwatch-forwarder --query Targets --output json)"
# shellcheck disable=SC2046 # one argument per target id
awsx --region "$blind_region" events remove-targets --rule driftwatch-forwarder \
  --ids $(python3 -c 'import json, sys; print(" ".join(t["Id"] for t in json.load(sys.stdin)))' <<<"$forwarder_targets") >/dev/null
has_monitoring() { # type: a notice of that type about a monitoring incident
  python3 -c '
import json, sys
for line in open(sys.argv[1]):
    n = json.loads(line)
    if n.get("type") == sys.argv[2] and n.get("kind") == "monitoring":
        sys.exit(0)
sys.exit(1)' "$work/webhook.port.jsonl" "$1" 2>/dev/null
}
t2=$(now_ms)
wait_for "a monitoring incident.opened at the webhook (heartbeats from $blind_region stop arriving)" has_monitoring incident.opened
printf '%s   monitoring incident opened %s s after the target was removed%s (timeout 15 s)\n' "$green" "$(since "$t2")" "$off"
grep -F "[monitoring]" "$work/webhook.log" | tail -n 1
awsx --region "$blind_region" events put-targets --rule driftwatch-forwarder --targets "$forwarder_targets" >/dev/null
wait_for "the monitoring incident.resolved (heartbeats from $blind_region arriving again)" has_monitoring incident.resolved
grep -F "[monitoring]" "$work/webhook.log" | tail -n 1

say "The record: driftwatch history (newest first; the denied attempt is listed with the transitions)"
driftwatch history

say "Stop the worker (SIGTERM) and check that it exits cleanly"
kill -TERM "${pids[watch]}"
stop_started=$(now_ms)
for _ in $(seq 1 $((timeout * 10))); do kill -0 "${pids[watch]}" 2>/dev/null || break; sleep 0.1; done
kill -0 "${pids[watch]}" 2>/dev/null && fail "the worker was still running ${timeout} s after SIGTERM"
worker_exit=0
wait "${pids[watch]}" || worker_exit=$?
unset 'pids[watch]'
[[ "$worker_exit" == 0 ]] || fail "the worker exited with $worker_exit after SIGTERM; see $work/watch.log"
note "worker exited 0, $(since "$stop_started") s after SIGTERM"

say "Evidence for auditors: driftwatch report of this run (since $run_started)"
driftwatch report --since "$run_started" || fail "driftwatch report failed (exit $?)"
driftwatch report --since "$run_started" --output html --out "$work/report.html" 2>/dev/null ||
  fail "driftwatch report --output html failed (exit $?)"
note "the same report as one self-contained HTML file (timeline, gaps, exceptions, the control's mapping):"
note "$work/report.html"

printf '\n%sDone.%s incident opened in %s s, resolved in %s s (from the put-events call to the webhook).\n' \
  "$bold" "$off" "$opened" "$resolved"
printf 'Report for auditors: %s\n' "$work/report.html"
