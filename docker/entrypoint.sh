#!/bin/sh
# Container entry point: the auditor's own exit code (0 clean, 1 findings, 2 bad input, 3
# infrastructure) is the container's, so a Kubernetes Job or a CI step can act on it. Only /reports and /tmp are writable.
set -eu

# Heap from the container's memory limit, not the node's; an OutOfMemoryError ends the run with a
# non-zero exit instead of leaving a half-alive JVM. Nothing is written to HOME (there is none).
# JAVA_OPTS comes last so an operator can override any of these.
# shellcheck disable=SC2086 # JAVA_OPTS is a list of JVM flags: word splitting is wanted.
exec java \
  -XX:MaxRAMPercentage=75 \
  -XX:+ExitOnOutOfMemoryError \
  -Djava.io.tmpdir=/tmp \
  ${JAVA_OPTS:-} \
  -jar "${ACR_AUDITOR_JAR:-/app/acr-auditor.jar}" "$@"
