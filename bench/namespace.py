"""What the Python benchmarks share: they run inside a private network namespace."""
import os
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def enter(script):
    """Re-runs the calling script through tests/run-in-netns.sh unless it runs inside one."""
    if os.environ.get("MCAST_MONITOR_NETNS") != "1":
        runner = os.path.join(TOP, "tests", "run-in-netns.sh")
        os.execv(runner, [runner, sys.executable, os.path.abspath(script)] + sys.argv[1:])


def monitor(build):
    """The mcast-monitor program of a build directory."""
    return os.path.realpath(os.path.join(build, "app", "mcast-monitor"))
