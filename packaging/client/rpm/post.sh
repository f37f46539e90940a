# Unattended branch setup, as the DEB's postinst: BRANCHLINE_BRANCH_CONFIG names the file.
if [ -n "${BRANCHLINE_BRANCH_CONFIG:-}" ] && [ -f "$BRANCHLINE_BRANCH_CONFIG" ]; then
    mkdir -p /etc/branchline
    install -m 0644 "$BRANCHLINE_BRANCH_CONFIG" /etc/branchline/client.conf
fi
