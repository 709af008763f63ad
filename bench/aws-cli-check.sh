#!/usr/bin/env bash
# The equivalent of `driftwatch check` with the aws CLI alone: describe-trails, then get-trail-status and
# get-event-selectors per trail (in its home region). Prints PASS or FAIL; exits 0 (pass) or 1 (fail).
# PASS: some multi-region trail is logging and records read and write management events (a basic selector with
# ReadWriteType All and IncludeManagementEvents, or an advanced selector on eventCategory Management without readOnly).
# Usage: bench/aws-cli-check.sh REGION [ENDPOINT_URL]   (aws CLI v1 ignores AWS_ENDPOINT_URL for some services)
set -euo pipefail
region="$1"
endpoint=()
[[ -n "${2:-}" ]] && endpoint=(--endpoint-url "$2")
aws_() { aws ${endpoint[@]+"${endpoint[@]}"} --output text "$@"; }

verdict=FAIL
while read -r arn home multi; do
  [[ -z "$arn" || "$multi" != "True" ]] && continue
  logging=$(aws_ --region "$home" cloudtrail get-trail-status --name "$arn" --query IsLogging)
  covers=$(aws_ --region "$home" cloudtrail get-event-selectors --trail-name "$arn" \
    --query "length([EventSelectors[?ReadWriteType=='All' && IncludeManagementEvents==\`true\`] || \`[]\`, AdvancedEventSelectors[?FieldSelectors[?Field=='eventCategory' && contains(Equals, 'Management')] && !(FieldSelectors[?Field=='readOnly'])] || \`[]\`][])")
  if [[ "$logging" == "True" && "$covers" != "0" ]]; then
    verdict=PASS
  fi
done < <(aws_ --region "$region" cloudtrail describe-trails --include-shadow-trails \
  --query 'trailList[].[TrailARN,HomeRegion,IsMultiRegionTrail]')

echo "$verdict"
[[ "$verdict" == PASS ]]
