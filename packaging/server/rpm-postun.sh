#!/bin/sh
# branchline-server %postun (RPM). RPM has no purge: the data in /var/lib/branchline, the
# config and the branchline user stay, as Fedora's packaging guidelines ask.
[ -d /run/systemd/system ] && systemctl daemon-reload >/dev/null 2>&1
exit 0
