# Windows: Qt's DLLs and plugins and the MSVC runtime beside mcast-monitor.exe, packed into
# an NSIS installer with a Start-menu shortcut and an uninstaller (Add/Remove Programs).
# Included from installer/CMakeLists.txt, after the Qt deploy script.

# The icon Explorer, the taskbar and the shortcut show, and the file's version details.
set(MCAST_MONITOR_ICO ${CMAKE_CURRENT_LIST_DIR}/mcast-monitor.ico)
configure_file(${CMAKE_CURRENT_LIST_DIR}/mcast-monitor.rc.in
    ${CMAKE_CURRENT_BINARY_DIR}/windows/mcast-monitor.rc @ONLY)
target_sources(mcast-monitor PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/windows/mcast-monitor.rc)

if(MSVC)
    # The MSVC runtime DLLs go beside the exe (app-local), so installing needs no vc_redist run.
    set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION ${CMAKE_INSTALL_BINDIR})
    include(InstallRequiredSystemLibraries)
    # windeployqt before Qt 6.5 also drops vc_redist.x64.exe there (QTBUG-111741): not needed.
    install(CODE "
        file(GLOB redist \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/vc_redist.*.exe\")
        if(redist)
            file(REMOVE \${redist})
        endif()
    ")
endif()

# The portable .zip: the same files as the installer, unpacked anywhere.
set(CPACK_GENERATOR NSIS ZIP)
set(CPACK_ARCHIVE_COMPONENT_INSTALL OFF)
set(CPACK_NSIS_PACKAGE_NAME "Multicast Monitor")
set(CPACK_NSIS_DISPLAY_NAME "Multicast Monitor ${PROJECT_VERSION}")
if(CMAKE_SIZEOF_VOID_P EQUAL 8)
    set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
endif()
set(CPACK_NSIS_MUI_ICON ${MCAST_MONITOR_ICO})
set(CPACK_NSIS_MUI_UNIICON ${MCAST_MONITOR_ICO})
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\mcast-monitor.exe")
set(CPACK_NSIS_MUI_FINISHPAGE_RUN mcast-monitor.exe)
set(CPACK_NSIS_URL_INFO_ABOUT ${PROJECT_HOMEPAGE_URL})
set(CPACK_NSIS_HELP_LINK ${PROJECT_HOMEPAGE_URL})
set(CPACK_NSIS_CONTACT ${CPACK_PACKAGE_CONTACT})
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)

if(MINGW)
    # The Qt DLLs and plugins beside the exe (installer/windows/deploy-runtime.cmake.in):
    # the platform plugin and Windows' own widget style.
    set(MCAST_MONITOR_QT_PLUGINS "platforms/qwindows.dll" "styles/qwindowsvistastyle.dll")
    if(NOT MCAST_MONITOR_MINGW_RUNTIME_DIRS)
        include(${CMAKE_CURRENT_LIST_DIR}/mingw-runtime.cmake)
    endif()
    set(MCAST_MONITOR_MINGW_RUNTIME_DIRS_QUOTED)
    foreach(dir IN LISTS MCAST_MONITOR_MINGW_RUNTIME_DIRS)
        string(APPEND MCAST_MONITOR_MINGW_RUNTIME_DIRS_QUOTED " \"${dir}\"")
    endforeach()
    configure_file(${CMAKE_CURRENT_LIST_DIR}/deploy-runtime.cmake.in
        ${CMAKE_CURRENT_BINARY_DIR}/windows/deploy-runtime.cmake @ONLY)
    install(SCRIPT ${CMAKE_CURRENT_BINARY_DIR}/windows/deploy-runtime.cmake)
endif()
