# Linux: the binary, a desktop entry, hicolor icons, AppStream metadata, a man page and the
# Debian copyright and changelog, packaged as a .deb (prefix /usr) and a .tar.gz. Qt comes
# from the distribution: the .deb depends on its Qt packages through dpkg-shlibdeps.
# Included from installer/CMakeLists.txt.

set(linux_dir ${CMAKE_CURRENT_LIST_DIR})
set(linux_out ${CMAKE_CURRENT_BINARY_DIR}/linux)
set(generated_files)

# The desktop entry and the metainfo are named after the application id, as both specs ask.
configure_file(${linux_dir}/mcast-monitor.desktop.in
    ${linux_out}/${MCAST_MONITOR_APP_ID}.desktop @ONLY)
set(MCAST_MONITOR_SCREENSHOT_URL
    "https://raw.githubusercontent.com/mcast-monitor/mcast-monitor/main/docs/screenshot.png")
configure_file(${linux_dir}/mcast-monitor.metainfo.xml.in
    ${linux_out}/${MCAST_MONITOR_APP_ID}.metainfo.xml @ONLY)
install(FILES ${linux_out}/${MCAST_MONITOR_APP_ID}.desktop
    DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${linux_out}/${MCAST_MONITOR_APP_ID}.metainfo.xml
    DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

# Icons: the SVG itself, and PNGs rendered from it for menus and software centres that
# want bitmaps.
set(hicolor ${CMAKE_INSTALL_DATADIR}/icons/hicolor)
install(FILES ${MCAST_MONITOR_SVG_ICON} DESTINATION ${hicolor}/scalable/apps
    RENAME ${MCAST_MONITOR_ICON_NAME}.svg)
find_program(RSVG_CONVERT rsvg-convert)
if(RSVG_CONVERT)
    foreach(size IN ITEMS 16 32 48 64 128 256)
        set(png ${linux_out}/icons/${size}x${size}/${MCAST_MONITOR_ICON_NAME}.png)
        add_custom_command(OUTPUT ${png}
            COMMAND ${RSVG_CONVERT} --width ${size} --height ${size}
                --output ${png} ${MCAST_MONITOR_SVG_ICON}
            DEPENDS ${MCAST_MONITOR_SVG_ICON}
            COMMENT "Rendering ${size}x${size} icon"
            VERBATIM)
        file(MAKE_DIRECTORY ${linux_out}/icons/${size}x${size})
        list(APPEND generated_files ${png})
        install(FILES ${png} DESTINATION ${hicolor}/${size}x${size}/apps)
    endforeach()
else()
    message(WARNING "rsvg-convert (Debian: librsvg2-bin) not found: the packages will carry "
        "only the scalable icon, no PNGs")
endif()

# Debian policy wants man pages and changelogs compressed with gzip -9n.
find_program(GZIP gzip REQUIRED)

# The man page is the built program's --help, so it cannot drift from the options.
find_program(HELP2MAN help2man)
if(HELP2MAN)
    configure_file(${linux_dir}/mcast-monitor.h2m.in ${linux_out}/mcast-monitor.h2m @ONLY)
    add_custom_command(OUTPUT ${linux_out}/mcast-monitor.1 ${linux_out}/mcast-monitor.1.gz
        COMMAND ${HELP2MAN} --no-info
            --name "watch and generate UDP multicast traffic"
            --include ${linux_out}/mcast-monitor.h2m
            --output ${linux_out}/mcast-monitor.1 $<TARGET_FILE:mcast-monitor>
        COMMAND ${GZIP} -9nkf ${linux_out}/mcast-monitor.1
        DEPENDS mcast-monitor ${linux_out}/mcast-monitor.h2m
        COMMENT "Generating the mcast-monitor(1) man page from --help"
        VERBATIM)
    list(APPEND generated_files ${linux_out}/mcast-monitor.1.gz)
    install(FILES ${linux_out}/mcast-monitor.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
    message(WARNING "help2man not found: the packages will have no man page")
endif()

# /usr/share/doc/mcast-monitor: the machine-readable Debian copyright file, with the
# licence text taken from LICENSE (indented, blank lines as "."), and a changelog.
file(READ ${PROJECT_SOURCE_DIR}/LICENSE license_text)
string(REGEX REPLACE "^.*Copyright[^\n]*\n\n" "" license_text "${license_text}")
string(STRIP "${license_text}" license_text)
string(REPLACE "\n\n" "\n.\n" license_text "${license_text}")
string(REPLACE "\n" "\n " MCAST_MONITOR_LICENSE_TEXT " ${license_text}")
configure_file(${linux_dir}/copyright.in ${linux_out}/copyright @ONLY)
configure_file(${linux_dir}/changelog.in ${linux_out}/changelog @ONLY)
add_custom_command(OUTPUT ${linux_out}/changelog.gz
    COMMAND ${GZIP} -9nkf ${linux_out}/changelog
    DEPENDS ${linux_out}/changelog
    VERBATIM)
list(APPEND generated_files ${linux_out}/changelog.gz)
install(FILES ${linux_out}/copyright ${linux_out}/changelog.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})

# A headless probe for Prometheus as a systemd unit, installed disabled (no maintainer
# script enables it), with the example settings file it asks for in /etc.
# The .deb installs under /usr (CPack's packaging prefix), whatever CMAKE_INSTALL_PREFIX says.
set(MCAST_MONITOR_PACKAGED_BINARY /usr/${CMAKE_INSTALL_BINDIR}/mcast-monitor)
configure_file(${linux_dir}/mcast-monitor-probe.service.in ${linux_out}/mcast-monitor-probe.service @ONLY)
install(FILES ${linux_out}/mcast-monitor-probe.service DESTINATION lib/systemd/system)
install(FILES ${linux_dir}/probe.conf DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)

add_custom_target(desktop_integration ALL DEPENDS ${generated_files})

# Qt and everything else come from the system's library path; drop the $ORIGIN/../lib
# RUNPATH that qt_standard_project_setup() gives installed executables.
set_target_properties(mcast-monitor PROPERTIES INSTALL_RPATH "")

# Packages. The tarball unpacks to mcast-monitor-<version>-Linux-<arch>/{bin,share}.
set(CPACK_SYSTEM_NAME ${CMAKE_SYSTEM_NAME}-${CMAKE_SYSTEM_PROCESSOR})
set(CPACK_GENERATOR TGZ)
find_program(DPKG_SHLIBDEPS dpkg-shlibdeps)
if(DPKG_SHLIBDEPS)
    list(PREPEND CPACK_GENERATOR DEB)
else()
    message(STATUS "dpkg-shlibdeps (Debian: dpkg-dev) not found: `package` makes no .deb")
endif()
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Qt loads the SVG icon engine as a plugin at run time, where dpkg-shlibdeps cannot see it.
set(CPACK_DEBIAN_PACKAGE_DEPENDS libqt6svg6)

# The package checks run the packaged binary, so they belong inside the test namespace
# like every other test; RUN_SERIAL keeps lintian off the timing-sensitive tests' cores.
# Only on Debian-like systems (dpkg-deb), where a missing checking tool is then an error.
find_program(DPKG_DEB dpkg-deb)
if(BUILD_TESTING AND DPKG_DEB)
    add_test(NAME package_checks
        COMMAND ${PROJECT_SOURCE_DIR}/installer/check-packages.sh ${CMAKE_BINARY_DIR})
    set_tests_properties(package_checks PROPERTIES
        LABELS packaging
        TIMEOUT 600
        RUN_SERIAL TRUE)
endif()
