#!/bin/sh
# branchline-server %post (RPM; $1 is 1 on install, 2 on upgrade). The Debian postinst's
# twin: the system user, the state directory, the service enabled on first install.
getent group branchline >/dev/null || groupadd --system branchline
getent passwd branchline >/dev/null \
    || useradd --system --gid branchline --home-dir /var/lib/branchline --no-create-home \
        --shell /sbin/nologin --comment "Branchline server" branchline
install -d -o branchline -g branchline -m 0700 /var/lib/branchline
chgrp branchline /etc/branchline/server.conf && chmod 0640 /etc/branchline/server.conf
if command -v systemctl >/dev/null; then
    [ "$1" = 1 ] && systemctl enable branchline-server.service >/dev/null 2>&1
    if [ -d /run/systemd/system ]; then
        systemctl daemon-reload >/dev/null 2>&1
        systemctl is-enabled --quiet branchline-server.service \
            && systemctl restart branchline-server.service >/dev/null 2>&1
    fi
fi
exit 0
