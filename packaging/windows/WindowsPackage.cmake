# SPDX-License-Identifier: GPL-3.0-or-later
# Windows installers for the client: NSIS (an .exe, `cpack -G NSIS`) and WiX (an .msi,
# `cpack -G WIX`). Not built on Debian; docs/packaging.md says how to run them on a Windows
# build machine with Qt 6 and windeployqt.
#
# Unattended branch setup:
#   branchline-0.1.0-win64.exe /S /CONFIG=\\fileserver\it\branch-hz-xh\client.conf
#   msiexec /i branchline-0.1.0-win64.msi /qn BRANCHCONFIG=\\fileserver\it\client.conf
# Either copies the file to %ProgramData%\Branchline\client.conf, where the client reads it.

set(CPACK_GENERATOR "NSIS;WIX")
set(CPACK_COMPONENTS_ALL client)
set(CPACK_PACKAGE_EXECUTABLES "branchline;Branchline")
set(CPACK_CREATE_DESKTOP_LINKS "branchline")

set(CPACK_NSIS_DISPLAY_NAME "Branchline")
set(CPACK_NSIS_PACKAGE_NAME "Branchline ${PROJECT_VERSION}")
set(CPACK_NSIS_MUI_ICON "${CMAKE_CURRENT_LIST_DIR}/branchline.ico")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\branchline.exe")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_EXECUTABLES_DIRECTORY "bin")
set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
# /CONFIG=<file>: the branch configuration, also in silent (/S) installs.
file(READ "${CMAKE_CURRENT_LIST_DIR}/branch-config.nsh" branchline_nsis_branch_config)
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS "${branchline_nsis_branch_config}")
# The branch configuration is IT's: an uninstall leaves it, as the DEB's remove does.

# WiX: a fixed upgrade code, so a newer MSI replaces an older one in place.
set(CPACK_WIX_UPGRADE_GUID "7B0E2C55-6F4A-4E0C-9C1B-5B7A3D2E8F41")
set(CPACK_WIX_PRODUCT_ICON "${CMAKE_CURRENT_LIST_DIR}/branchline.ico")
set(CPACK_WIX_PROGRAM_MENU_FOLDER "Branchline")
set(CPACK_WIX_PATCH_FILE "${CMAKE_CURRENT_LIST_DIR}/branch-config-wix.xml")
set(CPACK_WIX_EXTRA_SOURCES "${CMAKE_CURRENT_LIST_DIR}/branch-config-wix.wxs")
