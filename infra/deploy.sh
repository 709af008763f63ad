#!/usr/bin/env bash
# Deploys DriftWatch into one account:
#   1. driftwatch-central.yaml once, in CENTRAL_REGION;
#   2. driftwatch-region.yaml in every region of REGIONS (the central region
#      included: its CloudTrail changes reach the default bus like any other).
# Each stack is created, or updated if it exists ("no updates" counts as done),
# and the script waits for it. A failed stack prints its events and stops the
# script with a non-zero status (a failed creation is kept as ROLLBACK_COMPLETE
# so its events can be read; the next run deletes and recreates it).
#
# Usage:  infra/deploy.sh [region ...]
# Environment (all optional):
#   CENTRAL_REGION        central region                   (us-east-1)
#   REGIONS               space-separated regions; command-line arguments win
#                                                          (us-east-1 eu-west-1 ap-southeast-2)
#   CENTRAL_STACK_NAME    name of the central stack        (driftwatch-central)
#   REGION_STACK_NAME     name of each regional stack      (driftwatch-region)
#   CENTRAL_PARAMETERS    extra "Key=Value ..." overrides for the central stack,
#                         e.g. "OrganizationId=o-abc1234567 VisibilityTimeoutSeconds=120"
#   REGION_PARAMETERS     extra "Key=Value ..." overrides for the regional stacks
#   AWS_ENDPOINT_URL      emulator endpoint (moto, LocalStack). Passed explicitly
#                         as --endpoint-url: AWS CLI v1 ignores the variable for
#                         some services (SQS in particular).
#
# For every account of an organization use a StackSet instead (infra/README.md).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
central_region="${CENTRAL_REGION:-us-east-1}"
central_stack="${CENTRAL_STACK_NAME:-driftwatch-central}"
region_stack="${REGION_STACK_NAME:-driftwatch-region}"
if [[ $# -gt 0 ]]; then
  regions=("$@")
else
  read -r -a regions <<<"${REGIONS:-us-east-1 eu-west-1 ap-southeast-2}"
fi

endpoint=()
if [[ -n "${AWS_ENDPOINT_URL:-}" ]]; then
  endpoint=(--endpoint-url "$AWS_ENDPOINT_URL")
fi

cfn() { # cfn REGION cloudformation-subcommand args...
  local region="$1"; shift
  aws ${endpoint[@]+"${endpoint[@]}"} --region "$region" cloudformation "$@"
}

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

stack_status() { # prints the status, or NONE when the stack does not exist
  local status
  if status="$(cfn "$1" describe-stacks --stack-name "$2" \
      --query 'Stacks[0].StackStatus' --output text 2>/dev/null)"; then
    echo "$status"
  else
    echo NONE
  fi
}

fail_with_events() { # region stack message
  log "FAILED: $3"
  cfn "$1" describe-stack-events --stack-name "$2" --max-items 25 \
    --query 'StackEvents[].[Timestamp,LogicalResourceId,ResourceType,ResourceStatus,ResourceStatusReason]' \
    --output table >&2 || true
  exit 1
}

wait_for() { # region stack -- polls until the stack leaves every *_IN_PROGRESS state
  local region="$1" stack="$2" status
  for _ in $(seq 1 360); do # 30 minutes at 5 s
    status="$(stack_status "$region" "$stack")"
    case "$status" in
      CREATE_COMPLETE | UPDATE_COMPLETE) log "$stack in $region: $status"; return 0 ;;
      *_IN_PROGRESS) sleep 5 ;;
      *) fail_with_events "$region" "$stack" "$stack in $region ended in $status" ;;
    esac
  done
  fail_with_events "$region" "$stack" "$stack in $region still in progress after 30 minutes"
}

deploy_stack() { # region stack template "Key=Value ..."
  local region="$1" stack="$2" template="$3" params="$4" status output
  local param_args=()
  local kv
  for kv in $params; do
    param_args+=("ParameterKey=${kv%%=*},ParameterValue=${kv#*=}")
  done

  status="$(stack_status "$region" "$stack")"
  case "$status" in
    NONE)
      log "creating $stack in $region"
      cfn "$region" create-stack --stack-name "$stack" --template-body "file://$template" \
        --capabilities CAPABILITY_IAM --on-failure ROLLBACK \
        --tags Key=app,Value=driftwatch \
        ${param_args[@]+"--parameters" "${param_args[@]}"} >/dev/null ||
        fail_with_events "$region" "$stack" "creation of $stack in $region was refused"
      ;;
    ROLLBACK_COMPLETE)
      # A stack whose creation failed can only be deleted; start over.
      log "$stack in $region is ROLLBACK_COMPLETE: deleting it and creating again"
      cfn "$region" delete-stack --stack-name "$stack"
      cfn "$region" wait stack-delete-complete --stack-name "$stack"
      deploy_stack "$@"
      return
      ;;
    *_IN_PROGRESS)
      log "$stack in $region is $status: waiting before updating"
      wait_for "$region" "$stack"
      deploy_stack "$@"
      return
      ;;
    *)
      log "updating $stack in $region (was $status)"
      if ! output="$(cfn "$region" update-stack --stack-name "$stack" --template-body "file://$template" \
          --capabilities CAPABILITY_IAM --tags Key=app,Value=driftwatch \
          ${param_args[@]+"--parameters" "${param_args[@]}"} 2>&1 >/dev/null)"; then
        if [[ "$output" == *"No updates are to be performed"* ]]; then
          log "$stack in $region: already up to date"
          return 0
        fi
        printf '%s\n' "$output" >&2
        fail_with_events "$region" "$stack" "update of $stack in $region was refused"
      fi
      ;;
  esac
  wait_for "$region" "$stack"
}

log "central stack $central_stack in $central_region; regional stacks $region_stack in: ${regions[*]}"
deploy_stack "$central_region" "$central_stack" "$here/driftwatch-central.yaml" "${CENTRAL_PARAMETERS:-}"

# Keep the regional forwarders pointed at the bus the central stack really made.
bus_arn="$(cfn "$central_region" describe-stacks --stack-name "$central_stack" \
  --query "Stacks[0].Outputs[?OutputKey=='EventBusArn'].OutputValue" --output text)"
[[ "$bus_arn" == arn:* ]] || fail_with_events "$central_region" "$central_stack" "central stack has no EventBusArn output"

for region in "${regions[@]}"; do
  deploy_stack "$region" "$region_stack" "$here/driftwatch-region.yaml" \
    "CentralEventBusArn=$bus_arn ${REGION_PARAMETERS:-}"
done
log "done: events from ${#regions[@]} region(s) reach $bus_arn"
