# SPDX-License-Identifier: GPL-3.0-or-later
# macOS: an application bundle in a DMG (`cpack -G DragNDrop`). Not built on Debian;
# docs/packaging.md says how to run it on a Mac with Qt 6 (macdeployqt) and how to sign it.
#
# Branch configuration: IT (or the MDM profile) places client.conf in
# /Library/Application Support/Branchline/client.conf; a DMG takes no parameters, so the
# unattended route is the MDM's file payload or `sudo cp` in its install script.

set(CPACK_GENERATOR "DragNDrop")
set(CPACK_COMPONENTS_ALL client)
set(CPACK_DMG_VOLUME_NAME "Branchline ${PROJECT_VERSION}")
set(CPACK_DMG_FORMAT "UDBZ")
set(CPACK_BUNDLE_NAME "Branchline")

set_target_properties(branchline PROPERTIES
    MACOSX_BUNDLE ON
    MACOSX_BUNDLE_BUNDLE_NAME "Branchline"
    MACOSX_BUNDLE_GUI_IDENTIFIER "cn.branchline.Branchline"
    MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
    MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
    MACOSX_BUNDLE_ICON_FILE "branchline.icns"
    MACOSX_BUNDLE_INFO_PLIST "${CMAKE_CURRENT_LIST_DIR}/Info.plist.in")
