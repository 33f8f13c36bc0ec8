#!/usr/bin/env bash
# apt-install.sh PACKAGE...: installs the given Debian packages (the callers pass
# only what is missing), with sudo when not run as root. Nothing to do for none.
set -euo pipefail
(($# == 0)) && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
echo "Installing Debian packages: $*"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@"
