# SPDX-License-Identifier: GPL-3.0-or-later
# The branchline-server package: CPack component "server" (server/CMakeLists.txt installs
# into it). packaging/CMakeLists.txt includes this before include(CPack); the generators,
# component packaging and the maintainer field are set there, for both packages.
set(branchline_server_packaging "${CMAKE_CURRENT_LIST_DIR}")

set(CPACK_COMPONENT_SERVER_DISPLAY_NAME "Branchline server")
# One string: the first line is the summary, CPack indents the rest for Debian.
set(CPACK_COMPONENT_SERVER_DESCRIPTION "Branchline CRM central server
The server that Branchline desktop clients sync with: users, roles and branches, \
customer records, approval flows, the audit trail and a REST API for other systems. \
It stores its data in an embedded SQLite file or in PostgreSQL and runs as the \
systemd service branchline-server, configured in /etc/branchline/server.conf.")

# Debian. Qt's SQL drivers are plugins, which dpkg-shlibdeps cannot see: named here.
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME "branchline-server")
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_SERVER_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, libqt6sql6-sqlite, libqt6sql6-psql")
set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "postgresql (>= 15), postgresql-client, sqlite3")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${branchline_server_packaging}/conffiles"
    "${branchline_server_packaging}/postinst"
    "${branchline_server_packaging}/prerm"
    "${branchline_server_packaging}/postrm")
# Maintainer scripts 0755, conffiles 0644, whatever the checkout's modes.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)

# RPM (Fedora/RHEL names). RPM has no purge: data, config and user stay on erase.
set(CPACK_RPM_SERVER_PACKAGE_NAME "branchline-server")
set(CPACK_RPM_SERVER_PACKAGE_GROUP "Applications/Internet")
set(CPACK_RPM_SERVER_PACKAGE_REQUIRES "shadow-utils, qt6-qtbase, qt6-qtbase-postgresql")
set(CPACK_RPM_SERVER_PACKAGE_SUGGESTS "postgresql-server >= 15, sqlite")
set(CPACK_RPM_SERVER_POST_INSTALL_SCRIPT_FILE "${branchline_server_packaging}/rpm-post.sh")
set(CPACK_RPM_SERVER_PRE_UNINSTALL_SCRIPT_FILE "${branchline_server_packaging}/rpm-preun.sh")
set(CPACK_RPM_SERVER_POST_UNINSTALL_SCRIPT_FILE "${branchline_server_packaging}/rpm-postun.sh")
set(CPACK_RPM_SERVER_USER_FILELIST "%config(noreplace) /etc/branchline/server.conf")
list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /etc /usr/lib/systemd /usr/lib/systemd/system /usr/share/man /usr/share/man/man8)
