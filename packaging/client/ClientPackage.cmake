# SPDX-License-Identifier: GPL-3.0-or-later
# The client's files beside the binary (desktop entry, AppStream metainfo, icons, man page,
# the branch configuration example) and its DEB/RPM settings. Included from
# packaging/CMakeLists.txt before CPack.
include(GNUInstallDirs)

set(branchline_client_dir "${CMAKE_CURRENT_LIST_DIR}")
set(branchline_app_id "cn.branchline.Branchline")

configure_file("${branchline_client_dir}/${branchline_app_id}.metainfo.xml.in"
    "${CMAKE_CURRENT_BINARY_DIR}/${branchline_app_id}.metainfo.xml" @ONLY)
configure_file("${branchline_client_dir}/branchline.1.in"
    "${CMAKE_CURRENT_BINARY_DIR}/branchline.1" @ONLY)

install(FILES "${branchline_client_dir}/${branchline_app_id}.desktop"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/applications" COMPONENT client)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/${branchline_app_id}.metainfo.xml"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo" COMPONENT client)
install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/branchline.svg"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps" COMPONENT client)
foreach(size 16 24 32 48 64 128 256 512)
    install(FILES "${branchline_client_dir}/icons/branchline-${size}.png"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps"
        RENAME branchline.png COMPONENT client)
endforeach()
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/branchline.1"
    DESTINATION "${CMAKE_INSTALL_MANDIR}/man1" COMPONENT client)
# Debian's layout: /usr/share/doc/<package>/, with the licence as its copyright file.
install(FILES "${branchline_client_dir}/client.conf.example"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/branchline" COMPONENT client)
install(FILES "${PROJECT_SOURCE_DIR}/packaging/copyright"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/branchline" COMPONENT client)

# DEB: the libraries the binaries link come from dpkg-shlibdeps; what Qt loads at run time
# (the SVG icon engine) and what the keychain talks to are named here.
set(CPACK_DEBIAN_CLIENT_PACKAGE_NAME "branchline")
set(CPACK_DEBIAN_CLIENT_PACKAGE_SECTION "office")
set(CPACK_DEBIAN_CLIENT_PACKAGE_DEPENDS "libqt6svg6")
set(CPACK_DEBIAN_CLIENT_PACKAGE_RECOMMENDS
    "gnome-keyring | kwalletmanager | keepassxc, fonts-noto-cjk, qt6-translations-l10n")
set(CPACK_DEBIAN_CLIENT_DESCRIPTION
    "Offline, encrypted CRM client for payment institutions and lenders
 Branchline is the desktop client of a customer relationship system for the
 branch and sales staff of payment institutions and internet-finance lenders.
 It keeps the records its user may see in an encrypted local store, works
 without a connection and synchronises every edit when the server is back.
 .
 IT can preconfigure a branch with /etc/branchline/client.conf; an unattended
 install takes that file from BRANCHLINE_BRANCH_CONFIG.")
set(CPACK_DEBIAN_CLIENT_PACKAGE_CONTROL_EXTRA
    "${branchline_client_dir}/debian/postinst;${branchline_client_dir}/debian/postrm")
set(CPACK_DEBIAN_CLIENT_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_RPM_CLIENT_PACKAGE_NAME "branchline")
set(CPACK_RPM_CLIENT_PACKAGE_GROUP "Applications/Productivity")
set(CPACK_RPM_CLIENT_PACKAGE_SUMMARY "Offline, encrypted CRM client for payment institutions")
set(CPACK_RPM_CLIENT_PACKAGE_SUGGESTS "gnome-keyring, google-noto-sans-cjk-fonts")
set(CPACK_RPM_CLIENT_POST_INSTALL_SCRIPT_FILE "${branchline_client_dir}/rpm/post.sh")
