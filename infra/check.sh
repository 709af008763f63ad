#!/usr/bin/env bash
# Static checks for infra/ and docker-compose.localstack.yml; CI runs this.
# Exits non-zero on the first class of findings that has any, after running all:
#   1. cfn-lint, every check level including informational, on every template here
#   2. the regional, member and central rules carry the same event pattern, and its API-call part lists exactly
#      the sources and calls of src/DriftWatch.Core/Monitoring/MonitoredCalls.cs
#   3. bash -n (and shellcheck when installed) on the scripts here
#   4. the compose file parses, its depends_on names exist, and - when a compose
#      client is installed - `docker compose config` / `docker-compose config` accepts it
#   5. the Dockerfile's structure (it cannot be built here: no Docker engine): an SDK
#      build stage and a runtime(-deps) final stage, a non-root USER, ENTRYPOINT
#      `driftwatch watch`, a HEALTHCHECK through `driftwatch health`, no secret in an
#      ARG or ENV, every src/ project restored, a .dockerignore that keeps .git out;
#      hadolint too when installed
#   6. the systemd unit (driftwatch.service): hardened, restarted on failure, and
#      given more time to stop than the worker's drain
# Needs cfn-lint and python3 with PyYAML (cfn-lint brings it). Never touches AWS.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
compose="$root/docker-compose.localstack.yml"
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }
ok() { echo "ok:   $*"; }

# 1. cfn-lint --------------------------------------------------------------
mapfile -t templates < <(find "$here" -maxdepth 1 -type f \( -name '*.yaml' -o -name '*.yml' \) | sort)
if ! command -v cfn-lint >/dev/null; then
  fail "cfn-lint is not installed"
elif [[ ${#templates[@]} -eq 0 ]]; then
  fail "no templates found under $here"
elif cfn-lint --include-checks I -- "${templates[@]}"; then
  ok "cfn-lint: ${templates[*]##*/}"
else
  fail "cfn-lint reported findings"
fi

# 2. one event pattern -----------------------------------------------------
if python3 - "$here/driftwatch-region.yaml" "$here/driftwatch-central.yaml" "$here/driftwatch-member.yaml" "$root/src/DriftWatch.Core/Monitoring/MonitoredCalls.cs" <<'EOF'; then
import re
import sys
import yaml

class CfnLoader(yaml.SafeLoader):
    pass

# Short-form intrinsics (!Ref, !Sub, ...) load as plain values; only the
# literal EventPattern is compared.
CfnLoader.add_multi_constructor("!", lambda loader, suffix, node: None)

def pattern(path, logical_id):
    with open(path) as f:
        doc = yaml.load(f, Loader=CfnLoader)
    return doc["Resources"][logical_id]["Properties"]["EventPattern"]

def monitored_calls(path):
    """The detail-type, and the calls by source, as MonitoredCalls.cs declares them."""
    with open(path) as f:
        text = f.read()
    detail_type = re.search(r'ApiCallDetailType\s*=\s*"([^"]+)"', text).group(1)
    lists = {name: re.findall(r'"([^"]+)"', body)
             for name, body in re.findall(r'IReadOnlyList<string>\s+(\w+)\s*\{\s*get;\s*\}\s*=\s*\[([^\]]*)\]', text)}
    by_source = {source: lists.get(name, []) for source, name in re.findall(r'\["([^"]+)"\]\s*=\s*(\w+),', text)}
    if not by_source or any(not calls for calls in by_source.values()):
        sys.exit(f"could not read BySource from {path}")
    return detail_type, by_source

def api_call_branch(pattern, detail_type):
    """The pattern itself, or its one $or branch for API calls (a heartbeat branch may sit beside it)."""
    branches = pattern.get("$or", [pattern]) if isinstance(pattern, dict) else []
    matching = [b for b in branches if isinstance(b, dict) and b.get("detail-type") == [detail_type]]
    if len(matching) != 1:
        sys.exit(f"want exactly one pattern branch with detail-type [{detail_type}], found {len(matching)}")
    return matching[0]

regional = pattern(sys.argv[1], "ForwardRule")
central = pattern(sys.argv[2], "QueueRule")
member = pattern(sys.argv[3], "ForwardRule")
if not (regional == central == member):
    print(f"regional pattern {regional}\n  central pattern {central}\n   member pattern {member}", file=sys.stderr)
    sys.exit(1)

detail_type, by_source = monitored_calls(sys.argv[4])
branch = api_call_branch(regional, detail_type)
problems = []
sources, names = branch.get("source", []), (branch.get("detail") or {}).get("eventName", [])
if sorted(sources) != sorted(by_source):
    problems.append(f"sources {sorted(sources)} differ from MonitoredCalls.BySource {sorted(by_source)}")
wanted = [name for calls in by_source.values() for name in calls]
if sorted(names) != sorted(wanted):
    missing, extra = sorted(set(wanted) - set(names)), sorted(set(names) - set(wanted))
    problems.append(f"detail.eventName differs from MonitoredCalls: missing {missing}, not monitored {extra}"
                    + ("" if missing or extra else " (a name listed twice)"))
for problem in problems:
    print(problem, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
  ok "ForwardRule (region, member) and QueueRule share one event pattern, carrying every source and call of MonitoredCalls"
else
  fail "the event patterns of ForwardRule (region, member) and QueueRule (central) differ from each other or from MonitoredCalls"
fi

# 3. scripts -----------------------------------------------------------------
for script in "$here"/*.sh; do
  bash -n "$script" || fail "bash -n $script"
  if command -v shellcheck >/dev/null; then
    shellcheck "$script" || fail "shellcheck $script"
  fi
done
ok "scripts parse$(command -v shellcheck >/dev/null || echo ' (shellcheck not installed: skipped)')"

# 4. compose file ------------------------------------------------------------
if python3 - "$compose" <<'EOF'; then
import sys
import yaml

with open(sys.argv[1]) as f:
    doc = yaml.safe_load(f)
services = doc.get("services") or {}
problems = [f"missing service {name}" for name in ("localstack", "moto", "deploy", "worker") if name not in services]
for name, service in services.items():
    for dependency in service.get("depends_on") or {}:
        if dependency not in services:
            problems.append(f"{name} depends on unknown service {dependency}")
for problem in problems:
    print(problem, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
  ok "compose file parses as YAML, services and depends_on consistent"
else
  fail "compose file: YAML or structure"
fi

if docker compose version >/dev/null 2>&1; then
  compose_cli=(docker compose)
elif command -v docker-compose >/dev/null; then
  compose_cli=(docker-compose)
else
  compose_cli=()
fi
if [[ ${#compose_cli[@]} -eq 0 ]]; then
  ok "no compose client installed: 'compose config' skipped"
elif "${compose_cli[@]}" -f "$compose" config -q; then
  ok "${compose_cli[*]} config accepts the compose file"
else
  fail "${compose_cli[*]} config rejected the compose file"
fi

# 5. Dockerfile ------------------------------------------------------------------
if python3 - "$root" <<'EOF'; then
import glob, json, os, re, sys

root = sys.argv[1]
problems = []
with open(os.path.join(root, "Dockerfile")) as f:
    text = f.read()
# One instruction per logical line: join continuations, drop comments and the parser directive.
lines = [l for l in re.sub(r"\\\n", " ", text).splitlines() if l.strip() and not l.lstrip().startswith("#")]
instructions = [(l.split(None, 1)[0].upper(), l.split(None, 1)[1].strip() if len(l.split(None, 1)) > 1 else "") for l in lines]

stages = [arg for op, arg in instructions if op == "FROM"]
if len(stages) < 2:
    problems.append(f"want a multi-stage build (SDK, then runtime), found {len(stages)} FROM")
elif "dotnet/sdk:" not in stages[0]:
    problems.append(f"the first stage should build with the .NET SDK image: {stages[0]}")
if stages and not re.search(r"dotnet/runtime(-deps)?:", stages[-1]):
    problems.append(f"the final stage should be a runtime or runtime-deps image: {stages[-1]}")

final = []
for op, arg in instructions:
    final = [] if op == "FROM" else final + [(op, arg)]
users = [arg for op, arg in final if op == "USER"]
if not users:
    problems.append("the final stage sets no USER: it would run as root")
elif users[-1].split(":")[0] in ("root", "0", ""):
    problems.append(f"the final stage runs as {users[-1]}")

def exec_form(op):
    args = [arg for o, arg in final if o == op]
    if not args:
        return None
    arg = args[-1]
    if op == "HEALTHCHECK":
        arg = arg[arg.find("CMD") + 3:].strip() if "CMD" in arg else ""
    try:
        value = json.loads(arg)
    except ValueError:
        problems.append(f"{op} should be in exec (JSON) form, so that SIGTERM reaches the worker: {arg}")
        return None
    return value if isinstance(value, list) else None

entry = exec_form("ENTRYPOINT")
if not entry or not entry[0].endswith("driftwatch") or entry[1:] != ["watch"]:
    problems.append(f'ENTRYPOINT should run `driftwatch watch`, found {entry}')
health = exec_form("HEALTHCHECK")
if not health or not health[0].endswith("driftwatch") or health[1:2] != ["health"]:
    problems.append(f"HEALTHCHECK should probe /healthz with `driftwatch health`, found {health}")

secret = re.compile(r"(secret|password|passwd|token|credential|access_?key|private_?key|webhook__url)", re.I)
for op, arg in instructions:
    if op == "ARG" and secret.search(arg.split("=")[0]):
        problems.append(f"ARG {arg}: build arguments are kept in the image history; never pass a secret this way")
    if op == "ENV":
        for name in re.findall(r"([A-Za-z_][A-Za-z0-9_]*)=", arg):
            if secret.search(name):
                problems.append(f"ENV {name}: a secret baked into the image")

copied = " ".join(arg for op, arg in instructions if op == "COPY")
for project in sorted(glob.glob(os.path.join(root, "src", "*", "*.csproj"))):
    relative = os.path.relpath(project, root)
    if relative not in copied:
        problems.append(f"{relative} is not copied before the restore: the restore layer would miss it")

ignore = os.path.join(root, ".dockerignore")
if not os.path.exists(ignore):
    problems.append("no .dockerignore: the build context would carry .git, tests and local files")
else:
    with open(ignore) as f:
        patterns = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    if "**" not in patterns and ".git" not in patterns:
        problems.append(".dockerignore lets .git into the build context (start it with ** or list .git)")

for problem in problems:
    print(problem, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
  ok "Dockerfile: SDK build then runtime stage, non-root USER, ENTRYPOINT driftwatch watch, HEALTHCHECK driftwatch health, no secrets, .dockerignore"
else
  fail "Dockerfile structure"
fi
if command -v hadolint >/dev/null; then
  hadolint "$root/Dockerfile" || fail "hadolint Dockerfile"
else
  ok "hadolint not installed: skipped"
fi

# 6. systemd unit --------------------------------------------------------------
unit="$here/driftwatch.service"
if python3 - "$unit" <<'EOF'; then
import re, sys

problems = []
settings = {}
with open(sys.argv[1]) as f:
    for line in f:
        line = line.strip()
        if "=" in line and not line.startswith(("#", ";", "[")):
            key, value = line.split("=", 1)
            settings.setdefault(key.strip(), []).append(value.strip())

def one(key):
    return settings.get(key, [None])[-1]

for key, want in [("ProtectSystem", "strict"), ("NoNewPrivileges", "yes"), ("Restart", "on-failure"), ("KillSignal", "SIGTERM")]:
    if one(key) != want:
        problems.append(f"{key}={one(key)}, want {want}")
if one("DynamicUser") != "yes" and one("User") in (None, "root", "0"):
    problems.append("runs as root: set DynamicUser=yes or a dedicated User=")
if not (one("ExecStart") or "").rstrip().endswith(" watch"):
    problems.append(f"ExecStart should run `driftwatch watch`: {one('ExecStart')}")

def seconds(value):
    match = re.fullmatch(r"(\d+)\s*(s|sec)?", value or "")
    return int(match.group(1)) if match else None

drain = 25
for environment in settings.get("Environment", []):
    match = re.search(r"DriftWatch__Shutdown__Timeout=(\d+):(\d+):(\d+)", environment)
    if match:
        h, m, s = map(int, match.groups())
        drain = h * 3600 + m * 60 + s
stop = seconds(one("TimeoutStopSec"))
if stop is None or stop <= drain:
    problems.append(f"TimeoutStopSec={one('TimeoutStopSec')} must exceed the worker's drain ({drain} s)")

for problem in problems:
    print(problem, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
  ok "driftwatch.service: hardened, Restart=on-failure, TimeoutStopSec above the drain"
else
  fail "systemd unit $unit"
fi
if command -v systemd-analyze >/dev/null; then
  # The unit names the installed binary, which a checkout does not have: that one finding is expected.
  findings="$(systemd-analyze verify "$unit" 2>&1 | grep -v 'is not executable' || true)"
  if [[ -n "$findings" ]]; then
    printf '%s\n' "$findings" >&2
    fail "systemd-analyze verify $unit"
  else
    ok "systemd-analyze verify accepts driftwatch.service"
  fi
fi

exit "$failed"
