# Finds libpcap: the system's on Linux (Debian: libpcap-dev) and macOS (in the SDK), the
# Npcap SDK on Windows (-DPCAP_ROOT=C:/npcap-sdk, or the PCAP_ROOT environment variable).
# Defines PCAP_FOUND and the imported target PCAP::PCAP.
find_path(PCAP_INCLUDE_DIR NAMES pcap/pcap.h
    HINTS ${PCAP_ROOT} ENV PCAP_ROOT
    PATH_SUFFIXES include Include)
if(WIN32 AND CMAKE_SIZEOF_VOID_P EQUAL 8)
    set(pcap_library_suffixes Lib/x64 lib/x64)
else()
    set(pcap_library_suffixes lib Lib)
endif()
find_library(PCAP_LIBRARY NAMES pcap wpcap
    HINTS ${PCAP_ROOT} ENV PCAP_ROOT
    PATH_SUFFIXES ${pcap_library_suffixes})

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(PCAP REQUIRED_VARS PCAP_LIBRARY PCAP_INCLUDE_DIR
    REASON_FAILURE_MESSAGE "install libpcap (Debian/Ubuntu: libpcap-dev, Fedora: libpcap-devel)")
mark_as_advanced(PCAP_INCLUDE_DIR PCAP_LIBRARY)

if(PCAP_FOUND AND NOT TARGET PCAP::PCAP)
    add_library(PCAP::PCAP UNKNOWN IMPORTED)
    set_target_properties(PCAP::PCAP PROPERTIES
        IMPORTED_LOCATION "${PCAP_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${PCAP_INCLUDE_DIR}")
endif()
