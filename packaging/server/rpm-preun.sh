#!/bin/sh
# branchline-server %preun (RPM; $1 is 0 when the package is erased, 1 on upgrade).
if [ "$1" = 0 ] && command -v systemctl >/dev/null; then
    [ -d /run/systemd/system ] && systemctl stop branchline-server.service >/dev/null 2>&1
    systemctl disable branchline-server.service >/dev/null 2>&1
fi
exit 0
