#!/bin/sh
# The containers' entrypoint: run one process of the Procfile, the same
# command line `make run` gives honcho, so the two cannot drift.
#
#   deploy/entrypoint.sh catalog                  # the Procfile's "catalog:" line
#   deploy/entrypoint.sh python -m learning.replay --parked   # anything else, as is
#
# exec, twice: the process replaces this shell and is PID 1 of its container,
# so `docker stop` sends SIGTERM to it and it stops gracefully.
set -eu
procfile="${PROCFILE:-$(dirname "$0")/../Procfile}"

if [ "$#" -eq 1 ]; then
  command_line=$(sed -n "s/^$1:[[:space:]]*//p" "$procfile")
  if [ -n "$command_line" ]; then
    exec /bin/sh -c "exec $command_line"
  fi
fi
if [ "$#" -eq 0 ]; then
  echo "usage: $0 PROCESS (one of: $(sed -n 's/^\([A-Za-z0-9_-]*\):.*/\1/p' "$procfile" | tr '\n' ' '))" >&2
  echo "       $0 COMMAND [ARG...]" >&2
  exit 2
fi
exec "$@"
