#!/usr/bin/env bash
# Deploys DriftWatch into one account:
#   1. driftwatch-central.yaml once, in CENTRAL_REGION;
#   2. driftwatch-region.yaml in every region of REGIONS (the central region
#      included: its CloudTrail changes reach the default bus like any other);
#   3. with `worker`: driftwatch-worker.yaml, the worker as an ECS service, in
#      CENTRAL_REGION, pointed at the central stack's queue and tables.
# Each stack is created, or updated if it exists ("no updates" counts as done),
# and the script waits for it. A failed stack prints its events and stops the
# script with a non-zero status (a failed creation is kept as ROLLBACK_COMPLETE
# so its events can be read; the next run deletes and recreates it).
#
# Usage:  infra/deploy.sh [region ...]
#         infra/deploy.sh worker --image URI --subnets subnet-a,subnet-b [--vpc vpc-id]
#                                [--security-group sg-id] [--desired-count N]
#                                [--public-ip] [--use-central-role]
#   --image             the image (ECR URI with a tag or digest; see README "Deploy to AWS")
#   --subnets           two or more subnets, comma-separated
#   --vpc               their VPC; read from the first subnet when not given
#   --security-group    an existing group; without it the stack creates one (no ingress, HTTPS egress)
#   --desired-count     tasks (2)
#   --public-ip         public subnets without NAT (a default VPC): give the tasks public addresses
#   --use-central-role  run as the central stack's WorkerRole (organizations: the member reader
#                       roles trust only that role; deploy central with
#                       CENTRAL_PARAMETERS="WorkerTrustedService=ecs-tasks.amazonaws.com")
# Environment (all optional):
#   CENTRAL_REGION        central region                   (us-east-1)
#   REGIONS               space-separated regions; command-line arguments win
#                                                          (us-east-1 eu-west-1 ap-southeast-2)
#   CENTRAL_STACK_NAME    name of the central stack        (driftwatch-central)
#   REGION_STACK_NAME     name of each regional stack      (driftwatch-region)
#   CENTRAL_PARAMETERS    extra "Key=Value ..." overrides for the central stack,
#                         e.g. "OrganizationId=o-abc1234567 VisibilityTimeoutSeconds=120"
#   REGION_PARAMETERS     extra "Key=Value ..." overrides for the regional stacks
#   WORKER_STACK_NAME     name of the worker stack         (driftwatch-worker)
#   WORKER_PARAMETERS     extra "Key=Value ..." overrides for the worker stack,
#                         e.g. "Cpu=512 Memory=1024 CpuArchitecture=ARM64"
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
worker_stack="${WORKER_STACK_NAME:-driftwatch-worker}"
mode=stacks
if [[ "${1:-}" == worker ]]; then
  mode=worker
  shift
  image="" subnets="" vpc="" security_group="" desired_count="" public_ip="" central_role=""
  usage() { echo "usage: infra/deploy.sh worker --image URI --subnets subnet-a,subnet-b [--vpc vpc-id] [--security-group sg-id] [--desired-count N] [--public-ip] [--use-central-role]" >&2; exit 64; }
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --image) image="${2:-}"; shift 2 || usage ;;
      --subnets) subnets="${2:-}"; shift 2 || usage ;;
      --vpc) vpc="${2:-}"; shift 2 || usage ;;
      --security-group) security_group="${2:-}"; shift 2 || usage ;;
      --desired-count) desired_count="${2:-}"; shift 2 || usage ;;
      --public-ip) public_ip=ENABLED; shift ;;
      --use-central-role) central_role=yes; shift ;;
      *) echo "unknown argument: $1" >&2; usage ;;
    esac
  done
  [[ -n "$image" && -n "$subnets" ]] || usage
elif [[ $# -gt 0 ]]; then
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
    if [[ "${kv#*=}" == *,* ]]; then
      # A list (SubnetIds=a,b): quoted, or the CLI's shorthand would split it.
      param_args+=("ParameterKey=${kv%%=*},ParameterValue=\"${kv#*=}\"")
    else
      param_args+=("ParameterKey=${kv%%=*},ParameterValue=${kv#*=}")
    fi
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

central_output() { # key -- prints the central stack's output, or nothing when it has none
  cfn "$central_region" describe-stacks --stack-name "$central_stack" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text 2>/dev/null | grep -v '^None$' || true
}

if [[ "$mode" == worker ]]; then
  if [[ -z "$vpc" ]]; then
    vpc="$(aws ${endpoint[@]+"${endpoint[@]}"} --region "$central_region" ec2 describe-subnets \
      --subnet-ids "${subnets%%,*}" --query 'Subnets[0].VpcId' --output text)" ||
      { log "FAILED: could not read the VPC of subnet ${subnets%%,*} (pass --vpc)"; exit 1; }
  fi
  params="ImageUri=$image SubnetIds=$subnets VpcId=$vpc"
  [[ -n "$security_group" ]] && params+=" SecurityGroupId=$security_group"
  [[ -n "$desired_count" ]] && params+=" DesiredCount=$desired_count"
  [[ -n "$public_ip" ]] && params+=" AssignPublicIp=$public_ip"
  # Point the tasks at the queue and tables the central stack really made (its defaults otherwise).
  for pair in QueueName:QueueName DeadLetterQueueName:DeadLetterQueueName StateTableName:StateTableName \
      TransitionsTableName:TransitionsTableName IncidentsTableName:IncidentsTableName; do
    value="$(central_output "${pair%%:*}")"
    [[ -n "$value" ]] && params+=" ${pair#*:}=$value"
  done
  if [[ -n "$central_role" ]]; then
    role="$(central_output WorkerRoleArn)"
    [[ "$role" == arn:* ]] || { log "FAILED: --use-central-role, but $central_stack in $central_region has no WorkerRoleArn output"; exit 1; }
    params+=" TaskRoleArn=$role"
  fi
  log "worker stack $worker_stack in $central_region: $image on $subnets"
  deploy_stack "$central_region" "$worker_stack" "$here/driftwatch-worker.yaml" "$params ${WORKER_PARAMETERS:-}"
  cluster="$(cfn "$central_region" describe-stacks --stack-name "$worker_stack" \
    --query "Stacks[0].Outputs[?OutputKey=='ClusterName'].OutputValue" --output text)"
  service="$(cfn "$central_region" describe-stacks --stack-name "$worker_stack" \
    --query "Stacks[0].Outputs[?OutputKey=='ServiceName'].OutputValue" --output text)"
  log "done: service $service in cluster $cluster (aws ecs describe-services --cluster $cluster --services $service)"
  exit 0
fi

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
