#!/usr/bin/env bash
# Static checks for infra/ and docker-compose.localstack.yml; CI runs this.
# Exits non-zero on the first class of findings that has any, after running all:
#   1. cfn-lint, every check level including informational, on every template here
#   2. the regional, member and central rules carry the same event pattern
#   3. bash -n (and shellcheck when installed) on the scripts here
#   4. the compose file parses, its depends_on names exist, and - when a compose
#      client is installed - `docker compose config` / `docker-compose config` accepts it
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
if python3 - "$here/driftwatch-region.yaml" "$here/driftwatch-central.yaml" "$here/driftwatch-member.yaml" <<'EOF'; then
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

regional = pattern(sys.argv[1], "ForwardRule")
central = pattern(sys.argv[2], "QueueRule")
member = pattern(sys.argv[3], "ForwardRule")
if not (regional == central == member):
    print(f"regional pattern {regional}\n  central pattern {central}\n   member pattern {member}", file=sys.stderr)
    sys.exit(1)
EOF
  ok "ForwardRule (region, member) and QueueRule share one event pattern"
else
  fail "the event patterns of ForwardRule (region, member) and QueueRule (central) differ"
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

exit "$failed"
