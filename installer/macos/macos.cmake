# macOS: an app bundle (Info.plist, .icns) with Qt's frameworks and plugins inside, on a
# drag-and-drop .dmg beside a link to /Applications. Included from installer/CMakeLists.txt.

set(MCAST_MONITOR_ICNS ${CMAKE_CURRENT_LIST_DIR}/mcast-monitor.icns)
target_sources(mcast-monitor PRIVATE ${MCAST_MONITOR_ICNS})
set_target_properties(mcast-monitor PROPERTIES
    MACOSX_BUNDLE TRUE
    MACOSX_BUNDLE_INFO_PLIST ${CMAKE_CURRENT_LIST_DIR}/Info.plist.in
    MACOSX_BUNDLE_BUNDLE_NAME "Multicast Monitor"
    MACOSX_BUNDLE_GUI_IDENTIFIER ${MCAST_MONITOR_APP_ID}
    MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
    MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION}
    MACOSX_BUNDLE_COPYRIGHT "Copyright ${MCAST_MONITOR_COPYRIGHT}"
    MACOSX_BUNDLE_ICON_FILE mcast-monitor.icns
    RESOURCE ${MCAST_MONITOR_ICNS})

set(CPACK_GENERATOR DragNDrop)
set(CPACK_DMG_VOLUME_NAME "Multicast Monitor")
set(CPACK_PACKAGE_ICON ${MCAST_MONITOR_ICNS})
