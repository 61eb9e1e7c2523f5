#!/usr/bin/env bash
# Makes sure nginx is on PATH: installs Debian's package with apt-get when it is missing and
# this runs as root; otherwise says what to install and exits 1. The replicas test
# (tests/integration/replicas.int.test.ts) and `npm run load -- --proxy` run it when they
# find no nginx; .ci/run runs it on a fresh machine.
set -euo pipefail

if command -v nginx >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "nginx is not installed and this user cannot install it: run \`sudo apt-get install nginx\`" \
    "(Debian and Ubuntu) or install nginx 1.22 or later by other means, then try again" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "nginx is not installed and there is no apt-get here: install nginx 1.22 or later, then try again" >&2
  exit 1
fi
echo "Installing nginx with apt-get" >&2
# The package's service is not needed (the project starts nginx with its own configuration);
# where a policy-rc.d forbids starting services, it is not started either.
apt-get update -q >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nginx >&2
command -v nginx >/dev/null 2>&1 || {
  echo "apt-get installed nginx but it is not on PATH (it lives in /usr/sbin)" >&2
  exit 1
}
