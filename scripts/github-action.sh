#!/usr/bin/env bash
# The one step of the GitHub Action (action.yml): installs the suite's runtime dependencies where the action is checked
# out (unless they are there), then runs the gate from the caller's workspace. The inputs arrive as the suite's own
# settings (APIFY_*, CONFORMANCE_*); the arguments are passed on to `apify-conformance run`.
set -euo pipefail
action_path=${ACTION_PATH:?must name the folder of the action}
if [ ! -d "$action_path/node_modules" ]; then
  npm ci --prefix "$action_path" --omit=dev --no-audit --no-fund --loglevel=error
fi
# GitHub sets GITHUB_ACTIONS, so the run annotates each failure and writes the verdict to $GITHUB_STEP_SUMMARY.
exec node "$action_path/bin/apify-conformance.js" run "$@"
