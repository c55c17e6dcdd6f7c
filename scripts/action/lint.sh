#!/usr/bin/env bash
# The body of action.yml (the composite GitHub Action), kept as a script so it can be run
# and tested outside GitHub. Inputs arrive as LOOPSCOPE_* environment variables; GitHub's
# GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files receive the outputs and the Markdown summary.
#
# One text run for the job log (its exit code is the step's), then the SARIF file and the
# summary from the same inputs. Their exit codes do not change the step's: the text run
# already decided. The SARIF run's says whether the sarif-file output names a file.
set -uo pipefail
set -f # paths are split on spaces but never globbed by the shell; globs belong in the config

loopscope=(${LOOPSCOPE_COMMAND:-npx --yes loopscope})
paths=(${LOOPSCOPE_PATHS:-.})
args=()
[ -n "${LOOPSCOPE_CONFIG:-}" ] && args+=(--config "$LOOPSCOPE_CONFIG")
[ -n "${LOOPSCOPE_BASELINE:-}" ] && args+=(--baseline "$LOOPSCOPE_BASELINE")
[ "${LOOPSCOPE_STRICT_BASELINE:-false}" = "true" ] && args+=(--strict-baseline)
[ -n "${LOOPSCOPE_FAIL_ON:-}" ] && args+=(--fail-on "$LOOPSCOPE_FAIL_ON")

"${loopscope[@]}" lint "${paths[@]}" "${args[@]}" --format text
code=$?

# sarif-file names only a file this run wrote: a lint that ends with 0 or 1 has written its
# report; one that ends otherwise wrote none (or part of one), and a file already at that
# path (an earlier run's) must not be uploaded as this one's.
sarif_file=
if [ -n "${LOOPSCOPE_SARIF_FILE:-}" ] && [ "$code" -ne 2 ]; then
  sarif_errors=$("${loopscope[@]}" lint "${paths[@]}" "${args[@]}" --format sarif --output "$LOOPSCOPE_SARIF_FILE" 2>&1 >/dev/null)
  sarif_code=$?
  if { [ "$sarif_code" -eq 0 ] || [ "$sarif_code" -eq 1 ]; } && [ -f "$LOOPSCOPE_SARIF_FILE" ]; then
    sarif_file=$LOOPSCOPE_SARIF_FILE
    # Findings left out for GitHub's 25,000-result limit are said in the log, never silently.
    printf '%s\n' "$sarif_errors" | grep 'left out of the SARIF log' >&2 || true
  else
    # The text run did not meet this (an unwritable path): say why there is no SARIF file.
    printf '%s\n' "$sarif_errors" >&2
  fi
fi
if [ "${LOOPSCOPE_SUMMARY:-true}" = "true" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ "$code" -ne 2 ]; then
  "${loopscope[@]}" lint "${paths[@]}" "${args[@]}" --format markdown >> "$GITHUB_STEP_SUMMARY" 2>/dev/null
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "exit-code=$code" >> "$GITHUB_OUTPUT"
  echo "sarif-file=$sarif_file" >> "$GITHUB_OUTPUT"
fi
exit "$code"
