# MCAST_MONITOR_MINGW_RUNTIME_DIRS: the folders of the MinGW runtime DLLs the program
# loads (libstdc++-6, libgcc_s_seh-1, libwinpthread-1), as the compiler names them.
execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libstdc++-6.dll
    OUTPUT_VARIABLE mcast_monitor_libstdcxx OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libwinpthread-1.dll
    OUTPUT_VARIABLE mcast_monitor_winpthread OUTPUT_STRIP_TRAILING_WHITESPACE)
get_filename_component(MCAST_MONITOR_MINGW_RUNTIME_DIRS "${mcast_monitor_libstdcxx}" DIRECTORY)
get_filename_component(mcast_monitor_winpthread_dir "${mcast_monitor_winpthread}" DIRECTORY)
if(NOT mcast_monitor_winpthread_dir STREQUAL "")
    string(APPEND MCAST_MONITOR_MINGW_RUNTIME_DIRS ";${mcast_monitor_winpthread_dir}")
endif()
