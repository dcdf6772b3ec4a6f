#!/usr/bin/env bash
# The data gate: the checks CI runs on data/ for every pull request and push to main.
# Usage: tools/check-data.sh [--base REF] [--data DIR] [--out DIR] [--now ISO-8601] [--preview NAME]
#   --base REF  the git revision holding what was published (a pull request's base, the
#               previous commit on main); lists open there may change only with a new amendment.
#   --preview NAME  build the site as the preview of a change (a pull request's pr-12): marked as
#               such on every page, never indexed, for <site url>xem-truoc/NAME/ (or SITE_URL).
# Inside GitHub Actions, problems become annotations on the pull request's lines and a report
# goes to the job summary; inside GitLab CI, a Code Quality report (gl-code-quality-report.json,
# or $CODE_QUALITY_REPORT) that GitLab shows on the merge request's lines.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh runtime

common=() build_only=() validate_only=()
while [ $# -gt 0 ]; do
  case "$1" in
    --base|--data|--now) common+=("$1" "$2"); shift 2 ;;
    --out|--preview) build_only+=("$1" "$2"); shift 2 ;;
    *) echo "tools/check-data.sh: không hiểu tham số '$1'" >&2; exit 2 ;;
  esac
done
if [ -n "${GITHUB_ACTIONS:-}" ]; then
  validate_only+=(--format github)
  [ -n "${GITHUB_STEP_SUMMARY:-}" ] && validate_only+=(--summary "$GITHUB_STEP_SUMMARY")
fi

report=/dev/stdout
if [ -n "${GITLAB_CI:-}" ]; then
  validate_only+=(--format gitlab)
  # The merge request's note (.gitlab-ci.yml): what the public will see change, in Vietnamese.
  [ -n "${CHANGE_SUMMARY:-}" ] && validate_only+=(--summary "$CHANGE_SUMMARY")
  report=${CODE_QUALITY_REPORT:-gl-code-quality-report.json}
fi

.venv/bin/site-builder validate --strict "${common[@]}" "${validate_only[@]}" > "$report"
# Editors' completion (VS Code) offers the values of schemas/values.schema.json: say when it lags.
data_dir=data
for ((i = 0; i < ${#common[@]}; i++)); do [ "${common[$i]}" = --data ] && data_dir=${common[$((i + 1))]}; done
.venv/bin/site-builder schema --check --data "$data_dir"
.venv/bin/site-builder build --strict --quiet "${common[@]}" "${build_only[@]}"
echo "Dữ liệu đạt mọi kiểm tra và đã dựng thành trang." >&2
